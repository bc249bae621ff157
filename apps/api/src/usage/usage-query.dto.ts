import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsISO8601, IsOptional, IsUUID } from 'class-validator';

/** Query of GET /v1/usage: UTC days, both ends included; default the last 30 days. */
export class UsageQueryDto {
  @ApiPropertyOptional({ example: '2026-01-01', description: 'First UTC day (default: 29 days before `to`).' })
  @IsOptional() @IsISO8601({ strict: true })
  from?: string;

  @ApiPropertyOptional({ example: '2026-01-31', description: 'Last UTC day, included (default: today).' })
  @IsOptional() @IsISO8601({ strict: true })
  to?: string;

  @ApiPropertyOptional({ description: 'Only this account.' })
  @IsOptional() @IsUUID()
  accountId?: string;
}
