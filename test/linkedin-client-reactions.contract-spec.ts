// Contract: LinkedInClient reactions (react, unreact, reactors, realtime summaries) and edits against a fresh emulator.
import type { LinkedInClient, RealtimeEvent } from '@threadline/linkedin';
import { ACTIONS, PATHS } from '@threadline/linkedin/wire';
import { SANDBOX_SCENARIO } from '../apps/linkedin-emulator/src/server';
import type { ScenarioInput } from '../apps/linkedin-emulator/src/state/scenario';
import { SANDBOX, clientFor, conversationWith, expectLinkedInError, nextMatching, raw, sessionOf, startEmulator, urnOf, type EmulatorServer } from './support/linkedin-contract';

const ALEX = urnOf(SANDBOX.alex);
const SARAH = urnOf(SANDBOX.sarah);

/** The sandbox with Sarah as a second account, so both sides of the Alex–Sarah thread can act. */
function sarahAsAccount(): ScenarioInput {
  const members = SANDBOX_SCENARIO.members ?? [];
  const sarah = members.find((m) => m.profileId === SANDBOX.sarah)!;
  return { ...SANDBOX_SCENARIO, members: members.filter((m) => m !== sarah), accounts: [...(SANDBOX_SCENARIO.accounts ?? []), { ...sarah }] };
}

