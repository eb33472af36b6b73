import type { RouteTable } from '../routing'
import { requiredString } from '../request-fields'
import { WeComError } from '../wecom-error'

/** gettoken [2.1]: corpid 40013, missing secret 41004, wrong secret 40001; a new token every call. */
export const authRoutes: RouteTable = {
  gettoken: {
    method: 'GET',
    auth: false,
    write: false,
    handle(context, { query }) {
      if (query.corpid !== context.settings.corpid) throw new WeComError(40013, 'invalid corpid')
      const secret = requiredString(query, 'corpsecret', 41004)
      if (secret !== context.settings.secret) throw new WeComError(40001, 'invalid credential')
      const { accessToken, expiresIn } = context.tokens.issue()
      return { access_token: accessToken, expires_in: expiresIn }
    },
  },
}
