import type { AccountActionRunner } from '@threadline/core';
import type { AccountActionActivities } from '@threadline/contracts';
import { wrap } from './activities';

/** One activity per account action type, each delegated to the core runner; `runAccountAction` serves runs started before. */
export function createAccountActionActivities(runner: AccountActionRunner): AccountActionActivities {
  return {
    typing: wrap((input) => runner.typing(input)),
    markRead: wrap((input) => runner.markRead(input)),
    markAllRead: wrap((input) => runner.markAllRead(input)),
    recall: wrap((input) => runner.recall(input)),
    react: wrap((input) => runner.react(input)),
    listReactions: wrap((input) => runner.listReactions(input)),
    editMessage: wrap((input) => runner.editMessage(input)),
    resolveProfile: wrap((input) => runner.resolveProfile(input)),
    uploadAttachment: wrap((input) => runner.uploadAttachment(input)),
    fetchMedia: wrap((input) => runner.fetchMedia(input)),
    checkStatus: wrap((input) => runner.checkStatus(input)),
    runAccountAction: wrap((input) => runner.run(input)),
  };
}
