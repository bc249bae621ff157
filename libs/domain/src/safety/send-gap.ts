import { seededRandom } from '../sequences/seeded-random';

/** How far apart one LinkedIn member's sends land: a floor, a mean, a spread and a ceiling. */
export interface SendGapSettings {
  /** Never less (SEND_SPACING_SECONDS): the safety floor. */
  minMs: number;
  meanMs: number;
  /** Coefficient of variation of the log-normal draw (standard deviation / mean); 0 draws the mean every time. */
  cv: number;
  maxMs: number;
}

/**
 * The gap before one operation's send, drawn from a log-normal around `meanMs` and clamped to
 * [minMs, maxMs]. Seeded by the operation id, so a retried attempt, a replay or another worker draws
 * the same gap, while consecutive sends do not follow a robotic rhythm.
 */
export function sendGapMs(operationId: string, settings: SendGapSettings): number {
  const { minMs, meanMs, cv } = settings;
  const maxMs = Math.max(settings.maxMs, minMs);
  const sigma = Math.sqrt(Math.log(1 + cv * cv));
  const mu = Math.log(Math.max(meanMs, 1)) - (sigma * sigma) / 2;
  const random = seededRandom(`send-gap:${operationId}`);
  // Box–Muller; 1 - u keeps the logarithm's argument in (0, 1].
  const z = Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  return Math.round(Math.min(maxMs, Math.max(minMs, Math.exp(mu + sigma * z))));
}

/** The gap settings of a deployment: a mean and a ceiling as multiples of the floor. */
export function sendGapSettings(spacingSeconds: number, meanFactor: number, cv: number, maxFactor: number): SendGapSettings {
  const minMs = spacingSeconds * 1000;
  return { minMs, meanMs: minMs * meanFactor, cv, maxMs: minMs * maxFactor };
}
