import fc from 'fast-check';
import {
  controlRefusal, endAfterLastStep, holdGivesUp, holdResumesWith, type LeadControl, type LeadEvent, leadEnding, type LeadMachine, type LeadPhase, type LeadWait,
  looksAgainAfterReplyWait, nextStep, pausesBeforeStep, reduceLead, sendAbortReason, startLead, statusOf, waitIsOver,
} from './lead-machine';
import type { SequenceStep } from './sequence-document';

const reply = { messageUrn: 'urn:li:msg_message:1', at: 1_000, source: 'inbox_sync' as const };
const stop = { state: 'stopped' as const, reason: 'stopped by API' };
const cancel = { state: 'cancelled' as const, reason: 'campaign cancelled' };
const run = (events: LeadEvent[], stopOnReply = true, skipWinsOverPause = true): LeadMachine => events.reduce(reduceLead, startLead(stopOnReply, skipWinsOverPause));
const inPhase = (phase: LeadPhase, events: LeadEvent[] = [], stopOnReply = true): LeadMachine => {
  const m = run(phase === 'failed' ? [{ type: 'hold_started' }] : phase === 'finished' ? [{ type: 'finished', end: { status: 'completed', reason: null } }] : [{ type: 'phase', phase }], stopOnReply);
  return events.reduce(reduceLead, m);
};

describe('lead machine: what each control does in each state', () => {
  // accepted (null) or the start of the refusal.
  const table: Array<[LeadPhase, Record<LeadControl, string | null>]> = [
    ['active', { stop: null, skip: 'The lead is between steps', retry: 'The lead is active, not holding on a failed step' }],
    ['paused', { stop: null, skip: 'The lead is paused before its next step', retry: 'The lead is paused, not holding' }],
    ['waiting', { stop: null, skip: null, retry: 'The lead is active, not holding' }],
    ['typing', { stop: null, skip: null, retry: 'The lead is active, not holding' }],
    ['failed', { stop: null, skip: null, retry: null }],
    ['finished', { stop: "The lead's run has ended (completed)", skip: "The lead's run has ended", retry: "The lead's run has ended" }],
  ];
  it.each(table)('in phase %s: %j', (phase, expected) => {
    // A paused lead shows as paused only while it holds before a step with the pause on.
    const m = inPhase(phase, phase === 'paused' ? [{ type: 'pause' }] : []);
    for (const control of ['stop', 'skip', 'retry'] as const) {
      const refusal = controlRefusal(m, control);
      if (expected[control] === null) expect({ control, refusal }).toEqual({ control, refusal: null });
      else expect({ control, refusal: refusal?.slice(0, expected[control]!.length) }).toEqual({ control, refusal: expected[control] });
    }
  });

  it('refuses skip and retry of a lead that is ending anyway, but still takes a stop', () => {
    for (const ending of [inPhase('waiting', [{ type: 'stop', stop: cancel }]), inPhase('failed', [{ type: 'reply', reply }])]) {
      expect(controlRefusal(ending, 'skip')).toMatch(/^The lead is ending \((cancelled|replied)\): nothing to skip\.$/);
      expect(controlRefusal(ending, 'retry')).toMatch(/nothing to retry/);
      expect(controlRefusal(ending, 'stop')).toBeNull();
    }
  });

  it('lets a reply that does not stop the lead leave the controls as they are', () => {
    expect(controlRefusal(inPhase('waiting', [{ type: 'reply', reply }], false), 'skip')).toBeNull();
  });

  it('accepts a repeated retry or skip of a failed step, but not the other one once one is under way', () => {
    expect(controlRefusal(inPhase('failed', [{ type: 'retry' }]), 'retry')).toBeNull();
    expect(controlRefusal(inPhase('failed', [{ type: 'retry' }]), 'skip')).toBe('A retry of the failed step is already under way.');
    expect(controlRefusal(inPhase('failed', [{ type: 'skip' }]), 'skip')).toBeNull();
    expect(controlRefusal(inPhase('failed', [{ type: 'skip' }]), 'retry')).toBe('A skip of the failed step is already under way.');
  });
});

