import { Presets, SingleBar } from 'cli-progress';
import { type ThreadlineClient, ThreadlineApiError, unwrap } from '@threadline/client';
import { type CampaignProgress, FINAL_CAMPAIGN_STATUSES, campaignProgress, progressLine, sameProgress } from '../campaign-progress';
import { type Io, note, printLine } from '../output';
import { type Settings, workspaceClient } from '../settings';

export interface TailOptions {
  /** Seconds between two polls. */
  interval: number;
}

async function poll(tl: ThreadlineClient, id: string): Promise<CampaignProgress> {
  const path = { params: { path: { id } } };
  const [{ campaign }, { stats }] = await Promise.all([unwrap(tl.GET('/v1/campaigns/{id}', path)), unwrap(tl.GET('/v1/campaigns/{id}/stats', path))]);
  return campaignProgress(campaign, stats);
}

/** An outage that passes: the API or its Postgres/Temporal unreachable for a moment. */
const passing = (err: unknown) => (err instanceof ThreadlineApiError && err.status === 503) || (err instanceof TypeError && err.message === 'fetch failed');

/** Waits `ms`, or less when Ctrl-C comes first. */
const pause = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => { clearTimeout(timer); resolve(); }, { once: true });
  });

/** How progress is shown: a bar on a terminal, else one line (or one JSON object with --json) each time it moves. */
interface View {
  update(p: CampaignProgress): void;
  stop(): void;
}

function barView(io: Io): View {
  const bar = new SingleBar({
    stream: io.stderr,
    format: '{name} |{bar}| {value}/{total} leads done · sent {sent} · replied {replied} · {status}',
    hideCursor: true,
    barsize: 30,
  }, Presets.shades_classic);
  let started = false;
  return {
    update(p) {
      const payload = { name: p.name, sent: p.sent, replied: p.replied, status: p.status };
      if (!started) bar.start(p.total, p.done, payload);
      else {
        bar.setTotal(p.total);
        bar.update(p.done, payload);
      }
      started = true;
    },
    stop: () => bar.stop(),
  };
}

function lineView(io: Io, json: boolean): View {
  let last: CampaignProgress | undefined;
  return {
    update(p) {
      if (sameProgress(last, p)) return;
      last = p;
      printLine(io, json ? JSON.stringify({ at: new Date().toISOString(), ...p }) : `${new Date().toISOString()} ${progressLine(p)}`);
    },
    stop: () => undefined,
  };
}

/**
 * `threadline campaigns tail <id>`: polls the campaign and its stats until it completes or is cancelled
 * (exit 0), or until Ctrl-C (exit 130; the campaign goes on).
 */
export async function tailCampaign(settings: Settings, io: Io, id: string, options: TailOptions, json: boolean): Promise<number> {
  const tl = workspaceClient(settings);
  const interrupted = new AbortController();
  const onSigint = () => interrupted.abort();
  process.once('SIGINT', onSigint);
  const bar = io.stderr.isTTY === true && !json;
  const view = bar ? barView(io) : lineView(io, json);
  let progress: CampaignProgress | undefined;
  try {
    for (;;) {
      try {
        progress = await poll(tl, id);
        view.update(progress);
      } catch (err) {
        // Once the campaign was found, an API restart or outage (the client already retried) is waited out.
        if (!progress || !passing(err)) throw err;
      }
      if (FINAL_CAMPAIGN_STATUSES.includes(progress.status) || interrupted.signal.aborted) break;
      await pause(options.interval * 1000, interrupted.signal);
      if (interrupted.signal.aborted) break;
    }
  } finally {
    view.stop();
    process.removeListener('SIGINT', onSigint);
  }
  if (interrupted.signal.aborted) {
    note(io, 'Stopped watching; the campaign goes on.');
    return 130;
  }
  // The bar stays on stderr; the outcome goes to stdout, as every line does without a terminal.
  if (bar && progress) printLine(io, progressLine(progress));
  return 0;
}
