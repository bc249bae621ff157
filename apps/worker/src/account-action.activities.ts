import type { AccountActionRunner } from '@threadline/core';
import type { AccountActionActivities } from '@threadline/contracts';
import { wrap } from './activities';

/** The account-action activity: one LinkedIn side effect, delegated to the core runner. */
export function createAccountActionActivities(runner: AccountActionRunner): AccountActionActivities {
  return { runAccountAction: wrap((input) => runner.run(input)) };
}
