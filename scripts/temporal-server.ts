import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { cacheDir, findGo, goInstall, isExecutable } from './temporal-cli';

export const TEMPORAL_SERVER_VERSION = '1.29.1';
const MODULE = 'go.temporal.io/server';

/** A production Temporal server as the temporalio/server and admin-tools images ship it, built from the Go module proxy. */
export interface TemporalServerInstall {
  /** `temporal-server` (the module's cmd/server). */
  server: string;
  /** `temporal-sql-tool` (cmd/tools/sql): creates Temporal's databases and migrates them with the schema it embeds. */
  sqlTool: string;
  /** The module's `config/docker.yaml`: the config template the server image renders from its environment. */
  configTemplate: string;
  /** Folder holding both binaries under their image names, for PATH. */
  binDir: string;
}

function layout(dir: string): TemporalServerInstall {
  const binDir = join(dir, 'bin');
  return {
    server: join(binDir, 'temporal-server'), sqlTool: join(binDir, 'temporal-sql-tool'), binDir, configTemplate: join(dir, 'config', 'docker.yaml'),
  };
}

/**
 * The server and SQL tool v1.29.1 from the cache (~/.cache/threadline, shared by every clone), built once with
 * `CGO_ENABLED=0 go install go.temporal.io/server/cmd/server@v1.29.1 go.temporal.io/server/cmd/tools/sql@v1.29.1`.
 * The config template comes from the same module version, copied beside the binaries so a cleaned Go module
 * cache does not break a cached install.
 */
export async function installTemporalServer(log: (line: string) => void): Promise<TemporalServerInstall> {
  const dir = join(cacheDir(), `temporal-server-${TEMPORAL_SERVER_VERSION}`);
  const done = layout(dir);
  if (isExecutable(done.server) && isExecutable(done.sqlTool) && existsSync(done.configTemplate)) return done;

  const go = findGo();
  if (!go) throw new Error(`Go is not installed (checked PATH and /usr/local/go/bin): install Go 1.25+ to build the Temporal server v${TEMPORAL_SERVER_VERSION}.`);
  const staging = join(cacheDir(), `temporal-server-build-${process.pid}`);
  rmSync(staging, { recursive: true, force: true });
  try {
    const gobin = join(staging, 'gobin');
    await goInstall(go, {
      what: `the Temporal server and SQL tool v${TEMPORAL_SERVER_VERSION}`, gobin, estimate: 'about 8 minutes',
      packages: [`${MODULE}/cmd/server@v${TEMPORAL_SERVER_VERSION}`, `${MODULE}/cmd/tools/sql@v${TEMPORAL_SERVER_VERSION}`], ldflags: '-s -w',
    }, log);
    // The module as `go install` just downloaded it, for its config template.
    const download = spawnSync(go, ['mod', 'download', '-json', `${MODULE}@v${TEMPORAL_SERVER_VERSION}`], { encoding: 'utf8' });
    const moduleDir = download.status === 0 ? (JSON.parse(download.stdout) as { Dir?: string }).Dir : undefined;
    if (!moduleDir) throw new Error(`go mod download ${MODULE}@v${TEMPORAL_SERVER_VERSION} failed: ${download.stderr}`);
    const next = layout(staging);
    mkdirSync(next.binDir, { recursive: true });
    renameSync(join(gobin, 'server'), next.server);
    renameSync(join(gobin, 'sql'), next.sqlTool);
    mkdirSync(join(staging, 'config'), { recursive: true });
    cpSync(join(moduleDir, 'config', 'docker.yaml'), next.configTemplate);
    // Module cache files are read-only: the copy must stay removable by a later reinstall.
    spawnSync('chmod', ['-R', 'u+w', staging]);
    rmSync(gobin, { recursive: true, force: true });
    rmSync(dir, { recursive: true, force: true });
    renameSync(staging, dir);
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
  log(`Temporal server v${TEMPORAL_SERVER_VERSION}: ${done.server}, ${done.sqlTool}`);
  return done;
}
