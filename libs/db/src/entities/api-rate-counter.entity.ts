import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** One fixed-window request counter (an API key, or a client address's failed authentications), shared by every API replica. */
@Entity({ name: 'api_rate_counters' })
export class ApiRateCounterEntity {
  /** What is counted: `key:<apiKeyId>` or `auth-failures:<address>`. */
  @PrimaryColumn({ type: 'text' })
  bucket!: string;

  @Column({ type: 'int' })
  hits!: number;

  /** When the current window ends; the next hit after it starts a new window. */
  @Index()
  @Column({ name: 'window_ends_at', type: 'timestamptz' })
  windowEndsAt!: Date;
}
