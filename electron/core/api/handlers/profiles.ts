import type { Handlers } from '../../../../shared/contract'
import type { CoreContext } from '../../context'

/** profiles:* — connection profiles; changes are broadcast and the active connection follows. */
export function profileHandlers(ctx: CoreContext): Handlers['profiles'] {
  const { profiles, connection, events, workspaces } = ctx
  const publish = async () => events.emit('profiles:onChanged', await profiles.list(ctx.locale()))
  const summaryOf = async (id: string) => (await profiles.list(ctx.locale())).find((p) => p.id === id)!

  return {
    list: async () => profiles.list(ctx.locale()),
    save: async (input) => {
      const saved = await profiles.save(input)
      await publish()
      if (profiles.activeId() === saved.id) void connection.activate()
      return summaryOf(saved.id)
    },
    remove: async ({ id }) => {
      const wasActive = profiles.activeId() === id
      await profiles.remove(id)
      workspaces.deleteProfile(id)
      await publish()
      if (wasActive) void connection.activate()
      return { id }
    },
    activate: async ({ id }) => {
      profiles.setActive(id)
      await publish()
      return connection.activate()
    },
    testConnection: async ({ id }) => connection.test(id),
  }
}
