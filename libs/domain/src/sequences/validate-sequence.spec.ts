import { resolveTarget } from './sequence-document';
import { evaluateCondition, validateSequence } from './validate-sequence';

const send = (template = 'Hi {{firstName|there}}') => ({ type: 'typing_and_send', template });

describe('validateSequence', () => {
  it('accepts a follow-up sequence and fills in step ids', () => {
    const result = validateSequence({ steps: [send(), { type: 'wait_for_reply', timeout: '3d' }, send('Following up'), { type: 'end' }] });
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.sequence.steps.map((s) => s.id)).toEqual(['step-1', 'step-2', 'step-3', 'step-4']);
  });

  it('names the step and field of a broken template', () => {
    const result = validateSequence({ steps: [send(), { type: 'wait', duration: '1d' }, send('Hi {there')] });
    expect(result).toEqual({ ok: false, problems: [{ path: 'steps[2].template', message: 'unclosed spintax "{" at position 3' }] });
  });

  it('refuses unknown types, unknown fields and bad durations', () => {
    const result = validateSequence({ steps: [send(), { type: 'call' }, { type: 'wait', duration: '3 days' }, { type: 'mark_seen', colour: 'red' }] });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.problems.map((p) => p.path)).toEqual(['steps[1].type', 'steps[2].duration', 'steps[3].colour']);
    }
  });

  it('refuses a backward jump, so a run always ends', () => {
    const result = validateSequence({ steps: [{ id: 'hello', ...send() }, { type: 'branch', condition: { type: 'replied' }, then: 'hello', else: 'end' }] });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems[0]).toEqual({ path: 'steps[1].then', message: 'must point forward; "hello" is not after this step' });
  });

  it('checks variants: unique ids, weights, at least one positive weight', () => {
    const result = validateSequence({ steps: [{ type: 'typing_and_send', variants: [{ id: 'A', weight: 0, template: 'a' }, { id: 'A', weight: 0, template: 'b' }] }] });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems.map((p) => p.path)).toEqual(['steps[0].variants[1].id', 'steps[0].variants']);
  });

  it('needs exactly one of template and variants, and one of duration and businessDays', () => {
    const result = validateSequence({ steps: [{ type: 'typing_and_send' }, { type: 'wait', duration: '1d', businessDays: 2 }] });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems.map((p) => p.path)).toEqual(['steps[0].template', 'steps[1].duration']);
  });

  it('needs a send step', () => {
    expect(validateSequence({ steps: [{ type: 'wait', duration: '1d' }] })).toEqual({ ok: false, problems: [{ path: 'steps', message: 'a sequence needs at least one typing_and_send step' }] });
  });
});

describe('resolveTarget', () => {
  const steps = [{ type: 'mark_seen', id: 'a' }, { type: 'mark_seen', id: 'b' }, { type: 'end', id: 'c' }] as const;
  it('maps next, end and ids to indexes', () => {
    expect(resolveTarget(steps, 0, undefined)).toBe(1);
    expect(resolveTarget(steps, 0, 'next')).toBe(1);
    expect(resolveTarget(steps, 0, 'end')).toBe(3);
    expect(resolveTarget(steps, 0, 'c')).toBe(2);
  });
});

describe('evaluateCondition', () => {
  it('reads replies and attributes', () => {
    expect(evaluateCondition({ type: 'replied' }, { replied: true, attributes: {} })).toBe(true);
    expect(evaluateCondition({ type: 'not_replied' }, { replied: true, attributes: {} })).toBe(false);
    expect(evaluateCondition({ type: 'attribute', attribute: 'tier', equals: 'Gold' }, { replied: false, attributes: { tier: 'gold' } })).toBe(true);
    expect(evaluateCondition({ type: 'attribute', attribute: 'email' }, { replied: false, attributes: { email: '' } })).toBe(false);
    expect(evaluateCondition({ type: 'attribute', attribute: 'email', exists: false }, { replied: false, attributes: {} })).toBe(true);
  });
});

describe('validateSequence: connect-first sequences', () => {
  const hello = { type: 'typing_and_send', id: 'hello', template: 'Thanks for connecting, {{firstName}}!' };

  it('does accept connect with a note template, then wait_for_acceptance with a timeout and a branch, with defaults filled in', () => {
    const result = validateSequence({ steps: [
      { type: 'connect', id: 'invite', note: 'Hi {{firstName|there}}, {loved|enjoyed} your post.' },
      { type: 'wait_for_acceptance', id: 'accepted', timeout: '14d', onTimeout: 'end' },
      hello,
    ] });
    expect(result).toEqual({ ok: true, sequence: { steps: [
      { type: 'connect', id: 'invite', note: 'Hi {{firstName|there}}, {loved|enjoyed} your post.', onNoteUnavailable: 'send_without_note', onRefused: undefined },
      { type: 'wait_for_acceptance', id: 'accepted', timeout: '14d', onAccepted: undefined, onTimeout: 'end' },
      { ...hello, typing: true },
    ] } });
  });

  it('does name the field of each problem: a note over 300 characters, a bad fallback, a wait without a connect before it, a missing timeout', () => {
    const result = validateSequence({ steps: [
      { type: 'wait_for_acceptance', id: 'early', timeout: '1d' },
      { type: 'connect', id: 'invite', note: 'x'.repeat(301), onNoteUnavailable: 'maybe' },
      { type: 'wait_for_acceptance', id: 'accepted' },
      hello,
    ] });
    expect(result.ok).toBe(false);
    const paths = result.ok ? [] : result.problems.map((p) => p.path);
    expect(paths).toEqual(expect.arrayContaining(['steps[0].type', 'steps[1].note', 'steps[1].onNoteUnavailable', 'steps[2].timeout']));
  });
});
