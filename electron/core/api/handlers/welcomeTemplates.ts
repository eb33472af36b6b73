import type { Handlers } from '../../../../shared/contract'
import { SANDBOX_PROFILE_ID } from '../../../../shared/profiles'
import type { CoreContext } from '../../context'
import { LocalMediaService } from '../../media/local-media'
import { copyToLibrary } from '../../services/welcomeTemplates/copy'
import { copyToSameProfile } from '../../services/welcomeTemplates/errors'
import { fetchHostedImage } from '../../services/welcomeTemplates/fetch-image'
import { WelcomeTemplateLibrary } from '../../services/welcomeTemplates/library'
import { SANDBOX_NAME } from '../../services/profiles/profiles'

/**
 * welcomeTemplates:* — group welcome templates (入群欢迎语素材): the library of the active profile,
 * its media (local, no network), push / refresh / import / delete in WeCom, copy to another profile.
 */
export function welcomeTemplatesHandlers(ctx: CoreContext): Handlers['welcomeTemplates'] {
  const libraryFor = (profileId: () => string) =>
    new WelcomeTemplateLibrary({
      workspace: () => ctx.workspaces.forProfile(profileId()),
      client: () =>
        profileId() === ctx.activeProfileId() ? ctx.connection.client() : ctx.connection.clientForProfile(profileId()),
      locale: ctx.locale,
      fetchImage: fetchHostedImage,
    })
  const library = libraryFor(() => ctx.activeProfileId())
  const media = new LocalMediaService(ctx.workspace)
  return {
    list: async (input) => library.list(input),
    get: async ({ id }) => library.get(id),
    save: async ({ id, content, notify }) => library.save({ id, content, notify }),
    duplicate: async ({ id }) => library.duplicate(id),
    addMedia: async (input) => media.add(input),
    mediaDataUrl: async ({ localMediaId }) => media.dataUrl(localMediaId),
    push: async ({ id, createAgain }) => library.push(id, { createAgain: createAgain === true }),
    refresh: async ({ id }) => library.refresh(id),
    refreshAll: async () =>
      library.refreshAll((progress) => ctx.events.emit('welcomeTemplates:onRefreshProgress', progress)),
    importById: async ({ templateId, linkTo }) => library.importById(templateId, linkTo),
    remove: async ({ id, localOnly }) => library.remove(id, { localOnly: localOnly === true }),
    restore: async ({ id }) => library.restore(id),
    copyToProfile: async ({ id, profileId }) => {
      const activeId = ctx.activeProfileId()
      if (profileId === activeId) throw copyToSameProfile()
      // The profile must exist (credentials() says so in words when it does not).
      await ctx.profiles.credentials(profileId)
      const template = await copyToLibrary({ library, workspace: ctx.workspace() }, id, {
        library: libraryFor(() => profileId),
        workspace: ctx.workspaces.forProfile(profileId),
      })
      const profileName =
        profileId === SANDBOX_PROFILE_ID
          ? SANDBOX_NAME[ctx.locale()]
          : (ctx.profiles.find(profileId)?.name ?? profileId)
      return { profileId, profileName, template }
    },
  }
}
