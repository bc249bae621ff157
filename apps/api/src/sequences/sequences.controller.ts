import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { type AuthContext, SequencesService } from '@threadline/core';
import { Auth } from '../common/auth.guard';
import { PageQueryDto } from '../common/page-query.dto';
import { CreateSequenceDto, PreviewSequenceDto, UpdateSequenceDto } from './sequence.dto';
import { toSequenceResponse, toSequenceVersionResponse } from './sequence.mapper';

@ApiTags('sequences')
@ApiBearerAuth()
@Controller('v1/sequences')
export class SequencesController {
  constructor(private readonly sequences: SequencesService) {}

  @Post()
  @ApiOperation({ summary: 'Create a sequence (a draft; publish it to use it in a campaign)', description: 'A bad step answers 400 naming the step and field, e.g. "steps[2].template: unclosed spintax".' })
  async create(@Auth() auth: AuthContext, @Body() dto: CreateSequenceDto) {
    return { success: true, sequence: toSequenceResponse(await this.sequences.create(auth, dto.name, { steps: dto.steps })) };
  }

  @Get()
  @ApiOperation({ summary: 'The workspace’s sequences, newest first' })
  async list(@Auth() auth: AuthContext, @Query() page: PageQueryDto) {
    return { success: true, sequences: (await this.sequences.list(auth, page.limit ?? 50, page.offset ?? 0)).map((s) => toSequenceResponse(s)) };
  }

  @Get(':id')
  @ApiOperation({ summary: 'One sequence: its draft and its published versions' })
  async get(@Auth() auth: AuthContext, @Param('id') id: string) {
    const { sequence, versions } = await this.sequences.get(auth, id);
    return { success: true, sequence: toSequenceResponse(sequence, versions) };
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Edit the draft (name, steps); running leads stay on their published version' })
  async update(@Auth() auth: AuthContext, @Param('id') id: string, @Body() dto: UpdateSequenceDto) {
    const { sequence, versions } = await this.sequences.update(auth, id, { name: dto.name, document: dto.steps ? { steps: dto.steps } : undefined });
    return { success: true, sequence: toSequenceResponse(sequence, versions) };
  }

  @Post(':id/publish')
  @ApiOperation({ summary: 'Publish the draft as the next immutable version' })
  async publish(@Auth() auth: AuthContext, @Param('id') id: string) {
    return { success: true, version: toSequenceVersionResponse(await this.sequences.publish(auth, id)) };
  }

  @Post(':id/preview')
  @ApiOperation({ summary: 'Render every message (each A/B variant) for a sample lead, with LinkedIn’s length limits checked' })
  async preview(@Auth() auth: AuthContext, @Param('id') id: string, @Body() dto: PreviewSequenceDto) {
    return { success: true, preview: await this.sequences.preview(auth, id, { attributes: dto.attributes ?? {}, version: dto.version, seed: dto.seed }) };
  }
}
