import { randomUUID } from 'node:crypto';
import { setTimeout as delay } from 'node:timers/promises';
import { Inject, Injectable } from '@nestjs/common';
import type { Client } from '@temporalio/client';
import { AccountsRepository } from '@threadline/db';
import type { RealtimeEvent } from '@threadline/linkedin';
import { inboxChangedSignal, type InboxChangedSignal, type RealtimeWatchResult } from '@threadline/contracts';
import { LinkedInClientFactory } from '../linkedin/linkedin-client.factory';
import { accountEffectOf, linkedInFailureOf } from '../linkedin/linkedin-failure';
import { TEMPORAL_CLIENT } from '../tokens';
import { ReactionEvents } from '../webhooks/reaction-events';

/** How the activity lets the service report liveness and learn about cancellation. */
export interface WatchContext {
  signal: AbortSignal;
  heartbeat: () => void;
}

const HEARTBEAT_MS = 10_000;
const RECONNECT_MIN_MS = 1_000;
const RECONNECT_MAX_MS = 60_000;
const STABLE_STREAM_MS = 30_000;
const GAP_PASS_MS = 30_000;
// Events that mean "the inbox changed": worth a delta pass.
const CHANGE_EVENTS: RealtimeEvent['type'][] = ['message', 'conversation', 'conversation_deleted', 'sync_needed'];

/** Holds an account's realtime stream and nudges its sync workflow on every change; reconnects while time is left. */
@Injectable()
export class InboxRealtimeService {
  constructor(
    private readonly accounts: AccountsRepository,
    private readonly clients: LinkedInClientFactory,
    @Inject(TEMPORAL_CLIENT) private readonly temporal: Client,
    private readonly reactions: ReactionEvents,
  ) {}

  async watch(input: { workspaceId: string; accountId: string; workflowId: string; maxMs: number }, ctx: WatchContext): Promise<RealtimeWatchResult> {
    const account = await this.accounts.findInWorkspace(input.workspaceId, input.accountId);
    if (!account || ['disconnected', 'checkpoint', 'restricted'].includes(account.status)) return { outcome: 'unusable' };
    const nudge = this.nudger(input.workflowId);
    const stop = new AbortController();
    const onCancel = () => stop.abort();
    ctx.signal.addEventListener('abort', onCancel);
    const deadline = setTimeout(onCancel, input.maxMs);
    const beat = setInterval(ctx.heartbeat, HEARTBEAT_MS);
    let events = 0;
    try {
      return await this.clients.use(account, async (client) => {
        // One session id across reconnects, as LinkedIn's clients keep it.
        const sessionId = randomUUID();
        let backoffMs = RECONNECT_MIN_MS;
        let lastGapPass = 0;
        while (!stop.signal.aborted) {
          const connectedAt = Date.now();
          for await (const event of client.connectRealtime({ signal: stop.signal, sessionId })) {
            ctx.heartbeat();
            events += 1;
            // A (re)connect asks for a gap-filling pass, at most every GAP_PASS_MS when streams flap.
            if (event.type === 'connected') {
              if (Date.now() - lastGapPass >= GAP_PASS_MS) {
                lastGapPass = Date.now();
                nudge();
              }
            } else if (CHANGE_EVENTS.includes(event.type)) nudge();
            else if (event.type === 'reaction') await this.reactions.fromRealtime(account, event.raw);
          }
          if (stop.signal.aborted) break;
          // LinkedIn closes streams every few minutes: reconnect at once after a long one, back off when they flap.
          backoffMs = Date.now() - connectedAt > STABLE_STREAM_MS ? RECONNECT_MIN_MS : Math.min(RECONNECT_MAX_MS, backoffMs * 2);
          await delay(backoffMs, undefined, { signal: stop.signal }).catch(() => undefined);
        }
        return { outcome: 'ended', events } as const;
      });
    } catch (err) {
      if (stop.signal.aborted) return { outcome: 'ended', events };
      const error = linkedInFailureOf(err);
      if (!error) throw err;
      // A dead session: let a sync pass record the status change and stop the workflow.
      const effect = accountEffectOf(error, new Date());
      if (effect && effect.status !== 'on_hold') {
        nudge();
        return { outcome: 'unusable' };
      }
      throw error;
    } finally {
      clearTimeout(deadline);
      clearInterval(beat);
      ctx.signal.removeEventListener('abort', onCancel);
    }
  }

  /** Coalesces bursts: at most one signal in flight, plus one more if changes arrived meanwhile. */
  private nudger(workflowId: string): () => void {
    let inFlight = false;
    let again = false;
    const send = (): void => {
      inFlight = true;
      const signal: InboxChangedSignal = { reason: 'realtime' };
      void this.temporal.workflow
        .getHandle(workflowId)
        .signal(inboxChangedSignal, signal)
        .catch(() => undefined)
        .finally(() => {
          inFlight = false;
          if (again) {
            again = false;
            send();
          }
        });
    };
    return () => {
      if (inFlight) again = true;
      else send();
    };
  }
}
