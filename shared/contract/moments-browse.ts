/** moments:* calls of the browse sub-area (mounted with the others in ./moments.ts). */
export const momentsBrowseContract = {} as const
