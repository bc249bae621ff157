import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { DomainError } from '@threadline/domain';
import type { Request } from 'express';

/** Postgres refuses U+0000 in text and jsonb, and jsonb refuses unpaired surrogates (`\ud800`). */
const UNPAIRED_SURROGATE = /\p{Cs}/u;

function unstorable(text: string): boolean {
  return text.includes('\0') || UNPAIRED_SURROGATE.test(text);
}

/** The path (`leads[3].attributes.firstName`) of the first string or key Postgres cannot store, without recursion. */
export function findUnstorableText(value: unknown, root: string): string | undefined {
  const stack: Array<[unknown, string]> = [[value, root]];
  while (stack.length > 0) {
    const [node, path] = stack.pop()!;
    if (typeof node === 'string') {
      if (unstorable(node)) return path;
    } else if (Array.isArray(node)) {
      for (let i = node.length - 1; i >= 0; i--) stack.push([node[i], `${path}[${i}]`]);
    } else if (node !== null && typeof node === 'object') {
      for (const [key, child] of Object.entries(node).reverse()) {
        const at = (shown: string) => (path ? `${path}.${shown}` : shown);
        // A refused key is named escaped, so that the error never carries the character it refuses.
        if (unstorable(key)) return at(JSON.stringify(key).slice(1, -1));
        stack.push([child, at(key)]);
      }
    }
  }
  return undefined;
}

/**
 * Refuses, before anything reads it, a request whose body, query or path parameters hold text Postgres
 * cannot store: one check at the edge instead of a 500 from the first query that meets it.
 */
@Injectable()
export class StorableTextGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    const req = context.switchToHttp().getRequest<Request>();
    const field = findUnstorableText(req.params, '') ?? findUnstorableText(req.query, '') ?? findUnstorableText(req.body, '');
    if (field !== undefined) {
      throw new DomainError('VALIDATION_FAILED', `${field || 'body'}: must not contain the NUL character (U+0000) or unpaired surrogates; Postgres cannot store them.`, { field: field || 'body' });
    }
    return true;
  }
}
