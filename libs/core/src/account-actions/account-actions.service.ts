import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { type Client, WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import { WorkflowIdConflictPolicy, WorkflowIdReusePolicy } from '@temporalio/common';
import type { LinkedinAccountEntity } from '@threadline/db';
import { DomainError } from '@threadline/domain';
import { type AccountAction, type AccountActionInput, type AccountActionResult, WORKFLOW_TASK_QUEUE } from '@threadline/contracts';
import { AccountsService } from '../accounts/accounts.service';
import type { AuthContext } from '../auth/auth-context';
import type { CoreConfig } from '../config/config';
import { awaitWorkflowResult } from '../temporal/await-result';
import { CORE_CONFIG, TEMPORAL_CLIENT } from '../tokens';

/** An action's answer: its result, or null while it is still running after the bounded wait. */
export interface ActionOutcome {
  account: LinkedinAccountEntity;
  result: AccountActionResult | null;
  workflowId: string;
}


/** A message named by its conversation (whose mailbox owner acts) and its URN. */
export interface MessageTarget {
  conversationUrn: string;
  messageUrn: string;
}

/** The conversation or message an action names, and the request field it came in. */
function targetOf(action: AccountAction): { urn: string; field: string } | null {
  if (action.type === 'typing' || action.type === 'mark_read') return { urn: action.conversationUrn, field: 'conversationUrn' };
  // A message action runs as the owner of the message's mailbox (its conversation's owner was resolved first).
  if (action.type === 'recall' || action.type === 'react' || action.type === 'list_reactions' || action.type === 'edit') return { urn: action.messageUrn, field: 'messageUrn' };
  return null;
}

/** Business id of an action: the Idempotency-Key makes a retried request join the first run. */
export function accountActionWorkflowId(workspaceId: string, key: string): string {
  return `action:${workspaceId}:${key}`;
}

/** The API's side of account actions: checks, then one `accountActionWorkflow` per request, awaited a bounded time. */
@Injectable()
export class AccountActionsService {
  constructor(
    private readonly accounts: AccountsService,
    @Inject(TEMPORAL_CLIENT) private readonly temporal: Client,
    @Inject(CORE_CONFIG) private readonly config: CoreConfig & { SEND_WAIT_MS?: number },
  ) {}

  typing(auth: AuthContext, accountId: string | undefined, conversationUrn: string, key?: string): Promise<ActionOutcome> {
    return this.run(auth, accountId, { type: 'typing', conversationUrn }, key);
  }

  markRead(auth: AuthContext, accountId: string | undefined, conversationUrn: string, read: boolean, key?: string): Promise<ActionOutcome> {
    return this.run(auth, accountId, { type: 'mark_read', conversationUrn, read }, key);
  }

  markAllRead(auth: AuthContext, accountId: string | undefined, key?: string): Promise<ActionOutcome> {
    return this.run(auth, accountId, { type: 'mark_all_read' }, key);
  }

  /**
   * The account a message action runs as: the owner of the named conversation's mailbox. The action then checks
   * the message against it: a message URN of another mailbox is not found there (404, LinkedIn is not called).
   */
  private async conversationOwner(auth: AuthContext, accountId: string | undefined, conversationUrn: string): Promise<string> {
    return (await this.accounts.resolveForUrn(auth, accountId, conversationUrn, 'conversationUrn')).id;
  }

  async recall(auth: AuthContext, accountId: string | undefined, conversationUrn: string, messageUrn: string, key?: string): Promise<ActionOutcome> {
    return this.run(auth, await this.conversationOwner(auth, accountId, conversationUrn), { type: 'recall', messageUrn }, key);
  }

  /** Adds (add) or removes the account's reaction; the Idempotency-Key, when given, makes a retried request one reaction and one webhook. */
  async react(auth: AuthContext, accountId: string | undefined, target: MessageTarget, emoji: string, add: boolean, key?: string): Promise<ActionOutcome> {
    const requestId = `${add ? 'react' : 'unreact'}:${key ?? randomUUID()}`;
    return this.run(auth, await this.conversationOwner(auth, accountId, target.conversationUrn), { type: 'react', ...target, emoji, add, requestId }, key);
  }

  /** The message's reactions with who reacted, read from LinkedIn. */
  async listReactions(auth: AuthContext, accountId: string | undefined, target: MessageTarget): Promise<ActionOutcome> {
    return this.run(auth, await this.conversationOwner(auth, accountId, target.conversationUrn), { type: 'list_reactions', ...target });
  }

  /** Replaces the text of one of the account's messages and reads it back. */
  async edit(auth: AuthContext, accountId: string | undefined, target: MessageTarget, text: string, key?: string): Promise<ActionOutcome> {
    return this.run(auth, await this.conversationOwner(auth, accountId, target.conversationUrn), { type: 'edit', ...target, text }, key);
  }

  /** Runs one action for an account and waits for it (up to SEND_WAIT_MS); an action on a conversation or message runs as its mailbox owner. */
  async run(auth: AuthContext, accountId: string | undefined, action: AccountAction, key?: string): Promise<ActionOutcome> {
    const target = targetOf(action);
    const account = target ? await this.accounts.resolveForUrn(auth, accountId, target.urn, target.field) : await this.accounts.resolve(auth, accountId);
    return this.runFor(account, action, key);
  }

  /** Same, for an account the caller already resolved within the workspace. */
  async runFor(account: LinkedinAccountEntity, action: AccountAction, key?: string): Promise<ActionOutcome> {
    if (action.type !== 'check_status') {
      this.accounts.assertUsable(account);
      const now = new Date();
      if (account.holdUntil && account.holdUntil > now) {
        throw new DomainError('ACCOUNT_ON_HOLD', `Account ${account.id} is on hold until ${account.holdUntil.toISOString()} (${account.statusReason ?? 'safety hold'}). Retry after that.`, {
          retryAfterMs: account.holdUntil.getTime() - now.getTime(),
        });
      }
    }
    const workflowId = accountActionWorkflowId(account.workspaceId, key ? `${action.type}:${key}` : randomUUID());
    const input: AccountActionInput = { workspaceId: account.workspaceId, accountId: account.id, action };
    try {
      await this.temporal.workflow.start('accountActionWorkflow', {
        taskQueue: WORKFLOW_TASK_QUEUE,
        workflowId,
        args: [input],
        workflowIdConflictPolicy: WorkflowIdConflictPolicy.USE_EXISTING,
        // A failed run may be retried with the same key; a completed one is answered from its result.
        workflowIdReusePolicy: WorkflowIdReusePolicy.ALLOW_DUPLICATE_FAILED_ONLY,
        memo: { kind: 'account-action', action: action.type },
      });
    } catch (err) {
      if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
    }
    return { account, result: await this.waitForResult(workflowId), workflowId };
  }

  private waitForResult(workflowId: string): Promise<AccountActionResult | null> {
    return awaitWorkflowResult<AccountActionResult>(this.temporal, workflowId, this.config.SEND_WAIT_MS ?? 20_000);
  }

}
