import { Column, Entity, ForeignKey, PrimaryColumn } from 'typeorm';
import { WorkspaceEntity } from './workspace.entity';

/** API calls per workspace, account and UTC day: what an operator bills from. */
@Entity({ name: 'api_usage_daily' })
export class ApiUsageDayEntity {
  @ForeignKey(() => WorkspaceEntity, { onDelete: 'CASCADE' })
  @PrimaryColumn({ name: 'workspace_id', type: 'uuid' })
  workspaceId!: string;

  /** The account named by the call, or the nil uuid (`NO_ACCOUNT`) when none was; no foreign key, so counts outlive the account. */
  @PrimaryColumn({ name: 'account_id', type: 'uuid' })
  accountId!: string;

  @PrimaryColumn({ type: 'date' })
  day!: string;

  @Column({ name: 'api_calls', type: 'int', default: 0 })
  apiCalls!: number;
}
