import type { components } from '@threadline/client';
import { campaignProgress, progressLine, sameProgress } from './campaign-progress';

type Campaign = components['schemas']['CampaignResponse'];
type Stats = components['schemas']['CampaignStatsResponse'];

const campaign = (status: string, leads: Campaign['leads']) => ({ id: 'c1', name: 'Q4 founders', status, leads }) as Campaign;
const stats = (sent: number, replied: number, replyRate: number | null) => ({ campaignId: 'c1', leads: {}, sent, replied, replyRate, steps: [] }) as Stats;

describe('campaign progress', () => {
  it('counts a lead as done once its run ended, whatever the ending', () => {
    const p = campaignProgress(campaign('running', { total: 10, pending: 2, active: 3, replied: 1, completed: 2, stopped: 1, failed: 1 }), stats(6, 1, 1 / 6));
    expect(p).toMatchObject({ status: 'running', total: 10, done: 5, sent: 6, replied: 1 });
    expect(p.leads).toEqual({ pending: 2, active: 3, replied: 1, completed: 2, stopped: 1, failed: 1 });
  });

  it('counts paused leads as not done, and states with no lead are left out', () => {
    const p = campaignProgress(campaign('paused', { total: 4, paused: 3, completed: 1, skipped: 0 } as Campaign['leads']), stats(1, 0, 0));
    expect(p).toMatchObject({ done: 1, leads: { paused: 3, completed: 1 } });
  });

  it('says it in one line', () => {
    expect(progressLine(campaignProgress(campaign('completed', { total: 3, completed: 2, replied: 1 }), stats(3, 1, 1 / 3))))
      .toBe('Q4 founders: completed · 3/3 leads done · sent 3 · replied 1 (33.3%) · completed 2, replied 1');
    expect(progressLine(campaignProgress(campaign('draft', { total: 0 }), stats(0, 0, null)))).toBe('Q4 founders: draft · 0/0 leads done · sent 0 · replied 0 (-)');
  });

  it('tells an unchanged poll from a moved one', () => {
    const a = campaignProgress(campaign('running', { total: 2, active: 2 }), stats(0, 0, null));
    expect(sameProgress(undefined, a)).toBe(false);
    expect(sameProgress(a, campaignProgress(campaign('running', { total: 2, active: 2 }), stats(0, 0, null)))).toBe(true);
    expect(sameProgress(a, campaignProgress(campaign('running', { total: 2, active: 2 }), stats(1, 0, 0)))).toBe(false);
  });
});