describe('lead machine: connect steps', () => {
  const steps = [
    { type: 'connect', id: 'invite' },
    { type: 'wait_for_acceptance', id: 'accepted', timeout: '7d', onTimeout: 'inmail' },
    { type: 'typing_and_send', id: 'hello', template: 'Hi' },
    { type: 'typing_and_send', id: 'inmail', template: 'Hi' },
  ] as SequenceStep[];
  const at = (index: number) => ({ steps, index, attributes: {} });

  it('does go to the step a jump names, and end as skipped on a jump to "end"', () => {
    expect(nextStep(run([]), { type: 'jump', target: 'inmail', reason: 'not accepted' }, at(1))).toEqual({ next: 3 });
    expect(nextStep(run([]), { type: 'jump', target: 'next', reason: 'accepted' }, at(1))).toEqual({ next: 2 });
    expect(nextStep(run([]), { type: 'jump', target: 'end', reason: 'invitation not accepted' }, at(1))).toEqual({ end: { status: 'skipped', reason: 'invitation not accepted' } });
  });

  it('does let a reply or a stop decide over a jump', () => {
    expect(nextStep(run([{ type: 'reply', reply }]), { type: 'jump', target: 'end', reason: 'x' }, at(1))).toEqual({ next: 2 });
  });
});

describe('lead machine: what ends each wait', () => {
  const requests: Array<[string, LeadEvent[], boolean]> = [
    ['nothing', [], true],
    ['a reply (stop on reply)', [{ type: 'reply', reply }], true],
    ['a reply (replies routed)', [{ type: 'reply', reply }], false],
    ['a pause', [{ type: 'pause' }], true],
    ['a pause, then resume', [{ type: 'pause' }, { type: 'resume' }], true],
    ['a stop', [{ type: 'stop', stop }], true],
    ['a skip', [{ type: 'skip' }], true],
    ['a retry', [{ type: 'retry' }], true],
    ['an acceptance', [{ type: 'connected' }], true],
  ];
  const expected: Record<LeadWait, boolean[]> = {
    //      nothing reply  routed  pause  resumed stop   skip   retry  accepted
    step: [false, true, false, false, false, true, true, false, false],
    reply: [false, true, true, false, false, true, true, false, false],
    hold: [false, false, false, false, false, true, true, true, false],
    paused: [true, true, true, false, true, true, true, true, true],
    send: [false, true, false, true, false, true, true, false, false],
    acceptance: [false, true, false, false, false, true, true, false, true],
    throttled: [false, true, false, false, false, true, false, false, false],
  };
  it.each(Object.entries(expected))('the %s wait', (wait, ends) => {
    expect(requests.map(([name, events, stopOnReply]) => [name, waitIsOver(run(events, stopOnReply), wait as LeadWait)])).toEqual(requests.map(([name], i) => [name, ends[i]]));
  });

  it('holds a send back for a stop first, then a reply, a skip, a pause', () => {
    expect(sendAbortReason(run([{ type: 'skip' }, { type: 'pause' }, { type: 'reply', reply }, { type: 'stop', stop: cancel }]))).toBe('cancelled');
    expect(sendAbortReason(run([{ type: 'skip' }, { type: 'pause' }, { type: 'reply', reply }]))).toBe('replied');
    expect(sendAbortReason(run([{ type: 'skip' }, { type: 'pause' }, { type: 'reply', reply }], false))).toBe('skipped');
    expect(sendAbortReason(run([{ type: 'pause' }]))).toBe('paused');
    expect(sendAbortReason(run([]))).toBeNull();
  });

  it('keeps the old order (a pause before a skip) in runs started before a skip won', () => {
    expect(sendAbortReason(run([{ type: 'skip' }, { type: 'pause' }], true, false))).toBe('paused');
    expect(sendAbortReason(run([{ type: 'skip' }], true, false))).toBe('skipped');
    expect(controlRefusal(run([{ type: 'pause' }, { type: 'phase', phase: 'typing' }], true, false), 'skip')).toMatch(/^The lead is paused and holds its message back/);
    expect(controlRefusal(run([{ type: 'pause' }, { type: 'phase', phase: 'typing' }]), 'skip')).toBeNull();
  });

  it('pauses before a step unless the lead is ending', () => {
    expect(pausesBeforeStep(run([{ type: 'pause' }]))).toBe(true);
    expect(pausesBeforeStep(run([{ type: 'pause' }, { type: 'stop', stop }]))).toBe(false);
    expect(pausesBeforeStep(run([{ type: 'pause' }, { type: 'reply', reply }]))).toBe(false);
    expect(pausesBeforeStep(run([{ type: 'pause' }, { type: 'reply', reply }], false))).toBe(true);
  });

  it('drops a skip that arrived too late for its step when the next one starts, and requests from before a failure', () => {
    expect(run([{ type: 'skip' }, { type: 'step_started' }]).skip).toBe(false);
    const held = run([{ type: 'skip' }, { type: 'retry' }, { type: 'hold_started' }]);
    expect([held.skip, held.retry, held.phase]).toEqual([false, false, 'failed']);
  });

  it('ends a failed step in a retry, a skip, or giving up', () => {
    expect(holdGivesUp(inPhase('failed'), false)).toBe(true);
    expect(holdGivesUp(inPhase('failed', [{ type: 'skip' }, { type: 'stop', stop }]), true)).toBe(true);
    expect(holdGivesUp(inPhase('failed', [{ type: 'skip' }]), true)).toBe(false);
    expect(holdResumesWith(inPhase('failed', [{ type: 'skip' }, { type: 'retry' }]))).toBe('retry');
    expect(holdResumesWith(inPhase('failed', [{ type: 'skip' }]))).toBe('skip');
  });

  it('takes a last look at the thread after a reply wait only when nothing else ended it', () => {
    expect(looksAgainAfterReplyWait(run([]))).toBe(true);
    for (const e of [{ type: 'reply', reply }, { type: 'stop', stop }, { type: 'skip' }] as LeadEvent[]) expect(looksAgainAfterReplyWait(run([e]))).toBe(false);
  });
});

