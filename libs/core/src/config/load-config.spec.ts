import { randomBytes } from 'node:crypto';
import { ApiConfig, WorkerConfig } from './config';
import { ConfigError, loadConfig } from './load-config';

const base = { DATABASE_URL: 'postgres://u:p@127.0.0.1:5432/db', THREADLINE_ENCRYPTION_KEY: randomBytes(32).toString('base64') };

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
  });

  it('names every missing or malformed variable when the environment is wrong', () => {
    let error: unknown;
    try {
      loadConfig(ApiConfig, { PORT: 'eighty', THREADLINE_ENCRYPTION_KEY: 'short' });
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as Error).message;
    expect(message).toContain('DATABASE_URL=(unset)');
    expect(message).toContain('PORT=');
    expect(message).toContain('THREADLINE_ENCRYPTION_KEY=');
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
});
