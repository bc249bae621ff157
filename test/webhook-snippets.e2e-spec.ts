import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { api, createWorkspace } from './support/api-client';
import { SANDBOX, emulator } from './support/emulator-admin';
import { connectAccount, waitForSyncPasses } from './support/inbox';
import { waitFor } from './support/wait-for';
import { type ReceivedWebhook, WebhookReceiver } from './support/webhook-receiver';

// The e2e project's testTimeout is not applied per project by jest 30; set it here.
jest.setTimeout(120_000);

const ROOT = join(__dirname, '..');
const SNIPPETS = [
  { name: 'Node', command: 'node', file: 'docs/snippets/verify-webhook.mjs', fence: 'js' },
  { name: 'Python', command: 'python3', file: 'docs/snippets/verify_webhook.py', fence: 'python' },
] as const;

const sign = (secret: string, raw: string) => `sha256=${createHmac('sha256', secret).update(raw).digest('hex')}`;

/** A snippet run as its docs say (WEBHOOK_SECRET, PORT), on a free port; its stdout lines are kept. */
class SnippetReceiver {
  readonly lines: string[] = [];
  url = '';
  private child!: ChildProcess;

  constructor(private readonly snippet: (typeof SNIPPETS)[number], private readonly secret: string) {}

  async start(): Promise<this> {
    this.child = spawn(this.snippet.command, [join(ROOT, this.snippet.file)], { env: { ...process.env, WEBHOOK_SECRET: this.secret, PORT: '0' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    this.child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    let buffer = '';
    this.child.stdout!.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      const lines = buffer.split('\n');
      buffer = lines.pop() ?? '';
      this.lines.push(...lines);
    });
    const port = await waitFor(`the ${this.snippet.name} snippet to listen (stderr: ${stderr})`, async () => {
      if (this.child.exitCode !== null) throw new Error(`exited ${this.child.exitCode}: ${stderr}`);
      return /^listening on (\d+)/.exec(this.lines.find((l) => l.startsWith('listening on')) ?? '')?.[1];
    }, 20_000, 100);
    this.url = `http://127.0.0.1:${port}/hooks`;
    return this;
  }

  /** Replays a delivery with its own headers (or changed ones): the snippet's answer status. */
  async post(delivery: ReceivedWebhook, change: { body?: string; signature?: string | null } = {}): Promise<number> {
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(delivery.headers)) {
      if ((name.startsWith('x-webhook-') || name === 'content-type' || name === 'user-agent') && typeof value === 'string') headers[name] = value;
    }
    if (change.signature === null) delete headers['x-webhook-signature'];
    else if (change.signature !== undefined) headers['x-webhook-signature'] = change.signature;
    const res = await fetch(this.url, { method: 'POST', headers, body: change.body ?? delivery.rawBody });
    await res.arrayBuffer();
    return res.status;
  }

  stop(): void {
    this.child?.kill('SIGTERM');
  }
}

describe('webhook consumers: the Node and Python verification snippets of docs/inbox-and-webhooks.md on real signed deliveries', () => {
  let receiver: WebhookReceiver;
  let secret: string;
  const deliveries: ReceivedWebhook[] = [];
  const running: SnippetReceiver[] = [];

  beforeAll(async () => {
    const python = spawnSync('python3', ['--version'], { encoding: 'utf8' });
    if (python.error || python.status !== 0) {
      throw new Error('python3 is not installed (or does not run): the Python webhook snippet docs/snippets/verify_webhook.py cannot be tested. Install Python 3.8+ (apt-get install python3).');
    }
    receiver = await new WebhookReceiver().start();
    const { key } = await createWorkspace();
    const created = await api('POST', '/v1/webhooks', { key, body: { url: receiver.url, events: ['message.received', 'message.sent'] } });
    expect(created.status).toBe(201);
    secret = created.body.webhook.secret;
    const alex = await connectAccount(key, SANDBOX.alex, 'Alex');
    await waitForSyncPasses(key, alex);

    // Texts beyond ASCII: the snippets must hash the bytes as received.
    const replyText = `Grüße from Sarah, café at 10? 👋 ${Date.now()}`;
    await emulator('POST', `/members/${SANDBOX.sarah}/reply`, { text: replyText, accountProfileId: SANDBOX.alex });
    const sentText = `Ça marche — see you there ✅ ${Date.now()}`;
    const sent = await api('POST', '/v1/messages', { key, headers: { 'X-Account-Id': alex }, body: { recipientId: `urn:li:fsd_profile:${SANDBOX.priya}`, text: sentText } });
    expect(sent.status).toBe(200);
    for (const [event, text] of [['message.received', replyText], ['message.sent', sentText]]) {
      deliveries.push(await waitFor(`${event} at the receiver`, async () => receiver.accepted().find((w) => w.body.event === event && w.body.data.body === text), 60_000));
    }
  });

  afterAll(async () => {
    for (const r of running) r.stop();
    await receiver?.stop();
  });

  it('quotes each snippet in the docs exactly as it is tested', () => {
    const doc = readFileSync(join(ROOT, 'docs/inbox-and-webhooks.md'), 'utf8');
    for (const s of SNIPPETS) expect(doc).toContain(`\`\`\`${s.fence}\n${readFileSync(join(ROOT, s.file), 'utf8')}\`\`\``);
  });

  it('receives genuine deliveries as signed by the stack', () => {
    // The receiver's own check, so that a failure below is the snippet's and not the delivery's.
    for (const d of deliveries) expect(d.headers['x-webhook-signature']).toBe(sign(secret, d.rawBody));
  });

  describe.each(SNIPPETS)('the $name snippet', (snippet) => {
    let server: SnippetReceiver;

    beforeAll(async () => {
      server = await new SnippetReceiver(snippet, secret).start();
      running.push(server);
    });

    it('accepts each genuine delivery and handles its event once, however often it is delivered', async () => {
      for (const d of deliveries) {
        expect(await server.post(d)).toBe(200);
        expect(await server.post(d)).toBe(200); // a retry or redelivery: same X-Webhook-Id
      }
      for (const d of deliveries) expect(server.lines.filter((l) => l === `${d.body.event} ${d.body.id}`)).toHaveLength(1);
    });

    it('rejects a tampered body, a wrong secret and a missing signature with 401, and handles none of them', async () => {
      const handled = server.lines.length;
      for (const d of deliveries) {
        // Still valid JSON, so only the signature can refuse it.
        const tampered = d.rawBody.replace(JSON.stringify(d.body.data.body), JSON.stringify(`${d.body.data.body}!`));
        expect(tampered).not.toBe(d.rawBody);
        expect(await server.post(d, { body: tampered })).toBe(401);
        expect(await server.post(d, { signature: sign('whsec_not-the-endpoint-secret', d.rawBody) })).toBe(401);
        expect(await server.post(d, { signature: null })).toBe(401);
        expect(await server.post(d, { signature: d.headers['x-webhook-signature']!.toString().replace('sha256=', 'sha1=') })).toBe(401);
      }
      expect(server.lines.length).toBe(handled);
    });
  });
  // No stale-timestamp case: the signature covers the body only (as the hosted API's does), with no timestamp to
  // check; replays are handled by deduping on X-Webhook-Id, which the first case checks.
});
