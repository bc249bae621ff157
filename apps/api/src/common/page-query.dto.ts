import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';

/** The largest integer a Postgres `integer` column or paging clause in this API takes; bigger numbers are refused at the edge. */
export const PG_INT_MAX = 2_147_483_647;

/** `?limit=&offset=` of list endpoints. */
export class PageQueryDto {
  @ApiPropertyOptional({ default: 50, maximum: 500 })
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(500)
  limit?: number;

  @ApiPropertyOptional({ default: 0, maximum: PG_INT_MAX })
  @IsOptional() @Type(() => Number) @IsInt() @Min(0) @Max(PG_INT_MAX)
  offset?: number;
}
