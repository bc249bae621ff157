import type { CampaignControl } from '../../libs/contracts/src/sequences';

/** The coordinator's lifecycle state. */
export interface CoordinatorState {
  paused: boolean;
  cancelled: boolean;
}

/**
 * What a control does in each state. The API re-sends a control on every request (a retry repairs a
 * request that failed half-way), so a control that changes nothing is not fanned out to the leads again.
 */
export function applyCampaignControl(state: CoordinatorState, control: CampaignControl): { state: CoordinatorState; fanOut: boolean } {
  if (state.cancelled) return { state, fanOut: false };
  switch (control) {
    case 'cancel':
      return { state: { ...state, cancelled: true }, fanOut: true };
    case 'pause':
      return state.paused ? { state, fanOut: false } : { state: { ...state, paused: true }, fanOut: true };
    case 'resume':
      return state.paused ? { state: { ...state, paused: false }, fanOut: true } : { state, fanOut: false };
  }
}
