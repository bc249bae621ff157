import { Controller, Delete, Get, Param, Post, Query, Res, StreamableFile, UploadedFile, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiCreatedResponse, ApiHeader, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { AttachmentsService, type AuthContext, MAX_ATTACHMENT_BYTES, type UploadedFile as UploadedFileInput } from '@threadline/core';
import type { Response } from 'express';
import { AccountId, Auth } from '../common/auth.guard';
import { IdempotencyAfterUpload, UploadIdempotencyInterceptor } from '../common/idempotency.interceptor';
import { AttachmentResponse, MediaProxyQueryDto, UploadAttachmentDto } from './attachment.dto';
import { toAttachmentResponse, toFileHeaders } from './attachment.mapper';

@ApiTags('attachments')
@ApiBearerAuth()
@Controller()
export class AttachmentsController {
  constructor(private readonly attachments: AttachmentsService) {}

  @Post('v1/attachments')
  @IdempotencyAfterUpload()
  // One byte over the limit lets multer refuse with 413 rather than truncate; filenames are UTF-8 as browsers and fetch send them (busboy defaults to latin1).
  @UseInterceptors(FileInterceptor('file', { limits: { fileSize: MAX_ATTACHMENT_BYTES + 1, files: 1 }, defParamCharset: 'utf8' }), UploadIdempotencyInterceptor)
  @ApiOperation({ summary: 'Upload a file (multipart field "file"); reference it in a send with attachments: [id]', description: '413 PAYLOAD_TOO_LARGE above 20 MB; 415 UNSUPPORTED_MEDIA_TYPE for types LinkedIn does not take, executables, and content that is not its declared type (binary types are sniffed by their magic bytes; text types are taken as declared unless the content is binary). The filename is read as UTF-8.' })
  @ApiConsumes('multipart/form-data')
  @ApiBody({ type: UploadAttachmentDto })
  @ApiHeader({ name: 'Idempotency-Key', required: false })
  @ApiCreatedResponse({ type: AttachmentResponse })
  async upload(@Auth() auth: AuthContext, @UploadedFile() file: UploadedFileInput | undefined) {
    return { success: true, attachment: toAttachmentResponse(await this.attachments.upload(auth, file)) };
  }

  @Get('v1/attachments')
  @ApiOperation({ summary: 'The workspace’s latest 100 files' })
  async list(@Auth() auth: AuthContext) {
    return { success: true, attachments: (await this.attachments.list(auth)).map(toAttachmentResponse) };
  }

  @Get('v1/attachments/:id')
  @ApiOperation({ summary: 'One file’s details' })
  async get(@Auth() auth: AuthContext, @Param('id') id: string) {
    return { success: true, attachment: toAttachmentResponse(await this.attachments.get(auth, id)) };
  }

  @Get('v1/attachments/:id/content')
  @ApiOperation({ summary: 'Download a file (served from Threadline, no LinkedIn call)' })
  @ApiProduces('application/octet-stream')
  async content(@Auth() auth: AuthContext, @Param('id') id: string, @Res({ passthrough: true }) res: Response) {
    const { attachment, bytes } = await this.attachments.content(auth, id);
    res.set(toFileHeaders(attachment));
    return new StreamableFile(bytes);
  }

  @Delete('v1/attachments/:id')
  @ApiOperation({ summary: 'Delete a stored file' })
  async remove(@Auth() auth: AuthContext, @Param('id') id: string) {
    await this.attachments.remove(auth, id);
    return { success: true, id };
  }

  @Get(['v1/media', 'linkedin/media'])
  @ApiOperation({ summary: 'Media proxy: download a LinkedIn attachment URL with the account’s session', description: 'The download runs as a Temporal activity; the file is kept as an attachment (source "linkedin") and served from Threadline afterwards.' })
  @ApiHeader({ name: 'X-Account-Id', required: false })
  @ApiProduces('application/octet-stream')
  async media(@Auth() auth: AuthContext, @AccountId() accountId: string | undefined, @Query() query: MediaProxyQueryDto, @Res({ passthrough: true }) res: Response) {
    const { attachment, bytes } = await this.attachments.fetchMedia(auth, accountId, query.url);
    res.set({ ...toFileHeaders(attachment), 'X-Attachment-Id': attachment.id });
    return new StreamableFile(bytes);
  }
}
