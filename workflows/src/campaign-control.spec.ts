import { applyCampaignControl, type CoordinatorState } from './campaign-control';

const running: CoordinatorState = { paused: false, cancelled: false };
const paused: CoordinatorState = { paused: true, cancelled: false };
const cancelled: CoordinatorState = { paused: false, cancelled: true };

describe('applyCampaignControl', () => {
  it('pauses, resumes and cancels a campaign, fanning each change out', () => {
    expect(applyCampaignControl(running, 'pause')).toEqual({ state: paused, fanOut: true });
    expect(applyCampaignControl(paused, 'resume')).toEqual({ state: running, fanOut: true });
    expect(applyCampaignControl(running, 'cancel')).toEqual({ state: { ...running, cancelled: true }, fanOut: true });
    expect(applyCampaignControl(paused, 'cancel')).toEqual({ state: { ...paused, cancelled: true }, fanOut: true });
  });

  it('does not fan a repeated control out again when a retried request re-sends it', () => {
    expect(applyCampaignControl(paused, 'pause')).toEqual({ state: paused, fanOut: false });
    expect(applyCampaignControl(running, 'resume')).toEqual({ state: running, fanOut: false });
  });

  it('ignores every control once the campaign is cancelled', () => {
    for (const control of ['pause', 'resume', 'cancel'] as const) expect(applyCampaignControl(cancelled, control)).toEqual({ state: cancelled, fanOut: false });
  });
});
