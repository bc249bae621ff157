export { sendMessageWorkflow } from './send-message.workflow';
export { accountActionWorkflow } from './account-action.workflow';
export { inboxSyncWorkflow } from './inbox-sync.workflow';
export { webhookDeliveryWorkflow } from './webhook-delivery.workflow';
