/** Who is calling: resolved from the API key; every query downstream is scoped by its workspace. */
export interface AuthContext {
  workspaceId: string;
  apiKeyId: string;
}