describe('lead machine: status and ending', () => {
  it.each<[string, string, LeadMachine]>([
    ['active', 'active', inPhase('active')],
    ['waiting while paused (waits keep running)', 'active', inPhase('waiting', [{ type: 'pause' }])],
    ['held before a step', 'paused', inPhase('paused', [{ type: 'pause' }])],
    ['holding on a failed step', 'failed', inPhase('failed')],
    ['a failed step with a retry accepted', 'active', inPhase('failed', [{ type: 'retry' }])],
    ['finished', 'completed', inPhase('finished')],
  ])('reads a lead %s as %s', (_name, status, m) => expect(statusOf(m)).toBe(status));

  it('ends as stopped over a reply, and as replied after the last step when a reply came', () => {
    expect(leadEnding(run([{ type: 'reply', reply }, { type: 'stop', stop }]))).toEqual({ status: 'stopped', reason: 'stopped by API' });
    expect(endAfterLastStep(run([{ type: 'reply', reply }], false))).toEqual({ status: 'replied', reason: 'the lead replied' });
    expect(endAfterLastStep(run([]))).toEqual({ status: 'completed', reason: null });
  });
});

describe('lead machine: the next step after an outcome', () => {
  const steps: SequenceStep[] = [
    { id: 'hi', type: 'typing_and_send', template: 'Hi' },
    { id: 'w', type: 'wait_for_reply', timeout: '1d', onReply: 'thanks', onTimeout: 'next' },
    { id: 'nudge', type: 'typing_and_send', template: 'Nudge' },
    { id: 'b', type: 'branch', condition: { type: 'attribute', attribute: 'vip', equals: 'yes' }, then: 'thanks', else: 'end' },
    { id: 'thanks', type: 'typing_and_send', template: 'Thanks' },
  ];
  const at = (index: number, attributes: Record<string, unknown> = {}) => ({ steps, index, attributes });

  it.each<[string, LeadMachine, Parameters<typeof nextStep>[1], number, unknown]>([
    ['a sent step moves on', run([]), { type: 'done' }, 0, { next: 1 }],
    ['a skipped send moves on', run([]), { type: 'send_aborted', reason: 'skipped' }, 0, { next: 1 }],
    ['a paused send stays for the gate', run([]), { type: 'send_aborted', reason: 'paused' }, 0, { next: 0 }],
    ['a stopped send stays for the gate', run([]), { type: 'send_aborted', reason: 'stopped' }, 0, { next: 0 }],
    ['a person already in a conversation ends the lead as skipped', run([]), { type: 'send_aborted', reason: 'already_in_conversation' }, 0, { end: { status: 'skipped', reason: 'already in a conversation with this person' } }],
    ['a reply routes a reply wait to onReply', run([{ type: 'reply', reply }], false), { type: 'reply_wait_over' }, 1, { next: 4 }],
    ['a timed-out reply wait goes to onTimeout', run([], false), { type: 'reply_wait_over' }, 1, { next: 2 }],
    ['a reply wait of an ending lead moves on (the gate ends it)', run([{ type: 'stop', stop }], false), { type: 'reply_wait_over' }, 1, { next: 2 }],
    ['a retried failed step runs again', run([]), { type: 'held', decision: 'retry' }, 2, { next: 2 }],
    ['a skipped failed step moves on', run([]), { type: 'held', decision: 'skip' }, 2, { next: 3 }],
    ['a failed step given up ends the lead as failed', run([]), { type: 'failed', code: 'RECIPIENT_NOT_REACHABLE', message: 'not connected' }, 2, { end: { status: 'failed', reason: 'RECIPIENT_NOT_REACHABLE: not connected' } }],
    ['a failed step given up because of a stop ends it as stopped', run([{ type: 'stop', stop: cancel }]), { type: 'failed', code: 'INTERNAL', message: 'x' }, 2, { end: { status: 'cancelled', reason: 'campaign cancelled' } }],
    ['an end step ends the sequence', run([]), { type: 'end_step' }, 3, { next: 5 }],
  ])('%s', (_name, m, outcome, index, expected) => expect(nextStep(m, outcome, at(index))).toEqual(expected));

  it('branches on the lead’s attributes', () => {
    expect(nextStep(run([]), { type: 'branched' }, at(3, { vip: 'yes' }))).toEqual({ next: 4 });
    expect(nextStep(run([]), { type: 'branched' }, at(3, { vip: 'no' }))).toEqual({ next: 5 });
  });
});

