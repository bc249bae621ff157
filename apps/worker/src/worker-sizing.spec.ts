import { workflowCacheSize } from './worker-sizing';

const GiB = 1024 ** 3;

describe('workflowCacheSize', () => {
  it('gives the cache an eighth of the memory at 256 KiB per run', () => {
    expect(workflowCacheSize(1 * GiB, undefined).maxCachedWorkflows).toBe(512);
    expect(workflowCacheSize(2 * GiB, undefined).maxCachedWorkflows).toBe(1024);
  });

  it('keeps at least 100 runs on a small worker and at most 2,000 on a large machine', () => {
    expect(workflowCacheSize(128 * 1024 ** 2, undefined).maxCachedWorkflows).toBe(100);
    expect(workflowCacheSize(64 * GiB, undefined).maxCachedWorkflows).toBe(2000);
  });

  it('takes WORKER_MAX_CACHED_WORKFLOWS as given, 0 included', () => {
    expect(workflowCacheSize(64 * GiB, 0)).toEqual({ maxCachedWorkflows: 0, basis: 'WORKER_MAX_CACHED_WORKFLOWS' });
    expect(workflowCacheSize(GiB, 5000).maxCachedWorkflows).toBe(5000);
  });
});
