import { Command, InvalidArgumentError, Option } from 'commander';
import { connectAccount, listAccounts, showLimits } from './commands/accounts';
import { changeCampaign, exportCampaign, leadLink, listCampaigns } from './commands/campaigns';
import { createKey, createWorkspace } from './commands/keys';
import { tailCampaign } from './commands/tail';
import type { Io } from './output';
import { DEFAULT_API_URL, DEFAULT_CREDENTIALS_FILE, type GlobalOptions, type Settings, resolveSettings } from './settings';

/** What a run did: its exit code, and the settings it used (to name the API in an error). */
export interface RunState {
  exitCode: number;
  settings?: Settings;
  json: boolean;
}

function positiveNumber(value: string): number {
  const n = Number(value);
  if (!/^\d+(\.\d+)?$/.test(value) || !(n > 0)) throw new InvalidArgumentError('must be a positive number');
  return n;
}

function positiveInteger(value: string): number {
  if (!/^\d+$/.test(value) || Number(value) < 1) throw new InvalidArgumentError('must be a whole number of at least 1');
  return Number(value);
}

/** The `threadline` command line: each action resolves the settings, calls the API through the typed client and prints. */
export function buildProgram(io: Io, state: RunState, cwd = process.cwd()): Command {
  const program = new Command('threadline')
    .description('Threadline from the command line: keys, LinkedIn accounts, campaigns.')
    .addOption(new Option('--api-url <url>', `where the API listens (default: .data/dev-credentials.json's, else ${DEFAULT_API_URL})`).env('THREADLINE_API_URL'))
    .addOption(new Option('--api-key <key>', 'a workspace API key (prefer the variable: flags show in ps)').env('THREADLINE_API_KEY'))
    .addOption(new Option('--admin-token <token>', 'the operator token, for workspaces and keys of other workspaces').env('THREADLINE_ADMIN_TOKEN'))
    .addOption(new Option('--credentials <file>', 'the dev credentials npm run dev writes; used when no key is given').default(DEFAULT_CREDENTIALS_FILE))
    .option('--json', 'machine output: JSON on stdout, errors as JSON on stderr')
    .showHelpAfterError('(threadline --help lists the commands)')
    // Errors are answered with an exit code from runCli, never process.exit in the middle of a write.
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.stdout.write(s), writeErr: (s) => io.stderr.write(s) });

  /** Runs an action with the global settings; an action may return an exit code (tail: 130 on Ctrl-C). */
  const run = <A extends unknown[]>(action: (settings: Settings, json: boolean, ...args: A) => Promise<number | void>) =>
    async (...args: unknown[]) => {
      const command = args[args.length - 1] as Command;
      const globals = command.optsWithGlobals<GlobalOptions>();
      state.json = globals.json === true;
      state.settings = resolveSettings(globals, cwd);
      const code = await action(state.settings, state.json, ...(args.slice(0, -1) as A));
      if (typeof code === 'number') state.exitCode = code;
    };

  const workspaces = program.command('workspaces').description('workspaces (operator token)');
  workspaces.command('create <name>').description('create a workspace and its first API key (printed once, alone on stdout)')
    .action(run((s, json, name: string) => createWorkspace(s, io, name, json)));

  const keys = program.command('keys').description('API keys');
  keys.command('create <name>').description('create an API key (printed once, alone on stdout): for the key\'s workspace, or with --workspace and the operator token')
    .option('--workspace <id>', 'mint the key for this workspace with the operator token (a workspace that lost its keys)')
    .option('--rate-limit <perMinute>', 'requests per minute for this key', positiveInteger)
    .action(run((s, json, name: string, options: { workspace?: string; rateLimit?: number }) => createKey(s, io, name, options, json)));

  const accounts = program.command('accounts').description('LinkedIn accounts');
  accounts.command('connect').description('connect a LinkedIn account from its session cookies (a browser extension\'s export, or flags); cookie values are never printed')
    .option('--cookies <file>', 'a cookie export: EditThisCookie / Cookie-Editor JSON, or a Netscape cookies.txt; - reads stdin')
    .option('--li-at <value>', 'the li_at cookie (overrides the file)')
    .option('--jsessionid <value>', 'the JSESSIONID cookie (overrides the file)')
    .option('--li-a <value>', 'the li_a cookie of a Sales Navigator seat (overrides the file)')
    .option('--user-agent <ua>', 'the user agent of the browser the cookies came from (required)')
    .option('--name <name>', 'a name to tell accounts apart')
    .option('--proxy <url>', 'an http(s) proxy for this account, e.g. http://user:pass@host:8080')
    .option('--base-url <url>', 'where this account\'s LinkedIn lives (one of the API\'s LINKEDIN_ALLOWED_BASE_URLS)')
    .option('--external-id <id>', 'the id your client used for this account before')
    .action(run((s, json, options: Parameters<typeof connectAccount>[2]) => connectAccount(s, io, options, json)));
  accounts.command('list').description('the workspace\'s accounts with their status and message budgets')
    .action(run((s, json) => listAccounts(s, io, json)));
  accounts.command('limits <accountId>').description('an account\'s budgets per action, next free slot, warm-up and holds')
    .action(run((s, json, id: string) => showLimits(s, io, id, json)));

  const campaigns = program.command('campaigns').description('campaigns');
  campaigns.command('list').description('the workspace\'s campaigns')
    .option('--archived', 'archived campaigns instead')
    .action(run((s, json, options: { archived?: boolean }) => listCampaigns(s, io, options, json)));
  for (const action of ['start', 'pause', 'resume'] as const) {
    campaigns.command(`${action} <campaignId>`).description(`${action} a campaign`)
      .action(run((s, json, id: string) => changeCampaign(s, io, action, id, json)));
  }
  campaigns.command('tail <campaignId>').description('follow a campaign\'s progress until it completes (a progress bar on a terminal, a line per change otherwise); Ctrl-C stops watching')
    .option('--interval <seconds>', 'seconds between two polls', positiveNumber, 2)
    .action(run((s, json, id: string, options: { interval: number }) => tailCampaign(s, io, id, options, json)));
  campaigns.command('export <campaignId>').description('every lead with its state, step, send and reply times, Web UI link and attributes, as CSV')
    .option('-o, --output <file>', 'write to this file instead of stdout')
    .option('--state <state>', 'only leads in this state (pending, active, paused, replied, completed, stopped, skipped, failed, cancelled)')
    .option('--no-escape-formulas', 'keep cells that start with = + - @ as they are (by default they get a leading \' so a spreadsheet does not run them)')
    .action(run((s, _json, id: string, options: { output?: string; state?: string; escapeFormulas: boolean }) => exportCampaign(s, io, id, options)));

  const leads = program.command('leads').description('leads of a campaign');
  leads.command('link <campaignId> <lead>').description('the lead\'s run in the Temporal Web UI; <lead> is its id or its profile (URL, vanity name or URN)')
    .action(run((s, json, campaignId: string, lead: string) => leadLink(s, io, campaignId, lead, json)));

  return program;
}
