import { parseDuration } from './duration';
import { SEQUENCE_STEP_TYPES, type BranchCondition, type SequenceDocument, type SequenceStep, type StepTarget } from './sequence-document';
import { MAX_MESSAGE_LENGTH, parseTemplate } from './template';

export const MAX_STEPS = 50;
export const MAX_VARIANTS = 5;
const MAX_WAIT_MS = 365 * 86_400_000;
const STEP_ID = /^[A-Za-z0-9_-]{1,40}$/;
/** LinkedIn's invitation note limit (reference §7.1); free accounts get 200, checked when the note is rendered. */
export const MAX_NOTE_LENGTH = 300;

export interface SequenceProblem {
  /** e.g. `steps[2].template` */
  path: string;
  message: string;
}

export type SequenceValidation = { ok: true; sequence: SequenceDocument } | { ok: false; problems: SequenceProblem[] };

type Raw = Record<string, unknown>;
const isObject = (v: unknown): v is Raw => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Checks a sequence document from the API and returns it normalised (ids filled in as `step-<n>`).
 * Every problem names the step and field, e.g. `steps[2].template: unclosed spintax "{" at position 4`.
 */
export function validateSequence(input: unknown): SequenceValidation {
  const problems: SequenceProblem[] = [];
  const fail = (path: string, message: string) => problems.push({ path, message });
  if (!isObject(input) || !Array.isArray(input.steps)) return { ok: false, problems: [{ path: 'steps', message: 'must be an array of steps' }] };
  const rawSteps = input.steps as unknown[];
  if (rawSteps.length === 0 || rawSteps.length > MAX_STEPS) return { ok: false, problems: [{ path: 'steps', message: `must hold 1 to ${MAX_STEPS} steps` }] };

  const ids = rawSteps.map((s, i) => (isObject(s) && typeof s.id === 'string' ? s.id : `step-${i + 1}`));
  const steps: SequenceStep[] = [];
  rawSteps.forEach((raw, i) => {
    const at = `steps[${i}]`;
    if (!isObject(raw)) return fail(at, 'must be an object');
    const type = raw.type;
    if (typeof type !== 'string' || !(SEQUENCE_STEP_TYPES as readonly string[]).includes(type)) {
      return fail(`${at}.type`, `must be one of ${SEQUENCE_STEP_TYPES.join(', ')}`);
    }
    const id = ids[i]!;
    if (!STEP_ID.test(id)) fail(`${at}.id`, 'must be 1 to 40 letters, digits, "-" or "_"');
    else if (ids.indexOf(id) !== i) fail(`${at}.id`, `"${id}" is already the id of steps[${ids.indexOf(id)}]`);
    const allowed = new Set(['type', 'id', ...FIELDS[type as SequenceStep['type']]]);
    for (const key of Object.keys(raw)) if (!allowed.has(key)) fail(`${at}.${key}`, `is not a field of a ${type} step`);

    const target = (field: string): StepTarget | undefined => {
      const value = raw[field];
      if (value === undefined) return undefined;
      if (value === 'next' || value === 'end') return value;
      if (typeof value !== 'string' || !ids.includes(value)) {
        fail(`${at}.${field}`, 'must be "next", "end" or the id of a later step');
        return undefined;
      }
      // Forward jumps only: a sequence always terminates and a step never runs twice.
      if (ids.indexOf(value) <= i) fail(`${at}.${field}`, `must point forward; "${value}" is not after this step`);
      return value;
    };

    switch (type) {
      case 'typing_and_send': {
        const hasTemplate = raw.template !== undefined;
        const hasVariants = raw.variants !== undefined;
        if (hasTemplate === hasVariants) {
          fail(`${at}.template`, 'give either template or variants');
          break;
        }
        if (raw.typing !== undefined && typeof raw.typing !== 'boolean') fail(`${at}.typing`, 'must be a boolean');
        if (hasTemplate) {
          checkTemplate(raw.template, `${at}.template`, fail);
          steps.push({ type, id, template: raw.template as string, typing: (raw.typing as boolean | undefined) ?? true });
          break;
        }
        if (!Array.isArray(raw.variants) || raw.variants.length === 0 || raw.variants.length > MAX_VARIANTS) {
          fail(`${at}.variants`, `must be an array of 1 to ${MAX_VARIANTS} variants`);
          break;
        }
        const variantIds = new Set<string>();
        let totalWeight = 0;
        const variants = (raw.variants as unknown[]).map((v, j) => {
          const vat = `${at}.variants[${j}]`;
          if (!isObject(v)) {
            fail(vat, 'must be an object');
            return { id: '', template: '' };
          }
          if (typeof v.id !== 'string' || !STEP_ID.test(v.id)) fail(`${vat}.id`, 'must be 1 to 40 letters, digits, "-" or "_"');
          else if (variantIds.has(v.id)) fail(`${vat}.id`, `"${v.id}" is used twice`);
          else variantIds.add(v.id);
          if (v.weight !== undefined && (typeof v.weight !== 'number' || !Number.isFinite(v.weight) || v.weight < 0)) fail(`${vat}.weight`, 'must be a number >= 0');
          totalWeight += typeof v.weight === 'number' ? v.weight : 1;
          checkTemplate(v.template, `${vat}.template`, fail);
          return { id: String(v.id), weight: v.weight as number | undefined, template: v.template as string };
        });
        if (totalWeight <= 0) fail(`${at}.variants`, 'at least one variant needs a weight above 0');
        steps.push({ type, id, variants, typing: (raw.typing as boolean | undefined) ?? true });
        break;
      }
      case 'wait': {
        if ((raw.duration === undefined) === (raw.businessDays === undefined)) {
          fail(`${at}.duration`, 'give either duration (e.g. "3d") or businessDays');
          break;
        }
        if (raw.duration !== undefined) {
          const ms = parseDuration(raw.duration);
          if (ms === null || ms <= 0 || ms > MAX_WAIT_MS) fail(`${at}.duration`, 'must be a duration such as "90s", "2h" or "3d", above 0 and at most 365d');
          steps.push({ type, id, duration: raw.duration as string | number });
        } else {
          const n = raw.businessDays;
          if (typeof n !== 'number' || !Number.isInteger(n) || n < 1 || n > 60) fail(`${at}.businessDays`, 'must be a whole number from 1 to 60');
          steps.push({ type, id, businessDays: n as number });
        }
        break;
      }
      case 'wait_for_reply': {
        const ms = parseDuration(raw.timeout);
        if (ms === null || ms <= 0 || ms > MAX_WAIT_MS) fail(`${at}.timeout`, 'must be a duration such as "90s", "2h" or "3d", above 0 and at most 365d');
        steps.push({ type, id, timeout: raw.timeout as string | number, onReply: target('onReply'), onTimeout: target('onTimeout') });
        break;
      }
      case 'connect': {
        if (raw.note !== undefined) checkTemplate(raw.note, `${at}.note`, fail, MAX_NOTE_LENGTH);
        const onNote = raw.onNoteUnavailable;
        if (onNote !== undefined && onNote !== 'send_without_note' && onNote !== 'skip') fail(`${at}.onNoteUnavailable`, 'must be "send_without_note" or "skip"');
        steps.push({ type, id, note: raw.note as string | undefined, onNoteUnavailable: (onNote as 'send_without_note' | 'skip' | undefined) ?? 'send_without_note', onRefused: target('onRefused') });
        break;
      }
      case 'wait_for_acceptance': {
        const ms = parseDuration(raw.timeout);
        if (ms === null || ms <= 0 || ms > MAX_WAIT_MS) fail(`${at}.timeout`, 'must be a duration such as "90s", "2h" or "14d", above 0 and at most 365d');
        if (!rawSteps.slice(0, i).some((s) => isObject(s) && s.type === 'connect')) fail(`${at}.type`, 'needs a connect step before it');
        steps.push({ type, id, timeout: raw.timeout as string | number, onAccepted: target('onAccepted'), onTimeout: target('onTimeout') });
        break;
      }
      case 'mark_seen':
        steps.push({ type, id });
        break;
      case 'branch': {
        const condition = checkCondition(raw.condition, `${at}.condition`, fail);
        if (raw.then === undefined) fail(`${at}.then`, 'is required');
        if (raw.else === undefined) fail(`${at}.else`, 'is required');
        steps.push({ type, id, condition: condition ?? { type: 'replied' }, then: target('then') ?? 'next', else: target('else') ?? 'next' });
        break;
      }
      case 'end':
        steps.push({ type, id });
        break;
    }
  });
  if (!problems.length && !steps.some((s) => s.type === 'typing_and_send')) problems.push({ path: 'steps', message: 'a sequence needs at least one typing_and_send step' });
  return problems.length ? { ok: false, problems } : { ok: true, sequence: { steps } };
}

