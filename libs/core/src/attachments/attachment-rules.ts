import { DomainError } from '@threadline/domain';

/** LinkedIn's own client limit per file (reference §5.9: 20 MB). */
export const MAX_ATTACHMENT_BYTES = 20 * 1024 * 1024;

/** Types LinkedIn messaging accepts as images, videos, voice notes or documents. */
export const ALLOWED_MEDIA_TYPES: readonly string[] = [
  'image/jpeg', 'image/png', 'image/gif', 'image/webp',
  'video/mp4', 'video/quicktime',
  'audio/mp4', 'audio/mpeg', 'audio/aac', 'audio/x-m4a',
  'application/pdf', 'text/plain', 'text/csv',
  'application/msword', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.ms-excel', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/vnd.ms-powerpoint', 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  'application/zip',
];

export type AttachmentKind = 'file' | 'image' | 'video' | 'audio';

/** How a file is sent: images and videos render inline, audio stays a file unless sent as a voice note. */
export function attachmentKindOf(mediaType: string): AttachmentKind {
  if (mediaType.startsWith('image/')) return 'image';
  if (mediaType.startsWith('video/')) return 'video';
  return 'file';
}

/** Refuses an upload LinkedIn would refuse: 413 above the size limit, 415 for other types. */
export function checkUpload(mediaType: string, byteSize: number): void {
  if (byteSize > MAX_ATTACHMENT_BYTES) {
    throw new DomainError('PAYLOAD_TOO_LARGE', `The file is ${byteSize} bytes; the limit is ${MAX_ATTACHMENT_BYTES} bytes (20 MB).`, { field: 'file' });
  }
  if (byteSize === 0) throw new DomainError('VALIDATION_FAILED', 'file: the file is empty.', { field: 'file' });
  if (!ALLOWED_MEDIA_TYPES.includes(mediaType)) {
    throw new DomainError('UNSUPPORTED_MEDIA_TYPE', `Files of type ${mediaType} cannot be sent on LinkedIn. Allowed: ${ALLOWED_MEDIA_TYPES.join(', ')}.`, { field: 'file' });
  }
}

/** Only LinkedIn's own media hosts (or the account's configured LinkedIn, e.g. the emulator) are fetched. */
export function isLinkedInMediaUrl(url: string, baseUrl: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return false;
  const base = new URL(baseUrl);
  if (parsed.host === base.host) return true;
  return parsed.protocol === 'https:' && (parsed.hostname === 'media.licdn.com' || parsed.hostname.endsWith('.licdn.com'));
}
