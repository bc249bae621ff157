import { ApiProperty } from '@nestjs/swagger';

/** A LinkedIn account as the API shows it: never its cookies or proxy. */
export class AccountResponse {
  @ApiProperty({ example: '5059d935-3f0e-4c55-9a8e-2a9f1d7c6b41' }) id!: string;
  @ApiProperty({ type: String, nullable: true, example: 'Alex (SDR)' }) name!: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'The id your client used for this account before; X-Account-Id and accountId accept it.' }) externalId!: string | null;
  @ApiProperty({ type: String, nullable: true, example: 'urn:li:fsd_profile:ACoAA8DklZDOCj2ISaJiHkTj0rLGlkoMXGjtEkD' }) profileUrn!: string | null;
  @ApiProperty({ type: String, nullable: true, example: 'alex-rivera' }) publicIdentifier!: string | null;
  @ApiProperty({ enum: ['active', 'disconnected', 'checkpoint', 'restricted', 'on_hold', 'warming'] }) status!: string;
  @ApiProperty({ type: String, nullable: true, example: 'paused through the API' }) statusReason!: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'Sends wait until then (a throttle from LinkedIn, or a manual pause).' }) holdUntil!: string | null;
  @ApiProperty() hasSalesNavigator!: boolean;
  @ApiProperty({ description: 'Used when a request names no account.' }) isDefault!: boolean;
  @ApiProperty({ type: String, nullable: true }) userAgent!: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'Where this account’s LinkedIn lives; null: the server’s LINKEDIN_BASE_URL.' }) baseUrl!: string | null;
  @ApiProperty({ type: Number, nullable: true, description: 'The account’s own daily message cap; null: the server default. GET /v1/accounts/{id}/limits shows what applies today.' }) dailyMessageCap!: number | null;
  @ApiProperty({ type: String, nullable: true }) warmupStartedAt!: string | null;
  @ApiProperty({ type: Number, nullable: true }) warmupDays!: number | null;
  @ApiProperty({ type: Number, nullable: true }) warmupStartCap!: number | null;
  @ApiProperty({ example: '2026-11-25T10:00:00.000Z' }) createdAt!: string;
  @ApiProperty({ example: '2026-11-25T10:00:00.000Z' }) updatedAt!: string;
}

export class AccountEnvelopeResponse {
  @ApiProperty() success!: true;
  @ApiProperty({ type: AccountResponse }) account!: AccountResponse;
}

export class AccountsListResponse {
  @ApiProperty() success!: true;
  @ApiProperty({ type: [AccountResponse] }) accounts!: AccountResponse[];
}
