export { sendMessageWorkflow } from './send-message.workflow';
export { accountActionWorkflow } from './account-action.workflow';
export { inboxSyncWorkflow } from './inbox-sync.workflow';
export { webhookDeliveryWorkflow } from './webhook-delivery.workflow';
export { leadSequenceWorkflow } from './lead-sequence.workflow';
export { campaignWorkflow } from './campaign.workflow';
