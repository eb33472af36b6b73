import type { Handlers } from '../../../../shared/contract'
import type { CoreContext } from '../../context'

/** profiles:* — connection profiles; changes are broadcast and the active connection follows. */
export function profileHandlers(ctx: CoreContext): Handlers['profiles'] {
  const { profiles, connection, events, workspaces } = ctx
  /** Broadcasts the list and returns it. */
  const publish = async () => {
    const list = await profiles.list(ctx.locale())
    events.emit('profiles:onChanged', list)
    return list
  }

  return {
    list: async () => profiles.list(ctx.locale()),
    save: async (input) => {
      const saved = await profiles.save(input)
      const list = await publish()
      if (profiles.activeId() === saved.id) void connection.activate()
      return list.find((p) => p.id === saved.id)!
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
      // Check the workspace in a worker before anything uses it (damage is recorded, not thrown).
      await workspaces.prepare(id)
      await publish()
      events.emit('profiles:onWorkspaceHealth', workspaces.health(id, ctx.locale()))
      return connection.activate()
    },
    testConnection: async ({ id }) => connection.test(id),
    workspaceHealth: async () => {
      const id = ctx.activeProfileId()
      await workspaces.prepare(id)
      return workspaces.health(id, ctx.locale())
    },
    startFreshWorkspace: async () => {
      const id = ctx.activeProfileId()
      await workspaces.startFresh(id)
      // Reconnect, so the scheduled and unfinished sends of the restored journal are resumed.
      void connection.activate()
      return workspaces.health(id, ctx.locale())
    },
  }
}
