// Every curl example in README.md and docs/*.md, run against the e2e stack: each must answer as its text says
// (2xx, or the status its `# → NNN` comment names). Examples that cannot run here are listed in SKIPPED with why.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { api, createWorkspace } from './support/api-client';
import { accountCookies, SANDBOX } from './support/emulator-admin';
import { loadScenarioWithMembers } from './support/sequences';
import { connectAccount, waitForSyncPasses } from './support/inbox';
import { stackInfo } from './support/stack-info';

const ROOT = join(__dirname, '..');
const DOCS = ['README.md', ...readdirSync(join(ROOT, 'docs')).filter((f) => f.endsWith('.md')).map((f) => `docs/${f}`)];

/** Examples that cannot run against the e2e stack, by file and the start of the command, with why. */
const SKIPPED: Array<{ file: string; startsWith: string; why: string }> = [
  { file: 'README.md', startsWith: 'curl -X POST http://127.0.0.1:3000/v1/accounts', why: 'connects through a proxy at http://proxy:8080, which does not exist here (accounts-proxy.e2e-spec.ts covers proxies)' },
  { file: 'README.md', startsWith: 'curl -s http://127.0.0.1:9464/metrics', why: 'the worker metrics port of `npm run dev`; the e2e worker listens elsewhere (observability.serial-spec.ts reads it)' },
  { file: 'README.md', startsWith: 'curl -X POST $API/v1/connect', why: 'the sandbox person the examples name is a 1st-degree connection of the example account already (409 ALREADY_CONNECTED); invitations.e2e-spec.ts invites strangers' },
  { file: 'docs/invitations.md', startsWith: 'curl -X POST $API/v1/connect', why: 'as the README\'s: the example person is a connection already; invitations.e2e-spec.ts covers it' },
  { file: 'docs/invitations.md', startsWith: 'curl -X POST $API/linkedin/connect', why: 'names the vanity sarah-chen, a person the emulator\'s sandbox does not have; invitations.e2e-spec.ts covers /linkedin/connect' },
  { file: 'docs/invitations.md', startsWith: 'curl "$API/v1/invitations?cursor=$NEXT_CURSOR"', why: 'needs a second page of invitations; invitations.e2e-spec.ts pages through them' },
  { file: 'docs/invitations.md', startsWith: 'curl $API/v1/invitations/$INVITATION_ID', why: 'needs an invitation the examples do not send; invitations.e2e-spec.ts reads one' },
  { file: 'docs/inbox-and-webhooks.md', startsWith: 'curl -H "$H" -X POST "$API/v1/webhooks/$ID/deliveries/$DELIVERY_ID/redeliver"', why: 'needs a failed delivery; webhooks-delivery.e2e-spec.ts redelivers one' },
  { file: 'docs/inbox-and-webhooks.md', startsWith: 'curl -H "$H" "$API/v1/conversations/$(jq', why: 'needs jq to encode the URN; the same read runs as README "$API/v1/conversations/$CONVERSATION_URN/messages"' },
];

/** Values of the shell variables the examples use, filled in beforeAll. */
const vars: Record<string, string> = {};
/** Path variables that hold URNs: URL-encoded when they stand in a URL. */
const URN_VARS = new Set(['CONVERSATION_URN', 'MESSAGE_URN', 'URN']);

interface Example {
  file: string;
  text: string;
  expected: number | null;
}

/** The curl commands of every ```bash block, continuation lines and multi-line quotes joined. */
function examples(): Example[] {
  const out: Example[] = [];
  for (const file of DOCS) {
    const md = readFileSync(join(ROOT, file), 'utf8');
    for (const [, block] of md.matchAll(/```bash\n([\s\S]*?)```/g)) {
      const lines = block!.split('\n');
      for (let i = 0; i < lines.length; i++) {
        if (!/^\s*curl /.test(lines[i]!)) continue;
        let text = lines[i]!.trim();
        while ((text.endsWith('\\') || unbalanced(text)) && i + 1 < lines.length) text = `${text.replace(/\\$/, '')}\n${lines[++i]!.trim()}`;
        const next = lines[i + 1]?.trim() ?? '';
        const arrow = /→ (\d{3})\b/.exec(text) ?? (next.startsWith('# →') ? /→ (\d{3})\b/.exec(next) : null);
        out.push({ file, text, expected: arrow ? Number(arrow[1]) : null });
      }
    }
  }
  return out;
}

