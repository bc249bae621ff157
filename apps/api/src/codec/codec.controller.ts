import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CodecService } from '@threadline/core';
import { AdminOnly, OpenToLoopbackWhenLocal } from '../common/auth.guard';
import { CodecPayloadsDto } from './codec.dto';

/** Temporal's remote codec protocol, for the Web UI and `temporal --codec-endpoint`: Payloads (protobuf JSON) in and out. */
@ApiTags('operator')
@ApiBearerAuth()
@AdminOnly()
@OpenToLoopbackWhenLocal()
@Controller('codec')
export class CodecController {
  constructor(private readonly codec: CodecService) {}

  @Post('decode')
  @HttpCode(200)
  @ApiOperation({ summary: 'Decrypt Temporal payloads (operator token)', description: 'Body and answer: `{ "payloads": [{ "metadata": { "encoding": "<base64>" }, "data": "<base64>" }] }`.' })
  decode(@Body() body: CodecPayloadsDto) {
    return this.codec.decode(body);
  }

  @Post('encode')
  @HttpCode(200)
  @ApiOperation({ summary: 'Encrypt Temporal payloads (operator token)', description: 'Used by the Web UI to send signals or start runs with encrypted input.' })
  encode(@Body() body: CodecPayloadsDto) {
    return this.codec.encode(body);
  }
}
