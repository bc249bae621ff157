/** The one campaign coordinator run per campaign (continue-as-new keeps the id). */
export function campaignWorkflowId(campaignId: string): string {
  return `campaign:${campaignId}`;
}

/** The send-slot operation of one step of one lead: a retried or resumed step never spends quota twice. */
export function leadStepOperationId(leadWorkflowId: string, stepIndex: number): string {
  return `${leadWorkflowId}:step-${stepIndex}`;
}
