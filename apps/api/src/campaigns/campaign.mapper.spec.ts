import type { LeadRunState } from '@threadline/contracts';
import type { LeadEntity } from '@threadline/db';
import { toLeadControlResponse } from './campaign.mapper';

const stored = {
  id: 'l1', campaignId: 'c1', accountId: 'a1', profileRef: 'p', profileUrn: null, attributes: {}, state: 'failed', stateReason: 'RECIPIENT_NOT_REACHABLE: not connected',
  currentStep: 0, currentStepId: 'hi', conversationUrn: null, lastSentAt: null, repliedAt: null, workflowId: 'lead:c1:l1', createdAt: new Date(0),
} as unknown as LeadEntity;
const run = (fields: Partial<LeadRunState>): LeadRunState => ({ status: 'active', phase: 'active', ending: null, stepIndex: 0, stepId: 'hi', paused: false, waiting: null, stepsRun: [], replied: false, ...fields });

describe('toLeadControlResponse', () => {
  it('reports the state the run answered, not the stored row that lags behind', () => {
    const retried = toLeadControlResponse({ lead: stored, run: run({ phase: 'failed' }) }, 'url');
    expect(retried.lead).toMatchObject({ state: 'active', stateReason: null });
    expect(retried.run).toMatchObject({ status: 'active', phase: 'failed' });
  });

  it('reports a stopped lead as what it ends as, with the reason', () => {
    const stopped = toLeadControlResponse({ lead: { ...stored, state: 'active', stateReason: null } as LeadEntity, run: run({ phase: 'waiting', ending: { status: 'stopped', reason: 'stopped by API' } }) }, 'url');
    expect(stopped.lead).toMatchObject({ state: 'stopped', stateReason: 'stopped by API' });
  });

  it('reports a paused run as an active lead, and a lead stopped before it started as stored', () => {
    expect(toLeadControlResponse({ lead: { ...stored, state: 'active' } as LeadEntity, run: run({ status: 'paused', phase: 'paused' }) }, 'url').lead.state).toBe('paused');
    expect(toLeadControlResponse({ lead: { ...stored, state: 'stopped' } as LeadEntity, run: null }, 'url')).toMatchObject({ lead: { state: 'stopped' }, run: null });
  });
});
