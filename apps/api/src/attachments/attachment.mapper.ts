import type { AttachmentEntity } from '@threadline/core';
import type { AttachmentResponse } from './attachment.dto';

export function toAttachmentResponse(a: AttachmentEntity): AttachmentResponse {
  return {
    id: a.id,
    filename: a.filename,
    mediaType: a.mediaType,
    byteSize: a.byteSize,
    sha256: a.sha256,
    source: a.source,
    contentUrl: `/v1/attachments/${a.id}/content`,
    createdAt: a.createdAt.toISOString(),
  };
}

/** A file download: bytes with their type and an attachment disposition (never rendered inline). */
export function toFileHeaders(a: AttachmentEntity): Record<string, string> {
  return {
    'Content-Type': a.mediaType,
    'Content-Length': String(a.byteSize),
    'Content-Disposition': `attachment; filename*=UTF-8''${encodeURIComponent(a.filename)}`,
    'X-Content-Type-Options': 'nosniff',
  };
}
