// Contract: LinkedInClient writes (send, typing, read state, recall, participants, attachments) against a fresh emulator.
import type { LinkedInClient, LinkedInSession } from '@threadline/linkedin';
import { encodeRestliIds } from '@threadline/linkedin/wire';
import {
  SANDBOX,
  clientFor,
  conversationWith,
  raw,
  received,
  requestCounts,
  sessionOf,
  startEmulator,
  urnOf,
  type EmulatorServer,
} from './support/linkedin-contract';

const ALEX = urnOf(SANDBOX.alex);

describe('LinkedInClient contract: sending', () => {
  let emu: EmulatorServer;
  let alex: LinkedInClient;
  let sarahConv: string;

  beforeEach(async () => {
    emu = await startEmulator();
    alex = await clientFor(emu, SANDBOX.alex);
    sarahConv = await conversationWith(emu, SANDBOX.alex, SANDBOX.sarah);
  });
  afterEach(async () => {
    await alex.close();
    await emu.close();
  });

  it('does answer with the message and conversation URNs and log exactly what was sent when sending into a conversation', async () => {
    const before = Date.now();
    const sent = await alex.sendMessage({ conversationUrn: sarahConv, text: 'Hi Sarah, following up.', originToken: 'contract-token-1', trackingId: 'ABCDEFGHijklmnop' });
    expect(sent).toEqual({
      entityUrn: expect.stringMatching(new RegExp(`^urn:li:msg_message:\\(${ALEX},2-`)),
      backendUrn: expect.stringMatching(/^urn:li:messagingMessage:2-/),
      conversationUrn: sarahConv,
      backendConversationUrn: `urn:li:messagingThread:${/,(2-[^)]+)\)$/.exec(sarahConv)![1]}`,
      deliveredAt: expect.any(Number),
      originToken: 'contract-token-1',
    });
    expect(sent.deliveredAt).toBeGreaterThanOrEqual(before);

    expect(await received(emu, SANDBOX.alex)).toEqual([
      expect.objectContaining({
        route: 'createMessage',
        originToken: 'contract-token-1',
        trackingId: 'ABCDEFGHijklmnop',
        text: 'Hi Sarah, following up.',
        recipients: [SANDBOX.sarah],
        conversationUrn: sarahConv,
        messageUrn: sent.entityUrn,
        afterReply: true,
        inmail: false,
      }),
    ]);

    const [newest] = (await alex.getMessages({ conversationUrn: sarahConv, count: 1 })).messages;
    expect(newest).toMatchObject({
      entityUrn: sent.entityUrn,
      backendUrn: sent.backendUrn,
      originToken: 'contract-token-1',
      deliveredAt: sent.deliveredAt,
      body: { text: 'Hi Sarah, following up.' },
      messageBodyRenderFormat: 'DEFAULT',
      sender: { hostIdentityUrn: ALEX, participantType: { member: { distance: 'SELF' } } },
    });
    expect((await alex.getConversation(sarahConv))?.lastActivityAt).toBe(sent.deliveredAt);
  });

  it('does mint a 16-character trackingId and store every send without dedupe when the same originToken is sent twice', async () => {
    await alex.sendMessage({ conversationUrn: sarahConv, text: 'one', originToken: 'same-token' });
    await alex.sendMessage({ conversationUrn: sarahConv, text: 'two', originToken: 'same-token' });
    const log = await received(emu, SANDBOX.alex);
    expect(log.map((r) => [r.originToken, r.text])).toEqual([
      ['same-token', 'one'],
      ['same-token', 'two'],
    ]);
    for (const r of log) expect(r.trackingId).toHaveLength(16);
  });

  it('does start a new 1:1 conversation when sending to a connection without one', async () => {
    const sent = await alex.sendMessage({ recipientUrns: [urnOf(SANDBOX.priya)], text: 'Hi Priya!', originToken: 'contract-new-1to1' });
    expect(sent.conversationUrn).not.toBe(sarahConv);
    const found = await alex.findConversationByRecipient(urnOf(SANDBOX.priya));
    expect(found?.entityUrn).toBe(sent.conversationUrn);
    expect(found).toMatchObject({ groupChat: false, categories: expect.arrayContaining(['INBOX', 'PRIMARY_INBOX']), read: true, unreadCount: 0 });
    expect(found?.conversationParticipants.map((p) => p.hostIdentityUrn).sort()).toEqual([ALEX, urnOf(SANDBOX.priya)].sort());
    expect(await received(emu, SANDBOX.alex)).toEqual([
      expect.objectContaining({ originToken: 'contract-new-1to1', text: 'Hi Priya!', recipients: [SANDBOX.priya], conversationUrn: sent.conversationUrn, afterReply: false }),
    ]);
  });

  it('does reuse the existing 1:1 conversation when sending to recipients who already have one', async () => {
    const sent = await alex.sendMessage({ recipientUrns: [urnOf(SANDBOX.sarah)], text: 'Same thread?', originToken: 'contract-reuse' });
    expect(sent.conversationUrn).toBe(sarahConv);
  });

  it('does create a titled group conversation when sending to several recipients with a title', async () => {
    const sent = await alex.sendMessage({ recipientUrns: [urnOf(SANDBOX.priya), urnOf(SANDBOX.tom)], title: 'Contract group', text: 'Hello both', originToken: 'contract-group' });
    const group = await alex.getConversation(sent.conversationUrn);
    expect(group).toMatchObject({ entityUrn: sent.conversationUrn, groupChat: true, title: 'Contract group' });
    expect(group?.conversationParticipants.map((p) => p.hostIdentityUrn).sort()).toEqual([ALEX, urnOf(SANDBOX.priya), urnOf(SANDBOX.tom)].sort());
    expect((await received(emu, SANDBOX.alex))[0]).toMatchObject({ originToken: 'contract-group', recipients: [SANDBOX.priya, SANDBOX.tom] });
  });
});

