import { type ProxyLease, ProxyAgentPool } from './proxy-agents';

const URL_A = 'http://user:secret@proxy-a.example:3128';
const URL_B = 'http://user:secret@proxy-b.example:3128';
// undici's dispatchers say whether they are closed; its types declare it on Agent only.
const closed = (lease: ProxyLease) => (lease.agent as unknown as { closed: boolean }).closed;

describe('ProxyAgentPool', () => {
  let clock = 0;
  let pool: ProxyAgentPool;
  beforeEach(() => {
    clock = 1_000_000;
    pool = new ProxyAgentPool({ idleMs: 60_000, now: () => clock });
  });
  afterEach(() => pool.close());

  it('does give every client of an account the same agent, and another account its own', async () => {
    const first = pool.lease('acc-1', URL_A);
    const second = pool.lease('acc-1', URL_A);
    const other = pool.lease('acc-2', URL_A);
    expect(second.agent).toBe(first.agent);
    expect(other.agent).not.toBe(first.agent);
    expect(pool.size).toBe(2);
    await first.release();
    await second.release();
    expect(closed(first)).toBe(false);
  });

  it('does give a changed proxy URL a new agent and close the old one once its last client releases it', async () => {
    const old = pool.lease('acc-1', URL_A);
    const changed = pool.lease('acc-1', URL_B);
    expect(changed.agent).not.toBe(old.agent);
    expect(closed(old)).toBe(false); // a client still uses it
    await old.release();
    expect(closed(old)).toBe(true);
    expect(pool.size).toBe(1);
    await changed.release();
  });

  it('does close agents no client used for idleMs, and keep those in use', async () => {
    const idle = pool.lease('acc-1', URL_A);
    const busy = pool.lease('acc-2', URL_A);
    await idle.release();
    await idle.release(); // a second release is a no-op
    clock += 59_000;
    expect(await pool.sweep()).toBe(0);
    clock += 1_000;
    expect(await pool.sweep()).toBe(1);
    expect(closed(idle)).toBe(true);
    expect(closed(busy)).toBe(false);
    const again = pool.lease('acc-1', URL_A);
    expect(again.agent).not.toBe(idle.agent);
    expect(closed(again)).toBe(false);
    await busy.release();
    await again.release();
  });
});
