/** Business workflow ids: the same input always maps to the same id, so a retried start never runs twice. */
export function sendWorkflowId(workspaceId: string, idempotencyKey: string): string {
  return `send:${workspaceId}:${idempotencyKey}`;
}

export function leadWorkflowId(campaignId: string, leadId: string): string {
  return `lead:${campaignId}:${leadId}`;
}

export function inboxSyncWorkflowId(accountId: string): string {
  return `inbox-sync:${accountId}`;
}
