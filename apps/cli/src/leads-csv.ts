import type { components } from '@threadline/client';
import { stringify } from 'csv-stringify/sync';

type Lead = components['schemas']['LeadResponse'];

/** The lead's own columns, in order; its attributes follow as `attributes.<name>` columns. */
const LEAD_COLUMNS = ['leadId', 'profile', 'profileUrn', 'state', 'stateReason', 'currentStepIndex', 'currentStepId', 'lastSentAt', 'repliedAt', 'conversationUrn', 'accountId', 'createdAt', 'workflowId', 'temporalUrl'] as const;

const cell = (value: unknown): string => {
  if (value === null || value === undefined) return '';
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
};

export interface LeadsCsvOptions {
  /** Prefix cells that a spreadsheet would run as a formula (`=`, `+`, `-`, `@`, tab, CR) with `'`. */
  escapeFormulas: boolean;
}

/** One row per lead: what it is, how far it got and how it ended, and every attribute any lead has. */
export function leadsCsv(leads: Lead[], options: LeadsCsvOptions): string {
  const attributeNames = [...new Set(leads.flatMap((l) => Object.keys(l.attributes)))];
  const columns = [...LEAD_COLUMNS, ...attributeNames.map((name) => `attributes.${name}`)];
  const rows = leads.map((l) => [
    l.id, l.profile, l.profileUrn, l.state, l.stateReason, l.currentStep?.index, l.currentStep?.id, l.lastSentAt, l.repliedAt,
    l.conversationUrn, l.accountId, l.createdAt, l.workflowId, l.temporalUrl,
    ...attributeNames.map((name) => l.attributes[name]),
  ].map(cell));
  return stringify(rows, { header: true, columns, escape_formulas: options.escapeFormulas });
}
