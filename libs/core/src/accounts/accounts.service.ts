import { Inject, Injectable } from '@nestjs/common';
import { isUUID } from 'class-validator';
import { AccountsRepository, type AccountStatus, ConversationsRepository, type LinkedinAccountEntity } from '@threadline/db';
import { DomainError, type HoldBounds, holdDurationMs } from '@threadline/domain';
import type { LinkedInClient, LinkedInSession } from '@threadline/linkedin';
import type { AuthContext } from '../auth/auth-context';
import type { CoreConfig } from '../config/config';
import type { SecretBox } from '../crypto/secret-box';
import { type AccountEffect, accountEffectOf, linkedInFailureOf } from '../linkedin/linkedin-failure';
import { LinkedInClientFactory, type StoredCookies } from '../linkedin/linkedin-client.factory';
import { assertPublicProxyUrl } from '../linkedin/proxy-target';
import { CORE_CONFIG, SECRET_BOX } from '../tokens';
import { type AccountChange, AccountRunsService } from './account-runs.service';
import { restingStatus } from './account-standing';
import { AccountStatusEvents } from './account-status-events';
import { ownershipOf } from './mailbox-owner';
import { INFERRED_RESTRICTION_REASON, RESTRICTION_WINDOW, restrictedByForbiddenWrites } from './restriction-window';
import { type VerifiedSession, verifySession } from './verify-session';
import { IANAZone } from 'luxon';

/** When LinkedIn names no wait, a caller of connect or update retries after this. */
const UNAVAILABLE_RETRY_MS = 5_000;
/** Statuses that follow holds and warm-up alone (no session problem marks the account). */
const RESTING: AccountStatus[] = ['active', 'warming', 'on_hold'];
const MANUAL_HOLD_REASON = 'paused through the API';

/** PATCH /v1/accounts/{id}: new cookies reconnect (verified first); null clears an optional field. */
export interface UpdateAccountInput {
  name?: string;
  /** The id the client used before (hosted API); null clears it. */
  externalId?: string | null;
  liAt?: string;
  jsessionId?: string;
  liA?: string | null;
  userAgent?: string;
  proxyUrl?: string | null;
  dailyMessageCap?: number | null;
  timeZone?: string;
  /** A manual pause until this time (ISO-8601); null lifts it. */
  holdUntil?: string | null;
  /** This account's warm-up length in days; 0 turns warm-up off for it; null: WARMUP_DAYS. */
  warmupDays?: number | null;
  /** This account's daily cap on the first warm-up day; null: WARMUP_START_CAP. */
  warmupStartCap?: number | null;
  /** First day of the account's warm-up (ISO-8601): a time (re)starts the ramp from that day, null ends it now. */
  warmupStartedAt?: string | null;
}

/** What a LinkedIn call writes to: a conversation, or the recipients of a new one. Refusals of writes are counted (reference §7.4). */
export interface WriteTarget {
  entityUrn: string;
}

export interface ConnectAccountInput {
  name?: string;
  externalId?: string;
  liAt: string;
  jsessionId: string;
  liA?: string;
  userAgent: string;
  proxyUrl?: string;
  /** Where this account's LinkedIn lives; must be one of the configured base URLs. */
  baseUrl?: string;
}

@Injectable()
export class AccountsService {
  constructor(
    private readonly accounts: AccountsRepository,
    private readonly clients: LinkedInClientFactory,
    @Inject(SECRET_BOX) private readonly box: SecretBox,
    @Inject(CORE_CONFIG) private readonly config: CoreConfig,
    private readonly events: AccountStatusEvents,
    private readonly conversations: ConversationsRepository,
    private readonly runs: AccountRunsService,
  ) {}

