/** moments:* calls of the detail sub-area (mounted with the others in ./moments.ts). */
export const momentsDetailContract = {} as const
