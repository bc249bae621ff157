import { randomBytes } from 'node:crypto';
import { defaultPayloadConverter } from '@temporalio/common';
import { AesGcmPayloadCodec, ENCRYPTED_ENCODING, KEY_ID_METADATA, payloadKey, payloadKeysFromConfig } from './payload-codec';

const key = () => randomBytes(32);
const text = 'Hey Sarah — loved your post on RAG evals.';
const payload = () => defaultPayloadConverter.toPayload({ text, attributes: { firstName: 'Sarah' } })!;
const decodeValue = async (codec: AesGcmPayloadCodec, encoded: Parameters<AesGcmPayloadCodec['decode']>[0]) => defaultPayloadConverter.fromPayload((await codec.decode(encoded))[0]!);

describe('AesGcmPayloadCodec', () => {
  it('round-trips a payload, and nothing of it is readable in the encoded bytes', async () => {
    const codec = new AesGcmPayloadCodec([payloadKey(key())]);
    const [encoded] = await codec.encode([payload()]);
    expect(Buffer.from(encoded!.metadata!.encoding!).toString()).toBe(ENCRYPTED_ENCODING);
    expect(Buffer.from(encoded!.data!).includes(Buffer.from('Sarah'))).toBe(false);
    expect(Buffer.from(encoded!.data!).includes(Buffer.from('json/plain'))).toBe(false);
    expect(await decodeValue(codec, [encoded!])).toEqual({ text, attributes: { firstName: 'Sarah' } });
  });

  it('encrypts with the current key and still decrypts what an older key encrypted (rotation)', async () => {
    const [oldKey, newKey] = [payloadKey(key()), payloadKey(key())];
    const before = new AesGcmPayloadCodec([oldKey]);
    const after = new AesGcmPayloadCodec([newKey, oldKey]);
    const [written] = await before.encode([payload()]);
    expect(await decodeValue(after, [written!])).toMatchObject({ text });
    const [rewritten] = await after.encode([payload()]);
    expect(Buffer.from(rewritten!.metadata![KEY_ID_METADATA]!).toString()).toBe(newKey.id);
    await expect(before.decode([rewritten!])).rejects.toThrow(/unknown key id/);
  });

  it('passes payloads without its encoding through unchanged (histories written before the codec)', async () => {
    const codec = new AesGcmPayloadCodec([payloadKey(key())]);
    const plain = payload();
    expect(await codec.decode([plain])).toEqual([plain]);
    expect(await codec.decode([{ metadata: {}, data: new Uint8Array() }])).toEqual([{ metadata: {}, data: new Uint8Array() }]);
  });

  it('refuses a payload whose ciphertext or key id was altered', async () => {
    const codec = new AesGcmPayloadCodec([payloadKey(key())]);
    const [encoded] = await codec.encode([payload()]);
    const flipped = Buffer.from(encoded!.data!);
    flipped[20]! ^= 0x01;
    await expect(codec.decode([{ ...encoded!, data: flipped }])).rejects.toThrow(/authenticate/);
    await expect(codec.decode([{ ...encoded!, data: Buffer.from(encoded!.data!).subarray(0, 10) }])).rejects.toThrow(/truncated/);
    await expect(codec.decode([{ ...encoded!, metadata: { ...encoded!.metadata, [KEY_ID_METADATA]: Buffer.from('0000000000000000') } }])).rejects.toThrow(/unknown key id/);
  });
});

describe('payloadKeysFromConfig', () => {
  const base = randomBytes(32).toString('base64');

  it('derives a key from THREADLINE_ENCRYPTION_KEY (HKDF) that differs from it and is stable', () => {
    const [derived] = payloadKeysFromConfig({ THREADLINE_ENCRYPTION_KEY: base });
    expect(derived!.key.equals(Buffer.from(base, 'base64'))).toBe(false);
    expect(payloadKeysFromConfig({ THREADLINE_ENCRYPTION_KEY: base })[0]!.id).toBe(derived!.id);
  });

  it('puts TEMPORAL_PAYLOAD_KEYS first (the first encrypts) and keeps the derived key readable', () => {
    const [a, b] = [randomBytes(32).toString('base64'), randomBytes(32).toString('base64')];
    const keys = payloadKeysFromConfig({ THREADLINE_ENCRYPTION_KEY: base, TEMPORAL_PAYLOAD_KEYS: `${a},${b}` });
    expect(keys.map((k) => k.key.toString('base64'))).toEqual([a, b, payloadKeysFromConfig({ THREADLINE_ENCRYPTION_KEY: base })[0]!.key.toString('base64')]);
  });
});
