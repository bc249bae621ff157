export { sendMessageWorkflow } from './send-message.workflow';
export { accountActionWorkflow } from './account-action.workflow';
