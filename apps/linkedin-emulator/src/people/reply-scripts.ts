import type { EmulatorState } from '../state/emulator-state';
import type { Thread } from '../state/types';

/** Admin/scenario input for a simulated person who answers. */
export interface ReplyScriptSpec {
  /** Profile id of the member who replies. */
  member: string;
  /** Only messages from this account trigger it; default any account. */
  account?: string;
  /**
   * `any` incoming message, only ones containing one of `keywords` (case-insensitive), or `typing`: the
   * account's typing indicator in a thread with the member (a reply while the account is typing).
   */
  trigger?: 'any' | 'keyword' | 'typing';
  keywords?: string[];
  delayMs?: number;
  probability?: number;
  /** Replies in turn; `{firstName}` is the sender's first name. */
  texts?: string[];
  text?: string;
  /** Stop after this many replies; default unlimited. */
  maxReplies?: number;
}

export interface ReplyScript {
  id: string;
  member: string;
  account: string;
  trigger: 'any' | 'keyword' | 'typing';
  keywords: string[];
  delayMs: number;
  probability: number;
  texts: string[];
  maxReplies: number | null;
  replies: number;
}

export function parseReplyScript(input: unknown): ReplyScriptSpec | string {
  if (typeof input !== 'object' || input === null) return 'reply script must be an object';
  const s = input as Record<string, unknown>;
  if (typeof s.member !== 'string') return 'member (profile id) is required';
  if (s.trigger !== undefined && s.trigger !== 'any' && s.trigger !== 'keyword' && s.trigger !== 'typing') return 'trigger must be any, keyword or typing';
  if (s.trigger === 'keyword' && (!Array.isArray(s.keywords) || s.keywords.length === 0)) return 'keyword trigger needs keywords';
  if (s.probability !== undefined && (typeof s.probability !== 'number' || s.probability < 0 || s.probability > 1)) return 'probability must be within 0..1';
  if (s.delayMs !== undefined && (typeof s.delayMs !== 'number' || s.delayMs < 0)) return 'delayMs must be a non-negative number';
  return s as unknown as ReplyScriptSpec;
}

/** Members who answer like real people: the reply lands in the inbox and on realtime. */
export class ReplyScripts {
  private scripts: ReplyScript[] = [];
  private nextId = 1;

  attach(state: EmulatorState): void {
    this.scripts = [];
    state.events.on('message', (msg, thread) => {
      if (msg.origin === 'reply' || msg.origin === 'scenario') return;
      for (const script of this.scripts) {
        if (script.trigger === 'typing') continue;
        if (script.trigger === 'keyword') {
          const text = msg.text.toLowerCase();
          if (!script.keywords.some((k) => text.includes(k.toLowerCase()))) continue;
        }
        this.fire(state, script, thread, msg.sender);
      }
    });
    state.events.on('typing', (thread, from) => {
      for (const script of this.scripts) if (script.trigger === 'typing') this.fire(state, script, thread, from);
    });
  }

  /** The member answers `from` in `thread` after the script's delay, if the script applies and its odds say so. */
  private fire(state: EmulatorState, script: ReplyScript, thread: Thread, from: string): void {
    if (script.member === from || !thread.participants.includes(script.member)) return;
    if (script.account !== '*' && script.account !== from) return;
    if (script.maxReplies !== null && script.replies >= script.maxReplies) return;
    if (script.probability < 1 && state.prng.next() >= script.probability) return;
    const text = script.texts[script.replies % script.texts.length].replace('{firstName}', state.member(from)?.firstName ?? '');
    script.replies += 1;
    state.scheduler.at(script.delayMs, () => {
      if (state.threads.has(thread.id)) state.postMessage({ threadId: thread.id, sender: script.member, text, origin: 'reply' });
    });
  }

  add(spec: ReplyScriptSpec): ReplyScript {
    const script: ReplyScript = {
      id: `r${this.nextId++}`,
      member: spec.member,
      account: spec.account ?? '*',
      trigger: spec.trigger ?? 'any',
      keywords: spec.keywords ?? [],
      delayMs: spec.delayMs ?? 2000,
      probability: spec.probability ?? 1,
      texts: spec.texts?.length ? spec.texts : [spec.text ?? 'Thanks for reaching out, {firstName}!'],
      maxReplies: spec.maxReplies ?? null,
      replies: 0,
    };
    this.scripts.push(script);
    return script;
  }

  list(): ReplyScript[] {
    return this.scripts.map((s) => ({ ...s }));
  }

  clear(): void {
    this.scripts = [];
  }
}
