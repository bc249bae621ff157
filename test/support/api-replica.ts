import { join } from 'node:path';
import { freePort } from '../../scripts/stack';
import { ManagedProcess } from '../../scripts/managed-process';
import { launch } from './worker-control';

/** A second API process against the stack's Postgres and Temporal, as a load balancer's other replica would be. */
export interface ApiReplica {
  url: string;
  stop(): Promise<void>;
}

export async function startApiReplica(env: NodeJS.ProcessEnv = {}): Promise<ApiReplica> {
  const worker = launch();
  const port = await freePort();
  const api = new ManagedProcess({
    name: 'api-replica', command: process.execPath, args: [join(worker.cwd, 'dist/apps/api/src/main.js')], cwd: worker.cwd,
    env: { ...worker.env, ...env, PORT: String(port), HOST: '127.0.0.1' }, readyLine: /api listening/, logFile: worker.logFile.replace(/worker\.log$/, `api-replica-${port}.log`),
  });
  await api.start(60_000);
  return {
    url: `http://127.0.0.1:${port}`,
    stop: async () => {
      await api.stop();
      api.close();
    },
  };
}
