import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength, MinLength } from 'class-validator';

export class CreateWorkspaceDto {
  @ApiProperty({ example: 'Acme Outreach' })
  @IsString() @MinLength(1) @MaxLength(200)
  name!: string;
}