  /**
   * Connects (or reconnects) a LinkedIn account: the session is checked against LinkedIn before
   * anything is saved, and the cookies are stored encrypted.
   */
  async connect(auth: AuthContext, input: ConnectAccountInput): Promise<LinkedinAccountEntity> {
    const baseUrl = this.checkBaseUrl(input.baseUrl);
    if (input.proxyUrl) await this.checkProxyUrl(input.proxyUrl);
    const cookies: StoredCookies = { liAt: input.liAt, jsessionId: input.jsessionId, ...(input.liA ? { liA: input.liA } : {}) };
    const { me, plan } = await this.verifyForRequest({ ...cookies, userAgent: input.userAgent, proxyUrl: input.proxyUrl }, baseUrl);
    const fields = {
      name: input.name ?? ([me.firstName, me.lastName].filter(Boolean).join(' ') || me.publicIdentifier || me.profileUrn),
      ...(input.externalId !== undefined ? { externalId: input.externalId } : {}),
      profileUrn: me.profileUrn,
      publicIdentifier: me.publicIdentifier ?? null,
      cookiesEncrypted: this.box.sealJson(cookies),
      proxyEncrypted: input.proxyUrl ? this.box.seal(input.proxyUrl) : null,
      userAgent: input.userAgent,
      baseUrl,
      ...plan,
    };
    const now = new Date();
    const existing = await this.accounts.findByProfile(auth.workspaceId, me.profileUrn);
    if (input.externalId) await this.assertExternalIdFree(auth, input.externalId, existing?.id);
    if (existing) {
      // Reconnecting clears a hold, as it always did; a warm-up keeps its course.
      const status = restingStatus({ ...existing, holdUntil: null }, this.config, now);
      await this.accounts.updateSession(auth.workspaceId, existing.id, { ...fields, status, statusReason: null, holdUntil: null });
      const reconnected = await this.get(auth, existing.id);
      if (status !== existing.status) await this.events.statusChanged({ workspaceId: auth.workspaceId, accountId: existing.id, from: existing.status, to: status, reason: null, holdUntil: null, at: now });
      return reconnected;
    }
    // A new account warms up from today (WARMUP_DAYS; with 0 it starts active).
    const warmup = { warmupStartedAt: now, warmupDays: null, warmupStartCap: null };
    return this.accounts.create({
      ...fields, ...warmup, workspaceId: auth.workspaceId, status: restingStatus({ ...warmup, holdUntil: null }, this.config, now), statusReason: null, holdUntil: null,
      dailyMessageCap: null, timeZone: 'UTC',
    });
  }

  async get(auth: AuthContext, id: string): Promise<LinkedinAccountEntity> {
    // Threadline's own id first, then the external id a migrated client keeps using.
    const account = (isUUID(id) ? await this.accounts.findInWorkspace(auth.workspaceId, id) : null) ?? (await this.accounts.findByExternalId(auth.workspaceId, id));
    if (!account) throw new DomainError('ACCOUNT_NOT_FOUND', `No LinkedIn account ${id} in this workspace. List yours with GET /v1/accounts.`, { field: 'accountId' });
    return account;
  }

  private async assertExternalIdFree(auth: AuthContext, externalId: string, ownId: string | undefined): Promise<void> {
    const holder = await this.accounts.findByExternalId(auth.workspaceId, externalId);
    if (holder && holder.id !== ownId) throw new DomainError('CONFLICT', `externalId ${externalId} already names account ${holder.id} in this workspace.`, { field: 'externalId' });
  }

  list(auth: AuthContext): Promise<LinkedinAccountEntity[]> {
    return this.accounts.listForWorkspace(auth.workspaceId);
  }

  /** The account a request acts as: the one named by X-Account-Id / accountId, else the workspace default. */
  async resolve(auth: AuthContext, accountId: string | undefined): Promise<LinkedinAccountEntity> {
    if (accountId) return this.get(auth, accountId);
    const account = await this.accounts.findDefault(auth.workspaceId);
    if (!account) throw new DomainError('NO_DEFAULT_ACCOUNT', 'No LinkedIn account is connected to this workspace. Connect one with POST /v1/accounts.', { field: 'accountId' });
    return account;
  }

