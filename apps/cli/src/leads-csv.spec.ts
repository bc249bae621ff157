import type { components } from '@threadline/client';
import { parse } from 'csv-parse/sync';
import { leadsCsv } from './leads-csv';

type Lead = components['schemas']['LeadResponse'];

const lead = (over: Partial<Lead>): Lead => ({
  id: 'l1', campaignId: 'c1', accountId: 'a1', profile: 'https://www.linkedin.com/in/marcus-johnson', profileUrn: null, attributes: {},
  state: 'pending', stateReason: null, currentStep: null, conversationUrn: null, lastSentAt: null, repliedAt: null, workflowId: null,
  temporalUrl: 'http://127.0.0.1:8233/namespaces/threadline/workflows/lead:c1:l1', createdAt: '2026-11-30T09:12:00.000Z', ...over,
});

describe('leads CSV', () => {
  it('has a row per lead with its results, and a column per attribute any lead has', () => {
    const csv = leadsCsv([
      lead({ id: 'l1', attributes: { firstName: 'Marcus', company: 'Acme, Inc.' }, state: 'replied', currentStep: { index: 1, id: 'follow-up' }, repliedAt: '2026-11-30T11:00:00.000Z' }),
      lead({ id: 'l2', attributes: { firstName: 'Dana', title: 'CTO' }, state: 'completed', stateReason: 'the sequence ended' }),
    ], { escapeFormulas: true });
    const rows = parse(csv, { columns: true }) as Array<Record<string, string>>;
    expect(Object.keys(rows[0]!)).toEqual([
      'leadId', 'profile', 'profileUrn', 'state', 'stateReason', 'currentStepIndex', 'currentStepId', 'lastSentAt', 'repliedAt', 'conversationUrn',
      'accountId', 'createdAt', 'workflowId', 'temporalUrl', 'attributes.firstName', 'attributes.company', 'attributes.title',
    ]);
    expect(rows[0]).toMatchObject({ leadId: 'l1', state: 'replied', currentStepIndex: '1', currentStepId: 'follow-up', 'attributes.company': 'Acme, Inc.', 'attributes.title': '', profileUrn: '' });
    expect(rows[1]).toMatchObject({ leadId: 'l2', state: 'completed', stateReason: 'the sequence ended', 'attributes.firstName': 'Dana', 'attributes.title': 'CTO', currentStepIndex: '' });
  });

  it('defuses cells a spreadsheet would run as formulas, unless told not to; objects are JSON', () => {
    const leads = [lead({ attributes: { note: '=HYPERLINK("http://evil")', phone: '+1 555 0100', tags: ['a', 'b'] } })];
    const escaped = (parse(leadsCsv(leads, { escapeFormulas: true }), { columns: true }) as Array<Record<string, string>>)[0]!;
    expect(escaped).toMatchObject({ 'attributes.note': '\'=HYPERLINK("http://evil")', 'attributes.phone': '\'+1 555 0100', 'attributes.tags': '["a","b"]' });
    const raw = (parse(leadsCsv(leads, { escapeFormulas: false }), { columns: true }) as Array<Record<string, string>>)[0]!;
    expect(raw['attributes.note']).toBe('=HYPERLINK("http://evil")');
  });

  it('writes the header alone when there is no lead', () => {
    expect(leadsCsv([], { escapeFormulas: true }).trim().split(',')[0]).toBe('leadId');
  });
});
