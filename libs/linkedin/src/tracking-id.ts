import { randomBytes } from 'node:crypto';

const TRACKING_ID_LENGTH = 16;

/** 16 random bytes mapped to chars U+0000–U+00FF, as the web app sends them. */
export function mintTrackingId(bytes: Uint8Array = randomBytes(TRACKING_ID_LENGTH)): string {
  if (bytes.length !== TRACKING_ID_LENGTH) throw new RangeError(`trackingId needs ${TRACKING_ID_LENGTH} bytes`);
  return String.fromCharCode(...bytes);
}

/** LinkedIn's rule as far as known: exactly 16 chars, each ≤ U+00FF (UUIDs and base64 fail). */
export function isValidTrackingId(value: string): boolean {
  if (value.length !== TRACKING_ID_LENGTH) return false;
  for (let i = 0; i < value.length; i++) {
    if (value.charCodeAt(i) > 0xff) return false;
  }
  return true;
}
