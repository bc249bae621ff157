import { ownershipOf } from './mailbox-owner';

const OWNER = 'urn:li:fsd_profile:ACoAAU8JZpDE0iGXlD6gNCFbaEPFjbD0kH8Oool';

describe('ownershipOf', () => {
  it('does name the mailbox owner when given a msg_conversation or msg_message URN', () => {
    expect(ownershipOf(`urn:li:msg_conversation:(${OWNER},2-YWJjZGVmXzEwMA==)`)).toEqual({ kind: 'mailbox', ownerUrn: OWNER });
    expect(ownershipOf(`urn:li:msg_message:(${OWNER},2-MTc2NDIwMDAwMDAwMGIwMDAwMS0xMDAmYWJj)`)).toEqual({ kind: 'mailbox', ownerUrn: OWNER });
  });

  it('does describe the shared thread when given a Sales Navigator, backend or compose URN', () => {
    expect(ownershipOf('urn:li:salesNav_thread:2-abc')).toEqual({ kind: 'thread', conversationUrn: 'urn:li:salesNav_thread:2-abc', backendUrn: 'urn:li:messagingThread:2-abc', salesNavThreadId: '2-abc' });
    expect(ownershipOf('urn:li:messagingThread:2-abc')).toMatchObject({ kind: 'thread', backendUrn: 'urn:li:messagingThread:2-abc', salesNavThreadId: '2-abc' });
    expect(ownershipOf('urn:li:fsd_conversation:2-abc')).toMatchObject({ kind: 'thread', conversationUrn: 'urn:li:fsd_conversation:2-abc', backendUrn: 'urn:li:messagingThread:2-abc' });
  });

  it('does know nothing when the URN carries no owner and no thread', () => {
    expect(ownershipOf('urn:li:messagingMessage:2-abc')).toEqual({ kind: 'unknown' });
    expect(ownershipOf('urn:li:msg_conversation:(urn:li:member:1,2-abc)')).toEqual({ kind: 'unknown' });
    expect(ownershipOf('urn:li:salesNav_thread:')).toEqual({ kind: 'unknown' });
  });
});