  /**
   * The account an action on a conversation or message runs as. A per-mailbox URN names its owner: with
   * no account named the owner acts, and a named account that is not the owner gets NOT_FOUND (LinkedIn
   * would refuse it with a 403, so it is never asked). A thread URN without an owner (Sales Navigator,
   * backend) goes to the account named, else to the account whose synced inbox holds it (the default
   * first), else to the default, as before.
   */
  async resolveForUrn(auth: AuthContext, accountId: string | undefined, urn: string, field: string): Promise<LinkedinAccountEntity> {
    const ownership = ownershipOf(urn);
    if (ownership.kind === 'mailbox') {
      const named = accountId ? await this.get(auth, accountId) : null;
      const owner = named?.profileUrn === ownership.ownerUrn ? named : await this.accounts.findByProfile(auth.workspaceId, ownership.ownerUrn);
      if (!owner || (named && named.id !== owner.id)) {
        const who = named ? `account ${named.id} (${named.profileUrn})` : 'any LinkedIn account of this workspace';
        throw new DomainError('NOT_FOUND', `${urn} is in the mailbox of ${ownership.ownerUrn}, not of ${who}. Act on it as its owner (omit X-Account-Id), or use the URN from the acting account's own inbox.`, { field });
      }
      return owner;
    }
    if (accountId || ownership.kind === 'unknown') return this.resolve(auth, accountId);
    const [holder] = await this.conversations.accountsHolding(auth.workspaceId, ownership);
    return holder ? this.get(auth, holder) : this.resolve(auth, undefined);
  }

  /** Deletes the account; the workspace keeps a default while it has accounts (the oldest remaining one takes over). */
  async remove(auth: AuthContext, id: string): Promise<void> {
    await this.get(auth, id);
    if (!(await this.accounts.deleteAndPromoteDefault(auth.workspaceId, id))) throw new DomainError('ACCOUNT_NOT_FOUND', `No LinkedIn account ${id} in this workspace.`);
  }

  /** Makes this account the one used when a request names none. */
  async setDefault(auth: AuthContext, id: string): Promise<LinkedinAccountEntity> {
    await this.get(auth, id);
    if (!(await this.accounts.setDefault(auth.workspaceId, id))) throw new DomainError('ACCOUNT_NOT_FOUND', `No LinkedIn account ${id} in this workspace.`, { field: 'accountId' });
    return this.get(auth, id);
  }

  /**
   * Updates settings; new cookies, user agent or proxy are verified with LinkedIn before they are
   * saved (like connect), must belong to the same LinkedIn member, and reconnect the account.
   */
  async update(auth: AuthContext, id: string, input: UpdateAccountInput): Promise<LinkedinAccountEntity> {
    const account = await this.get(auth, id);
    const now = new Date();
    const fields: Parameters<AccountsRepository['updateSession']>[2] = {};
    const changes = new Set<AccountChange>();
    if (input.name !== undefined) fields.name = input.name;
    if (input.externalId) await this.assertExternalIdFree(auth, input.externalId, account.id);
    if (input.externalId !== undefined) fields.externalId = input.externalId;
    if (input.dailyMessageCap !== undefined) {
      fields.dailyMessageCap = input.dailyMessageCap;
      changes.add('caps');
    }
    if (input.timeZone !== undefined) {
      if (!IANAZone.isValidZone(input.timeZone)) throw new DomainError('VALIDATION_FAILED', `timeZone: ${input.timeZone} is not an IANA time zone (e.g. Europe/Paris).`, { field: 'timeZone' });
      fields.timeZone = input.timeZone;
      changes.add('working_hours');
    }
    if (input.warmupDays !== undefined) fields.warmupDays = input.warmupDays;
    if (input.warmupStartCap !== undefined) fields.warmupStartCap = input.warmupStartCap;
    if (input.warmupStartedAt !== undefined) fields.warmupStartedAt = input.warmupStartedAt === null ? null : new Date(input.warmupStartedAt);
    if ([input.warmupDays, input.warmupStartCap, input.warmupStartedAt].some((v) => v !== undefined)) changes.add('warmup');
    if (input.holdUntil !== undefined) {
      fields.holdUntil = input.holdUntil === null ? null : new Date(input.holdUntil);
      changes.add('hold');
    }
    if (input.proxyUrl) await this.checkProxyUrl(input.proxyUrl);
    const sessionChanged = [input.liAt, input.jsessionId, input.liA, input.userAgent, input.proxyUrl].some((v) => v !== undefined);
    if (sessionChanged) Object.assign(fields, await this.verifiedSession(account, input));
    Object.assign(fields, this.restingFields(account, fields, input.holdUntil !== undefined && input.holdUntil !== null, now));
    await this.accounts.updateSession(auth.workspaceId, id, fields);
    const updated = await this.get(auth, id);
    if (updated.status !== account.status) {
      await this.events.statusChanged({ workspaceId: auth.workspaceId, accountId: id, from: account.status, to: updated.status, reason: updated.statusReason, holdUntil: updated.holdUntil, at: now });
    }
    // A status change told the runs already; a change of caps, hours, warm-up or a hold that kept the status tells them here.
    if (changes.size > 0 && updated.status === account.status) await this.runs.accountChanged(auth.workspaceId, id, [...changes]);
    return updated;
  }

