import { Prng } from '../../apps/linkedin-emulator/src/util/prng';

/** How big a fault run is: the short profile runs in `npm test`, the long one on demand (THREADLINE_PROFILE=long). */
export interface FaultProfile {
  name: 'short' | 'long';
  leads: number;
  /** Sender accounts: Alex and Jordan of the sandbox, then accounts minted for the run. */
  accounts: number;
  spacingSeconds: number;
  /** How many of each timeline event to spread over the campaign. */
  events: Record<TimelineKind, number>;
  /** How long the leads may take to finish once the last fault is over (a crashed activity waits out its 1-minute timeout). */
  settleMs: number;
  timeoutMs: number;
}

export const FAULT_PROFILES: Record<FaultProfile['name'], FaultProfile> = {
  short: {
    name: 'short', leads: 30, accounts: 2, spacingSeconds: 1, settleMs: 120_000, timeoutMs: 10 * 60_000,
    events: { workerKill: 2, temporalRestart: 1, postgresRestart: 1, sessionExpiry: 1, '429': 2, '999': 1, '5xx': 2, drop: 2, lost: 1 },
  },
  long: {
    name: 'long', leads: 2000, accounts: 8, spacingSeconds: 0.5, settleMs: 20 * 60_000, timeoutMs: 150 * 60_000,
    events: { workerKill: 8, temporalRestart: 3, postgresRestart: 3, sessionExpiry: 4, '429': 10, '999': 5, '5xx': 10, drop: 8, lost: 5 },
  },
};

export type TimelineKind = 'workerKill' | 'temporalRestart' | 'postgresRestart' | 'sessionExpiry' | '429' | '999' | '5xx' | 'drop' | 'lost';

/** One fault on the timeline: fired once the emulator has received `afterSends` messages. */
export interface TimelineEvent {
  kind: TimelineKind;
  afterSends: number;
  /** Which sender account it targets (index), how long an outage lasts, and the fault's own knobs. */
  account: number;
  downMs: number;
  times: number;
  route: string;
  status: number;
  retryAfterSeconds: number;
}

/** A lead who answers: after the first message (`message`), or while the account types the second (`typing`). */
export interface PlannedReply {
  lead: number;
  trigger: 'any' | 'typing';
  delayMs: number;
}

export interface FaultPlan {
  replies: PlannedReply[];
  timeline: TimelineEvent[];
}

const ROUTES = ['createMessage', 'graphql', 'typing', '*'];

/**
 * The replies and the fault timeline a seed stands for. Faults are placed by progress (messages the
 * emulator received) rather than by the clock, so they land mid-campaign on a slow machine too.
 */
export function planFaultRun(profile: FaultProfile, seed: number): FaultPlan {
  const prng = new Prng(seed);
  const between = (min: number, max: number) => min + Math.floor(prng.next() * (max - min + 1));
  const replies: PlannedReply[] = [];
  for (let lead = 0; lead < profile.leads; lead++) {
    const roll = prng.next();
    // A quarter answer the first message (some within the wait, some later), a sixth answer during the second's typing.
    if (roll < 0.25) replies.push({ lead, trigger: 'any', delayMs: between(300, 4500) });
    else if (roll < 0.42) replies.push({ lead, trigger: 'typing', delayMs: between(0, 2500) });
  }
  // Every lead gets the first message; the second goes to those who did not answer the first.
  const expectedSends = profile.leads * 2 - replies.filter((r) => r.trigger === 'any').length;
  const timeline: TimelineEvent[] = [];
  for (const [kind, count] of Object.entries(profile.events) as Array<[TimelineKind, number]>) {
    for (let i = 0; i < count; i++) {
      timeline.push({
        kind,
        afterSends: Math.max(1, Math.floor(expectedSends * (0.03 + 0.8 * prng.next()))),
        account: prng.int(profile.accounts),
        downMs: between(1500, 4000),
        times: between(1, 3),
        route: ROUTES[prng.int(ROUTES.length)]!,
        status: [500, 502, 503, 504][prng.int(4)]!,
        retryAfterSeconds: between(1, 3),
      });
    }
  }
  timeline.sort((a, b) => a.afterSends - b.afterSends);
  return { replies, timeline };
}
