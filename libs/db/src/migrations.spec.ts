import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { MIGRATIONS } from './data-source';

const timestampOf = (name: string) => Number(/(\d{13})$/.exec(name)?.[1]);

describe('MIGRATIONS', () => {
  it('lists every migration in the order TypeORM runs them (by the timestamp ending the class name)', () => {
    const timestamps = MIGRATIONS.map((m) => timestampOf(m.name));
    expect(timestamps.every(Number.isFinite)).toBe(true);
    expect(timestamps).toEqual([...timestamps].sort((a, b) => a - b));
    expect(new Set(timestamps).size).toBe(timestamps.length);
  });

  it('lists every file of the migrations folder, each under the timestamp of its file name', () => {
    const files = readdirSync(join(__dirname, 'migrations')).filter((f) => f.endsWith('.ts')).map((f) => Number(f.split('-')[0])).sort((a, b) => a - b);
    expect(MIGRATIONS.map((m) => timestampOf(m.name))).toEqual(files);
  });

  it('names each migration as its class, which is what the migrations table records', () => {
    for (const M of MIGRATIONS) expect(new M().name).toBe(M.name);
  });
});
