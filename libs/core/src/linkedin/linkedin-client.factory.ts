import { Inject, Injectable, type OnModuleDestroy } from '@nestjs/common';
import { AccountsRepository, type LinkedinAccountEntity } from '@threadline/db';
import { DomainError } from '@threadline/domain';
import { LinkedInClient, type LinkedInSession, ProxyAgentPool } from '@threadline/linkedin';
import type { CoreConfig } from '../config/config';
import type { SecretBox } from '../crypto/secret-box';
import { publicOnlyLookup } from '../net/public-address';
import { assertPublicProxyLiteral } from './proxy-target';
import { CORE_CONFIG, SECRET_BOX } from '../tokens';

/** The cookies Threadline stores (encrypted) for an account. */
export interface StoredCookies {
  liAt: string;
  jsessionId: string;
  liA?: string;
}

/** Builds a Voyager client for an account from its decrypted session; the only reader of secrets. */
@Injectable()
export class LinkedInClientFactory implements OnModuleDestroy {
  /** One proxy agent per account of this process, shared by its clients (every activity builds its own client). */
  private readonly proxies: ProxyAgentPool;

  constructor(
    private readonly accounts: AccountsRepository,
    @Inject(SECRET_BOX) private readonly box: SecretBox,
    @Inject(CORE_CONFIG) private readonly config: CoreConfig,
  ) {
    this.proxies = new ProxyAgentPool(this.guarded() ? { lookup: publicOnlyLookup } : {});
  }

  /**
   * The caller closes the client when done (it may hold a proxy agent). With the account's id, a proxied
   * session shares the account's agent; without (a session not saved yet), the client has its own.
   */
  forSession(session: LinkedInSession, baseUrl: string | null, account: { id?: string; mailboxUrn?: string } = {}): LinkedInClient {
    const guarded = this.guarded();
    if (guarded && session.proxyUrl) assertPublicProxyLiteral(session.proxyUrl);
    return new LinkedInClient({
      baseUrl: baseUrl ?? this.config.LINKEDIN_BASE_URL,
      session,
      mailboxUrn: account.mailboxUrn,
      ...(account.id ? { sharedProxy: { pool: this.proxies, accountId: account.id } } : {}),
      ...(guarded ? { proxyLookup: publicOnlyLookup } : {}),
    });
  }

  /** A client for an account; `use` runs a call with it and always releases it. */
  async use<T>(account: LinkedinAccountEntity, call: (client: LinkedInClient) => Promise<T>): Promise<T> {
    const client = await this.forAccount(account);
    try {
      return await call(client);
    } finally {
      await client.close();
    }
  }

  async forAccount(account: LinkedinAccountEntity): Promise<LinkedInClient> {
    const secrets = await this.accounts.findSecrets(account.workspaceId, account.id);
    if (!secrets) throw new DomainError('ACCOUNT_NOT_FOUND', `LinkedIn account ${account.id} was deleted.`);
    const cookies = this.box.openJson<StoredCookies>(secrets.cookiesEncrypted);
    const proxyUrl = secrets.proxyEncrypted ? this.box.open(secrets.proxyEncrypted) : undefined;
    return this.forSession({ ...cookies, userAgent: account.userAgent, proxyUrl }, account.baseUrl, { id: account.id, mailboxUrn: account.profileUrn });
  }

  onModuleDestroy(): Promise<void> {
    return this.proxies.close();
  }

  private guarded(): boolean {
    return !this.config.PROXY_ALLOW_PRIVATE_URLS;
  }
}
