import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { api, createWorkspace } from './support/api-client';
import { SANDBOX, USER_AGENT, accountCookies } from './support/emulator-admin';
import { ALWAYS_OPEN, type Member, loadScenarioWithMembers, publishedSequence, resetEmulator, waitForSent } from './support/sequences';
import { freePort } from '../scripts/stack';
import { specEmulatorUrl, stackInfo } from './support/stack-info';

const ROOT = join(__dirname, '..');
const MAIN = join(ROOT, 'dist/apps/cli/src/main.js');

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** A folder with no .data/: the CLI finds no dev credentials there unless a test writes them. */
const emptyDir = () => mkdtempSync(join(tmpdir(), 'threadline-cli-e2e-'));

function start(args: string[], env: Record<string, string> = {}, cwd = emptyDir()): { child: ChildProcess; done: Promise<Run> } {
  // Only what the test gives: no THREADLINE_* of the machine running the tests.
  const child = spawn(process.execPath, [MAIN, ...args], { cwd, env: { PATH: process.env.PATH ?? '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const done = new Promise<Run>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
  return { child, done };
}

/** Runs the built CLI against the e2e stack as a person would, with the key (or token) in the environment. */
const cli = (args: string[], env: Record<string, string> = {}, cwd?: string) => start(args, { THREADLINE_API_URL: stackInfo().apiUrl, ...env }, cwd).done;

/** A run that must succeed; its failure shows what the CLI printed. */
async function ok(args: string[], env: Record<string, string> = {}, cwd?: string): Promise<Run> {
  const run = await cli(args, env, cwd);
  if (run.code !== 0) throw new Error(`threadline ${args.join(' ')} exited ${run.code}\nstdout: ${run.stdout}\nstderr: ${run.stderr}`);
  return run;
}

const jsonOf = <T = any>(run: Run): T => JSON.parse(run.stdout) as T; // eslint-disable-line @typescript-eslint/no-explicit-any

describe('the CLI (npx threadline), run as a child process against the stack', () => {
  const admin = () => ({ THREADLINE_ADMIN_TOKEN: stackInfo().adminToken });
  let key: string;
  let workspaceId: string;
  let alex: string;

  beforeAll(async () => {
    const created = await ok(['--json', 'workspaces', 'create', 'CLI e2e'], admin());
    ({ workspace: { id: workspaceId }, apiKey: { key } } = jsonOf(created));
  });

  describe('keys', () => {
    it('creates a workspace with the operator token and prints its first key alone on stdout', async () => {
      const run = await ok(['workspaces', 'create', 'CLI e2e, by hand'], admin());
      expect(run.stdout).toMatch(/^tl_\S+\n$/);
      expect(run.stderr).toMatch(/Created workspace "CLI e2e, by hand" \(id [0-9a-f-]{36}\)[\s\S]*shown once/);
      expect((await api('GET', '/v1/accounts', { key: run.stdout.trim() })).status).toBe(200);
    });

    it('creates a key with the workspace\'s key, and mints one for a workspace with the operator token', async () => {
      const own = await ok(['keys', 'create', 'crm-sync', '--rate-limit', '120'], { THREADLINE_API_KEY: key });
      const minted = await ok(['--json', 'keys', 'create', 'recovery', '--workspace', workspaceId], admin());
      expect(jsonOf(minted)).toMatchObject({ name: 'recovery', key: expect.stringMatching(/^tl_/) });
      const listed = await api('GET', '/v1/api-keys', { key: own.stdout.trim() });
      expect(listed.body.apiKeys).toEqual(expect.arrayContaining([
        expect.objectContaining({ name: 'crm-sync', rateLimitPerMinute: 120 }), expect.objectContaining({ name: 'recovery', id: jsonOf(minted).id }),
      ]));
    });

    it('says what is missing or refused, with the API\'s code, and exits 1', async () => {
      const noToken = await cli(['workspaces', 'create', 'x']);
      expect(noToken).toMatchObject({ code: 1, stdout: '' });
      expect(noToken.stderr).toMatch(/^error: CLI_USAGE: no operator token: set THREADLINE_ADMIN_TOKEN/);
      const wrong = await cli(['workspaces', 'create', 'x'], { THREADLINE_ADMIN_TOKEN: 'not-the-token' });
      expect(wrong).toMatchObject({ code: 1, stdout: '' });
      expect(wrong.stderr).toMatch(/^error: UNAUTHORIZED: .+ \(HTTP 401, request id [\w-]+\)\n$/);
      const unknown = await cli(['--json', 'keys', 'create', 'x', '--workspace', '00000000-0000-4000-8000-000000000000'], admin());
      expect(unknown.code).toBe(1);
      expect(JSON.parse(unknown.stderr)).toMatchObject({ success: false, code: 'NOT_FOUND', status: 404, error: expect.any(String), requestId: expect.any(String) });
      const badLimit = await cli(['keys', 'create', 'x', '--rate-limit', 'lots'], { THREADLINE_API_KEY: key });
      expect(badLimit.code).toBe(1);
      expect(badLimit.stderr).toMatch(/option '--rate-limit <perMinute>' argument 'lots' is invalid\. must be a whole number/);
      const closed = `http://127.0.0.1:${await freePort()}`;
      const down = await cli(['accounts', 'list'], { THREADLINE_API_KEY: key, THREADLINE_API_URL: closed });
      expect(down.code).toBe(1);
      expect(down.stderr).toBe(`error: API_UNREACHABLE: cannot reach the Threadline API at ${closed} (ECONNREFUSED): is it running? (THREADLINE_API_URL or --api-url)\n`);
    });
  });

  describe('accounts', () => {
    const dir = emptyDir();
    let alexCookies: Awaited<ReturnType<typeof accountCookies>>;
    let jordanCookies: Awaited<ReturnType<typeof accountCookies>>;
    const secretsOf = (c: { liAt: string; jsessionId: string; liA?: string }) => [c.liAt, c.jsessionId, c.jsessionId.replace(/"/g, ''), ...(c.liA ? [c.liA] : [])];
    const printsNoSecret = (run: Run, ...cookies: Array<{ liAt: string; jsessionId: string; liA?: string }>) => {
      for (const secret of cookies.flatMap(secretsOf)) expect(run.stdout + run.stderr).not.toContain(secret);
    };

    beforeAll(async () => {
      alexCookies = await accountCookies(SANDBOX.alex);
      jordanCookies = await accountCookies(SANDBOX.jordan);
    });

    it('connects an account from a Cookie-Editor / EditThisCookie JSON export, and never prints a cookie', async () => {
      const file = join(dir, 'linkedin-cookies.json');
      writeFileSync(file, JSON.stringify([
        { domain: '.linkedin.com', name: 'bcookie', value: '"v=2&0a1b"', path: '/', secure: true, httpOnly: false, hostOnly: false, session: false, expirationDate: 1798000000 },
        { domain: '.www.linkedin.com', name: 'li_at', value: alexCookies.liAt, path: '/', secure: true, httpOnly: true, hostOnly: false, session: false, sameSite: 'no_restriction', storeId: '0', expirationDate: 1798000000 },
        { domain: '.www.linkedin.com', name: 'JSESSIONID', value: `"${alexCookies.jsessionId.replace(/"/g, '')}"`, path: '/', secure: true, httpOnly: false, hostOnly: false, session: false },
      ]));
      const run = await ok(['accounts', 'connect', '--base-url', specEmulatorUrl(), '--cookies', file, '--user-agent', USER_AGENT, '--name', 'Alex (CLI)'], { THREADLINE_API_KEY: key });
      expect(run.stdout).toMatch(/^ID\s+NAME\s+PROFILE\s+STATUS\n[0-9a-f-]{36}\s+Alex \(CLI\)\s+alex-sandbox-emu\s+active\n$/);
      alex = run.stdout.split('\n')[1]!.split(/\s+/)[0]!;
      expect((await api('GET', `/v1/accounts/${alex}`, { key })).body.account).toMatchObject({ name: 'Alex (CLI)', status: 'active', userAgent: USER_AGENT });
      printsNoSecret(run, alexCookies);
    });

    it('connects a Sales Navigator account from a Netscape cookies.txt (HttpOnly lines included)', async () => {
      const file = join(dir, 'cookies.txt');
      writeFileSync(file, [
        '# Netscape HTTP Cookie File',
        `#HttpOnly_.www.linkedin.com\tTRUE\t/\tTRUE\t1798000000\tli_at\t${jordanCookies.liAt}`,
        `.www.linkedin.com\tTRUE\t/\tTRUE\t1798000000\tJSESSIONID\t${jordanCookies.jsessionId}`,
        `.www.linkedin.com\tTRUE\t/\tTRUE\t1798000000\tli_a\t${jordanCookies.liA}`,
        '',
      ].join('\n'));
      const run = await ok(['--json', 'accounts', 'connect', '--base-url', specEmulatorUrl(), '--cookies', file, '--user-agent', USER_AGENT], { THREADLINE_API_KEY: key });
      expect(jsonOf(run)).toMatchObject({ publicIdentifier: 'jordan-seller-emu', status: 'active', hasSalesNavigator: true });
      printsNoSecret(run, jordanCookies);
    });

    it('connects from cookie flags, and refuses missing or malformed cookies without printing them', async () => {
      const other = (await createWorkspace()).key;
      const run = await ok(['accounts', 'connect', '--base-url', specEmulatorUrl(), '--li-at', alexCookies.liAt, '--jsessionid', alexCookies.jsessionId, '--user-agent', USER_AGENT], { THREADLINE_API_KEY: other });
      expect(run.stdout).toMatch(/alex-sandbox-emu\s+active/);
      printsNoSecret(run, alexCookies);

      const noSession = join(dir, 'other-site.json');
      writeFileSync(noSession, JSON.stringify([{ domain: '.www.linkedin.com', name: 'JSESSIONID', value: alexCookies.jsessionId }]));
      const missing = await cli(['accounts', 'connect', '--base-url', specEmulatorUrl(), '--cookies', noSession, '--user-agent', USER_AGENT], { THREADLINE_API_KEY: other });
      expect(missing).toMatchObject({ code: 1, stdout: '' });
      expect(missing.stderr).toMatch(/^error: CLI_USAGE: the li_at cookie is missing \(not in .*other-site\.json\)/);

      const malformed = await cli(['accounts', 'connect', '--base-url', specEmulatorUrl(), '--li-at', alexCookies.liAt, '--jsessionid', 'ajax-not-a-session', '--user-agent', USER_AGENT], { THREADLINE_API_KEY: other });
      expect(malformed).toMatchObject({ code: 1, stdout: '' });
      expect(malformed.stderr).toMatch(/^error: VALIDATION_FAILED: .+ \(HTTP 400, field jsessionId, request id [\w-]+\)\n$/);
      printsNoSecret(malformed, alexCookies, { liAt: alexCookies.liAt, jsessionId: 'ajax-not-a-session' });

      const noAgent = await cli(['accounts', 'connect', '--base-url', specEmulatorUrl(), '--li-at', alexCookies.liAt, '--jsessionid', alexCookies.jsessionId], { THREADLINE_API_KEY: other });
      expect(noAgent.code).toBe(1);
      expect(noAgent.stderr).toMatch(/--user-agent is required/);
    });

    it('lists the accounts with their status and message budgets, and one account\'s limits', async () => {
      const listed = jsonOf<Array<{ id: string; status: string; limits: { actions: { messages: { daily: { used: number; limit: number } } } } }>>(
        await ok(['accounts', 'list', '--json'], { THREADLINE_API_KEY: key }),
      );
      expect(listed.map((a) => a.status)).toEqual(['active', 'active']);
      const alexRow = listed.find((a) => a.id === alex)!;
      const limits = await api('GET', `/v1/accounts/${alex}/limits`, { key });
      expect(alexRow.limits.actions.messages.daily).toMatchObject({ limit: limits.body.actions.messages.daily.limit, used: limits.body.actions.messages.daily.used });

      const table = await ok(['accounts', 'list'], { THREADLINE_API_KEY: key });
      const [header, ...rows] = table.stdout.trim().split('\n');
      expect(header).toMatch(/^ID\s+NAME\s+STATUS\s+MESSAGES TODAY\s+THIS WEEK\s+INMAILS TODAY\s+INVITES TODAY\s+NEXT SEND\s+HOLD UNTIL$/);
      const daily = limits.body.actions.messages.daily;
      expect(rows.find((r) => r.startsWith(alex))).toMatch(new RegExp(`Alex \\(CLI\\)\\s+active\\s+${daily.used}/${daily.limit}`));

      const one = await ok(['accounts', 'limits', alex], { THREADLINE_API_KEY: key });
      expect(one.stdout).toMatch(new RegExp(`^account ${alex}: active`));
      expect(one.stdout).toMatch(/^messages\s+daily\s+\d+\s+\d+\s+\d+\s+\d+/m);
      expect(one.stdout).toMatch(/^invitations\s+daily/m);
    });
  });

  describe('campaigns', () => {
    let leads: Member[];
    const env = () => ({ THREADLINE_API_KEY: key });

    beforeAll(async () => {
      leads = await loadScenarioWithMembers(3);
    });

    afterAll(async () => {
      await resetEmulator();
    });

    async function campaign(steps: unknown[], people: Member[], name: string): Promise<{ campaignId: string; leadIds: string[] }> {
      const sequenceId = await publishedSequence(key, steps);
      const created = await api('POST', '/v1/campaigns', { key, body: { name, sequenceId, senders: [{ accountId: alex }], workingHours: ALWAYS_OPEN } });
      const campaignId = created.body.campaign.id as string;
      if (people.length === 0) return { campaignId, leadIds: [] };
      const added = await api('POST', `/v1/campaigns/${campaignId}/leads`, {
        key, body: { leads: people.map((m) => ({ profile: m.urn, attributes: { firstName: m.firstName, note: '=1+1' } })) },
      });
      return { campaignId, leadIds: added.body.leads.map((l: { id: string }) => l.id) };
    }

    it('starts a campaign, tails it to its end, exports its leads to CSV and prints a lead\'s Web UI link', async () => {
      const { campaignId, leadIds } = await campaign([{ id: 'hello', type: 'typing_and_send', template: 'Hi {{firstName}}, from the CLI' }, { id: 'done', type: 'end' }], leads.slice(0, 2), 'CLI two leads');
      expect(jsonOf(await ok(['campaigns', 'list', '--json'], env()))).toEqual([expect.objectContaining({ id: campaignId, name: 'CLI two leads', status: 'draft' })]);

      const started = await ok(['campaigns', 'start', campaignId], env());
      expect(started.stdout).toMatch(new RegExp(`^CLI two leads \\(${campaignId}\\) is running: 2 leads`));
      expect(started.stderr).toBe(`Temporal Web UI: ${(await api('GET', `/v1/campaigns/${campaignId}`, { key })).body.campaign.temporalUrl}\n`);

      // One JSON line per change, the last one the completed campaign.
      const tail = await ok(['campaigns', 'tail', campaignId, '--json', '--interval', '0.2'], env());
      const lines = tail.stdout.trim().split('\n').map((l) => JSON.parse(l));
      expect(lines.at(-1)).toMatchObject({ campaignId, status: 'completed', total: 2, done: 2, sent: 2, replied: 0, leads: { completed: 2 } });
      expect(new Set(lines.map((l) => l.status))).not.toContain('draft');

      // Off a terminal, the same as lines of text; a finished campaign is one line and the end.
      const again = await ok(['campaigns', 'tail', campaignId], env());
      expect(again.stdout).toMatch(/^\S+Z CLI two leads: completed · 2\/2 leads done · sent 2 · replied 0 \(0%\) · completed 2\n$/);

      // On a terminal (script(1) gives it one): the bar, then the outcome.
      const command = [process.execPath, MAIN, 'campaigns', 'tail', campaignId].map((a) => `'${a}'`).join(' ');
      const onTty = await new Promise<Run>((resolve, reject) => {
        const child = spawn('script', ['-qec', command, '/dev/null'], { cwd: emptyDir(), env: { PATH: process.env.PATH ?? '', TERM: 'xterm', ...env(), THREADLINE_API_URL: stackInfo().apiUrl }, stdio: ['ignore', 'pipe', 'pipe'] });
        let stdout = '';
        child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
        child.on('error', reject);
        child.on('close', (code) => resolve({ code, stdout, stderr: '' }));
      });
      expect(onTty.code).toBe(0);
      expect(onTty.stdout).toContain('CLI two leads |██████████████████████████████| 2/2 leads done · sent 2 · replied 0 · completed');
      expect(onTty.stdout).toMatch(/CLI two leads: completed · 2\/2 leads done · sent 2 · replied 0 \(0%\) · completed 2\r?\n$/);

      const file = join(emptyDir(), 'leads.csv');
      const exported = await ok(['campaigns', 'export', campaignId, '-o', file], env());
      expect(exported.stderr).toBe(`Wrote 2 leads of "CLI two leads" to ${file}\n`);
      const rows = parse(readFileSync(file, 'utf8'), { columns: true }) as Array<Record<string, string>>;
      const { body } = await api('GET', `/v1/campaigns/${campaignId}/leads`, { key });
      expect(rows.map((r) => r.leadId).sort()).toEqual([...leadIds].sort());
      for (const row of rows) {
        const lead = body.leads.find((l: { id: string }) => l.id === row.leadId);
        expect(row).toMatchObject({ state: 'completed', profile: lead.profile, profileUrn: lead.profileUrn, lastSentAt: lead.lastSentAt, conversationUrn: lead.conversationUrn, temporalUrl: lead.temporalUrl, 'attributes.note': '\'=1+1' });
        expect(row['attributes.firstName']).toMatch(/^Lead\d$/);
        expect(row.lastSentAt).not.toBe('');
      }
      const toStdout = await ok(['campaigns', 'export', campaignId, '--state', 'completed', '--no-escape-formulas'], env());
      expect((parse(toStdout.stdout, { columns: true }) as Array<Record<string, string>>).map((r) => r['attributes.note'])).toEqual(['=1+1', '=1+1']);

      const lead = body.leads.find((l: { id: string }) => l.id === leadIds[0]);
      expect((await ok(['leads', 'link', campaignId, lead.id], env())).stdout).toBe(`${lead.temporalUrl}\n`);
      expect((await ok(['leads', 'link', campaignId, lead.profile], env())).stdout).toBe(`${lead.temporalUrl}\n`);
      expect(decodeURIComponent(lead.temporalUrl)).toMatch(new RegExp(`/namespaces/${stackInfo().namespace}/workflows/lead:${campaignId}:${lead.id}$`));
      const notThere = await cli(['leads', 'link', campaignId, 'https://www.linkedin.com/in/nobody-here'], env());
      expect(notThere).toMatchObject({ code: 1, stderr: `error: NOT_FOUND: no lead with profile https://www.linkedin.com/in/nobody-here in campaign ${campaignId}\n` });
    });

    it('pauses and resumes a running campaign, refuses what its state does not allow, and a tail stops on Ctrl-C', async () => {
      const { campaignId } = await campaign([{ id: 'hello', type: 'typing_and_send', template: 'Hi {{firstName}}' }, { id: 'later', type: 'wait', duration: '1d' }, { id: 'done', type: 'end' }], leads.slice(2, 3), 'CLI long wait');
      try {
        expect(jsonOf(await ok(['--json', 'campaigns', 'start', campaignId], env()))).toMatchObject({ id: campaignId, status: 'running' });
        await waitForSent(leads[2]!, 1);

        expect((await ok(['campaigns', 'pause', campaignId], env())).stdout).toMatch(/^CLI long wait \(\S+\) is paused: 1 leads/);
        const startPaused = await cli(['campaigns', 'start', campaignId], env());
        expect(startPaused).toMatchObject({ code: 1, stdout: '' });
        expect(startPaused.stderr).toMatch(/^error: CAMPAIGN_STATE_INVALID: Campaign \S+ is paused; only a draft campaign can start\. \(HTTP 409, request id [\w-]+\)\n$/);
        expect(jsonOf(await ok(['campaigns', 'resume', campaignId, '--json'], env()))).toMatchObject({ id: campaignId, status: 'running' });

        const tail = start(['campaigns', 'tail', campaignId, '--json', '--interval', '0.2'], { THREADLINE_API_URL: stackInfo().apiUrl, ...env() });
        await new Promise<void>((resolve) => tail.child.stdout!.once('data', () => resolve()));
        tail.child.kill('SIGINT');
        const stopped = await tail.done;
        expect(stopped.code).toBe(130);
        expect(JSON.parse(stopped.stdout.trim().split('\n')[0]!)).toMatchObject({ campaignId, status: 'running', total: 1, done: 0, sent: 1 });
        expect(stopped.stderr).toBe('Stopped watching; the campaign goes on.\n');
      } finally {
        await api('POST', `/v1/campaigns/${campaignId}/cancel`, { key });
      }
    });

    it('answers NOT_FOUND for another workspace\'s campaign', async () => {
      const { campaignId } = await campaign([{ id: 'hello', type: 'typing_and_send', template: 'Hi' }], [], 'CLI not yours');
      const stranger = (await createWorkspace()).key;
      const run = await cli(['--json', 'campaigns', 'pause', campaignId], { THREADLINE_API_KEY: stranger });
      expect(run.code).toBe(1);
      expect(JSON.parse(run.stderr)).toMatchObject({ success: false, code: 'NOT_FOUND', status: 404 });
      const exported = await cli(['campaigns', 'export', campaignId], { THREADLINE_API_KEY: stranger });
      expect(exported).toMatchObject({ code: 1, stdout: '' });
    });
  });

  it('takes its API, key and operator token from npm run dev\'s .data files, for that API only', async () => {
    const dir = emptyDir();
    mkdirSync(join(dir, '.data'));
    writeFileSync(join(dir, '.data', 'dev-credentials.json'), JSON.stringify({ apiUrl: stackInfo().apiUrl, apiKey: key, accountId: alex }));
    writeFileSync(join(dir, '.data', 'secrets.json'), JSON.stringify({ adminToken: stackInfo().adminToken }));
    const listed = await start(['accounts', 'list', '--json'], { PATH: process.env.PATH ?? '' }, dir).done;
    expect(listed.code).toBe(0);
    expect(JSON.parse(listed.stdout).map((a: { id: string }) => a.id)).toContain(alex);
    expect((await start(['keys', 'create', 'from-dev', '--workspace', workspaceId], {}, dir).done).stdout).toMatch(/^tl_/);
    // Pointed at another API, the dev key stays home.
    const elsewhere = await start(['accounts', 'list'], { THREADLINE_API_URL: 'http://127.0.0.1:3999' }, dir).done;
    expect(elsewhere.stderr).toMatch(/^error: CLI_USAGE: no API key/);
  });

  it('runs as npx threadline from the repository', async () => {
    const help = await new Promise<Run>((resolve, reject) => {
      const child = spawn('npx', ['threadline', '--help'], { cwd: ROOT, env: { ...process.env, THREADLINE_API_KEY: '' }, stdio: ['ignore', 'pipe', 'pipe'] });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      child.on('error', reject);
      child.on('close', (code) => resolve({ code, stdout, stderr }));
    });
    expect(help).toMatchObject({ code: 0 });
    for (const command of ['workspaces', 'keys', 'accounts', 'campaigns', 'leads']) expect(help.stdout).toMatch(new RegExp(`^  ${command} `, 'm'));
  });
});