describe('lead machine: properties over any order of events', () => {
  // Stops and replies are rarer than the rest, so that many histories leave the lead live.
  const request = fc.oneof(
    { weight: 1, arbitrary: fc.record({ messageUrn: fc.string(), at: fc.nat(), source: fc.constantFrom('inbox_sync' as const, 'thread_check' as const) }).map((r): LeadEvent => ({ type: 'reply', reply: r })) },
    { weight: 8, arbitrary: fc.constantFrom<LeadEvent>({ type: 'pause' }, { type: 'resume' }, { type: 'skip' }, { type: 'retry' }) },
    { weight: 1, arbitrary: fc.constantFrom(stop, cancel).map((s): LeadEvent => ({ type: 'stop', stop: s })) },
  );
  const progress = fc.oneof(
    fc.constantFrom<LeadPhase>('active', 'paused', 'waiting', 'typing').map((phase): LeadEvent => ({ type: 'phase', phase: phase as Exclude<LeadPhase, 'finished' | 'failed'> })),
    fc.constantFrom<LeadEvent>({ type: 'step_started' }, { type: 'skip_spent' }, { type: 'hold_started' }, { type: 'hold_ended' }),
  );
  const anyEvent = fc.oneof(request, progress);
  const history = fc.tuple(fc.boolean(), fc.array(anyEvent, { maxLength: 25 }), fc.boolean());
  const NUM_RUNS = 500;
  // Histories that leave the lead live and not ending, then put it where a skip or a retry applies.
  const live = fc.array(fc.oneof(progress, fc.constantFrom<LeadEvent>({ type: 'pause' }, { type: 'resume' }, { type: 'skip' }, { type: 'retry' })), { maxLength: 25 });


  it('keeps the first reply and the first stop, and the last pause or resume', () => {
    fc.assert(fc.property(history, ([stopOnReply, events, skipWins]) => {
      const m = run(events, stopOnReply, skipWins);
      const first = <T extends LeadEvent['type']>(type: T) => events.find((e) => e.type === type) as Extract<LeadEvent, { type: T }> | undefined;
      expect(m.reply).toEqual(first('reply')?.reply ?? null);
      expect(m.stop).toEqual(first('stop')?.stop ?? null);
      const lastToggle = [...events].reverse().find((e) => e.type === 'pause' || e.type === 'resume');
      expect(m.paused).toBe(lastToggle?.type === 'pause');
    }));
  });

  it('once a stop arrived, the lead ends as that stop, whatever comes after', () => {
    fc.assert(fc.property(history, fc.array(anyEvent, { maxLength: 20 }), ([stopOnReply, before, skipWins], after) => {
      const m = run([...before, { type: 'stop', stop: cancel }, ...after], stopOnReply, skipWins);
      const firstStop = [...before].find((e): e is Extract<LeadEvent, { type: 'stop' }> => e.type === 'stop')?.stop ?? cancel;
      expect(leadEnding(m)).toEqual({ status: firstStop.state, reason: firstStop.reason });
      expect(sendAbortReason(m)).toBe(firstStop.state);
      for (const wait of ['step', 'reply', 'hold', 'paused', 'send'] as const) expect(waitIsOver(m, wait)).toBe(true);
    }), { numRuns: NUM_RUNS });
  });

  it('an accepted control is never lost: it ends what it applies to, and leaves the phase to the workflow', () => {
    fc.assert(fc.property(history, fc.constantFrom<LeadControl>('stop', 'skip', 'retry'), ([stopOnReply, events, skipWins], control) => {
      const m = run(events, stopOnReply, skipWins);
      if (controlRefusal(m, control) !== null) return;
      const after = reduceLead(m, control === 'stop' ? { type: 'stop', stop } : { type: control });
      expect(after.phase).toBe(m.phase);
      if (control === 'stop') expect(leadEnding(after)).not.toBeNull();
      if (control === 'retry') expect([waitIsOver(after, 'hold'), holdGivesUp(after, true), holdResumesWith(after), statusOf(after)]).toEqual([true, false, 'retry', 'active']);
      if (control === 'skip' && m.phase === 'failed') expect([waitIsOver(after, 'hold'), holdResumesWith(after)]).toEqual([true, 'skip']);
      if (control === 'skip' && m.phase !== 'failed') {
        expect(sendAbortReason(after)).toBe('skipped');
        expect([waitIsOver(after, 'step'), waitIsOver(after, 'reply'), waitIsOver(after, 'send')]).toEqual([true, true, true]);
      }
    }), { numRuns: NUM_RUNS });
  });

  it('takes a skip wherever the lead waits, types or holds on a failure, and the skip ends that step', () => {
    const where = fc.constantFrom<LeadEvent[]>([{ type: 'phase', phase: 'waiting' }], [{ type: 'phase', phase: 'typing' }], [{ type: 'hold_started' }]);
    fc.assert(fc.property(live, where, (events, at) => {
      const m = run([...events, ...at]);
      expect(controlRefusal(m, 'skip')).toBeNull();
      const after = reduceLead(m, { type: 'skip' });
      if (m.phase === 'failed') expect([waitIsOver(after, 'hold'), holdGivesUp(after, true), holdResumesWith(after)]).toEqual([true, false, 'skip']);
      else expect([sendAbortReason(after), waitIsOver(after, 'step'), waitIsOver(after, 'reply'), waitIsOver(after, 'send')]).toEqual(['skipped', true, true, true]);
    }), { numRuns: NUM_RUNS });
  });

  it('takes a retry of a failed step, however often it is repeated, and the retry runs the step again', () => {
    fc.assert(fc.property(live, fc.array(fc.constantFrom<LeadEvent>({ type: 'retry' }, { type: 'pause' }, { type: 'resume' }), { maxLength: 5 }), (events, meanwhile) => {
      const m = run([...events, { type: 'hold_started' }, ...meanwhile]);
      expect(controlRefusal(m, 'retry')).toBeNull();
      const after = reduceLead(m, { type: 'retry' });
      expect([waitIsOver(after, 'hold'), holdGivesUp(after, true), holdResumesWith(after), statusOf(after)]).toEqual([true, false, 'retry', 'active']);
    }), { numRuns: NUM_RUNS });
  });

  it('a finished run takes no control and no longer moves', () => {
    fc.assert(fc.property(history, fc.array(anyEvent, { maxLength: 20 }), ([stopOnReply, before, skipWins], after) => {
      const m = run([...before, { type: 'finished', end: { status: 'completed', reason: null } }, ...after], stopOnReply, skipWins);
      expect(m.phase).toBe('finished');
      for (const control of ['stop', 'skip', 'retry'] as const) expect(controlRefusal(m, control)).toMatch(/^The lead's run has ended/);
    }));
  });

  it('an accepted skip of a wait or an unsent message survives a pause that comes after it', () => {
    const later = fc.array(fc.constantFrom<LeadEvent>({ type: 'pause' }, { type: 'resume' }, { type: 'reply', reply }, { type: 'phase', phase: 'waiting' }, { type: 'phase', phase: 'typing' }), { minLength: 1, maxLength: 10 });
    fc.assert(fc.property(live, fc.constantFrom<LeadPhase>('waiting', 'typing'), later, (events, phase, after) => {
      const m = run([...events, { type: 'phase', phase: phase as 'waiting' | 'typing' }], false);
      expect(controlRefusal(m, 'skip')).toBeNull();
      const skipped = [{ type: 'skip' } as LeadEvent, ...after].reduce(reduceLead, m);
      expect([sendAbortReason(skipped), waitIsOver(skipped, 'step'), waitIsOver(skipped, 'reply')]).toEqual(['skipped', true, true]);
    }), { numRuns: NUM_RUNS });
  });

  it('a send is held back exactly when a stop, a stopping reply, a pause or a skip is pending', () => {
    fc.assert(fc.property(history, ([stopOnReply, events, skipWins]) => {
      const m = run(events, stopOnReply, skipWins);
      expect(sendAbortReason(m) !== null).toBe(m.stop !== null || (m.reply !== null && stopOnReply) || m.paused || m.skip);
    }));
  });
});