function unbalanced(text: string): boolean {
  let single = false;
  let double = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '\\' && !single) i++;
    else if (c === "'" && !double) single = !single;
    else if (c === '"' && !single) double = !double;
    else if (c === '#' && !single && !double && (i === 0 || /\s/.test(text[i - 1]!))) return false;
  }
  return single || double;
}

/** Shell words (quotes, `$VAR`, `\` escapes), up to a comment or a pipe. */
function words(text: string): string[] {
  const out: string[] = [];
  let word: string | null = null;
  const expand = (name: string, inUrl: boolean) => {
    const value = vars[name];
    if (value === undefined) throw new Error(`no value for $${name}`);
    return inUrl && URN_VARS.has(name) ? encodeURIComponent(value) : value;
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (/\s/.test(c)) {
      if (word !== null) out.push(word);
      word = null;
    } else if ((c === '#' || c === '|') && word === null) break;
    else if (c === "'") {
      const end = text.indexOf("'", i + 1);
      word = (word ?? '') + text.slice(i + 1, end);
      i = end;
    } else if (c === '"') {
      let j = i + 1;
      let s = '';
      for (; text[j] !== '"'; j++) {
        if (text[j] === '\\') s += text[++j];
        else if (text[j] === '$') {
          const name = /^\{?([A-Z_][A-Z0-9_]*)\}?/.exec(text.slice(j + 1))!;
          s += expand(name[1]!, (word ?? '').startsWith('http') || s.includes('/v1/') || s.includes('/linkedin/') || s.startsWith('$API'));
          j += name[0].length;
        } else s += text[j];
      }
      word = (word ?? '') + s;
      i = j;
    } else if (c === '\\') word = (word ?? '') + text[++i];
    else if (c === '$') {
      const name = /^\{?([A-Z_][A-Z0-9_]*)\}?/.exec(text.slice(i + 1))!;
      word = (word ?? '') + expand(name[1]!, (word ?? '').includes('/'));
      i += name[0].length;
    } else word = (word ?? '') + c;
  }
  if (word !== null) out.push(word);
  return out;
}

