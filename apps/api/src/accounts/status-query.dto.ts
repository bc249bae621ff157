import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsOptional, IsString } from 'class-validator';

/** Query of the account status reads. */
export class StatusQueryDto {
  @ApiPropertyOptional({ description: 'Probe LinkedIn first (as a Temporal activity) instead of answering from the last check.', default: false })
  @IsOptional() @Transform(({ value }) => (value === 'true' || value === '1' ? true : value === 'false' || value === '0' ? false : value)) @IsBoolean()
  refresh?: boolean;

  @ApiPropertyOptional({ description: 'The account (hosted API style); X-Account-Id works too.' })
  @IsOptional() @IsString()
  accountId?: string;
}