describe('LinkedInClient contract: conversation actions', () => {
  let emu: EmulatorServer;
  let alex: LinkedInClient;
  let session: LinkedInSession;
  let sarahConv: string;

  beforeEach(async () => {
    emu = await startEmulator();
    session = await sessionOf(emu, SANDBOX.alex);
    alex = await clientFor(emu, SANDBOX.alex);
    sarahConv = await conversationWith(emu, SANDBOX.alex, SANDBOX.sarah);
  });
  afterEach(async () => {
    await alex.close();
    await emu.close();
  });

  it('does send one typing ping that LinkedIn answers 202 when typing into a conversation', async () => {
    await expect(alex.sendTyping(sarahConv)).resolves.toBeUndefined();
    expect((await requestCounts(emu, SANDBOX.alex)).typing).toBe(1);
    const answer = await raw(emu, session, 'POST', '/voyager/api/voyagerMessagingDashMessengerConversations?action=typing', { body: { conversationUrn: sarahConv } });
    expect(answer.status).toBe(202);
    expect(answer.text).toBe('');
  });

  it('does flip read and unreadCount when marking a conversation read and then unread', async () => {
    expect(await alex.getConversation(sarahConv)).toMatchObject({ read: false, unreadCount: 1 });
    const before = Date.now();
    await alex.markRead([sarahConv], true);
    const read = await alex.getConversation(sarahConv);
    expect(read).toMatchObject({ read: true, unreadCount: 0 });
    expect(read?.lastReadAt).toBeGreaterThanOrEqual(before);
    await alex.markRead([sarahConv], false);
    const unread = await alex.getConversation(sarahConv);
    expect(unread?.read).toBe(false);
    expect(unread?.unreadCount).toBeGreaterThan(0);
  });

  it('does answer a batch read patch with 200 results per key and empty errors', async () => {
    const marcusConv = await conversationWith(emu, SANDBOX.alex, SANDBOX.marcus);
    const answer = await raw(emu, session, 'POST', `/voyager/api/voyagerMessagingDashMessengerConversations?ids=${encodeRestliIds([sarahConv, marcusConv])}`, {
      headers: { 'content-type': 'text/plain;charset=UTF-8', accept: 'application/json' },
      body: { entities: { [sarahConv]: { patch: { $set: { read: true } } }, [marcusConv]: { patch: { $set: { read: true } } } } },
    });
    expect(answer.status).toBe(200);
    expect(answer.json).toEqual({ results: { [sarahConv]: { status: 204 }, [marcusConv]: { status: 204 } }, errors: {} });
  });

  it('does clear the unread badge when marking all seen', async () => {
    const badge = async (): Promise<number> => (await raw(emu, session, 'GET', '/voyager/api/voyagerMessagingDashMessagingBadge')).json.count;
    expect(await badge()).toBe(1);
    await expect(alex.markAllSeen(Date.now() + 1000)).resolves.toBeUndefined();
    expect(await badge()).toBe(0);
    expect((await requestCounts(emu, SANDBOX.alex)).markAllSeen).toBe(1);
  });

  it('does render the message as RECALLED with no text when it is recalled', async () => {
    const sent = await alex.sendMessage({ conversationUrn: sarahConv, text: 'oops, wrong thread', originToken: 'contract-recall' });
    await expect(alex.recallMessage(sent.entityUrn)).resolves.toBeUndefined();
    const [newest] = (await alex.getMessages({ conversationUrn: sarahConv, count: 1 })).messages;
    expect(newest).toMatchObject({ entityUrn: sent.entityUrn, messageBodyRenderFormat: 'RECALLED', body: { text: '' }, renderContent: [] });
  });

  it('does add and remove a participant of a group conversation', async () => {
    const { conversationUrn } = await alex.sendMessage({ recipientUrns: [urnOf(SANDBOX.priya), urnOf(SANDBOX.tom)], title: 'Grow me', text: 'start', originToken: 'contract-participants' });
    const members = async (): Promise<string[]> => ((await alex.getConversation(conversationUrn))?.conversationParticipants ?? []).map((p) => p.hostIdentityUrn).sort();

    await alex.addParticipants(conversationUrn, [urnOf(SANDBOX.sarah)]);
    expect(await members()).toEqual([ALEX, urnOf(SANDBOX.priya), urnOf(SANDBOX.tom), urnOf(SANDBOX.sarah)].sort());

    // removeParticipants takes profile URNs and sends them as msg_messagingParticipant URNs (§5.11).
    await alex.removeParticipants(conversationUrn, [urnOf(SANDBOX.sarah)]);
    expect(await members()).toEqual([ALEX, urnOf(SANDBOX.priya), urnOf(SANDBOX.tom)].sort());
    await alex.removeParticipants(conversationUrn, [`urn:li:msg_messagingParticipant:${urnOf(SANDBOX.tom)}`]);
    expect(await members()).toEqual([ALEX, urnOf(SANDBOX.priya)].sort());
  });
});

