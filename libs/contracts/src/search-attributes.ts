import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';

/**
 * The search attributes of our runs (ids and states only), defined once: the clients set them at start,
 * the workflows upsert them, the worker registers them on the namespace and the dev runner passes them as flags.
 */
export const SA = {
  CampaignId: defineSearchAttributeKey('CampaignId', SearchAttributeType.KEYWORD),
  AccountId: defineSearchAttributeKey('AccountId', SearchAttributeType.KEYWORD),
  LeadId: defineSearchAttributeKey('LeadId', SearchAttributeType.KEYWORD),
  SequenceStep: defineSearchAttributeKey('SequenceStep', SearchAttributeType.KEYWORD),
  LeadStatus: defineSearchAttributeKey('LeadStatus', SearchAttributeType.KEYWORD),
} as const;

export const SEARCH_ATTRIBUTE_KEYS = Object.values(SA);
