import { workflowCacheSize } from './worker-sizing';

const GiB = 1024 ** 3;

describe('workflowCacheSize', () => {
  it('gives the cache an eighth of the memory at 320 KiB per run', () => {
    expect(workflowCacheSize(400 * 1024 ** 2, undefined).maxCachedWorkflows).toBe(160);
  });

  it('keeps at least 100 runs on a small worker and at most 200 on a large machine, so RSS stays under 500 MB', () => {
    expect(workflowCacheSize(128 * 1024 ** 2, undefined).maxCachedWorkflows).toBe(100);
    expect(workflowCacheSize(GiB, undefined).maxCachedWorkflows).toBe(200);
    expect(workflowCacheSize(64 * GiB, undefined).maxCachedWorkflows).toBe(200);
  });

  it('takes WORKER_MAX_CACHED_WORKFLOWS as given, 0 included', () => {
    expect(workflowCacheSize(64 * GiB, 0)).toEqual({ maxCachedWorkflows: 0, basis: 'WORKER_MAX_CACHED_WORKFLOWS' });
    expect(workflowCacheSize(GiB, 5000).maxCachedWorkflows).toBe(5000);
  });
});
