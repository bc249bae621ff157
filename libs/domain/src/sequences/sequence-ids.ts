/** The one campaign coordinator run per campaign (continue-as-new keeps the id). */
export function campaignWorkflowId(campaignId: string): string {
  return `campaign:${campaignId}`;
}

/** The send-slot operation of one step of one lead: a retried or resumed step never spends quota twice. */
export function leadStepOperationId(leadWorkflowId: string, stepIndex: number): string {
  return `${leadWorkflowId}:step-${stepIndex}`;
}

/** The campaign, lead and step a step's operation id names (null for any other operation id). */
export function parseLeadStepOperationId(operationId: string): { campaignId: string; leadId: string; stepIndex: number } | null {
  const match = /^lead:([^:]+):([^:]+):step-(\d+)$/.exec(operationId);
  return match ? { campaignId: match[1]!, leadId: match[2]!, stepIndex: Number(match[3]) } : null;
}
