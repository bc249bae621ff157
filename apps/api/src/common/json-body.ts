import { DomainError } from '@threadline/domain';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { json } from 'express';

/** The largest JSON body most routes need: one message (8,000 characters, escaped) with everything around it fits ten times over. */
const DEFAULT_JSON_LIMIT = '256kb';
/**
 * Bulk routes: 10,000 leads with a 500-character profile and about 1 KB of attributes each, 10,000
 * exclusions of 500 characters, or a sequence of 50 steps x 5 variants x 8,000 characters.
 */
const BULK_JSON_LIMIT = '16mb';
/** Routes that take bulk bodies: lead imports, exclusions, sequence drafts and previews (case-insensitive, as routing is). */
const BULK_JSON_ROUTES = /^\/v1\/(campaigns\/[^/]+\/leads|lead-exclusions|sequences(\/[^/]+(\/preview)?)?)\/?$/i;
/** Deeper than any DTO needs; recursive code further in (transformers, validators, jsonb) meets nothing deeper. */
export const MAX_JSON_DEPTH = 32;

const JSON_TYPES = ['application/json', 'application/*+json'];
const ENCODINGS = 'gzip, deflate, br or none';

/** Depth of a parsed JSON value, without recursion (a 5,000-deep body must not overflow the stack here either). */
export function jsonDepth(value: unknown): number {
  let max = 0;
  const stack: Array<[unknown, number]> = [[value, 1]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    if (node === null || typeof node !== 'object') continue;
    max = Math.max(max, depth);
    for (const child of Object.values(node)) if (child !== null && typeof child === 'object') stack.push([child, depth + 1]);
  }
  return max;
}

type ParserError = Error & { status?: number; type?: string };

/** body-parser's failures (http-errors with a `type`) as our codes; anything else stays a server error. */
function toDomainError(err: ParserError, req: Request, limit: string): Error {
  const encoding = req.headers['content-encoding'];
  switch (err.type) {
    case 'entity.too.large':
      return new DomainError('PAYLOAD_TOO_LARGE', `The JSON body is larger than ${limit}, the limit of this endpoint. Send fewer items per request.`);
    case 'charset.unsupported':
      return new DomainError('UNSUPPORTED_MEDIA_TYPE', 'Content-Type: the charset must be utf-8 (JSON is UTF-8).', { field: 'Content-Type' });
    case 'encoding.unsupported':
      return new DomainError('VALIDATION_FAILED', `Content-Encoding: must be ${ENCODINGS}.`, { field: 'Content-Encoding' });
    case 'entity.parse.failed':
      return new DomainError('VALIDATION_FAILED', `The body is not valid JSON: ${err.message}`);
    case 'request.size.invalid':
      return new DomainError('VALIDATION_FAILED', 'Content-Length does not match the body that arrived.', { field: 'Content-Length' });
    case 'request.aborted':
      return new DomainError('VALIDATION_FAILED', 'The request body ended before it was complete.');
  }
  // A decompression failure reaches us as a 400 without a type.
  if (err.status === 400 && encoding && encoding !== 'identity') {
    return new DomainError('VALIDATION_FAILED', `Content-Encoding: the body is not valid ${encoding}.`, { field: 'Content-Encoding' });
  }
  return err;
}

function hasBody(req: Request): boolean {
  return req.headers['transfer-encoding'] !== undefined || (req.headers['content-length'] !== undefined && req.headers['content-length'] !== '0');
}

/**
 * JSON bodies with a limit per route, refused in our error envelope: too large 413, wrong charset 415,
 * broken encoding or JSON 400, too deeply nested 400. Other media types are refused with 415, except
 * multipart/form-data, which the upload routes parse themselves.
 */
export function jsonBodyParser(): RequestHandler {
  const parseDefault = json({ limit: DEFAULT_JSON_LIMIT, type: JSON_TYPES });
  const parseBulk = json({ limit: BULK_JSON_LIMIT, type: JSON_TYPES });
  return (req: Request, res: Response, next: NextFunction) => {
    if (!hasBody(req)) return next();
    const bulk = BULK_JSON_ROUTES.test(req.path);
    const [limit, parse] = bulk ? [BULK_JSON_LIMIT, parseBulk] : [DEFAULT_JSON_LIMIT, parseDefault];
    if (!req.is(JSON_TYPES)) {
      if (req.is('multipart/form-data')) return next();
      return next(new DomainError('UNSUPPORTED_MEDIA_TYPE', 'Content-Type: send application/json (or multipart/form-data to the upload routes).', { field: 'Content-Type' }));
    }
    parse(req, res, (err?: unknown) => {
      if (err) return next(toDomainError(err as ParserError, req, limit));
      if (jsonDepth(req.body) > MAX_JSON_DEPTH) return next(new DomainError('VALIDATION_FAILED', `The JSON body is nested deeper than ${MAX_JSON_DEPTH} levels.`));
      next();
    });
  };
}
