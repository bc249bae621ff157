import { ACTIONS, PATHS, type MediaUploadType, type UploadMetadataResponse } from './wire';
import { PROFILES } from './build-headers';
import { headerValue } from './parse-linkedin-error';
import type { ClientContext } from './client-context';
import { LinkedInError } from './linkedin-error';
import type { DownloadedAttachment, UploadAttachmentInput, UploadedAttachment } from './types';

/** Upload metadata → PUT bytes → asset URN to reference in sendMessage. */
export async function uploadAttachment(ctx: ClientContext, input: UploadAttachmentInput): Promise<UploadedAttachment> {
  const kind = kindOf(input);
  const body = await ctx.http.json<UploadMetadataResponse>({
    method: 'POST',
    path: `${PATHS.uploadMetadata}?action=${ACTIONS.upload}`,
    profile: PROFILES.uploadMetadata,
    json: { mediaUploadType: uploadTypeOf(kind), fileSize: input.bytes.byteLength, filename: input.filename },
  });
  const value = body?.data?.value ?? body?.value;
  if (!value?.urn || !value.singleUploadUrl) {
    const multipart = value?.type === 'MULTIPART';
    throw new LinkedInError(multipart ? 'invalid_request' : 'unknown', multipart ? 'The file is too large for a single upload; send a smaller file.' : 'LinkedIn answered the upload request without an upload URL.', {
      reason: multipart ? undefined : 'bad_response',
    });
  }
  // The PUT sends only csrf, content-type and the bytes, as the web app does.
  await ctx.http.text({
    method: 'PUT',
    path: value.singleUploadUrl,
    profile: { credentials: 'session', xli: false, contentType: input.mimeType },
    bytes: input.bytes,
  });
  return {
    assetUrn: value.urn,
    byteSize: input.bytes.byteLength,
    mediaType: input.mimeType,
    name: input.filename,
    kind,
    ...(input.durationMs !== undefined ? { durationMs: input.durationMs } : {}),
  };
}

/** Plain GET of a media URL; cookies go only to the configured base host, never to media.licdn.com. */
export async function downloadAttachment(ctx: ClientContext, url: string): Promise<DownloadedAttachment> {
  const response = await ctx.http.send({ method: 'GET', path: url, profile: { credentials: 'cookies-only', xli: false } });
  const bytes = new Uint8Array(await response.arrayBuffer());
  return {
    bytes,
    contentType: headerValue(response.headers, 'content-type') ?? 'application/octet-stream',
    filename: filenameOf(headerValue(response.headers, 'content-disposition')),
  };
}

/** The `filename` (or RFC 5987 `filename*`) of a Content-Disposition header. */
export function filenameOf(disposition: string | undefined): string | undefined {
  if (!disposition) return undefined;
  const extended = /filename\*\s*=\s*(?:UTF-8|utf-8)''([^;]+)/.exec(disposition);
  if (extended) {
    try {
      return decodeURIComponent(extended[1].trim());
    } catch {
      return extended[1].trim();
    }
  }
  const plain = /filename\s*=\s*("([^"]*)"|[^;]+)/.exec(disposition);
  return plain ? (plain[2] ?? plain[1]).trim() : undefined;
}

function kindOf(input: UploadAttachmentInput): UploadedAttachment['kind'] {
  if (input.mimeType.startsWith('image/')) return 'image';
  if (input.mimeType.startsWith('video/')) return 'video';
  if (input.mimeType.startsWith('audio/') && input.voiceNote) return 'audio';
  return 'file';
}

function uploadTypeOf(kind: UploadedAttachment['kind']): MediaUploadType {
  switch (kind) {
    case 'image':
      return 'MESSAGING_PHOTO_ATTACHMENT';
    case 'video':
      return 'MESSAGING_VIDEO_ATTACHMENT';
    case 'audio':
      return 'VOICE_MESSAGE';
    case 'file':
      return 'MESSAGING_FILE_ATTACHMENT';
  }
}
