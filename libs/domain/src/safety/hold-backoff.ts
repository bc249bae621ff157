/** Hold bounds of a deployment (ACCOUNT_MIN_HOLD_SECONDS, ACCOUNT_MAX_HOLD_SECONDS), in ms. */
export interface HoldBounds {
  minMs: number;
  maxMs: number;
}

/**
 * How long an account is held after LinkedIn throttled it: `minMs × 2^level` capped at `maxMs`, where
 * `level` counts the throttles since its last delivered send. LinkedIn's own hint (Retry-After, or the
 * client's default for a 999) is a lower bound, never shortened by the cap.
 */
export function holdDurationMs(level: number, bounds: HoldBounds, hintMs?: number): number {
  const exponential = Math.min(bounds.maxMs, bounds.minMs * 2 ** Math.min(Math.max(level, 0), 40));
  return Math.max(exponential, hintMs ?? 0);
}
