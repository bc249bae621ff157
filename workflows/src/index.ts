export { sendMessageWorkflow } from './send-message.workflow';