describe('LinkedInClient contract: attachments', () => {
  let emu: EmulatorServer;
  let alex: LinkedInClient;
  let sarahConv: string;

  beforeEach(async () => {
    emu = await startEmulator();
    alex = await clientFor(emu, SANDBOX.alex);
    sarahConv = await conversationWith(emu, SANDBOX.alex, SANDBOX.sarah);
  });
  afterEach(async () => {
    await alex.close();
    await emu.close();
  });

  it('does round-trip the bytes of a file and an image through upload, send and download', async () => {
    const pdf = new Uint8Array(Array.from({ length: 3000 }, (_, i) => i % 251));
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3, 4]);
    const file = await alex.uploadAttachment({ filename: 'deck.pdf', mimeType: 'application/pdf', bytes: pdf });
    const image = await alex.uploadAttachment({ filename: 'logo.png', mimeType: 'image/png', bytes: png });
    expect(file).toEqual({ assetUrn: expect.stringMatching(/^urn:li:digitalmediaAsset:/), byteSize: 3000, mediaType: 'application/pdf', name: 'deck.pdf', kind: 'file' });
    expect(image).toMatchObject({ byteSize: png.length, mediaType: 'image/png', name: 'logo.png', kind: 'image' });

    const sent = await alex.sendMessage({ conversationUrn: sarahConv, text: 'Deck attached', originToken: 'contract-attach', attachments: [file, image] });
    const [newest] = (await alex.getMessages({ conversationUrn: sarahConv, count: 1 })).messages;
    expect(newest.entityUrn).toBe(sent.entityUrn);
    expect(newest.body.text).toBe('Deck attached');
    expect(newest.renderContent).toEqual([
      { file: { assetUrn: file.assetUrn, byteSize: 3000, mediaType: 'application/pdf', name: 'deck.pdf', url: expect.any(String) } },
      { file: { assetUrn: image.assetUrn, byteSize: png.length, mediaType: 'image/png', name: 'logo.png', url: expect.any(String) } },
    ]);

    const downloadedPdf = await alex.downloadAttachment(newest.renderContent[0].file!.url!);
    expect(Buffer.from(downloadedPdf.bytes).equals(Buffer.from(pdf))).toBe(true);
    expect(downloadedPdf).toMatchObject({ contentType: 'application/pdf', filename: 'deck.pdf' });
    const downloadedPng = await alex.downloadAttachment(newest.renderContent[1].file!.url!);
    expect(Buffer.from(downloadedPng.bytes).equals(Buffer.from(png))).toBe(true);
    expect(downloadedPng.contentType).toBe('image/png');
  });

  it('does send a voice note as audio with its duration and no text when only an attachment is given', async () => {
    const voice = await alex.uploadAttachment({ filename: 'note.m4a', mimeType: 'audio/mp4', bytes: new Uint8Array([9, 8, 7, 6]), voiceNote: true, durationMs: 4200 });
    expect(voice.kind).toBe('audio');
    await alex.sendMessage({ conversationUrn: sarahConv, text: '', originToken: 'contract-voice', attachments: [voice] });
    const [newest] = (await alex.getMessages({ conversationUrn: sarahConv, count: 1 })).messages;
    expect(newest.renderContent).toEqual([{ audio: { url: expect.any(String), duration: 4200 } }]);
    const downloaded = await alex.downloadAttachment(newest.renderContent[0].audio!.url!);
    expect([...downloaded.bytes]).toEqual([9, 8, 7, 6]);
    expect((await received(emu, SANDBOX.alex))[0]).toMatchObject({ originToken: 'contract-voice', text: '' });
  });

  it('does answer the media HEAD with type, length and a filename', async () => {
    const file = await alex.uploadAttachment({ filename: 'notes.txt', mimeType: 'text/plain', bytes: new TextEncoder().encode('hello') });
    await alex.sendMessage({ conversationUrn: sarahConv, text: 'notes', originToken: 'contract-head', attachments: [file] });
    const url = (await alex.getMessages({ conversationUrn: sarahConv, count: 1 })).messages[0].renderContent[0].file!.url!;
    const session = await sessionOf(emu, SANDBOX.alex);
    const head = await fetch(url, { method: 'HEAD', headers: { cookie: `li_at=${session.liAt}` } });
    expect(head.status).toBe(200);
    expect(head.headers.get('content-type')).toBe('text/plain');
    expect(head.headers.get('content-length')).toBe('5');
    expect(head.headers.get('content-disposition')).toMatch(/filename="notes\.txt"/);
  });
});
