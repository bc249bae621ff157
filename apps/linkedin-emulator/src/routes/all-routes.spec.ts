import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ALL_ROUTES, routesTable } from './all-routes';

const README = join(__dirname, '../../README.md');
const START = '<!-- routes:start (generated from src/routes by all-routes.spec.ts; UPDATE_ROUTES_DOC=1 rewrites it) -->';
const END = '<!-- routes:end -->';

describe('the emulator README route table', () => {
  it('does list exactly the routes the emulator models, with their request and answer', () => {
    const readme = readFileSync(README, 'utf8');
    const start = readme.indexOf(START);
    const end = readme.indexOf(END);
    expect(start).toBeGreaterThanOrEqual(0);
    expect(end).toBeGreaterThan(start);
    const expected = `${START}\n${routesTable()}\n${END}`;
    const actual = readme.slice(start, end + END.length);
    if (actual !== expected && process.env.UPDATE_ROUTES_DOC === '1') {
      writeFileSync(README, readme.slice(0, start) + expected + readme.slice(end + END.length));
      return;
    }
    expect(actual).toBe(expected);
  });

  it('does describe every route', () => {
    for (const route of ALL_ROUTES) {
      expect(route.request.trim()).not.toBe('');
      expect(route.answer.trim()).not.toBe('');
    }
  });
});
