import { randomBytes } from 'node:crypto';
import { ApiConfig, MigrationConfig, WorkerConfig } from './config';
import { ConfigError, loadConfig } from './load-config';

const base = { DATABASE_URL: 'postgres://u:p@127.0.0.1:5432/db', THREADLINE_ENCRYPTION_KEY: randomBytes(32).toString('base64') };

function configError(load: () => unknown): ConfigError {
  try {
    load();
  } catch (err) {
    if (err instanceof ConfigError) return err;
    throw err;
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig', () => {
  it('converts numbers and booleans when they come from the environment as strings', () => {
    const config = loadConfig(ApiConfig, { ...base, PORT: '3001', TEMPORAL_TLS: 'true', SEND_SPACING_SECONDS: '0.5' });
    expect(config.PORT).toBe(3001);
    expect(config.TEMPORAL_TLS).toBe(true);
    expect(config.SEND_SPACING_SECONDS).toBe(0.5);
  });

  it('applies the documented defaults when optional variables are unset', () => {
    const config = loadConfig(WorkerConfig, base);
    expect(config.TEMPORAL_ADDRESS).toBe('127.0.0.1:7233');
    expect(config.TEMPORAL_NAMESPACE).toBe('threadline');
    expect(config.DAILY_MESSAGE_CAP).toBe(100);
    expect(config.TEMPORAL_TLS).toBe(false);
    expect(config.INBOX_REALTIME).toBe(true);
    expect(config.WEBHOOK_ALLOW_PRIVATE_URLS).toBe(false);
  });

  it('names every missing or malformed variable when the environment is wrong', () => {
    const { message } = configError(() => loadConfig(ApiConfig, { PORT: 'eighty', THREADLINE_ENCRYPTION_KEY: 'short' }));
    expect(message).toContain('DATABASE_URL is not set: must be a postgres://');
    expect(message).toContain('PORT: must be a whole number');
    expect(message).toContain('THREADLINE_ENCRYPTION_KEY: must be 32 bytes in base64');
  });

  it('treats an empty variable as unset when it has a default or is optional', () => {
    const config = loadConfig(ApiConfig, { ...base, PORT: '', THREADLINE_ADMIN_TOKEN: '' });
    expect(config.PORT).toBe(3000);
    expect(config.THREADLINE_ADMIN_TOKEN).toBeUndefined();
  });

  it('ignores unrelated variables when the environment has them', () => {
    const config = loadConfig(WorkerConfig, { ...base, HOME: '/root' });
    expect(config).not.toHaveProperty('HOME');
  });

  describe('booleans', () => {
    const FLAGS = ['WEBHOOK_ALLOW_PRIVATE_URLS', 'TEMPORAL_TLS', 'INBOX_REALTIME'] as const;
    const WORDS: Array<[string, boolean]> = [
      ['true', true], ['TRUE', true], ['True', true], ['1', true], ['yes', true], ['YES', true],
      ['false', false], ['FALSE', false], ['False', false], ['0', false], ['no', false], ['No', false],
    ];

    it.each(FLAGS.flatMap((flag) => WORDS.map(([word, value]) => [flag, word, value] as const)))('reads %s=%s as %s', (flag, word, value) => {
      expect(loadConfig(ApiConfig, { ...base, [flag]: word })[flag]).toBe(value);
      expect(loadConfig(WorkerConfig, { ...base, [flag]: word })[flag]).toBe(value);
    });

    it.each(FLAGS.flatMap((flag) => ['off', 'on', 'enabled', 'y', 'n', 'ture', ' true', 'true ', '2', '-1', 'null'].map((word) => [flag, word] as const)))(
      'stops the start naming %s and the rule when it is %j',
      (flag, word) => {
        const { message } = configError(() => loadConfig(ApiConfig, { ...base, [flag]: word }));
        expect(message).toContain(`${flag}: must be one of true, false, 1, 0, yes, no (any case)`);
      },
    );
  });

  describe('numbers', () => {
    it.each(['12abc', '0x10', '1e3', ' 12', '12 ', 'Infinity', 'NaN', '1_000', '+', '.', '3000.0.1'])('refuses PORT=%j naming the variable and the rule', (raw) => {
      const { message } = configError(() => loadConfig(ApiConfig, { ...base, PORT: raw }));
      expect(message).toMatch(/PORT: must be a whole number/);
      expect(message).not.toContain(raw.trim());
    });

    it('refuses a fraction where a whole number is needed, and a number out of range', () => {
      expect(configError(() => loadConfig(ApiConfig, { ...base, PORT: '80.5' })).message).toContain('PORT: must be a whole number');
      expect(configError(() => loadConfig(ApiConfig, { ...base, PORT: '65536' })).message).toContain('PORT: must be at most 65535');
      expect(configError(() => loadConfig(ApiConfig, { ...base, DAILY_MESSAGE_CAP: '0' })).message).toContain('DAILY_MESSAGE_CAP: must be at least 1');
    });

    it('accepts plain decimals where fractions are allowed, and refuses other spellings', () => {
      expect(loadConfig(WorkerConfig, { ...base, INBOX_RECONCILE_SECONDS: '.5', WEBHOOK_RETRY_INITIAL_SECONDS: '+2.25' })).toMatchObject({ INBOX_RECONCILE_SECONDS: 0.5, WEBHOOK_RETRY_INITIAL_SECONDS: 2.25 });
      expect(configError(() => loadConfig(ApiConfig, { ...base, SEND_SPACING_SECONDS: '5e-1' })).message).toContain('SEND_SPACING_SECONDS: must be a plain decimal number');
    });
  });

  describe('secrets in rejected values', () => {
    it('never repeats a malformed DATABASE_URL, which holds a password', () => {
      for (const url of ['postgres://admin:hunter2-S3cret@db:5432:x/app', 'mysql://admin:hunter2-S3cret@db/app', 'postgres://admin:hunter2-S3cret@[db/app']) {
        for (const schema of [ApiConfig, MigrationConfig]) {
          const { message } = configError(() => loadConfig(schema, { ...base, DATABASE_URL: url }));
          expect(message).toContain('DATABASE_URL: must be a postgres://user:password@host:port/database URL');
          expect(message).not.toContain('hunter2');
        }
      }
    });

    it('never repeats a rejected operator token or encryption key', () => {
      const { message } = configError(() => loadConfig(ApiConfig, { ...base, THREADLINE_ADMIN_TOKEN: 'too-short-s3cret', THREADLINE_ENCRYPTION_KEY: 'not-base64-s3cret' }));
      expect(message).toContain('THREADLINE_ADMIN_TOKEN: must be at least 24 characters');
      expect(message).toContain('THREADLINE_ENCRYPTION_KEY: must be 32 bytes');
      expect(message).not.toContain('s3cret');
    });
  });
});