  /**
   * The status an update leaves an account in: a usable account follows its hold and its ramp (a manual hold
   * says so in its reason; leaving a hold clears the reason); a dead or flagged session keeps its status.
   */
  private restingFields(account: LinkedinAccountEntity, fields: Partial<LinkedinAccountEntity>, manualHold: boolean, now: Date): Partial<LinkedinAccountEntity> {
    const merged = { ...account, ...fields };
    if (!RESTING.includes(merged.status)) return {};
    const status = restingStatus(merged, this.config, now);
    if (status === 'on_hold') return { status, ...(manualHold ? { statusReason: MANUAL_HOLD_REASON } : {}) };
    return { status, ...(account.status === 'on_hold' || status !== account.status ? { statusReason: null } : {}) };
  }

  /** The account a worker activity acts for; ACCOUNT_NOT_FOUND when it was deleted meanwhile. */
  async forActivity(workspaceId: string, accountId: string): Promise<LinkedinAccountEntity> {
    const account = await this.accounts.findInWorkspace(workspaceId, accountId);
    if (!account) throw new DomainError('ACCOUNT_NOT_FOUND', `LinkedIn account ${accountId} no longer exists.`);
    return account;
  }

  /**
   * The one way to call LinkedIn as an account: refused for a dead or flagged session; a LinkedIn failure
   * becomes a DomainError, and one that says something about the account (throttled, session dead,
   * checkpoint, restricted) changes its status, announced once. A 403 on one entity is that request's
   * error; on a write (`write`), repeated ones across conversations mark the account restricted.
   * Anything that is not LinkedIn's failure (a database error, a bug) leaves unchanged.
   */
  async withLinkedIn<T>(account: LinkedinAccountEntity, call: (client: LinkedInClient) => Promise<T>, write?: WriteTarget): Promise<T> {
    this.assertUsable(account);
    try {
      return await this.clients.use(account, call);
    } catch (err) {
      const error = linkedInFailureOf(err);
      if (!error) throw err;
      if (error.code === 'LINKEDIN_FORBIDDEN' && write) throw await this.onForbiddenWrite(account, write, error);
      const effect = this.effectOf(error);
      if (!effect) throw error;
      const applied = await this.applyEffect(account, effect);
      // A throttled call waits for the account's hold, not for LinkedIn's hint alone.
      if (error.code === 'LINKEDIN_RATE_LIMITED' && applied.holdUntil) throw holdError(error, applied.holdUntil);
      throw error;
    }
  }

  /** Counts a refused write in Postgres (shared by every process); enough different conversations within the window restrict the account. */
  private async onForbiddenWrite(account: LinkedinAccountEntity, write: WriteTarget, error: DomainError): Promise<DomainError> {
    const now = new Date();
    const recent = await this.accounts.recordForbiddenWrite(account.workspaceId, account.id, write.entityUrn, now, new Date(now.getTime() - RESTRICTION_WINDOW.windowMs));
    if (!restrictedByForbiddenWrites(recent, now)) return error;
    await this.applyEffect(account, { status: 'restricted', reason: INFERRED_RESTRICTION_REASON, holdUntil: null });
    return new DomainError(
      'ACCOUNT_RESTRICTED',
      `${INFERRED_RESTRICTION_REASON}: Threadline treats account ${account.id} as restricted and stopped automation for it. Check it on LinkedIn, then resume it with GET /v1/accounts/${account.id}/status?refresh=true.`,
    );
  }

