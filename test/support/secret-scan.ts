import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Client } from '@temporalio/client';
import type { Payload, PayloadCodec } from '@temporalio/common';
import { temporal } from '@temporalio/proto';
import { Client as PgClient } from 'pg';
import type { RecordedAnswer } from './api-client';

/** A session cookie value to look for, and a label that names it without showing it. */
export interface Secret {
  label: string;
  value: string;
}

/** Where a secret turned up. The context masks the secret itself, so a report never repeats it. */
export interface Finding {
  where: string;
  secret: string;
  form: string;
  context: string;
}

/** The secrets of emulator account summaries (`GET /__emulator/scenario`, `POST …/login`): li_at, JSESSIONID without its quotes, li_a. */
export function sessionSecrets(accounts: Array<{ profileId: string; cookies: { li_at: string; JSESSIONID: string; li_a?: string } }>): Secret[] {
  return accounts.flatMap((a) => [
    { label: `${a.profileId.slice(0, 12)}… li_at ${a.cookies.li_at.slice(-4)}`, value: a.cookies.li_at },
    { label: `${a.profileId.slice(0, 12)}… JSESSIONID ${a.cookies.JSESSIONID.slice(-5, -1)}`, value: a.cookies.JSESSIONID.replace(/^"(.*)"$/, '$1') },
    ...(a.cookies.li_a ? [{ label: `${a.profileId.slice(0, 12)}… li_a ${a.cookies.li_a.slice(-4)}`, value: a.cookies.li_a }] : []),
  ]);
}

/**
 * The base64 text that holds `bytes` wherever they sit in a longer encoded buffer: one needle per
 * alignment (0, 1 or 2 bytes before them), without the characters their neighbours also shape.
 */
function base64Needles(bytes: Buffer, encoding: 'base64' | 'base64url'): string[] {
  return [0, 1, 2].map((k) => {
    const encoded = Buffer.concat([Buffer.alloc(k), bytes]).toString(encoding);
    return encoded.slice([0, 2, 3][k], Math.floor(((k + bytes.length) * 8) / 6));
  });
}

/** The value as is, and as an encoder that is not encryption would leave it (URL, base64 and base64url at any offset, hex). */
export function secretForms(value: string): Array<{ form: string; text: string }> {
  const bytes = Buffer.from(value, 'utf8');
  const forms = [
    { form: 'plain', text: value },
    { form: 'url-encoded', text: encodeURIComponent(value) },
    ...base64Needles(bytes, 'base64').map((text) => ({ form: 'base64', text })),
    ...base64Needles(bytes, 'base64url').map((text) => ({ form: 'base64url', text })),
    { form: 'hex', text: bytes.toString('hex') },
  ];
  return forms.filter((f, i) => forms.findIndex((g) => g.text === f.text) === i);
}

/** Text around a finding with the secret named by its label, other secrets too, and any token-like run (a cut-off cookie) hidden. */
function maskedContext(text: string, at: number, length: number, found: Secret, secrets: Secret[]): string {
  let before = text.slice(Math.max(0, at - 80), at);
  let after = text.slice(at + length, at + length + 80);
  for (const s of secrets) {
    before = before.replaceAll(s.value, `<${s.label}>`);
    after = after.replaceAll(s.value, `<${s.label}>`);
  }
  const hideTokens = (t: string) => t.replace(/[A-Za-z0-9+/=_:-]{24,}/g, '<token>');
  return `${hideTokens(before)}<${found.label}>${hideTokens(after)}`.replace(/\s+/g, ' ');
}

/** Every place in `text` where a secret appears in one of its forms (hex matched in any case). */
export function findSecrets(where: string, text: string, secrets: Secret[]): Finding[] {
  const findings: Finding[] = [];
  const lower = text.toLowerCase();
  for (const secret of secrets) {
    const seen = new Set<string>();
    for (const { form, text: needle } of secretForms(secret.value)) {
      const at = form === 'hex' ? lower.indexOf(needle) : text.indexOf(needle);
      if (at < 0 || seen.has(form)) continue;
      seen.add(form);
      findings.push({ where, secret: secret.label, form, context: maskedContext(text, at, needle.length, secret, secrets) });
    }
  }
  return findings;
}

/** Every log file under `dir` (the stack's `logs/`: api, worker, emulator, Temporal). */
export function scanLogs(dir: string, secrets: Secret[]): { files: string[]; bytes: number; findings: Finding[] } {
  const files = readdirSync(dir).filter((f) => statSync(join(dir, f)).isFile());
  let bytes = 0;
  const findings = files.flatMap((f) => {
    const text = readFileSync(join(dir, f), 'utf8');
    bytes += text.length;
    return findSecrets(`log ${f}`, text, secrets);
  });
  return { files, bytes, findings };
}

/** Every answer the test's API client recorded: status, headers and body. */
export function scanAnswers(answers: RecordedAnswer[], secrets: Secret[]): Finding[] {
  return answers.flatMap((a) => findSecrets(`answer ${a.method} ${a.path} ${a.status}`, `${a.headers.map(([k, v]) => `${k}: ${v}`).join('\n')}\n\n${a.body}`, secrets));
}

/**
 * Every row of every table, as JSON text (bytea shows as hex, which `secretForms` covers), and the
 * accounts' encrypted cookie columns: present, and never the plain value.
 */