describe('LinkedInClient contract: reactions and edits', () => {
  let emu: EmulatorServer;
  let alex: LinkedInClient;
  let sarah: LinkedInClient;
  let alexConv: string;
  let sarahConv: string;
  let abort: AbortController;

  beforeEach(async () => {
    emu = await startEmulator({ scenario: sarahAsAccount() });
    alex = await clientFor(emu, SANDBOX.alex);
    sarah = await clientFor(emu, SANDBOX.sarah);
    alexConv = await conversationWith(emu, SANDBOX.alex, SANDBOX.sarah);
    sarahConv = await conversationWith(emu, SANDBOX.sarah, SANDBOX.alex);
    abort = new AbortController();
  });
  afterEach(async () => {
    abort.abort();
    await alex.close();
    await sarah.close();
    await emu.close();
  });

  const newestOf = async (client: LinkedInClient, conv: string) => (await client.getMessages({ conversationUrn: conv, count: 1 })).messages[0]!;

  it('does show the reaction in reactionSummaries for both sides and list the reactor when an account reacts', async () => {
    const sent = await alex.sendMessage({ conversationUrn: alexConv, text: 'Lunch Friday?', originToken: 'contract-react' });
    await expect(alex.reactWithEmoji(sent.entityUrn, '👍')).resolves.toBeUndefined();
    // Reacting twice with the same emoji changes nothing, as on LinkedIn.
    await alex.reactWithEmoji(sent.entityUrn, '👍');

    const mine = await newestOf(alex, alexConv);
    expect(mine.reactionSummaries).toEqual([{ emoji: '👍', count: 1, firstReactedAt: expect.any(Number), viewerReacted: true }]);
    const theirs = await newestOf(sarah, sarahConv);
    expect(theirs.reactionSummaries).toEqual([{ emoji: '👍', count: 1, firstReactedAt: mine.reactionSummaries![0]!.firstReactedAt, viewerReacted: false }]);

    await sarah.reactWithEmoji(theirs.entityUrn, '👍');
    await sarah.reactWithEmoji(theirs.entityUrn, '🎉');
    expect((await newestOf(alex, alexConv)).reactionSummaries).toEqual([
      expect.objectContaining({ emoji: '👍', count: 2, viewerReacted: true }),
      expect.objectContaining({ emoji: '🎉', count: 1, viewerReacted: false }),
    ]);
    const reactors = await alex.listReactors(sent.entityUrn, '👍');
    expect(reactors.map((p) => p.hostIdentityUrn)).toEqual([ALEX, SARAH]);
    expect(reactors[1]!.participantType.member?.firstName.text).toBe('Sarah');
    expect(await alex.listReactors(sent.entityUrn, '😮')).toEqual([]);
  });

  it('does remove only the account’s own reaction when it unreacts', async () => {
    const sent = await alex.sendMessage({ conversationUrn: alexConv, text: 'unreact me', originToken: 'contract-unreact' });
    await alex.reactWithEmoji(sent.entityUrn, '❤️');
    await sarah.reactWithEmoji((await newestOf(sarah, sarahConv)).entityUrn, '❤️');
    await alex.unreactWithEmoji(sent.entityUrn, '❤️');
    expect((await newestOf(alex, alexConv)).reactionSummaries).toEqual([expect.objectContaining({ emoji: '❤️', count: 1, viewerReacted: false })]);
    // Removing a reaction that is not there is accepted and changes nothing.
    await alex.unreactWithEmoji(sent.entityUrn, '❤️');
    expect((await alex.listReactors(sent.entityUrn, '❤️')).map((p) => p.hostIdentityUrn)).toEqual([SARAH]);
  });

  it('does publish the reaction on messageReactionSummariesTopic to the other participant', async () => {
    const sent = await alex.sendMessage({ conversationUrn: alexConv, text: 'watch this', originToken: 'contract-react-live' });
    const stream = sarah.connectRealtime({ signal: abort.signal, heartbeatMs: 0 })[Symbol.asyncIterator]();
    await nextMatching(stream, (e: RealtimeEvent) => e.type === 'connected');
    await alex.reactWithEmoji(sent.entityUrn, '👏');
    const event = await nextMatching(stream, (e: RealtimeEvent) => e.type === 'reaction');
    if (event.type !== 'reaction') throw new Error('unreachable');
    const theirs = await newestOf(sarah, sarahConv);
    expect(event.messageUrn).toBe(theirs.entityUrn);
    expect(event.raw).toMatchObject({
      reactionAdded: true,
      actor: { hostIdentityUrn: ALEX },
      message: { entityUrn: theirs.entityUrn },
      reactionSummary: { emoji: '👏', count: 1, viewerReacted: false },
    });
    await alex.unreactWithEmoji(sent.entityUrn, '👏');
    const removed = await nextMatching(stream, (e: RealtimeEvent) => e.type === 'reaction');
    expect(removed).toMatchObject({ raw: { reactionAdded: false, reactionSummary: { emoji: '👏', count: 0 } } });
    await stream.return?.();
  });

  it('does refuse an empty emoji and a message the account cannot see as LinkedIn does', async () => {
    const sent = await alex.sendMessage({ conversationUrn: alexConv, text: 'private', originToken: 'contract-react-refuse' });
    // The client refuses an empty emoji before sending; on the wire LinkedIn answers a bare 400.
    await expectLinkedInError(alex.reactWithEmoji(sent.entityUrn, ''), 'invalid_request');
    const session = await sessionOf(emu, SANDBOX.alex);
    const empty = await raw(emu, session, 'POST', `${PATHS.messages}?action=${ACTIONS.reactWithEmoji}`, { body: { messageUrn: sent.entityUrn, emoji: ' ' } });
    expect(empty.status).toBe(400);
    // A message URN of another mailbox is refused; an id the account has no thread for is not found.
    const otherMailbox = sent.entityUrn.replace(ALEX, urnOf(SANDBOX.priya));
    await expectLinkedInError(alex.reactWithEmoji(otherMailbox, '👍'), 'forbidden');
    const unknown = sent.entityUrn.replace(/2-[^)]+\)$/, '2-bm9uZXhpc3RlbnQ=)');
    await expectLinkedInError(alex.reactWithEmoji(unknown, '👍'), 'not_found');
  });

  it('does show the new text as EDITED to both sides when an account edits its message', async () => {
    const sent = await alex.sendMessage({ conversationUrn: alexConv, text: 'See you at 9', originToken: 'contract-edit' });
    await expect(alex.editMessage(sent.entityUrn, 'See you at 10')).resolves.toBeUndefined();
    expect(await newestOf(alex, alexConv)).toMatchObject({ entityUrn: sent.entityUrn, body: { text: 'See you at 10' }, messageBodyRenderFormat: 'EDITED' });
    expect(await newestOf(sarah, sarahConv)).toMatchObject({ body: { text: 'See you at 10' }, messageBodyRenderFormat: 'EDITED' });
    // Only the sender may edit.
    await expectLinkedInError(sarah.editMessage((await newestOf(sarah, sarahConv)).entityUrn, 'hijack'), 'forbidden');
  });
});
