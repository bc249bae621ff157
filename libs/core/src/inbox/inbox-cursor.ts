import { DomainError } from '@threadline/domain';

/** Opaque keyset cursors, `linkedin:`-prefixed like the hosted API's: base64url of (time, row id). */
const PREFIX = 'linkedin:';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface CursorPosition {
  at: Date;
  id: string;
}

export function encodeCursor(position: CursorPosition): string {
  return PREFIX + Buffer.from(`${position.at.getTime()}.${position.id}`).toString('base64url');
}

/** Decodes a cursor from a query string; a tampered or foreign cursor is a 400 naming the field. */
export function decodeCursor(cursor: string, field = 'cursor'): CursorPosition {
  const bad = () => new DomainError('VALIDATION_FAILED', `${field}: not a cursor this API returned; pass nextCursor from the previous page.`, { field });
  if (!cursor.startsWith(PREFIX)) throw bad();
  const raw = Buffer.from(cursor.slice(PREFIX.length), 'base64url').toString('utf8');
  const dot = raw.indexOf('.');
  const ms = Number(raw.slice(0, dot));
  const id = raw.slice(dot + 1);
  if (dot <= 0 || !Number.isSafeInteger(ms) || !UUID.test(id)) throw bad();
  return { at: new Date(ms), id };
}
