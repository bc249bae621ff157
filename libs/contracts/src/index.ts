// The contracts between the workflows and everything that starts, signals, updates or queries them, or
// implements their activities. Workflows import these files by relative path; everything else imports `@threadline/contracts`.
export * from './task-queues';
export * from './search-attributes';
export * from './failures';
export * from './messaging';
export * from './inbox';
export * from './sequences';
