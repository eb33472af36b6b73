/** moments:* calls of the publish sub-area (mounted with the others in ./moments.ts). */
export const momentsPublishContract = {} as const
