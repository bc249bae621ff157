import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { resolveSettings, workspaceClient } from './settings';

describe('CLI settings', () => {
  const dir = mkdtempSync(join(tmpdir(), 'threadline-cli-'));
  mkdirSync(join(dir, '.data'));
  writeFileSync(join(dir, '.data', 'dev-credentials.json'), JSON.stringify({ apiUrl: 'http://127.0.0.1:3000', apiKey: 'tl_dev', accountId: 'a1' }));
  writeFileSync(join(dir, '.data', 'secrets.json'), JSON.stringify({ encryptionKey: 'x', adminToken: 'dev-admin' }));
  const empty = mkdtempSync(join(tmpdir(), 'threadline-cli-'));

  it('defaults to npm run dev\'s API, key and operator token when the files are there', () => {
    expect(resolveSettings({}, dir)).toEqual({ apiUrl: 'http://127.0.0.1:3000', apiKey: 'tl_dev', adminToken: 'dev-admin', devFile: join(dir, '.data', 'dev-credentials.json') });
    expect(resolveSettings({ apiUrl: 'http://127.0.0.1:3000/' }, dir)).toMatchObject({ apiUrl: 'http://127.0.0.1:3000', apiKey: 'tl_dev' });
  });

  it('reads the dev files from --credentials, relative or absolute', () => {
    expect(resolveSettings({ credentials: join(dir, '.data', 'dev-credentials.json') }, empty)).toMatchObject({ apiKey: 'tl_dev', adminToken: 'dev-admin' });
    expect(resolveSettings({ credentials: join('..', dir.split('/').pop()!, '.data', 'dev-credentials.json') }, empty)).toMatchObject({ apiKey: 'tl_dev' });
  });

  it('lets flags and variables win over the dev files', () => {
    expect(resolveSettings({ apiKey: 'tl_mine', adminToken: 'op' }, dir)).toMatchObject({ apiKey: 'tl_mine', adminToken: 'op' });
  });

  it('never sends the dev key or token to another API', () => {
    expect(resolveSettings({ apiUrl: 'https://threadline.example.com' }, dir)).toEqual({ apiUrl: 'https://threadline.example.com' });
  });

  it('without dev files, needs a key and names where to put it', () => {
    const settings = resolveSettings({}, empty);
    expect(settings).toEqual({ apiUrl: 'http://127.0.0.1:3000' });
    expect(() => workspaceClient(settings)).toThrow(/THREADLINE_API_KEY/);
  });

  it('refuses an API URL that is no URL', () => {
    expect(() => resolveSettings({ apiUrl: 'localhost:3000x' }, dir)).toThrow(/http\(s\) URL/);
  });
});
