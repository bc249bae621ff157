/** Who is calling: resolved from the API key; every query downstream is scoped by its workspace. */
export interface AuthContext {
  workspaceId: string;
  apiKeyId: string;
  /** Requests per minute allowed to this key; null means the API_RATE_LIMIT_PER_MINUTE default. */
  rateLimitPerMinute?: number | null;
}
