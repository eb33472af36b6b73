import { appMessageRoutes } from './handlers/app-messages'
import { authRoutes } from './handlers/auth'
import { customerRoutes } from './handlers/customers'
import { groupChatRoutes } from './handlers/group-chats'
import { massMessageRoutes } from './handlers/mass-messages'
import { mediaRoutes } from './handlers/media'
import { memberRoutes } from './handlers/members'
import { momentRoutes } from './handlers/moments'
import { statisticsRoutes } from './handlers/statistics'
import { tagRoutes } from './handlers/tags'
import { welcomeTemplateRoutes } from './handlers/welcome-templates'
import type { RouteTable } from './routing'

/** Every WeCom API the sandbox implements, by path relative to /cgi-bin/. */
export const SANDBOX_ROUTES: RouteTable = {
  ...authRoutes,
  ...memberRoutes,
  ...customerRoutes,
  ...tagRoutes,
  ...groupChatRoutes,
  ...massMessageRoutes,
  ...momentRoutes,
  ...welcomeTemplateRoutes,
  ...statisticsRoutes,
  ...mediaRoutes,
  ...appMessageRoutes,
}
