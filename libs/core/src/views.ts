// What services hand to the apps, as types only: the apps map them to responses and never query them.
export type {
  ApiKeyEntity, AttachmentEntity, CampaignEntity, ConversationEntity, InboxAccount, InboxMessageRow, InboxSyncStateEntity, LeadEntity, LeadExclusionEntity, LeadState,
  LinkedinAccountEntity, MessageEntity, RateCounterHit, SequenceEntity, SequenceVersionEntity, WebhookDeliveryEntity, WebhookEndpointEntity, WorkspaceEntity,
} from '@threadline/db';
/** Lead states, for validating filters at the edge. */
export { LEAD_STATES } from '@threadline/db';
