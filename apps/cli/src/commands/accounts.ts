import { readFileSync } from 'node:fs';
import { type ThreadlineClient, type components, unwrap } from '@threadline/client';
import { CliError } from '../cli-error';
import { type LinkedInSession, linkedInSession, parseCookieExport } from '../cookies';
import { type Io, note, printJson, printLine, table } from '../output';
import { type Settings, workspaceClient } from '../settings';

type Account = components['schemas']['AccountResponse'];
type Limits = components['schemas']['AccountLimitsResponse'];

export interface ConnectOptions {
  cookies?: string;
  liAt?: string;
  jsessionid?: string;
  liA?: string;
  userAgent?: string;
  name?: string;
  proxy?: string;
  baseUrl?: string;
  externalId?: string;
}

/** The session from the export file (`-` reads stdin), with each flag overriding its cookie. */
function sessionOf(options: ConnectOptions): LinkedInSession {
  let session: LinkedInSession = {};
  if (options.cookies) {
    const source = options.cookies === '-' ? 'the cookies on stdin' : options.cookies;
    let text: string;
    try {
      text = readFileSync(options.cookies === '-' ? 0 : options.cookies, 'utf8');
    } catch (err) {
      throw new CliError(`cannot read ${source}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
    }
    session = linkedInSession(parseCookieExport(text, source));
  }
  if (options.liAt) session.liAt = options.liAt;
  if (options.jsessionid) session.jsessionId = options.jsessionid;
  if (options.liA) session.liA = options.liA;
  const from = options.cookies ? ` (not in ${options.cookies === '-' ? 'stdin' : options.cookies})` : '';
  if (!session.liAt) throw new CliError(`the li_at cookie is missing${from}: pass --cookies <export file> or --li-at`);
  if (!session.jsessionId) throw new CliError(`the JSESSIONID cookie is missing${from}: pass --cookies <export file> or --jsessionid`);
  return session;
}

/** `threadline accounts connect`: never prints a cookie, only what the API says about the account. */
export async function connectAccount(settings: Settings, io: Io, options: ConnectOptions, json: boolean): Promise<void> {
  const session = sessionOf(options);
  if (!options.userAgent) throw new CliError('--user-agent is required: the user agent of the browser the cookies came from (navigator.userAgent in its console)');
  const body: components['schemas']['ConnectAccountDto'] = { liAt: session.liAt!, jsessionId: session.jsessionId!, userAgent: options.userAgent };
  if (session.liA) body.liA = session.liA;
  if (options.name) body.name = options.name;
  if (options.proxy) body.proxyUrl = options.proxy;
  if (options.baseUrl) body.baseUrl = options.baseUrl;
  if (options.externalId) body.externalId = options.externalId;
  const { account } = await unwrap(workspaceClient(settings).POST('/v1/accounts', { body }));
  if (json) return printJson(io, account);
  note(io, `Connected ${account.name ?? account.publicIdentifier ?? 'the account'}${session.liA ? ' (with its Sales Navigator cookie)' : ''}; the session was checked with LinkedIn.`);
  printLine(io, table([['ID', 'NAME', 'PROFILE', 'STATUS'], [account.id, account.name ?? '', account.publicIdentifier ?? account.profileUrn ?? '', account.status]]));
}

async function limitsOf(tl: ThreadlineClient, id: string): Promise<Limits> {
  return unwrap(tl.GET('/v1/accounts/{id}/limits', { params: { path: { id } } }));
}

const time = (iso: string | null | undefined) => (iso ? iso.replace('T', ' ').replace(/\.\d{3}Z$/, 'Z') : '');
const usage = (w: components['schemas']['WindowLimitsResponse'] | null) => (w ? `${w.used}/${w.limit}${w.reserved ? ` (+${w.reserved})` : ''}` : '-');

/** `threadline accounts list`: each account with its status and its message budget today and this week. */
export async function listAccounts(settings: Settings, io: Io, json: boolean): Promise<void> {
  const tl = workspaceClient(settings);
  const { accounts } = await unwrap(tl.GET('/v1/accounts'));
  const rows: Array<{ account: Account; limits: Limits }> = [];
  for (const account of accounts) rows.push({ account, limits: await limitsOf(tl, account.id) });
  if (json) return printJson(io, rows.map(({ account, limits: { success: _, ...limits } }) => ({ ...account, limits })));
  if (rows.length === 0) return note(io, 'No accounts yet: threadline accounts connect --cookies <export file> --user-agent "…"');
  printLine(io, table([
    ['ID', 'NAME', 'STATUS', 'MESSAGES TODAY', 'THIS WEEK', 'INMAILS TODAY', 'INVITES TODAY', 'NEXT SEND', 'HOLD UNTIL'],
    ...rows.map(({ account, limits }) => [
      account.id + (account.isDefault ? ' *' : ''),
      account.name ?? account.publicIdentifier ?? '',
      account.status,
      usage(limits.actions.messages.daily),
      usage(limits.actions.messages.weekly),
      usage(limits.actions.inmails.daily),
      usage(limits.actions.invitations.daily),
      time(limits.actions.messages.nextFreeSlot),
      time(limits.hold?.until),
    ]),
  ]));
  note(io, 'used/limit (+reserved by sends under way); * the default account');
}

/** `threadline accounts limits <id>`: every budget of one account, its warm-up and its holds. */
export async function showLimits(settings: Settings, io: Io, id: string, json: boolean): Promise<void> {
  const { success: _, ...limits } = await limitsOf(workspaceClient(settings), id);
  if (json) return printJson(io, limits);
  const action = (name: string, a: components['schemas']['ActionLimitsResponse']) => [
    [name, 'daily', String(a.daily.used), String(a.daily.reserved), String(a.daily.remaining), String(a.daily.limit), time(a.daily.resetAt), time(a.nextFreeSlot)],
    ...(a.weekly ? [['', 'weekly', String(a.weekly.used), String(a.weekly.reserved), String(a.weekly.remaining), String(a.weekly.limit), time(a.weekly.resetAt), '']] : []),
  ];
  printLine(io, `account ${limits.accountId}: ${limits.status} (read ${time(limits.checkedAt)})`);
  printLine(io, table([
    ['ACTION', 'WINDOW', 'USED', 'RESERVED', 'REMAINING', 'LIMIT', 'RESETS', 'NEXT FREE SLOT'],
    ...action('messages', limits.actions.messages),
    ...action('inmails', limits.actions.inmails),
    ...action('invitations', limits.actions.invitations),
  ]));
  if (limits.warmup) printLine(io, `warming up: day ${limits.warmup.day} of ${limits.warmup.days}, ${limits.warmup.dailyCap} messages a day today, full caps from ${time(limits.warmup.endsAt)}`);
  if (limits.hold) printLine(io, `on hold until ${time(limits.hold.until)}${limits.hold.reason ? `: ${limits.hold.reason}` : ''}`);
  if (limits.invitationsHold) printLine(io, `invitations held until ${time(limits.invitationsHold.until)}${limits.invitationsHold.reason ? `: ${limits.invitationsHold.reason}` : ''}`);
}
