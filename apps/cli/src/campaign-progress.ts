import type { components } from '@threadline/client';

type Campaign = components['schemas']['CampaignResponse'];
type Stats = components['schemas']['CampaignStatsResponse'];

/** What `campaigns tail` shows at one poll. */
export interface CampaignProgress {
  campaignId: string;
  name: string;
  status: string;
  /** Leads of the campaign. */
  total: number;
  /** Leads whose run ended (replied, completed, stopped, skipped, failed, cancelled). */
  done: number;
  /** Leads that got at least one message. */
  sent: number;
  replied: number;
  replyRate: number | null;
  /** Leads per state (states with none are absent). */
  leads: Record<string, number>;
}

/** A campaign in one of these has nothing left to run: the tail ends. */
export const FINAL_CAMPAIGN_STATUSES = ['completed', 'cancelled'];
/** Lead states whose run has not ended. */
const LIVE_LEAD_STATES = ['pending', 'active', 'paused'];

export function campaignProgress(campaign: Campaign, stats: Stats): CampaignProgress {
  const { total, ...byState } = campaign.leads;
  const leads = Object.fromEntries(Object.entries(byState).filter(([, n]) => typeof n === 'number' && n > 0)) as Record<string, number>;
  const live = LIVE_LEAD_STATES.reduce((sum, state) => sum + (leads[state] ?? 0), 0);
  return {
    campaignId: campaign.id,
    name: campaign.name,
    status: campaign.status,
    total,
    done: Math.max(0, total - live),
    sent: stats.sent,
    replied: stats.replied,
    replyRate: stats.replyRate,
    leads,
  };
}

const percent = (rate: number | null) => (rate === null ? '-' : `${Math.round(rate * 1000) / 10}%`);

/** One line for logs and pipes: `Q4 founders: running · 12/30 leads done · sent 20 · replied 3 (15%) · active 18, completed 9, replied 3`. */
export function progressLine(p: CampaignProgress): string {
  const states = Object.entries(p.leads).map(([state, n]) => `${state} ${n}`).join(', ');
  return `${p.name}: ${p.status} · ${p.done}/${p.total} leads done · sent ${p.sent} · replied ${p.replied} (${percent(p.replyRate)})${states ? ` · ${states}` : ''}`;
}

/** What changed since the last poll (for printing a line only when something moved). */
export function sameProgress(a: CampaignProgress | undefined, b: CampaignProgress): boolean {
  return a !== undefined && JSON.stringify(a) === JSON.stringify(b);
}
