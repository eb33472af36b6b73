/**
 * The welcomeTemplates domain's calls and events (see index.ts for the conventions). Kept in its own file so
 * each feature edits its own part of the contract.
 */
export const welcomeTemplatesContract = {} as const