/** The documents' placeholders (`ACoAA…`, `(…)`, cookie `…`) replaced by values of this stack. */
function fillPlaceholders(text: string): string {
  return text
    .replace(/http:\/\/127\.0\.0\.1:3000/g, vars.API!)
    .replace(/urn:li:fs_salesProfile:\(ACwAA…,NAME_SEARCH,…\)/g, vars.SALES_URN!)
    .replace(/urn:li:fsd_profile:ACoAA…/g, vars.RECIPIENT_URN!)
    .replace(/urn:li:fsd_profile:A…/g, vars.PRIYA_URN!)
    .replace(/urn:li:fsd_profile:B…/g, vars.TOM_URN!)
    .replace(/urn:li:msg_conversation:\(…\)/g, vars.CONVERSATION_URN!)
    .replace(/profileId=ACoAA…/g, `profileId=${SANDBOX.sarah}`)
    .replace(/exists\/ACoAA…/g, `exists/${SANDBOX.sarah}`)
    .replace(/"recipientId":"…"/g, `"recipientId":"${vars.RECIPIENT_URN}"`)
    .replace(/"liAt":"…","jsessionId":"…","userAgent":"…"/g, `"liAt":"${vars.LI_AT}","jsessionId":"${vars.JSESSIONID.replace(/"/g, '\\"')}","userAgent":"${vars.USER_AGENT}"`)
    .replace(/"text":"…"/g, '"text":"docs example"')
    .replace(/"message":"…"/g, '"message":"docs example"')
    .replace(/"sequenceId":"…"/g, `"sequenceId":"${vars.PUBLISHED_SEQUENCE_ID}"`)
    .replace(/\{"accountId":"…"\},\{"accountId":"…","workingHours":\{…\}\}/g, `{"accountId":"${vars.ACCOUNT_ID}"}`)
    .replace(/https:\/\/www\.linkedin\.com\/in\/tom-becker-emu"/g, `${vars.LEAD_PROFILE_URL}"`);
}

const FILES: Record<string, Uint8Array> = {
  'deck.pdf': new TextEncoder().encode('%PDF-1.4 docs example deck'),
  // Written in beforeAll, naming a person of the loaded scenario.
  'leads.csv': new Uint8Array(),
};

/** The type curl gives a `-F name=@file` part: its small extension table, else application/octet-stream. */
function curlContentType(filename: string): string {
  const ext = filename.split('.').pop()!.toLowerCase();
  const table: Record<string, string> = { pdf: 'application/pdf', txt: 'text/plain', html: 'text/html', xml: 'application/xml', gif: 'image/gif', jpg: 'image/jpeg', jpeg: 'image/jpeg', png: 'image/png', svg: 'image/svg+xml' };
  return table[ext] ?? 'application/octet-stream';
}

/** Runs one curl command as fetch: -X, -H, -d, -F name=@file, -o (ignored), -s; the default auth and JSON headers when absent. */
async function run(text: string): Promise<{ status: number; body: string }> {
  const argv = words(fillPlaceholders(text));
  let method: string | undefined;
  let url = '';
  const headers: Record<string, string> = {};
  let body: string | FormData | undefined;
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '-X') method = argv[++i];
    else if (a === '-H') {
      const [name, ...rest] = argv[++i]!.split(':');
      headers[name!.trim().toLowerCase()] = rest.join(':').trim();
    } else if (a === '-d') body = argv[++i];
    else if (a === '-F') {
      const [name, value] = argv[++i]!.split('=@') as [string, string];
      const form = body instanceof FormData ? body : new FormData();
      form.append(name, new Blob([FILES[value]!], { type: curlContentType(value) }), value);
      body = form;
    } else if (a === '-o') i++;
    else if (a === '-s') continue;
    else url = a;
  }
  headers.authorization ??= `Bearer ${vars.API_KEY}`;
  if (typeof body === 'string') headers['content-type'] ??= 'application/json';
  const res = await fetch(url, { method: method ?? (body ? 'POST' : 'GET'), headers, body });
  return { status: res.status, body: await res.text() };
}

describe('the curl examples of README.md and docs/', () => {
  const all = examples();

  beforeAll(async () => {
    // The sandbox, plus one connection of Alex nobody writes to in the examples: the campaign examples' lead
    // stays live (no earlier thread), so the lead controls act on a running lead.
    const vanityUrl = (m: { profileId: string }) => `https://www.linkedin.com/in/seq-${m.profileId.slice(-10).toLowerCase()}`;
    const [lead, csvLead] = await loadScenarioWithMembers(2);
    vars.LEAD_PROFILE_URL = vanityUrl(lead!);
    // The CSV import's lead (the last one imported, so $LEAD) too.
    FILES['leads.csv'] = new TextEncoder().encode(`profileUrl;firstName\r\n${vanityUrl(csvLead!)};Dana\r\n`);
    const { key, workspaceId } = await createWorkspace();
    const cookies = await accountCookies(SANDBOX.alex);
    Object.assign(vars, {
      API: stackInfo().apiUrl,
      API_KEY: key,
      H: `Authorization: Bearer ${key}`,
      THREADLINE_ADMIN_TOKEN: stackInfo().adminToken,
      WORKSPACE_ID: workspaceId,
      RECIPIENT_URN: `urn:li:fsd_profile:${SANDBOX.sarah}`,
      PRIYA_URN: `urn:li:fsd_profile:${SANDBOX.priya}`,
      TOM_URN: `urn:li:fsd_profile:${SANDBOX.tom}`,
      SALES_URN: `urn:li:fs_salesProfile:(${SANDBOX.morgan.replace(/^ACoAA/, 'ACwAA')},NAME_SEARCH,docs)`,
      LI_AT: cookies.liAt,
      JSESSIONID: cookies.jsessionId,
      USER_AGENT: cookies.userAgent,
    });
    vars.ACCOUNT_ID = await connectAccount(key, SANDBOX.alex);
    vars.SALES_NAV_ACCOUNT_ID = await connectAccount(key, SANDBOX.jordan);
    Object.assign(vars, { A1: vars.ACCOUNT_ID, A2: vars.SALES_NAV_ACCOUNT_ID });
    const sent = await api('POST', '/v1/messages', { key, body: { recipientId: vars.RECIPIENT_URN, text: 'Docs examples thread' } });
    Object.assign(vars, { CONVERSATION_URN: sent.body.conversationUrn, URN: sent.body.conversationUrn, MESSAGE_URN: sent.body.messageUrn, MESSAGE_ID: sent.body.messageId });
    const upload = await fetch(`${vars.API}/v1/attachments`, { method: 'POST', headers: { authorization: `Bearer ${key}` }, body: (() => {
      const f = new FormData();
      f.append('file', new Blob([FILES['deck.pdf']!], { type: 'application/pdf' }), 'deck.pdf');
      return f;
    })() });
    vars.ATTACHMENT_ID = ((await upload.json()) as { attachment: { id: string } }).attachment.id;
    const sequence = await api('POST', '/v1/sequences', { key, body: { name: 'docs', steps: [{ type: 'typing_and_send', template: 'Hi {{firstName|there}}' }] } });
    vars.SEQUENCE_ID = sequence.body.sequence.id;
    await api('POST', `/v1/sequences/${vars.SEQUENCE_ID}/publish`, { key });
    vars.PUBLISHED_SEQUENCE_ID = vars.SEQUENCE_ID;
    await waitForSyncPasses(key, vars.ACCOUNT_ID);
    const page = await api('GET', `/v1/conversations?count=1&accountId=${vars.ACCOUNT_ID}`, { key });
    vars.CURSOR = page.body.nextCursor ?? '';
  });

  it('does find the examples', () => {
    expect(all.length).toBeGreaterThan(40);
  });

  it('does answer every example as its text says (skipping only SKIPPED, each with why)', async () => {
    const failures: string[] = [];
    for (const example of all) {
      const skip = SKIPPED.find((s) => s.file === example.file && example.text.startsWith(s.startsWith));
      if (skip) continue;
      // $ID means the campaign in the sequences doc and the webhook in the webhooks doc.
      vars.ID = example.file.includes('sequences') ? (vars.CAMPAIGN_ID ?? 'none') : (vars.WEBHOOK_ID ?? 'none');
      let answer: { status: number; body: string };
      try {
        answer = await run(example.text);
      } catch (err) {
        failures.push(`${example.file}: ${example.text.split('\n')[0]} → could not run: ${(err as Error).message}`);
        continue;
      }
      const ok = example.expected === null ? answer.status < 300 : answer.status === example.expected;
      if (!ok) failures.push(`${example.file}: ${example.text.split('\n')[0]} → ${answer.status} ${answer.body.slice(0, 200)}`);
      // Later examples use what earlier ones created.
      const json = (() => {
        try {
          return JSON.parse(answer.body) as Record<string, { id?: string } | undefined>;
        } catch {
          return {};
        }
      })();
      if (json.webhook?.id) vars.WEBHOOK_ID = json.webhook.id;
      if (json.campaign?.id) vars.CAMPAIGN_ID = json.campaign.id;
      const leads = (json as { leads?: Array<{ id?: string }>; added?: Array<{ id?: string }> }).leads ?? (json as { added?: Array<{ id?: string }> }).added;
      if (Array.isArray(leads) && leads[0]?.id) vars.LEAD = leads[0].id;
      if (json.sequence?.id && example.file.includes('sequences')) vars.SEQUENCE_ID = json.sequence.id;
    }
    expect(failures).toEqual([]);
  });
});
