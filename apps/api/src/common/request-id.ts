import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

/** The caller's X-Request-Id when it is a sane token, else a fresh one; set once per request, echoed in the response header. */
export function requestIdOf(req: IncomingMessage, res: ServerResponse): string {
  const holder = req as { id?: unknown };
  if (typeof holder.id === 'string') return holder.id;
  const given = req.headers['x-request-id'];
  const id = typeof given === 'string' && /^[\w.-]{1,100}$/.test(given) ? given : randomUUID();
  holder.id = id;
  res.setHeader('X-Request-Id', id);
  return id;
}
