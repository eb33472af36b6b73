import { toUnixSeconds } from './clock'
import type { Customer, SandboxState } from './model'
import { randomFor } from './random'
import type { SandboxContext } from './routing'
import { newCustomer, newRelation } from './seed/customers'
import { customerEntry } from './seed/group-chats'

/**
 * Test hooks that change the corp the way WeCom users would between two syncs (a customer added,
 * deleted or renamed, a group's membership changed). They bypass the API on purpose.
 */

function customerOrThrow(state: SandboxState, externalUserid: string): Customer {
  const customer = state.customerById.get(externalUserid)
  if (!customer) throw new Error(`sandbox: no customer ${externalUserid}`)
  return customer
}

/** Adds a customer followed by `userid`, added just now; returns its external_userid. */
export function addCustomer(context: SandboxContext, input: { userid: string; name?: string }): string {
  const { state } = context
  if (!state.memberById.has(input.userid)) throw new Error(`sandbox: no member ${input.userid}`)
  const random = randomFor(state.seed, 'added-customer', state.customers.length, context.now())
  const customer = newCustomer(random)
  if (input.name) customer.name = input.name
  const relation = newRelation(random, customer, input.userid, state.members, state.tagGroups, state.seededDayMs)
  relation.createTime = toUnixSeconds(context.now())
  customer.follows.push(relation)
  state.customers.push(customer)
  state.customerById.set(customer.externalUserid, customer)
  const list = state.customersByMember.get(input.userid)
  if (list) list.push(customer)
  else state.customersByMember.set(input.userid, [customer])
  return customer.externalUserid
}

/** Deletes the customer and all follow relations (as if every member deleted them). */
export function removeCustomer(state: SandboxState, externalUserid: string): void {
  const customer = customerOrThrow(state, externalUserid)
  state.customerById.delete(externalUserid)
  state.customers = state.customers.filter((candidate) => candidate !== customer)
  for (const relation of customer.follows) {
    const list = state.customersByMember.get(relation.userid)
    if (list)
      state.customersByMember.set(
        relation.userid,
        list.filter((candidate) => candidate !== customer),
      )
  }
}

/** The customer changes their WeChat name (seen by externalcontact/get and batch/get_by_user). */
export function renameCustomer(state: SandboxState, externalUserid: string, name: string): void {
  customerOrThrow(state, externalUserid).name = name
}

/**
 * Changes a group's membership so its member_version changes: a customer of the owner who is
 * not in the group joins, or, when there is none, the last customer member leaves.
 */
export function touchGroup(context: SandboxContext, chatId: string): void {
  const { state } = context
  const chat = state.groupChatById.get(chatId)
  if (!chat) throw new Error(`sandbox: no group chat ${chatId}`)
  const present = new Set(chat.members.map((member) => member.userid))
  const joining = (state.customersByMember.get(chat.owner) ?? []).find(
    (customer) => !present.has(customer.externalUserid),
  )
  if (joining) {
    const random = randomFor(state.seed, 'touch-group', chatId, chat.version)
    chat.members.push(customerEntry(random, joining, chat.owner, toUnixSeconds(context.now())))
  } else {
    const lastCustomer = chat.members.findLastIndex((member) => member.type === 2)
    if (lastCustomer >= 0) chat.members.splice(lastCustomer, 1)
  }
  chat.version++
}