  /** Clears `restricted` after a call that proves the session usable (back to active, or warming during a ramp), announced with account.status_changed. */
  async clearRestriction(account: LinkedinAccountEntity, at = new Date()): Promise<void> {
    const to = restingStatus({ ...account, holdUntil: null }, this.config, at);
    if (!(await this.accounts.clearRestriction(account.workspaceId, account.id, to))) return;
    await this.events.statusChanged({ workspaceId: account.workspaceId, accountId: account.id, from: 'restricted', to, reason: null, holdUntil: account.holdUntil, at });
  }

  /** What a LinkedIn failure does to the account, with this deployment's hold bounds (its first level: applying it may lengthen it). */
  effectOf(error: DomainError, now = new Date()): AccountEffect | null {
    return accountEffectOf(error, now, this.holdBounds());
  }

  /**
   * Applies a failure's effect and announces a status change. A throttle hold doubles with each throttle
   * since the account's last delivered send (capped), never shorter than LinkedIn's hint; a throttle during a
   * running hold only lengthens it to the hint. Answers the effect as applied (the hold's real end).
   */
  async applyEffect(account: LinkedinAccountEntity, effect: AccountEffect): Promise<AccountEffect> {
    const now = new Date();
    if (effect.status === 'on_hold') {
      const bounds = this.holdBounds();
      const hold = await this.accounts.holdAfterThrottle(account.workspaceId, account.id, now, effect.reason,
        (level) => new Date(now.getTime() + holdDurationMs(level, bounds, effect.hintMs)), new Date(now.getTime() + (effect.hintMs ?? 0)));
      if (!hold) return effect;
      if (hold.started) await this.events.statusChanged({ workspaceId: account.workspaceId, accountId: account.id, from: hold.from, to: hold.to, reason: effect.reason, holdUntil: hold.holdUntil, at: now });
      return { ...effect, status: hold.to, holdUntil: hold.holdUntil };
    }
    // An expired or challenged session is about the session the call used: once the user has reconnected (LinkedIn
    // confirmed a session after this row was read), a late failure of an older call leaves the account alone.
    const sessionEffect = effect.status === 'disconnected' || effect.status === 'checkpoint';
    const applied = await this.accounts.setStatus(account.workspaceId, account.id, effect.status, effect.reason, effect.holdUntil, ...(sessionEffect ? [account.statusCheckedAt ?? null] : []));
    if (applied === false) return effect;
    await this.events.statusChanged({ workspaceId: account.workspaceId, accountId: account.id, from: account.status, to: effect.status, reason: effect.reason, holdUntil: effect.holdUntil, at: now });
    return effect;
  }

  private holdBounds(): HoldBounds {
    return { minMs: this.config.ACCOUNT_MIN_HOLD_SECONDS * 1000, maxMs: this.config.ACCOUNT_MAX_HOLD_SECONDS * 1000 };
  }

  /** The merged session of an update, checked with LinkedIn; a session of another member is refused. */
  private async verifiedSession(account: LinkedinAccountEntity, input: UpdateAccountInput): Promise<Parameters<AccountsRepository['updateSession']>[2]> {
    const secrets = await this.accounts.findSecrets(account.workspaceId, account.id);
    if (!secrets) throw new DomainError('ACCOUNT_NOT_FOUND', `No LinkedIn account ${account.id} in this workspace.`);
    const old = this.box.openJson<StoredCookies>(secrets.cookiesEncrypted);
    const liA = input.liA === null ? undefined : (input.liA ?? old.liA);
    const cookies: StoredCookies = { liAt: input.liAt ?? old.liAt, jsessionId: input.jsessionId ?? old.jsessionId, ...(liA ? { liA } : {}) };
    const proxyUrl = input.proxyUrl === null ? undefined : (input.proxyUrl ?? (secrets.proxyEncrypted ? this.box.open(secrets.proxyEncrypted) : undefined));
    const userAgent = input.userAgent ?? account.userAgent;
    const { me, plan } = await this.verifyForRequest({ ...cookies, userAgent, proxyUrl }, account.baseUrl, account.id);
    if (me.profileUrn !== account.profileUrn) {
      throw new DomainError('CONFLICT', `These cookies belong to ${me.profileUrn}, not to this account (${account.profileUrn}). Connect it as a new account with POST /v1/accounts.`, { field: 'liAt' });
    }
    return {
      cookiesEncrypted: this.box.sealJson(cookies),
      proxyEncrypted: proxyUrl ? this.box.seal(proxyUrl) : null,
      userAgent,
      ...plan,
      status: 'active',
      ...(account.status !== 'on_hold' ? { statusReason: null } : {}),
    };
  }

