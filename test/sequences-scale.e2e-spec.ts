import { randomBytes } from 'node:crypto';
import { api } from './support/api-client';
import { closeTemporalClient, getCampaign, publishedSequence, temporalClient, workspaceWithAlex, ALWAYS_OPEN } from './support/sequences';
import { waitFor } from './support/wait-for';

jest.setTimeout(300_000);

// Three enrolment batches (100 each), one of them partial: enough to prove batching and the fan-out of a cancel.
// The figures at scale (10,000 leads enrolled, against a bare start loop) are `BENCH_ONLY=import npm run bench`.
const LEADS = 250;
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const profileUrn = () => `urn:li:fsd_profile:ACoAA${[...randomBytes(34)].map((b) => ALPHABET[b % ALPHABET.length]).join('')}`;

describe('sequences: a campaign of many leads (real Temporal)', () => {
  afterAll(async () => {
    await closeTemporalClient();
  });

  it(`enrols ${LEADS} leads in batches with a small coordinator history, and cancel reaches every one`, async () => {
    const { key, alexId } = await workspaceWithAlex();
    // The first step waits: this measures enrolment and fan-out, not LinkedIn sends (those are paced per account).
    const sequenceId = await publishedSequence(key, [{ id: 'later', type: 'wait', duration: '1h' }, { id: 'hi', type: 'typing_and_send', template: 'Hi.' }]);
    const campaign = (await api('POST', '/v1/campaigns', { key, body: { name: 'scale', sequenceId, senders: [{ accountId: alexId }], workingHours: ALWAYS_OPEN } })).body.campaign;
    const t0 = Date.now();
    const added = await api('POST', `/v1/campaigns/${campaign.id}/leads`, { key, body: { leads: Array.from({ length: LEADS }, () => ({ profile: profileUrn() })) } });
    expect(added.body.added).toBe(LEADS);
    const t1 = Date.now();
    await api('POST', `/v1/campaigns/${campaign.id}/start`, { key });
    await waitFor(`${LEADS} active leads`, async () => ((await getCampaign(key, campaign.id)).leads.active === LEADS) || undefined, 240_000, 500);
    const t2 = Date.now();

    const client = await temporalClient();
    const coordinator = client.workflow.getHandle(`campaign:${campaign.id}`);
    const events = (await coordinator.fetchHistory()).events?.length ?? 0;
    expect(events).toBeLessThan(200);

    await api('POST', `/v1/campaigns/${campaign.id}/cancel`, { key });
    await waitFor('every lead cancelled', async () => ((await getCampaign(key, campaign.id)).leads.cancelled === LEADS) || undefined, 240_000, 500);
    const t3 = Date.now();
    await waitFor('the campaign cancelled', async () => (await getCampaign(key, campaign.id)).status === 'cancelled' || undefined, 60_000);
    console.warn(`[sequences-scale] ${LEADS} leads: import ${t1 - t0} ms, start→all enrolled ${((t2 - t1) / 1000).toFixed(1)} s (${Math.round(LEADS / ((t2 - t1) / 1000))} leads/s), coordinator history ${events} events, cancel→all ended ${((t3 - t2) / 1000).toFixed(1)} s`);
  });
});
