import { clientErrorOf } from './client-error';
import { httpStatusOf } from './http-status-of';
import { MAX_JSON_DEPTH, jsonDepth } from './json-body';
import { findUnstorableText } from './storable-text.guard';

const nested = (depth: number): unknown => {
  let value: unknown = 1;
  for (let i = 0; i < depth; i++) value = i % 2 ? [value] : { a: value };
  return value;
};

describe('jsonDepth', () => {
  it('counts objects and arrays, not scalars, and survives 100,000 levels', () => {
    expect(jsonDepth('text')).toBe(0);
    expect(jsonDepth({})).toBe(1);
    expect(jsonDepth({ leads: [{ attributes: { firstName: 'Ada' } }] })).toBe(4);
    expect(jsonDepth(nested(MAX_JSON_DEPTH))).toBe(MAX_JSON_DEPTH);
    expect(jsonDepth(nested(100_000))).toBe(100_000);
  });
});

describe('findUnstorableText', () => {
  it('names the first value or key holding NUL or an unpaired surrogate', () => {
    expect(findUnstorableText({ name: 'Ada', leads: [{ profile: 'x' }, { attributes: { firstName: 'A\u0000' } }] }, '')).toBe('leads[1].attributes.firstName');
    expect(findUnstorableText({ attributes: { 'bad\u0000key': 1 } }, '')).toBe('attributes.bad\\u0000key');
    expect(findUnstorableText({ text: 'lone \ud800 surrogate' }, '')).toBe('text');
    expect(findUnstorableText({ text: 'a pair 😀 is fine', list: ['ok', 'fine'] }, '')).toBeUndefined();
    expect(findUnstorableText(undefined, '')).toBeUndefined();
  });

  it('walks 100,000 levels without overflowing the stack', () => {
    let value: unknown = 'deep\u0000';
    for (let i = 0; i < 100_000; i++) value = [value];
    expect(findUnstorableText(value, 'x')).toMatch(/^x(\[0\]){100000}$/);
  });
});

describe('clientErrorOf', () => {
  it('answers header overflow with 431, a timeout with 408, anything else with 400', () => {
    expect(httpStatusOf(clientErrorOf('HPE_HEADER_OVERFLOW').code)).toBe(431);
    expect(httpStatusOf(clientErrorOf('ERR_HTTP_REQUEST_TIMEOUT').code)).toBe(408);
    expect(httpStatusOf(clientErrorOf('HPE_CHUNK_EXTENSIONS_OVERFLOW').code)).toBe(413);
    expect(httpStatusOf(clientErrorOf('HPE_INVALID_HEADER_TOKEN').code)).toBe(400);
    expect(httpStatusOf(clientErrorOf(undefined).code)).toBe(400);
  });
});
