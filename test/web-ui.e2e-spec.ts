import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { api } from './support/api-client';
import { renderedDom, screenshot } from './support/chromium';
import { closeTemporalClient, loadScenarioWithMembers, resetEmulator, runCampaign, waitForSent, workspaceWithAlex } from './support/sequences';
import { stackInfo } from './support/stack-info';

jest.setTimeout(180_000);

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** What people look at in a browser, rendered by a real Chromium: the API's docs and the Web UI's list of a campaign's runs. */
describe('in a browser (headless Chromium)', () => {
  const { apiUrl, temporalUiUrl, namespace, dataDir } = stackInfo();
  if (!temporalUiUrl) throw new Error('the e2e stack runs without its Web UI (test/global-setup.ts starts it)');
  const shots = join(dataDir, 'screenshots');

  beforeAll(() => mkdirSync(shots, { recursive: true }));
  afterAll(async () => {
    await closeTemporalClient();
    await resetEmulator();
  });

  const expectPng = (file: string) => {
    const png = readFileSync(file);
    expect(png.subarray(0, 8)).toEqual(PNG_SIGNATURE);
    // A blank 1400×900 page compresses to a few KB; a rendered one is tens.
    expect(png.length).toBeGreaterThan(20_000);
  };

  it('renders /docs with every group of operations', async () => {
    const dom = await renderedDom(`${apiUrl}/docs`);
    expect(dom).toContain('Threadline');
    // Swagger UI builds the operations from /openapi.json in the browser: they are there only if it ran.
    for (const path of ['/v1/messages', '/v1/campaigns', '/v1/conversations']) expect(dom).toContain(path);
    await screenshot(`${apiUrl}/docs`, join(shots, 'docs.png'));
    expectPng(join(shots, 'docs.png'));
  });

  it('lists a campaign\'s lead runs in the Temporal Web UI, filtered by CampaignId', async () => {
    const [lead] = await loadScenarioWithMembers(1);
    const { key, alexId } = await workspaceWithAlex();
    const steps = [{ id: 'hello', type: 'typing_and_send', template: 'Hello.' }, { id: 'later', type: 'wait', duration: '1h' }];
    const { campaignId, leadIds } = await runCampaign(key, steps, [{ profile: lead!.urn, attributes: { firstName: 'Marcus', lastName: 'Johnson' } }], { senders: [alexId] });
    await waitForSent(lead!, 1);

    const list = `${temporalUiUrl}/namespaces/${namespace}/workflows?query=${encodeURIComponent(`CampaignId="${campaignId}"`)}`;
    const dom = await renderedDom(list);
    expect(dom).toContain(`lead:${campaignId}:${leadIds[0]}`);
    expect(dom).toContain('leadSequenceWorkflow');
    // The filter applies: other campaigns' lead runs (earlier specs) are not listed.
    expect(dom.match(/lead:[0-9a-f-]{36}:[0-9a-f-]{36}/g)?.every((id) => id.startsWith(`lead:${campaignId}:`))).toBe(true);
    await screenshot(list, join(shots, 'web-ui-campaign.png'));
    expectPng(join(shots, 'web-ui-campaign.png'));

    expect((await api('POST', `/v1/campaigns/${campaignId}/cancel`, { key })).status).toBe(200);
  });
});
