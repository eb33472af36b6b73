/**
 * read: safe to send again. write: changes state, never re-sent unless WeCom proved it was not
 * executed. upload: creates temporary media; a duplicate is harmless, so it retries like a read.
 */
export type EndpointKind = 'read' | 'write' | 'upload'

/** One WeCom API as the transport needs to know it. */
export interface EndpointSpec {
  /** Path relative to /cgi-bin/. */
  readonly path: string
  readonly method: 'GET' | 'POST'
  readonly kind: EndpointKind
  /** gettoken is the only call made without an access_token. */
  readonly auth?: false
  /** The answer is a file rather than JSON (media/get). */
  readonly binary?: true
}

/**
 * Every WeCom API the console calls, in one table: the transport takes path, method and
 * read/write from here, and the domain modules only shape requests and responses.
 */
export const WECOM_ENDPOINTS = {
  getToken: { path: 'gettoken', method: 'GET', kind: 'read', auth: false },

  // Members
  getFollowUserList: { path: 'externalcontact/get_follow_user_list', method: 'GET', kind: 'read' },
  listDepartments: { path: 'department/list', method: 'GET', kind: 'read' },
  listUsersSimple: { path: 'user/simplelist', method: 'GET', kind: 'read' },
  getUser: { path: 'user/get', method: 'GET', kind: 'read' },

  // Customers
  listCustomerIds: { path: 'externalcontact/list', method: 'GET', kind: 'read' },
  getCustomer: { path: 'externalcontact/get', method: 'GET', kind: 'read' },
  batchGetCustomersByUser: { path: 'externalcontact/batch/get_by_user', method: 'POST', kind: 'read' },
  remarkCustomer: { path: 'externalcontact/remark', method: 'POST', kind: 'write' },

  // Corp tags
  getCorpTagList: { path: 'externalcontact/get_corp_tag_list', method: 'POST', kind: 'read' },
  addCorpTag: { path: 'externalcontact/add_corp_tag', method: 'POST', kind: 'write' },
  editCorpTag: { path: 'externalcontact/edit_corp_tag', method: 'POST', kind: 'write' },
  deleteCorpTag: { path: 'externalcontact/del_corp_tag', method: 'POST', kind: 'write' },
  markTag: { path: 'externalcontact/mark_tag', method: 'POST', kind: 'write' },

  // Customer groups
  listGroupChats: { path: 'externalcontact/groupchat/list', method: 'POST', kind: 'read' },
  getGroupChat: { path: 'externalcontact/groupchat/get', method: 'POST', kind: 'read' },

  // Mass messages (企业群发)
  addMsgTemplate: { path: 'externalcontact/add_msg_template', method: 'POST', kind: 'write' },
  getGroupMsgListV2: { path: 'externalcontact/get_groupmsg_list_v2', method: 'POST', kind: 'read' },
  getGroupMsgTask: { path: 'externalcontact/get_groupmsg_task', method: 'POST', kind: 'read' },
  getGroupMsgSendResult: { path: 'externalcontact/get_groupmsg_send_result', method: 'POST', kind: 'read' },
  remindGroupMsgSend: { path: 'externalcontact/remind_groupmsg_send', method: 'POST', kind: 'write' },
  cancelGroupMsgSend: { path: 'externalcontact/cancel_groupmsg_send', method: 'POST', kind: 'write' },

  // Moments (客户朋友圈)
  addMomentTask: { path: 'externalcontact/add_moment_task', method: 'POST', kind: 'write' },
  getMomentTaskResult: { path: 'externalcontact/get_moment_task_result', method: 'GET', kind: 'read' },
  cancelMomentTask: { path: 'externalcontact/cancel_moment_task', method: 'POST', kind: 'write' },
  getMomentList: { path: 'externalcontact/get_moment_list', method: 'POST', kind: 'read' },
  getMomentTask: { path: 'externalcontact/get_moment_task', method: 'POST', kind: 'read' },
  getMomentCustomerList: { path: 'externalcontact/get_moment_customer_list', method: 'POST', kind: 'read' },
  getMomentSendResult: { path: 'externalcontact/get_moment_send_result', method: 'POST', kind: 'read' },
  getMomentComments: { path: 'externalcontact/get_moment_comments', method: 'POST', kind: 'read' },

  // Group welcome templates (入群欢迎语素材)
  addGroupWelcomeTemplate: { path: 'externalcontact/group_welcome_template/add', method: 'POST', kind: 'write' },
  editGroupWelcomeTemplate: { path: 'externalcontact/group_welcome_template/edit', method: 'POST', kind: 'write' },
  getGroupWelcomeTemplate: { path: 'externalcontact/group_welcome_template/get', method: 'POST', kind: 'read' },
  deleteGroupWelcomeTemplate: { path: 'externalcontact/group_welcome_template/del', method: 'POST', kind: 'write' },

  // Statistics
  getUserBehaviorData: { path: 'externalcontact/get_user_behavior_data', method: 'POST', kind: 'read' },
  getGroupChatStatistic: { path: 'externalcontact/groupchat/statistic', method: 'POST', kind: 'read' },
  getGroupChatStatisticByDay: {
    path: 'externalcontact/groupchat/statistic_group_by_day',
    method: 'POST',
    kind: 'read',
  },

  // Media
  uploadMedia: { path: 'media/upload', method: 'POST', kind: 'upload' },
  uploadImage: { path: 'media/uploadimg', method: 'POST', kind: 'upload' },
  uploadAttachment: { path: 'media/upload_attachment', method: 'POST', kind: 'upload' },
  getMedia: { path: 'media/get', method: 'GET', kind: 'read', binary: true },
} as const satisfies Record<string, EndpointSpec>
