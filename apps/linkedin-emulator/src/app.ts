import { EmulatorState } from './state/emulator-state';
import { FaultInjector } from './faults/fault-injector';
import { RealtimeHub } from './realtime/realtime-hub';
import { ReplyScripts } from './people/reply-scripts';
import type { ReplyScriptSpec } from './people/reply-scripts';
import { loadScenario } from './state/scenario';
import type { ScenarioInput } from './state/scenario';
import { Clock } from './util/clock';
import { Scheduler } from './util/scheduler';
import { seedFrom } from './util/prng';

/** Tunables of one emulator instance. */
export interface EmulatorSettings {
  seed: number;
  /** Loaded at start and on reset. */
  scenario: ScenarioInput;
  heartbeatIntervalMs: number;
  streamLifetimeMs: number;
  /** Fixed base of every URL handed out; else each request's (forwarded) origin. */
  publicUrl?: string;
}

/** Request counts per route name, and per account. */
export class RequestCounter {
  readonly byRoute = new Map<string, number>();
  readonly byAccount = new Map<string, Map<string, number>>();
  total = 0;

  count(route: string, account: string | undefined): void {
    this.total += 1;
    this.byRoute.set(route, (this.byRoute.get(route) ?? 0) + 1);
    if (!account) return;
    if (!this.byAccount.has(account)) this.byAccount.set(account, new Map());
    const m = this.byAccount.get(account)!;
    m.set(route, (m.get(route) ?? 0) + 1);
  }

  reset(): void {
    this.byRoute.clear();
    this.byAccount.clear();
    this.total = 0;
  }

  toJSON(): unknown {
    return {
      total: this.total,
      routes: Object.fromEntries(this.byRoute),
      byAccount: Object.fromEntries([...this.byAccount].map(([a, m]) => [a, Object.fromEntries(m)])),
    };
  }
}

/** Everything the routes share: state (replaced on reset), faults, realtime, scripts, counters. */
export class EmulatorApp {
  readonly clock = new Clock();
  readonly faults: FaultInjector;
  readonly hub: RealtimeHub;
  readonly scripts = new ReplyScripts();
  readonly requests = new RequestCounter();
  state!: EmulatorState;
  private scheduler: Scheduler | null = null;

  constructor(readonly settings: EmulatorSettings) {
    this.faults = new FaultInjector(() => this.state.prng);
    this.hub = new RealtimeHub({ heartbeatIntervalMs: settings.heartbeatIntervalMs, streamLifetimeMs: settings.streamLifetimeMs });
    this.load(settings.scenario);
  }

  /** Replaces all state with a scenario (throws, leaving the old state, when it is invalid). */
  load(scenario: ScenarioInput): void {
    const scheduler = new Scheduler(this.clock);
    const seed = scenario.seed !== undefined ? seedFrom(scenario.seed) : this.settings.seed;
    const state = new EmulatorState(seed, this.clock, scheduler);
    const scripts: ReplyScriptSpec[] = [];
    loadScenario(state, scenario, (s) => scripts.push(s));
    this.scheduler?.clear();
    this.hub.closeAll();
    this.faults.reset();
    this.requests.reset();
    this.scheduler = scheduler;
    this.hub.attach(state);
    this.scripts.attach(state);
    for (const s of scripts) this.scripts.add(s);
    this.state = state;
    this.currentScenario = scenario;
  }

  currentScenario: ScenarioInput = {};

  reset(): void {
    this.clock.reset();
    this.load(this.settings.scenario);
  }

  close(): void {
    this.scheduler?.clear();
    this.hub.closeAll();
  }
}
