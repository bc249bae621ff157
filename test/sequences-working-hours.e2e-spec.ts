import { DateTime } from 'luxon';
import { api } from './support/api-client';
import { closeTemporalClient, loadScenarioWithMembers, type Member, recordHistory, resetEmulator, runCampaign, sentTo, waitForLead, workspaceWithAlex } from './support/sequences';

jest.setTimeout(150_000);

describe('sequences: working hours in the sender’s time zone (real Temporal, emulator over HTTP)', () => {
  let key: string;
  let alexId: string;
  let members: Member[];

  beforeAll(async () => {
    members = await loadScenarioWithMembers(2);
    ({ key, alexId } = await workspaceWithAlex());
  });

  afterAll(async () => {
    await closeTemporalClient();
    await resetEmulator();
  });

  it('holds the first message until the window opens in America/New_York, on a durable timer', async () => {
    const lead = members[0]!;
    // A window that opens at the next whole minute in New York (DST rules included) and lasts half an hour.
    const zone = 'America/New_York';
    const open = DateTime.now().setZone(zone).plus({ seconds: 5 }).startOf('minute').plus({ minutes: 1 });
    const close = open.plus({ minutes: 30 });
    const workingHours = { timeZone: zone, days: [open.weekday], start: open.toFormat('HH:mm'), end: close.day === open.day ? close.toFormat('HH:mm') : '24:00' };
    const steps = [{ id: 'hello', type: 'typing_and_send', template: 'Good morning from the window.' }];
    const { campaignId, leadIds } = await runCampaign(key, steps, [{ profile: lead.urn }], { senders: [alexId], workingHours });

    const done = await waitForLead(key, campaignId, leadIds[0]!, ['completed', 'failed'], 140_000);
    expect(done.state).toBe('completed');
    const [sent] = (await sentTo(lead)) as unknown as Array<{ deliveredAt: number }>; // the emulator's log carries deliveredAt
    expect(sent).toBeDefined();
    expect(sent!.deliveredAt).toBeGreaterThanOrEqual(open.toMillis());

    const entries = (await api('GET', `/v1/campaigns/${campaignId}/leads/${leadIds[0]}/timeline`, { key })).body.timeline.entries;
    const wait = entries.find((e: { reason?: string }) => e.reason === 'working_hours');
    expect(wait).toMatchObject({ stepId: 'hello', ended: 'elapsed', until: new Date(open.toMillis()).toISOString() });
    await recordHistory('lead-working-hours', `lead:${campaignId}:${leadIds[0]}`);
  });
});
