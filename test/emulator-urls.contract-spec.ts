// Contract: every URL the emulator hands out comes from one public base (EMULATOR_PUBLIC_URL, else the
// forwarded or addressed origin) and resolves; an unmodelled route answers as LinkedIn does, not a bare 404.
import { createServer, type AddressInfo } from 'node:net';
import { PATHS } from '@threadline/linkedin/wire';
import { parsePublicUrl } from '../apps/linkedin-emulator/src/config';
import { SANDBOX, clientFor, conversationWith, raw, sessionOf, startEmulator, type EmulatorServer } from './support/linkedin-contract';

async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

const pictureUrlsOf = (me: { miniProfile: { picture: { 'com.linkedin.common.VectorImage': { rootUrl: string; artifacts: { fileIdentifyingUrlPathSegment: string }[] } } } }): string[] => {
  const image = me.miniProfile.picture['com.linkedin.common.VectorImage'];
  return [image.rootUrl, ...image.artifacts.map((a) => image.rootUrl + a.fileIdentifyingUrlPathSegment)];
};

describe('emulator URLs from one public base', () => {
  let emu: EmulatorServer;
  afterEach(async () => {
    await emu.close();
  });

  it('does hand out upload, media, picture and logout URLs on EMULATOR_PUBLIC_URL, and each of them resolves', async () => {
    const port = await freePort();
    const publicUrl = `http://localhost:${port}`;
    emu = await startEmulator({ port, publicUrl });
    const alex = await clientFor(emu, SANDBOX.alex, { baseUrl: publicUrl });
    const session = await sessionOf(emu, SANDBOX.alex);
    try {
      const uploaded = await alex.uploadAttachment({ filename: 'notes.txt', mimeType: 'text/plain', bytes: new TextEncoder().encode('agenda') });
      const conversationUrn = await conversationWith(emu, SANDBOX.alex, SANDBOX.sarah);
      await alex.sendMessage({ conversationUrn, text: 'the notes', attachments: [uploaded], originToken: 'urls-1' });
      const [message] = (await alex.getMessages({ conversationUrn, count: 1 })).messages;
      const mediaUrl = message!.renderContent[0]!.file!.url!;
      expect(mediaUrl.startsWith(`${publicUrl}/`)).toBe(true);
      const file = await alex.downloadAttachment(mediaUrl);
      expect(new TextDecoder().decode(file.bytes)).toBe('agenda');

      const me = (await raw(emu, session, 'GET', PATHS.me)).json;
      for (const url of pictureUrlsOf(me)) {
        expect(url.startsWith(`${publicUrl}/dms/image/`)).toBe(true);
        const res = await fetch(url);
        expect([res.status, res.headers.get('content-type')]).toEqual([200, 'image/png']);
      }

      const logout = await raw(emu, session, 'GET', `${PATHS.logout}?csrfToken=${encodeURIComponent(session.jsessionId.replace(/"/g, ''))}`);
      expect(logout.status).toBe(302);
      const location = logout.headers.get('location')!;
      expect(location).toBe(`${publicUrl}${PATHS.login}?trk=logout`);
      expect((await fetch(location)).status).toBe(200);
    } finally {
      await alex.close();
    }
  });

  it('does hand out https URLs on the forwarded host when a TLS proxy sends X-Forwarded-Proto and X-Forwarded-Host', async () => {
    emu = await startEmulator();
    const session = await sessionOf(emu, SANDBOX.alex);
    const forwarded = { 'x-forwarded-proto': 'https', 'x-forwarded-host': 'li-emulator.example.test, inner.proxy' };
    const me = (await raw(emu, session, 'GET', PATHS.me, { headers: forwarded })).json;
    for (const url of pictureUrlsOf(me)) expect(url.startsWith('https://li-emulator.example.test/dms/image/')).toBe(true);
    const upload = await raw(emu, session, 'POST', `${PATHS.uploadMetadata}?action=upload`, {
      headers: forwarded,
      body: { mediaUploadType: 'MESSAGING_FILE_ATTACHMENT', fileSize: 3, filename: 'a.txt' },
    });
    expect(upload.json.value.singleUploadUrl).toMatch(/^https:\/\/li-emulator\.example\.test\/dms-uploads\//);
    // Without the headers the addressed origin is used, as before.
    const plain = (await raw(emu, session, 'GET', PATHS.me)).json;
    expect(pictureUrlsOf(plain)[0]!.startsWith(`${emu.url}/dms/image/`)).toBe(true);
  });

  it('does answer an unmodelled Voyager route with REST.li’s 404 body and another path with a page-not-found page', async () => {
    emu = await startEmulator();
    const session = await sessionOf(emu, SANDBOX.alex);
    const voyager = await raw(emu, session, 'GET', '/voyager/api/voyagerFeedDashNoSuchThing?q=all');
    expect(voyager.status).toBe(404);
    expect(voyager.headers.get('content-type')).toMatch(/^application\/json/);
    expect(voyager.json).toEqual({ exceptionClass: 'com.linkedin.restli.server.RestLiServiceException', message: "No root resource defined for path '/voyagerFeedDashNoSuchThing'", status: 404 });
    const sales = await raw(emu, session, 'GET', '/sales-api/salesApiNoSuchThing');
    expect(sales.json.message).toBe("No root resource defined for path '/salesApiNoSuchThing'");
    const page = await raw(emu, session, 'GET', '/feed/no-such-page');
    expect([page.status, page.headers.get('content-type')]).toEqual([404, 'text/html; charset=utf-8']);
  });

  it('does refuse an EMULATOR_PUBLIC_URL that is not an http(s) origin, naming the variable', () => {
    expect(parsePublicUrl('https://li.example.test/')).toBe('https://li.example.test');
    expect(() => parsePublicUrl('li.example.test')).toThrow(/EMULATOR_PUBLIC_URL/);
    expect(() => parsePublicUrl('ftp://li.example.test')).toThrow(/EMULATOR_PUBLIC_URL must use http or https/);
    expect(() => parsePublicUrl('https://li.example.test/prefix')).toThrow(/origin only/);
  });
});
