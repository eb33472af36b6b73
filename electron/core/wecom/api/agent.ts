/**
 * Adds the client's agentid to a request that accepts one (tags, welcome templates; needed only
 * by legacy third-party multi-app suites), unless the request already carries its own.
 */
export function withAgentId<T extends { agentid?: number }>(agentid: number | undefined, request: T): T {
  return agentid === undefined || request.agentid !== undefined ? request : { ...request, agentid }
}
