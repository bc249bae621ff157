import fc from 'fast-check';
import { ALLOWED_MEDIA_TYPES, checkUpload, contentProblem, isLinkedInMediaUrl, MAX_ATTACHMENT_BYTES, uploadFilename } from './attachment-rules';
import { fingerprintHash } from '../idempotency/idempotency.service';

// Real first bytes of each allowed binary type.
const HEADERS: Record<string, number[]> = {
  'image/jpeg': [0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46],
  'image/png': [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52],
  'image/gif': [...Buffer.from('GIF89a')],
  'image/webp': [...Buffer.from('RIFF'), 0x24, 0, 0, 0, ...Buffer.from('WEBPVP8 ')],
  'video/mp4': [0, 0, 0, 0x20, ...Buffer.from('ftypisom')],
  'video/quicktime': [0, 0, 0, 0x14, ...Buffer.from('ftypqt  ')],
  'audio/mp4': [0, 0, 0, 0x20, ...Buffer.from('ftypM4A ')],
  'audio/x-m4a': [0, 0, 0, 0x20, ...Buffer.from('ftypM4A ')],
  'audio/mpeg': [...Buffer.from('ID3'), 3, 0, 0, 0, 0],
  'audio/aac': [0xff, 0xf1, 0x50, 0x80],
  'application/pdf': [...Buffer.from('%PDF-1.7\n')],
  'application/zip': [0x50, 0x4b, 0x03, 0x04, 0x14, 0, 0, 0],
  'application/msword': [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1],
  'application/vnd.ms-excel': [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1],
  'application/vnd.ms-powerpoint': [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1],
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': [0x50, 0x4b, 0x03, 0x04, 0x14, 0, 6, 0],
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': [0x50, 0x4b, 0x03, 0x04, 0x14, 0, 6, 0],
  'application/vnd.openxmlformats-officedocument.presentationml.presentation': [0x50, 0x4b, 0x03, 0x04, 0x14, 0, 6, 0],
};
const BINARY_TYPES = Object.keys(HEADERS);
const TEXT_TYPES = ALLOWED_MEDIA_TYPES.filter((t) => !BINARY_TYPES.includes(t));
// A Windows program's DOS header (MZ, then NUL-padded fields), an ELF and a Mach-O header.
const EXECUTABLES = [[0x4d, 0x5a, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00, 0x04, 0x00], [0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x01, 0x00], [0xfe, 0xed, 0xfa, 0xcf, 0x00, 0x00, 0x00, 0x0c]];
const bytesOf = (...parts: number[][]) => Uint8Array.from(parts.flat());
const tail = fc.uint8Array({ maxLength: 64 });

