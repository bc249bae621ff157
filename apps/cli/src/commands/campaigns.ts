import { writeFileSync } from 'node:fs';
import { type ThreadlineClient, type components, unwrap } from '@threadline/client';
import { CliError } from '../cli-error';
import { leadsCsv } from '../leads-csv';
import { type Io, note, printJson, printLine, table } from '../output';
import { type Settings, workspaceClient } from '../settings';

type Campaign = components['schemas']['CampaignResponse'];
type Lead = components['schemas']['LeadResponse'];

/** The API's largest page of leads. */
const PAGE = 500;

/** `threadline campaigns list`. */
export async function listCampaigns(settings: Settings, io: Io, options: { archived?: boolean }, json: boolean): Promise<void> {
  const tl = workspaceClient(settings);
  const campaigns: components['schemas']['CampaignSummaryResponse'][] = [];
  for (let offset = 0; ; offset += PAGE) {
    const page = await unwrap(tl.GET('/v1/campaigns', { params: { query: { limit: PAGE, offset, ...(options.archived ? { archived: 'true' as const } : {}) } } }));
    campaigns.push(...page.campaigns);
    if (page.campaigns.length < PAGE) break;
  }
  if (json) return printJson(io, campaigns);
  if (campaigns.length === 0) return note(io, 'No campaigns.');
  printLine(io, table([['ID', 'NAME', 'STATUS', 'CREATED'], ...campaigns.map((c) => [c.id, c.name, c.status + (c.statusReason ? ` (${c.statusReason})` : ''), c.createdAt])]));
}

export type Lifecycle = 'start' | 'pause' | 'resume';

function printCampaign(io: Io, campaign: Campaign, json: boolean): void {
  if (json) return printJson(io, campaign);
  const { total, ...states } = campaign.leads;
  const counts = Object.entries(states).filter(([, n]) => n).map(([s, n]) => `${s} ${n}`).join(', ');
  printLine(io, `${campaign.name} (${campaign.id}) is ${campaign.status}: ${total} leads${counts ? ` (${counts})` : ''}`);
  note(io, `Temporal Web UI: ${campaign.temporalUrl}`);
}

/** `threadline campaigns start|pause|resume <id>`: the API answers once the campaign's run took the signal. */
export async function changeCampaign(settings: Settings, io: Io, action: Lifecycle, id: string, json: boolean): Promise<void> {
  const tl = workspaceClient(settings);
  const path = { params: { path: { id } } };
  const { campaign } = await unwrap(
    action === 'start' ? tl.POST('/v1/campaigns/{id}/start', path) : action === 'pause' ? tl.POST('/v1/campaigns/{id}/pause', path) : tl.POST('/v1/campaigns/{id}/resume', path),
  );
  printCampaign(io, campaign, json);
}

async function allLeads(tl: ThreadlineClient, campaignId: string, state?: components['schemas']['LeadResponse']['state']): Promise<Lead[]> {
  const leads: Lead[] = [];
  for (let offset = 0; ; offset += PAGE) {
    const query = { limit: PAGE, offset, ...(state ? { state: state as NonNullable<typeof state> } : {}) };
    const page = await unwrap(tl.GET('/v1/campaigns/{campaignId}/leads', { params: { path: { campaignId }, query } }));
    leads.push(...page.leads);
    if (page.leads.length < PAGE) return leads;
  }
}

export interface ExportOptions {
  output?: string;
  state?: string;
  escapeFormulas: boolean;
}

/** `threadline campaigns export <id>`: every lead with its state, step, send and reply times, run link and attributes, as CSV. */
export async function exportCampaign(settings: Settings, io: Io, id: string, options: ExportOptions): Promise<void> {
  const tl = workspaceClient(settings);
  // The campaign first: an unknown id is a NOT_FOUND, not an empty file.
  const { campaign } = await unwrap(tl.GET('/v1/campaigns/{id}', { params: { path: { id } } }));
  const leads = await allLeads(tl, id, options.state as Lead['state'] | undefined);
  const csv = leadsCsv(leads, { escapeFormulas: options.escapeFormulas });
  if (!options.output || options.output === '-') {
    io.stdout.write(csv);
    return;
  }
  writeFileSync(options.output, csv);
  note(io, `Wrote ${leads.length} lead${leads.length === 1 ? '' : 's'} of "${campaign.name}" to ${options.output}`);
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A profile as people write it: a /in/ URL, a vanity name or a URN, compared without case, scheme or trailing slash. */
const profileKey = (profile: string) => {
  const trimmed = profile.trim().replace(/\/+$/, '');
  const vanity = /linkedin\.com\/in\/([^/?#]+)/i.exec(trimmed)?.[1];
  return decodeURIComponent(vanity ?? trimmed).toLowerCase();
};

/** `threadline leads link <campaign> <lead>`: the lead's run in the Temporal Web UI; the lead by id or by its profile. */
export async function leadLink(settings: Settings, io: Io, campaignId: string, leadRef: string, json: boolean): Promise<void> {
  const tl = workspaceClient(settings);
  let lead: Lead | undefined;
  if (UUID.test(leadRef)) {
    lead = (await unwrap(tl.GET('/v1/campaigns/{campaignId}/leads/{leadId}', { params: { path: { campaignId, leadId: leadRef } } }))).lead;
  } else {
    const wanted = profileKey(leadRef);
    lead = (await allLeads(tl, campaignId)).find((l) => profileKey(l.profile) === wanted || (l.profileUrn !== null && profileKey(l.profileUrn) === wanted));
    if (!lead) throw new CliError(`no lead with profile ${leadRef} in campaign ${campaignId}`, 'NOT_FOUND');
  }
  if (json) return printJson(io, { leadId: lead.id, campaignId: lead.campaignId, profile: lead.profile, state: lead.state, workflowId: lead.workflowId, temporalUrl: lead.temporalUrl });
  printLine(io, lead.temporalUrl);
}
