/**
 * Modules the workflow sandbox evaluates once and shares between runs (the SDK's `preloadModules`, with its
 * default reused V8 context). Otherwise each cached run evaluates its own copy of every module its workflow
 * imports: luxon (7,800 lines, with its own caches) took about 65 KiB of the workflow thread's heap per cached
 * run, 45% of it (issue 19; `npm run bench`, `rss`).
 *
 * Only modules without per-workflow state belong here: working-hours is pure functions over luxon, whose module
 * state is caches (zones, formats) that give every run the same answer, and its clock is the sandbox's `Date`.
 * Preloading working-hours brings luxon along: a bare 'luxon' would be dropped by webpack (its package declares
 * `sideEffects: false`). The path is relative to the workflows' folder, sources or dist, as the SDK's generated
 * entrypoint sits there.
 */
export const WORKFLOW_PRELOAD_MODULES = ['../../libs/domain/src/schedule/working-hours'];
