import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, IsUrl, MaxLength } from 'class-validator';

/** Multipart body of POST /v1/attachments (for the OpenAPI document; the file is parsed by multer). */
export class UploadAttachmentDto {
  @ApiProperty({ type: 'string', format: 'binary', description: 'The file: at most 20 MB; images, videos, PDFs, Office documents, text, CSV, ZIP, audio.' })
  file!: unknown;
}

/** Query of the media proxy. */
export class MediaProxyQueryDto {
  @ApiProperty({ example: 'https://www.linkedin.com/dms/prv/image/v2/C4E06AQ.../messaging-attachmentFile/0?m=AQ...', description: 'A LinkedIn media URL from a message (dms/prv or media.licdn.com).' })
  @IsUrl({ require_tld: false, require_protocol: true, protocols: ['http', 'https'] }) @MaxLength(4000)
  url!: string;

  @ApiPropertyOptional({ description: 'The account whose session downloads the file (or X-Account-Id); defaults to the workspace default.' })
  @IsOptional() @IsString()
  accountId?: string;
}

/** A stored file, without its bytes. */
export class AttachmentResponse {
  @ApiProperty({ example: '9d5f3c1e-8a2b-4c7d-9e0f-1a2b3c4d5e6f', description: 'Reference it in a send as attachments: [id].' }) id!: string;
  @ApiProperty({ example: 'deck.pdf' }) filename!: string;
  @ApiProperty({ example: 'application/pdf' }) mediaType!: string;
  @ApiProperty({ example: 48213 }) byteSize!: number;
  @ApiProperty({ example: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855' }) sha256!: string;
  @ApiProperty({ enum: ['upload', 'linkedin'], description: 'upload: sent to us; linkedin: fetched from a message with the media proxy.' }) source!: 'upload' | 'linkedin';
  @ApiProperty({ example: '/v1/attachments/9d5f3c1e-8a2b-4c7d-9e0f-1a2b3c4d5e6f/content' }) contentUrl!: string;
  @ApiProperty({ example: '2026-01-05T10:00:00.000Z' }) createdAt!: string;
}
