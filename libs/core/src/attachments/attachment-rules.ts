import { DomainError } from '@threadline/domain';
import { filetypename } from 'magic-bytes.js';

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

/** Refuses an upload LinkedIn would refuse: 413 above the size limit, 415 for other types or content that is not what it claims. */
export function checkUpload(mediaType: string, bytes: Uint8Array): void {
  if (bytes.byteLength > MAX_ATTACHMENT_BYTES) {
    throw new DomainError('PAYLOAD_TOO_LARGE', `The file is ${bytes.byteLength} bytes; the limit is ${MAX_ATTACHMENT_BYTES} bytes (20 MB).`, { field: 'file' });
  }
  if (bytes.byteLength === 0) throw new DomainError('VALIDATION_FAILED', 'file: the file is empty.', { field: 'file' });
  if (!ALLOWED_MEDIA_TYPES.includes(mediaType)) {
    throw new DomainError('UNSUPPORTED_MEDIA_TYPE', `Files of type ${mediaType} cannot be sent on LinkedIn. Allowed: ${ALLOWED_MEDIA_TYPES.join(', ')}.`, { field: 'file' });
  }
  const problem = contentProblem(mediaType, bytes);
  if (problem) throw new DomainError('UNSUPPORTED_MEDIA_TYPE', `file: ${problem}. Upload the file with its real type.`, { field: 'file' });
}

// magic-bytes.js type names each declared type may sniff as (ISO media files share one box format; OOXML files are ZIPs, old Office files OLE).
const SNIFFED_AS: Record<string, readonly string[]> = {
  'image/jpeg': ['jpg'], 'image/png': ['png', 'apng'], 'image/gif': ['gif'], 'image/webp': ['webp'],
  'video/mp4': ['mp4', 'mov'], 'video/quicktime': ['mov', 'mp4'],
  'audio/mp4': ['mp4', 'mov'], 'audio/x-m4a': ['mp4', 'mov'], 'audio/mpeg': ['mp3'], 'audio/aac': ['aac', 'mp4'],
  'application/pdf': ['pdf'], 'application/zip': ['zip'],
  'application/msword': ['doc', 'xls', 'ppt'], 'application/vnd.ms-excel': ['doc', 'xls', 'ppt'], 'application/vnd.ms-powerpoint': ['doc', 'xls', 'ppt'],
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': ['docx', 'zip'],
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': ['xlsx', 'zip'],
  'application/vnd.openxmlformats-officedocument.presentationml.presentation': ['pptx', 'zip'],
};
const EXECUTABLES = ['exe', 'ELF', 'Mach-O', 'dex', 'wasm'];
// Signatures of one NUL byte that match any file starting with 0x00; they say nothing.
const NOISE = ['pic', 'pif', 'sea', 'ytr'];
const SNIFF_BYTES = 8192;

/**
 * What is wrong with a file's content for its declared type, or null. Binary types must not sniff as
 * something else (content the sniffer does not know is taken as declared); text types have no magic
 * bytes, so they are taken as declared unless the content is binary (a NUL byte outside UTF-16/32).
 */
export function contentProblem(mediaType: string, bytes: Uint8Array): string | null {
  const head = bytes.subarray(0, SNIFF_BYTES);
  const names = filetypename(head).filter((n) => !NOISE.includes(n));
  const executable = names.find((n) => EXECUTABLES.includes(n));
  const expected = SNIFFED_AS[mediaType];
  // "txt" is what the sniffer calls a Unicode byte-order mark: UTF-16 and UTF-32 text holds NUL bytes.
  const mismatch = expected ? names.length > 0 && !names.some((n) => expected.includes(n)) : head.includes(0) && !names.includes('txt');
  if (!mismatch) return null;
  return `the content is ${executable ? `an executable program (${executable})` : expected ? names[0] : 'binary'}, not ${mediaType}`;
}

/** The name a file is stored and sent under: NFC (macOS sends decomposed accents), no control characters, at most 255 characters. */
export function uploadFilename(name: string): string {
  const clean = name.normalize('NFC').replace(/\p{Cc}/gu, '').trim();
  return Array.from(clean).slice(0, 255).join('') || 'file';
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