  /**
   * Session verification on the API's request path (connect, update), the only LinkedIn call outside
   * Temporal: one try, nothing saved on failure; a LinkedIn failure answers with its code naming the
   * field (LINKEDIN_UNAVAILABLE, 502 with Retry-After, when LinkedIn or the proxy did not answer: the caller retries).
   */
  private async verifyForRequest(session: LinkedInSession, baseUrl: string | null, accountId?: string): Promise<VerifiedSession> {
    const client = this.clients.forSession(session, baseUrl, { id: accountId });
    try {
      return await verifySession(client);
    } catch (err) {
      const error = linkedInFailureOf(err);
      if (!error) throw err;
      const unavailable = error.code === 'LINKEDIN_UNAVAILABLE' && !error.field;
      const message = unavailable ? 'LinkedIn did not answer (temporarily unavailable); nothing was saved, retry the request' : error.message;
      throw new DomainError(error.code, `The session could not be verified with LinkedIn: ${message}`, {
        field: error.field ?? 'liAt',
        retryAfterMs: error.retryAfterMs ?? (error.code === 'LINKEDIN_UNAVAILABLE' ? UNAVAILABLE_RETRY_MS : undefined),
      });
    } finally {
      await client.close();
    }
  }

  /** Refuses to act for an account whose session is dead or flagged; holds are waited out by the caller. */
  assertUsable(account: LinkedinAccountEntity): void {
    this.assertReadable(account);
    if (account.status === 'restricted') {
      throw new DomainError('ACCOUNT_RESTRICTED', `Account ${account.id} is restricted (${account.statusReason ?? 'by LinkedIn'}). Resolve it on LinkedIn, then refresh its status (GET /v1/accounts/${account.id}/status?refresh=true).`);
    }
  }

  /** Refuses reads only for a dead session: a restricted account still syncs its inbox, which is how a lifted restriction is noticed. */
  assertReadable(account: LinkedinAccountEntity): void {
    switch (account.status) {
      case 'disconnected':
        throw new DomainError('ACCOUNT_DISCONNECTED', `Account ${account.id} is disconnected (${account.statusReason ?? 'session expired'}). Update its cookies to reconnect.`);
      case 'checkpoint':
        throw new DomainError('ACCOUNT_CHECKPOINT', `Account ${account.id} is at a LinkedIn checkpoint. Pass it on LinkedIn, then update the cookies.`);
      default:
        return;
    }
  }

  private async checkProxyUrl(proxyUrl: string): Promise<void> {
    if (!this.config.PROXY_ALLOW_PRIVATE_URLS) await assertPublicProxyUrl(proxyUrl);
  }

  private checkBaseUrl(baseUrl: string | undefined): string | null {
    if (!baseUrl) return null;
    const allowed = [this.config.LINKEDIN_BASE_URL, ...this.config.LINKEDIN_ALLOWED_BASE_URLS.split(',')].map((u) => u.trim().replace(/\/$/, '')).filter(Boolean);
    const wanted = baseUrl.replace(/\/$/, '');
    if (!allowed.includes(wanted)) {
      throw new DomainError('VALIDATION_FAILED', `baseUrl must be one of: ${allowed.join(', ')} (set LINKEDIN_ALLOWED_BASE_URLS to allow more).`, { field: 'baseUrl' });
    }
    return wanted;
  }
}

/** The failure of a throttled call: it may be tried again when the account's hold ends, which `details.holdUntil` names. */
function holdError(error: DomainError, holdUntil: Date): DomainError {
  return new DomainError(error.code, error.message, { retryAfterMs: Math.max(0, holdUntil.getTime() - Date.now()), details: { ...error.details, holdUntil: holdUntil.toISOString() } });
}
