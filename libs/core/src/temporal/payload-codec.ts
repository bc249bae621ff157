import { createCipheriv, createDecipheriv, createHash, hkdfSync, randomBytes } from 'node:crypto';
import type { Payload, PayloadCodec } from '@temporalio/common';
import { temporal } from '@temporalio/proto';

/** The encoding an encrypted payload carries; anything else passes through (histories written before the codec). */
export const ENCRYPTED_ENCODING = 'binary/encrypted';
/** Metadata key naming the key that encrypted a payload, so keys can rotate. */
export const KEY_ID_METADATA = 'encryption-key-id';

const IV_BYTES = 12;
const TAG_BYTES = 16;
const HKDF_INFO = 'threadline temporal payload codec v1';

export interface PayloadKey {
  id: string;
  key: Buffer;
}

/** A key's id: a fingerprint that names the key without revealing it. */
export function payloadKey(key: Buffer): PayloadKey {
  if (key.length !== 32) throw new Error('A Temporal payload key must be 32 bytes');
  return { id: createHash('sha256').update(key).digest('hex').slice(0, 16), key };
}

/**
 * The codec keys from config: TEMPORAL_PAYLOAD_KEYS (first one encrypts), then a key derived from
 * THREADLINE_ENCRYPTION_KEY with HKDF (the default, and always readable after a rotation away from it).
 */
export function payloadKeysFromConfig(config: { THREADLINE_ENCRYPTION_KEY: string; TEMPORAL_PAYLOAD_KEYS?: string }): PayloadKey[] {
  const derived = Buffer.from(hkdfSync('sha256', Buffer.from(config.THREADLINE_ENCRYPTION_KEY, 'base64'), Buffer.alloc(0), HKDF_INFO, 32));
  const listed = (config.TEMPORAL_PAYLOAD_KEYS ?? '').split(',').filter(Boolean).map((k) => Buffer.from(k.trim(), 'base64'));
  const keys = [...listed, derived].map(payloadKey);
  return keys.filter((k, i) => keys.findIndex((o) => o.id === k.id) === i);
}

/**
 * AES-256-GCM over each whole payload (metadata and data), so message texts, lead attributes and
 * names never reach Temporal's history in clear. Encrypts with the first key; decrypts with any
 * known key, found by the key id in the payload's metadata (bound to the ciphertext as AAD).
 */
export class AesGcmPayloadCodec implements PayloadCodec {
  private readonly current: PayloadKey;
  private readonly byId: Map<string, Buffer>;

  constructor(keys: PayloadKey[]) {
    if (keys.length === 0) throw new Error('AesGcmPayloadCodec needs at least one key');
    this.current = keys[0]!;
    this.byId = new Map(keys.map((k) => [k.id, k.key]));
  }

  async encode(payloads: Payload[]): Promise<Payload[]> {
    return payloads.map((payload) => {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', this.current.key, iv);
      cipher.setAAD(Buffer.from(this.current.id));
      const plain = temporal.api.common.v1.Payload.encode(payload).finish();
      const data = Buffer.concat([iv, cipher.update(plain), cipher.final(), cipher.getAuthTag()]);
      return { metadata: { encoding: Buffer.from(ENCRYPTED_ENCODING), [KEY_ID_METADATA]: Buffer.from(this.current.id) }, data };
    });
  }

  async decode(payloads: Payload[]): Promise<Payload[]> {
    return payloads.map((payload) => {
      const encoding = payload.metadata?.encoding;
      if (!encoding || Buffer.from(encoding).toString() !== ENCRYPTED_ENCODING) return payload;
      const keyIdBytes = payload.metadata?.[KEY_ID_METADATA];
      const keyId = keyIdBytes ? Buffer.from(keyIdBytes).toString() : '';
      const key = this.byId.get(keyId);
      if (!key) throw new Error(`Temporal payload encrypted with unknown key id "${keyId}": add that key to TEMPORAL_PAYLOAD_KEYS`);
      const data = Buffer.from(payload.data ?? new Uint8Array());
      if (data.length < IV_BYTES + TAG_BYTES) throw new Error('Encrypted Temporal payload is truncated');
      const decipher = createDecipheriv('aes-256-gcm', key, data.subarray(0, IV_BYTES));
      decipher.setAAD(Buffer.from(keyId));
      decipher.setAuthTag(data.subarray(data.length - TAG_BYTES));
      // final() throws when the ciphertext, the tag or the key id was altered.
      const plain = Buffer.concat([decipher.update(data.subarray(IV_BYTES, data.length - TAG_BYTES)), decipher.final()]);
      return temporal.api.common.v1.Payload.decode(plain);
    });
  }
}

export function createPayloadCodec(config: { THREADLINE_ENCRYPTION_KEY: string; TEMPORAL_PAYLOAD_KEYS?: string }): AesGcmPayloadCodec {
  return new AesGcmPayloadCodec(payloadKeysFromConfig(config));
}
