import type { AccountStatus, LinkedinAccountEntity } from '@threadline/db';
import { type WarmupPlan, type WarmupStage, warmupStage } from '@threadline/domain';
import type { CoreConfig } from '../config/config';

type WarmupFields = Pick<LinkedinAccountEntity, 'warmupStartedAt' | 'warmupDays' | 'warmupStartCap'>;
type WarmupConfig = Pick<CoreConfig, 'WARMUP_DAYS' | 'WARMUP_START_CAP'>;

/** An account's warm-up ramp: its own settings, else the deployment's. */
export function warmupPlanOf(account: WarmupFields, config: WarmupConfig): WarmupPlan {
  return { startedAt: account.warmupStartedAt, days: account.warmupDays ?? config.WARMUP_DAYS, startCap: account.warmupStartCap ?? config.WARMUP_START_CAP };
}

/** Where the account's ramp stands at `now`; null when it is fully warm. */
export function warmupOf(account: WarmupFields, config: WarmupConfig, now: Date): WarmupStage | null {
  return warmupStage(warmupPlanOf(account, config), now);
}

/** The status of a usable account that no session problem marks: on hold until its hold ends, warming during its ramp, else active. */
export function restingStatus(account: WarmupFields & Pick<LinkedinAccountEntity, 'holdUntil'>, config: WarmupConfig, now: Date): Extract<AccountStatus, 'on_hold' | 'warming' | 'active'> {
  if (account.holdUntil && account.holdUntil > now) return 'on_hold';
  return warmupOf(account, config, now) ? 'warming' : 'active';
}