const FIELDS: Record<SequenceStep['type'], string[]> = {
  typing_and_send: ['template', 'variants', 'typing'],
  wait: ['duration', 'businessDays'],
  wait_for_reply: ['timeout', 'onReply', 'onTimeout'],
  connect: ['note', 'onNoteUnavailable', 'onRefused'],
  wait_for_acceptance: ['timeout', 'onAccepted', 'onTimeout'],
  mark_seen: [],
  branch: ['condition', 'then', 'else'],
  end: [],
};

function checkTemplate(value: unknown, path: string, fail: (path: string, message: string) => void, max = MAX_MESSAGE_LENGTH): void {
  if (typeof value !== 'string' || value.trim() === '') return void fail(path, 'must be a non-empty string');
  if (value.length > max) return void fail(path, `is ${value.length} characters; LinkedIn allows ${max}`);
  try {
    parseTemplate(value);
  } catch (err) {
    fail(path, (err as Error).message);
  }
}

function checkCondition(value: unknown, path: string, fail: (path: string, message: string) => void): BranchCondition | null {
  if (!isObject(value)) return fail(path, 'must be an object such as {"type":"replied"}'), null;
  if (value.type === 'replied' || value.type === 'not_replied') return { type: value.type };
  if (value.type !== 'attribute') return fail(`${path}.type`, 'must be replied, not_replied or attribute'), null;
  if (typeof value.attribute !== 'string' || value.attribute === '') return fail(`${path}.attribute`, 'must name a lead attribute'), null;
  if (value.equals !== undefined && typeof value.equals !== 'string') return fail(`${path}.equals`, 'must be a string'), null;
  if (value.exists !== undefined && typeof value.exists !== 'boolean') return fail(`${path}.exists`, 'must be a boolean'), null;
  return { type: 'attribute', attribute: value.attribute, equals: value.equals as string | undefined, exists: value.exists as boolean | undefined };
}

/** Evaluates a branch condition for a lead. */
export function evaluateCondition(condition: BranchCondition, lead: { replied: boolean; attributes: Record<string, unknown> }): boolean {
  switch (condition.type) {
    case 'replied':
      return lead.replied;
    case 'not_replied':
      return !lead.replied;
    case 'attribute': {
      const value = lead.attributes[condition.attribute];
      const present = value !== undefined && value !== null && String(value).trim() !== '';
      if (condition.equals !== undefined) return present && String(value).trim().toLowerCase() === condition.equals.trim().toLowerCase();
      return condition.exists === false ? !present : present;
    }
  }
}
