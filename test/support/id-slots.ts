import type { Operation, Schema } from './openapi';

/** The kinds of workspace-owned ids the API takes. */
export const ID_KINDS = ['workspace', 'account', 'conversation', 'message', 'messageUrn', 'attachment', 'webhook', 'sequence', 'campaign', 'lead', 'exclusion', 'apiKey', 'idempotencyKey', 'cursor', 'invitation'] as const;
export type IdKind = (typeof ID_KINDS)[number];

/** What a parameter or body field takes: a workspace id, a LinkedIn member (anyone's to name), or nothing id-like. */
export type SlotKind = IdKind | 'member' | 'none';

/** Ids of one workspace, by kind (the fuzz draws valid values from them, the tenant matrix substitutes another workspace's). */
export type IdPools = Record<IdKind, string[]> & { member: string[] };

/** `{id}` takes the kind of the collection before it. */
const COLLECTIONS: Record<string, IdKind> = {
  workspaces: 'workspace', accounts: 'account', account: 'account', messages: 'message', 'api-keys': 'apiKey', attachments: 'attachment',
  webhooks: 'webhook', sequences: 'sequence', campaigns: 'campaign', invitations: 'invitation',
};

/** Names of parameters and body fields (any depth), by what they take. */
const BY_NAME: Record<string, SlotKind> = {
  accountId: 'account', linkedinAccountIds: 'account', 'x-account-id': 'account',
  conversationUrn: 'conversation', messageUrn: 'messageUrn', campaignId: 'campaign', leadId: 'lead', sequenceId: 'sequence',
  attachments: 'attachment', 'idempotency-key': 'idempotencyKey', cursor: 'cursor', nextCursor: 'cursor',
  // LinkedIn's own ids, not a workspace's: anyone may name any member, group or label.
  profileId: 'member', profileUrn: 'member', recipientId: 'member', recipientProfileUrn: 'member', recipientProfileId: 'member', recipientIds: 'member',
  profile: 'member', profiles: 'member', groupId: 'none', labelId: 'none',
  // A session cookie, not an id.
  jsessionId: 'none',
  // The client's own label for an account (free text it chose), not an id of ours to swap.
  externalId: 'none',
  // A delivery under the webhook named in the path: that {id} carries the other workspace's id in the matrix
  // (another workspace's delivery under one's own webhook is covered by test/integration/webhook-redeliver.int-spec.ts).
  deliveryId: 'none',
};

const ID_LIKE = /(^id$|Ids?$|Urns?$|_id$|^profiles?$|[Cc]ursor$|^attachments$|key$)/;

/**
 * What a slot takes, from its name and, for a bare `{id}` or `{profile}`, the path; `undefined` when the
 * name looks like an id the suites do not know: the caller must fail, so a new route is never skipped silently.
 */
export function slotKind(name: string, op: Operation, where: 'path' | 'query' | 'header' | 'body'): SlotKind | undefined {
  if (where === 'path' && name === 'id') {
    const segments = op.path.split('/');
    return COLLECTIONS[segments[segments.indexOf('{id}') - 1] ?? ''];
  }
  // DELETE /v1/lead-exclusions/{profile}: the exclusion is named by its profile.
  if (where === 'path' && name === 'profile' && op.path.startsWith('/v1/lead-exclusions/')) return 'exclusion';
  const known = BY_NAME[where === 'header' ? name.toLowerCase() : name];
  if (known) return known;
  return ID_LIKE.test(name) ? undefined : 'none';
}

/** A field of a request body, by its path of property names (`[]` marks an array element). */
export interface BodySlot {
  path: string[];
  kind: SlotKind | undefined;
  schema: Schema;
}

/** Every property of a body schema, depth first, with the kind of what it takes. */
export function bodySlots(op: Operation, schema: Schema | undefined = op.body?.schema, prefix: string[] = []): BodySlot[] {
  const out: BodySlot[] = [];
  for (const [name, prop] of Object.entries(schema?.properties ?? {})) {
    const path = [...prefix, name];
    const kind = slotKind(name, op, 'body');
    out.push({ path, kind, schema: prop });
    if (kind === 'none' && prop.type === 'object') out.push(...bodySlots(op, prop, path));
    if (kind === 'none' && prop.type === 'array' && prop.items?.type === 'object') out.push(...bodySlots(op, prop.items, [...path, '[]']));
  }
  return out;
}

/** The values at a body path (`[]` walks every element of a list). */
export function valuesAt(value: unknown, path: string[]): unknown[] {
  if (!path.length) return [value];
  const [head, ...rest] = path;
  if (head === '[]') return Array.isArray(value) ? value.flatMap((v) => valuesAt(v, rest)) : [];
  return value && typeof value === 'object' && head! in value ? valuesAt((value as Record<string, unknown>)[head!], rest) : [];
}

/** Sets the value at a body path (in every element, past a `[]`); undefined removes the field. A missing parent is left missing. */
export function setAt(value: unknown, path: string[], to: unknown): void {
  const [head, ...rest] = path;
  if (head === '[]') {
    if (Array.isArray(value)) value.forEach((v) => setAt(v, rest, to));
    return;
  }
  const holder = value as Record<string, unknown>;
  if (!holder || typeof holder !== 'object') return;
  if (rest.length) setAt(holder[head!], rest, to);
  else if (to === undefined) delete holder[head!];
  else holder[head!] = to;
}
