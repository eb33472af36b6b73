import { z } from 'zod'
import { profileIdSchema } from '../profiles'
import type { LocalMediaRef } from '../rules'
import {
  saveWelcomeTemplateSchema,
  welcomeListSchema,
  welcomeTemplateIdSchema,
  type WelcomeLibrary,
  type WelcomeRefreshSummary,
  type WelcomeTemplate,
} from '../welcomeTemplates'
import { call, event, shape } from './define'

const id = z.string().trim().min(1).max(128)
const byId = z.object({ id }).strict()

/**
 * The welcomeTemplates domain (入群欢迎语素材): the local library (WeCom has no list call), the
 * offline editor and its media, exactly-once push, import by id, copy to another profile.
 */
export const welcomeTemplatesContract = {
  /**
   * The library or the deleted view, filtered, with the count against WeCom's cap; offline.
   * @example await api.welcomeTemplates.list({ search: '欢迎', kind: 'image' })
   */
  list: call(welcomeListSchema.optional(), shape<WelcomeLibrary>()),
  get: call(byId, shape<WelcomeTemplate>()),
  /** Autosave: creates (no id) or updates the local copy; lenient so nothing typed is refused. */
  save: call(saveWelcomeTemplateSchema, shape<WelcomeTemplate>()),
  /** A new draft with the same content ("copy as a new template"). */
  duplicate: call(byId, shape<WelcomeTemplate>()),
  /** Keeps a picked file's bytes locally; they are uploaded only when the template is pushed. */
  addMedia: call(
    z
      .object({
        filename: z.string().trim().min(1).max(255),
        contentType: z.string().max(100),
        dataBase64: z.string().max(30 * 1024 * 1024),
      })
      .strict(),
    shape<LocalMediaRef>(),
  ),
  /** A stored image as a data: URL, for the editor and the preview. */
  mediaDataUrl: call(z.object({ localMediaId: id }).strict(), shape<{ dataUrl: string }>()),
  /**
   * Creates (add) or updates (edit) it in WeCom, exactly once. `createAgain` is the user's choice
   * after "may have been created" or "deleted in WeCom".
   */
  push: call(z.object({ id, createAgain: z.boolean().optional() }).strict(), shape<WelcomeTemplate>()),
  /** Reads it from WeCom (get): marks it when it was deleted there. */
  refresh: call(byId, shape<WelcomeTemplate>()),
  /** Reads every template of the library from WeCom, marking those deleted there; progress as onRefreshProgress. */
  refreshAll: call(z.undefined(), shape<WelcomeRefreshSummary>()),
  /** Templates checked so far by the running refreshAll. */
  onRefreshProgress: event(shape<{ done: number; total: number }>()),
  /** Adds a template made elsewhere by its id; `linkTo` settles an entry that may have been created. */
  importById: call(
    z.object({ templateId: welcomeTemplateIdSchema, linkTo: id.optional() }).strict(),
    shape<WelcomeTemplate>(),
  ),
  /** Deletes it in WeCom (when it is there and ours) and keeps it 30 days in the deleted view. */
  remove: call(z.object({ id, localOnly: z.boolean().optional() }).strict(), shape<WelcomeTemplate>()),
  /** Brings it back from the deleted view. */
  restore: call(byId, shape<WelcomeTemplate>()),
  /** Copies it to another connection profile (another corp) and creates it there as a new template. */
  copyToProfile: call(
    z.object({ id, profileId: profileIdSchema }).strict(),
    shape<{ profileId: string; profileName: string; template: WelcomeTemplate }>(),
  ),
} as const
