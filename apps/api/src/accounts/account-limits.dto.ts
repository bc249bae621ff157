import { ApiProperty } from '@nestjs/swagger';

/** One window of an action's budget: what LinkedIn stored in it, what sends under way reserved, what is left. */
export class WindowLimitsResponse {
  @ApiProperty({ description: 'The cap of the window (today\'s, during a warm-up).', example: 22 }) limit!: number;
  @ApiProperty({ description: 'Sends LinkedIn stored in the window, through any workspace holding this LinkedIn member.', example: 7 }) used!: number;
  @ApiProperty({ description: 'Sends under way (slot reserved, not sent yet); they count until sent or released.', example: 1 }) reserved!: number;
  @ApiProperty({ description: 'limit − used − reserved, at least 0.', example: 14 }) remaining!: number;
  @ApiProperty({ description: 'When the window resets (daily: 00:00 UTC; weekly: Monday 00:00 UTC).', example: '2026-03-04T00:00:00.000Z' }) resetAt!: string;
}

/** One action (messages, InMail, invitations). */
export class ActionLimitsResponse {
  @ApiProperty({ type: WindowLimitsResponse }) daily!: WindowLimitsResponse;
  @ApiProperty({ type: WindowLimitsResponse, nullable: true, description: 'null when the action has no weekly cap.' }) weekly!: WindowLimitsResponse | null;
  @ApiProperty({ nullable: true, type: String, description: 'The earliest a new send of this action can go out (hold, full window, spacing since the last send); null while the session is dead or flagged.', example: '2026-03-03T10:15:42.000Z' })
  nextFreeSlot!: string | null;
}

export class AccountActionsLimitsResponse {
  @ApiProperty({ type: ActionLimitsResponse }) messages!: ActionLimitsResponse;
  @ApiProperty({ type: ActionLimitsResponse }) inmails!: ActionLimitsResponse;
  @ApiProperty({ type: ActionLimitsResponse, description: 'Connection invitations: daily, and the rolling 7 days (weekly.resetAt is when the oldest one in the window frees up).' }) invitations!: ActionLimitsResponse;
}

export class WarmupStageResponse {
  @ApiProperty({ description: 'Day of the ramp today (1-based, UTC days).', example: 3 }) day!: number;
  @ApiProperty({ description: 'Length of the ramp in days.', example: 14 }) days!: number;
  @ApiProperty({ description: 'Today\'s daily message cap on the ramp.', example: 22 }) dailyCap!: number;
  @ApiProperty({ description: 'The first day\'s cap.', example: 10 }) startCap!: number;
  @ApiProperty({ example: '2026-03-01T09:12:00.000Z' }) startedAt!: string;
  @ApiProperty({ description: 'When the account turns active with its full caps.', example: '2026-03-15T00:00:00.000Z' }) endsAt!: string;
}

export class HoldResponse {
  @ApiProperty({ example: '2026-03-03T10:30:00.000Z' }) until!: string;
  @ApiProperty({ nullable: true, type: String, example: 'LinkedIn throttled the account (429/999)' }) reason!: string | null;
}

/** GET /v1/accounts/{id}/limits: the same numbers as the X-RateLimit-* headers of send answers, per action. */
export class AccountLimitsResponse {
  @ApiProperty() success!: true;
  @ApiProperty() accountId!: string;
  @ApiProperty({ enum: ['active', 'warming', 'on_hold', 'disconnected', 'checkpoint', 'restricted'], example: 'warming' }) status!: string;
  @ApiProperty({ type: AccountActionsLimitsResponse }) actions!: AccountActionsLimitsResponse;
  @ApiProperty({ type: WarmupStageResponse, nullable: true, description: 'null when the account is fully warm.' }) warmup!: WarmupStageResponse | null;
  @ApiProperty({ type: HoldResponse, nullable: true, description: 'null when the account is not on hold.' }) hold!: HoldResponse | null;
  @ApiProperty({ type: HoldResponse, nullable: true, description: "LinkedIn's weekly invitation cap was hit: invitations wait until `until`; messages are not held. null otherwise." }) invitationsHold!: HoldResponse | null;
  @ApiProperty({ description: 'When these numbers were read.', example: '2026-03-03T10:14:59.000Z' }) checkedAt!: string;
}
