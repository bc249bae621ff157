import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from './config';

describe('loadConfig', () => {
  it('uses 3100 on 127.0.0.1 when nothing is set', () => {
    expect(loadConfig({})).toMatchObject({ port: 3100, host: '127.0.0.1', scenario: undefined });
  });

  it.each([
    [{ EMULATOR_PORT: 'abc' }, /EMULATOR_PORT/],
    [{ EMULATOR_PORT: '70000' }, /EMULATOR_PORT/],
    [{ EMULATOR_HOST: ' ' }, /EMULATOR_HOST/],
    [{ EMULATOR_SEED: '' }, /EMULATOR_SEED/],
    [{ EMULATOR_SCENARIO: '/nonexistent/scenario.json' }, /EMULATOR_SCENARIO/],
  ])('names the variable when %j is invalid', (env, message) => {
    expect(() => loadConfig(env)).toThrow(message);
  });

  it('never repeats the rejected value when a variable or the scenario file is wrong', () => {
    expect(() => loadConfig({ EMULATOR_PORT: '3100secret' })).toThrow(/^EMULATOR_PORT must be a whole number 0\.\.65535$/);
    const file = join(mkdtempSync(join(tmpdir(), 'emu-')), 's.json');
    writeFileSync(file, '{"accounts": [{"liAt": "AQEDsecret-cookie", oops');
    let message = '';
    try {
      loadConfig({ EMULATOR_SCENARIO: file });
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toMatch(/^EMULATOR_SCENARIO: .*not valid JSON/);
    expect(message).not.toContain('secret');
  });

  it('names the field when the scenario file is malformed', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'emu-')), 's.json');
    writeFileSync(file, JSON.stringify({ accounts: [{ firstName: 'A', lastName: 'B', profileId: 'short' }] }));
    expect(() => loadConfig({ EMULATOR_SCENARIO: file })).toThrow(/EMULATOR_SCENARIO.*profileId/);
  });
});