describe('checkUpload', () => {
  it('refuses a file over 20 MB with PAYLOAD_TOO_LARGE and an unknown type with UNSUPPORTED_MEDIA_TYPE', () => {
    expect(() => checkUpload('application/pdf', new Uint8Array(MAX_ATTACHMENT_BYTES + 1))).toThrow(expect.objectContaining({ code: 'PAYLOAD_TOO_LARGE' }));
    expect(() => checkUpload('application/x-msdownload', bytesOf([1, 2, 3]))).toThrow(expect.objectContaining({ code: 'UNSUPPORTED_MEDIA_TYPE' }));
    expect(() => checkUpload('image/png', bytesOf(HEADERS['image/png']!))).not.toThrow();
  });

  it('refuses an executable declared as an image, naming the file field', () => {
    expect(() => checkUpload('image/png', bytesOf(EXECUTABLES[0]!))).toThrow(expect.objectContaining({ code: 'UNSUPPORTED_MEDIA_TYPE', field: 'file', message: expect.stringContaining('executable program (exe), not image/png') }));
  });

  it('refuses content that sniffs as another type, and takes content the sniffer does not know as declared', () => {
    expect(contentProblem('image/png', bytesOf(HEADERS['application/pdf']!))).toBe('the content is pdf, not image/png');
    expect(contentProblem('application/pdf', bytesOf(HEADERS['image/jpeg']!))).toBe('the content is jpg, not application/pdf');
    // An MPEG frame with CRC (0xFFFA) has no signature the sniffer knows; LinkedIn judges it.
    expect(contentProblem('audio/mpeg', bytesOf([0xff, 0xfa, 0x90, 0x44]))).toBeNull();
  });

  it('takes text as declared, even when it starts like a program, and refuses binary content declared as text', () => {
    expect(contentProblem('text/plain', new TextEncoder().encode('MZ is the name of the village'))).toBeNull();
    expect(contentProblem('text/csv', bytesOf([0xff, 0xfe], [...Buffer.from('a,b\n', 'utf16le')]))).toBeNull();
    expect(contentProblem('text/plain', bytesOf(EXECUTABLES[0]!))).toBe('the content is an executable program (exe), not text/plain');
    expect(contentProblem('text/csv', bytesOf(HEADERS['image/png']!))).toBe('the content is binary, not text/csv');
  });

  it('takes any file that starts with the signature of its declared type', () => {
    fc.assert(fc.property(fc.constantFrom(...BINARY_TYPES), tail, (type, rest) => expect(contentProblem(type, bytesOf(HEADERS[type]!, [...rest]))).toBeNull()));
  });

  it('refuses any executable, whatever allowed type it is declared as', () => {
    fc.assert(
      fc.property(fc.constantFrom(...ALLOWED_MEDIA_TYPES), fc.constantFrom(...EXECUTABLES), tail, (type, exe, rest) => {
        expect(() => checkUpload(type, bytesOf(exe, [...rest]))).toThrow(expect.objectContaining({ code: 'UNSUPPORTED_MEDIA_TYPE', field: 'file', message: expect.stringContaining('executable program') }));
      }),
    );
  });

  it('takes any text without NUL bytes as any text type', () => {
    fc.assert(fc.property(fc.constantFrom(...TEXT_TYPES), fc.string({ unit: 'grapheme' }).filter((t) => t !== '' && !t.includes('\u0000')), (type, text) => expect(contentProblem(type, new TextEncoder().encode(text))).toBeNull()));
  });
});

describe('uploadFilename', () => {
  it('keeps UTF-8 names, composes accents, drops control characters and caps the length', () => {
    expect(uploadFilename('résumé.txt')).toBe('résumé.txt');
    expect(uploadFilename('re\u0301sume\u0301.txt')).toBe('résumé.txt');
    expect(uploadFilename('a\u0000b\nc.txt')).toBe('abc.txt');
    expect(uploadFilename('\u0000')).toBe('file');
    expect(Array.from(uploadFilename('😀'.repeat(300)))).toHaveLength(255);
  });
});

describe('isLinkedInMediaUrl', () => {
  it('fetches only LinkedIn media hosts or the account’s own LinkedIn base URL', () => {
    expect(isLinkedInMediaUrl('https://www.linkedin.com/dms/prv/v2/x', 'https://www.linkedin.com')).toBe(true);
    expect(isLinkedInMediaUrl('https://media.licdn.com/dms/image/x', 'https://www.linkedin.com')).toBe(true);
    expect(isLinkedInMediaUrl('http://169.254.169.254/latest/meta-data', 'https://www.linkedin.com')).toBe(false);
    expect(isLinkedInMediaUrl('http://127.0.0.1:4010/dms/prv/x', 'http://127.0.0.1:4010')).toBe(true);
  });
});

describe('idempotency fingerprint', () => {
  it('hashes the same request alike whatever the key order, and a different body differently', () => {
    const a = fingerprintHash({ method: 'POST', path: '/v1/x', body: { a: 1, b: [1, { c: 2, d: 3 }] } });
    const b = fingerprintHash({ method: 'POST', path: '/v1/x', body: { b: [1, { d: 3, c: 2 }], a: 1 } });
    expect(a).toBe(b);
    expect(fingerprintHash({ method: 'POST', path: '/v1/x', body: { a: 2 } })).not.toBe(a);
  });
});
