import {
  backendMessageUrn,
  backendThreadUrn,
  conversationUrn,
  decodeMessengerId,
  isProfileId,
  memberIdOf,
  messageIdOf,
  messageUrn,
  mintMessageId,
  mintThreadId,
  parseConversationUrn,
  parseMessageUrn,
  parseParticipantUrn,
  parseSalesProfileUrn,
  participantUrn,
  profileIdOf,
  profileUrn,
  salesProfileUrn,
  threadIdOf,
} from './urns';

const OWNER = 'ACoAABcdEfGhIjKlMnOpQrStUvWxYz012345678';

describe('profile URNs', () => {
  it('does prefix a bare id and pass an fsd_profile URN through', () => {
    expect(profileUrn(OWNER)).toBe(`urn:li:fsd_profile:${OWNER}`);
    expect(profileUrn(`urn:li:fsd_profile:${OWNER}`)).toBe(`urn:li:fsd_profile:${OWNER}`);
  });

  it('does extract the id from fsd_profile, fs_miniProfile and person URNs', () => {
    expect(profileIdOf(`urn:li:fsd_profile:${OWNER}`)).toBe(OWNER);
    expect(profileIdOf(`urn:li:fs_miniProfile:${OWNER}`)).toBe(OWNER);
    expect(profileIdOf(`urn:li:person:${OWNER}`)).toBe(OWNER);
    expect(profileIdOf('urn:li:member:123')).toBeUndefined();
  });

  it('does recognise bare profile ids and reject vanity names', () => {
    expect(isProfileId(OWNER)).toBe(true);
    expect(isProfileId('john-doe-42')).toBe(false);
  });

  it('does parse member URNs into numbers', () => {
    expect(memberIdOf('urn:li:member:12345')).toBe(12345);
    expect(memberIdOf('urn:li:member:abc')).toBeUndefined();
  });
});

describe('conversation and message URNs', () => {
  const threadId = mintThreadId('79301e70-1111-2222-3333-c6d1a5d9cd02', 100);

  it('does mint a thread id that decodes to uuid_3digits', () => {
    expect(threadId.startsWith('2-')).toBe(true);
    expect(decodeMessengerId(threadId)).toBe('79301e70-1111-2222-3333-c6d1a5d9cd02_100');
  });

  it('does mint a message id embedding the timestamp and the decoded thread id', () => {
    const id = mintMessageId(1774352369361, threadId, 7, 100);
    expect(decodeMessengerId(id)).toBe('1774352369361b00007-100&79301e70-1111-2222-3333-c6d1a5d9cd02_100');
  });

  it('does round-trip a per-mailbox conversation URN', () => {
    const urn = conversationUrn(OWNER, threadId);
    expect(urn).toBe(`urn:li:msg_conversation:(urn:li:fsd_profile:${OWNER},${threadId})`);
    expect(parseConversationUrn(urn)).toEqual({ ownerUrn: `urn:li:fsd_profile:${OWNER}`, id: threadId });
    expect(threadIdOf(urn)).toBe(threadId);
  });

  it('does round-trip a per-mailbox message URN', () => {
    const urn = messageUrn(`urn:li:fsd_profile:${OWNER}`, '2-bXNn');
    expect(parseMessageUrn(urn)).toEqual({ ownerUrn: `urn:li:fsd_profile:${OWNER}`, id: '2-bXNn' });
    expect(messageIdOf(urn)).toBe('2-bXNn');
    expect(messageIdOf(backendMessageUrn('2-bXNn'))).toBe('2-bXNn');
  });

  it('does map backend, fsd_conversation and URL forms to the thread id', () => {
    expect(threadIdOf(backendThreadUrn(threadId))).toBe(threadId);
    expect(threadIdOf(`urn:li:fsd_conversation:${threadId}`)).toBe(threadId);
    expect(threadIdOf(`https://www.linkedin.com/messaging/thread/${threadId}/`)).toBe(threadId);
  });

  it('does return undefined when the URN is not a conversation', () => {
    expect(parseConversationUrn('urn:li:msg_conversation:(urn:li:member:1,2-x)')).toBeUndefined();
    expect(parseConversationUrn('urn:li:fsd_profile:x')).toBeUndefined();
  });
});

describe('participant and sales profile URNs', () => {
  it('does round-trip a participant URN', () => {
    const urn = participantUrn(OWNER);
    expect(urn).toBe(`urn:li:msg_messagingParticipant:urn:li:fsd_profile:${OWNER}`);
    expect(parseParticipantUrn(urn)).toBe(`urn:li:fsd_profile:${OWNER}`);
  });

  it('does round-trip a Sales Navigator profile URN', () => {
    const parts = { profileId: 'ACwAAxyz', authType: 'NAME_SEARCH', authToken: 'tok1' };
    expect(parseSalesProfileUrn(salesProfileUrn(parts))).toEqual(parts);
  });
});