export async function scanPostgres(databaseUrl: string, secrets: Secret[]): Promise<{ tables: number; rows: number; encryptedCookieRows: number; findings: Finding[] }> {
  const db = new PgClient({ connectionString: databaseUrl });
  await db.connect();
  try {
    const { rows: tables } = await db.query<{ schema: string; name: string }>(
      `SELECT table_schema AS schema, table_name AS name FROM information_schema.tables
       WHERE table_type = 'BASE TABLE' AND table_schema NOT IN ('pg_catalog', 'information_schema') ORDER BY 1, 2`,
    );
    let rows = 0;
    const findings: Finding[] = [];
    for (const t of tables) {
      const { rows: dump } = await db.query<{ row: string }>(`SELECT row_to_json(t)::text AS row FROM "${t.schema}"."${t.name}" t`);
      rows += dump.length;
      for (const r of dump) findings.push(...findSecrets(`table ${t.schema}.${t.name}`, r.row, secrets));
    }
    const { rows: sealed } = await db.query<{ id: string; sealed: string | null }>('SELECT id, cookies_encrypted::text AS sealed FROM linkedin_accounts');
    for (const s of sealed) {
      if (!s.sealed) findings.push({ where: `linkedin_accounts ${s.id}`, secret: '-', form: 'missing', context: 'cookies_encrypted is empty' });
    }
    return { tables: tables.length, rows, encryptedCookieRows: sealed.filter((s) => s.sealed).length, findings };
  } finally {
    await db.end();
  }
}

function isPayload(value: unknown): value is Payload {
  return typeof value === 'object' && value !== null && 'data' in value && 'metadata' in value && (value as Payload).data instanceof Uint8Array;
}

function collectPayloads(value: unknown, out: Payload[]): void {
  if (isPayload(value)) {
    out.push(value);
    return;
  }
  if (typeof value !== 'object' || value === null || value instanceof Uint8Array) return;
  for (const child of Array.isArray(value) ? value : Object.values(value)) collectPayloads(child, out);
}

const utf8 = (bytes: Uint8Array | null | undefined) => (bytes ? Buffer.from(bytes).toString('utf8') : '');

/**
 * Every workflow run of the namespace, open or closed: its history's raw protobuf bytes (strings in
 * failures, search attributes and memos included), and each payload decoded through the client's own
 * payload codecs (an encrypting codec needs its key) and re-serialised as JSON, so escapes cannot hide a
 * value. A payload no codec could turn into JSON or text counts as opaque: it was not searched.
 */
export async function scanTemporalHistories(client: Client, secrets: Secret[], concurrency = 8): Promise<{ runs: number; events: number; payloads: number; opaquePayloads: number; findings: Finding[] }> {
  const codecs: PayloadCodec[] = [...client.options.loadedDataConverter.payloadCodecs].reverse();
  const runs: Array<{ workflowId: string; runId: string }> = [];
  for await (const run of client.workflow.list()) runs.push({ workflowId: run.workflowId, runId: run.runId });
  const result = { runs: runs.length, events: 0, payloads: 0, opaquePayloads: 0, findings: [] as Finding[] };
  const scanRun = async ({ workflowId, runId }: { workflowId: string; runId: string }) => {
    const history = await client.workflow.getHandle(workflowId, runId).fetchHistory();
    const where = `history ${workflowId}`;
    result.events += history.events?.length ?? 0;
    result.findings.push(...findSecrets(`${where} (raw)`, Buffer.from(temporal.api.history.v1.History.encode(history).finish()).toString('latin1'), secrets));
    const payloads: Payload[] = [];
    collectPayloads(history, payloads);
    let decoded = payloads;
    for (const codec of codecs) decoded = await codec.decode(decoded);
    for (const p of decoded) {
      result.payloads += 1;
      const encoding = utf8(p.metadata?.encoding);
      if (encoding === 'binary/null') continue;
      if (encoding !== 'json/plain' && encoding !== 'binary/plain') {
        result.opaquePayloads += 1;
        continue;
      }
      const text = utf8(p.data);
      let json = text;
      try {
        json = JSON.stringify(JSON.parse(text));
      } catch {
        // binary/plain, or not JSON: the text is what there is
      }
      result.findings.push(...findSecrets(`${where} (decoded ${encoding})`, `${text}\n${json}`, secrets));
    }
  };
  const queue = [...runs];
  await Promise.all(Array.from({ length: concurrency }, async () => {
    for (let run = queue.shift(); run; run = queue.shift()) await scanRun(run);
  }));
  return result;
}

/** The four places a cookie must never be in clear, scanned together; `summary` says what was searched. */
export async function scanEverywhere(input: { client: Client; logsDir: string; answers: RecordedAnswer[]; databaseUrl: string; secrets: Secret[] }) {
  const { secrets } = input;
  const temporal = await scanTemporalHistories(input.client, secrets);
  const logs = scanLogs(input.logsDir, secrets);
  const answers = scanAnswers(input.answers, secrets);
  const db = await scanPostgres(input.databaseUrl, secrets);
  const summary = [
    `  Temporal: ${temporal.runs} runs, ${temporal.events} events, ${temporal.payloads} payloads (${temporal.opaquePayloads} opaque) -> ${temporal.findings.length} findings`,
    `  logs: ${logs.files.join(', ')} (${(logs.bytes / 1e6).toFixed(1)} MB) -> ${logs.findings.length} findings`,
    `  API answers: ${input.answers.length} -> ${answers.length} findings`,
    `  Postgres: ${db.tables} tables, ${db.rows} rows, ${db.encryptedCookieRows} encrypted cookie rows -> ${db.findings.length} findings`,
  ].join('\n');
  return { temporal, logs, db, summary, findings: [...temporal.findings, ...logs.findings, ...answers, ...db.findings] };
}

/** One line per finding, for a failure message. */
export function describeFindings(findings: Finding[]): string {
  return findings.map((f) => `${f.where}: ${f.secret} (${f.form}) …${f.context}…`).join('\n');
}
