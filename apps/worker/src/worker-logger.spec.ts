import { Writable } from 'node:stream';
import { TemporalPinoLogger, createWorkerLogger, redactQueryStrings } from './worker-logger';

function capture(level = 'info') {
  const lines: string[] = [];
  const sink = new Writable({ write(chunk: Buffer, _enc, done) { lines.push(...chunk.toString('utf8').split('\n').filter(Boolean)); done(); } });
  return { log: createWorkerLogger(level, sink), entries: () => lines.map((l) => JSON.parse(l) as Record<string, unknown>) };
}

describe('worker logger', () => {
  it('cuts the query string of any URL in a text, and leaves URLs without one alone', () => {
    expect(redactQueryStrings('GET https://www.linkedin.com/voyager/api/x?q=1&token=abc failed')).toBe('GET https://www.linkedin.com/voyager/api/x?[redacted] failed');
    expect(redactQueryStrings('posted to http://127.0.0.1:9000/hooks')).toBe('posted to http://127.0.0.1:9000/hooks');
  });

  it('writes one JSON object per line in the API\'s shape, with cookies, task tokens and query strings redacted', () => {
    const { log, entries } = capture();
    log.info({ liAt: 'AQEDAR-secret', headers: { cookie: 'li_at=AQEDAR-secret' }, url: 'https://example.com/cb?code=abc', taskToken: 'CiQw' }, 'called https://example.com/x?api_key=k1');
    const [entry] = entries();
    expect(entry).toMatchObject({ level: 30, time: expect.any(Number), pid: process.pid, service: 'worker', msg: 'called https://example.com/x?[redacted]', liAt: '[redacted]', headers: { cookie: '[redacted]' }, url: 'https://example.com/cb?[redacted]' });
    expect(entry).not.toHaveProperty('taskToken');
    expect(JSON.stringify(entry)).not.toContain('AQEDAR');
  });

  it('keeps an error\'s type and scrubs its message', () => {
    const { log, entries } = capture();
    class ConfigError extends Error {}
    log.error({ err: new ConfigError('cannot fetch https://example.com/x?token=abc') }, 'boot failed');
    expect(entries()[0]).toMatchObject({ err: { type: 'ConfigError', message: 'cannot fetch https://example.com/x?[redacted]', stack: expect.stringContaining('?[redacted]') } });
  });

  it('passes Temporal\'s log meta (workflow and activity ids) through as fields, at the matching level', () => {
    const { log, entries } = capture('debug');
    const temporal = new TemporalPinoLogger(log);
    temporal.warn('Activity failed', { sdkComponent: 'activity', workflowId: 'send:a:b', activityId: '3', [Symbol('ts')]: 1n });
    temporal.debug('Workflow started', { sdkComponent: 'worker', workflowId: 'lead:c:d' });
    expect(entries()).toEqual([
      expect.objectContaining({ level: 40, msg: 'Activity failed', sdkComponent: 'activity', workflowId: 'send:a:b', activityId: '3' }),
      expect.objectContaining({ level: 20, msg: 'Workflow started', workflowId: 'lead:c:d' }),
    ]);
  });
});
