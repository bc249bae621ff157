import { spawn, spawnSync } from 'node:child_process';
import { accessSync, constants, existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';

export const TEMPORAL_CLI_VERSION = '1.5.1';
const MODULE = 'github.com/temporalio/cli/cmd/temporal';

/** The user's cache folder, shared by every clone, so a fresh clone never rebuilds the CLI. */
export function cacheDir(): string {
  return join(process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'threadline');
}

export function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function onPath(name: string, extraDirs: string[] = []): string | null {
  for (const dir of [...(process.env.PATH ?? '').split(delimiter), ...extraDirs]) {
    if (dir && isExecutable(join(dir, name))) return join(dir, name);
  }
  return null;
}

/** A CLI on PATH is used only if it embeds a server with task-queue fairness (server >= 1.29). */
function serverVersionOk(binary: string): boolean {
  const out = spawnSync(binary, ['--version'], { encoding: 'utf8' }).stdout ?? '';
  const m = /Server (\d+)\.(\d+)/.exec(out);
  return Boolean(m && (Number(m[1]) > 1 || Number(m[2]) >= 29));
}

export function formatDuration(ms: number): string {
  const s = Math.round(ms / 1000);
  return `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`;
}

export interface GoInstallOptions {
  /** What is being built, for the progress lines. */
  what: string;
  /** `module/path/cmd@version` arguments: one `go install` builds them all into `gobin`. */
  packages: string[];
  ldflags: string;
  gobin: string;
  /** How long the first build takes on 2 cores, for the first progress line. */
  estimate: string;
}

/** `go install` (CGO off, like Temporal's release builds) into `gobin`, printing progress while it compiles. */
export async function goInstall(go: string, opts: GoInstallOptions, log: (line: string) => void): Promise<void> {
  mkdirSync(opts.gobin, { recursive: true });
  log(`Building ${opts.what} with ${go} (first run only; ${opts.estimate} on 2 cores). It is cached in ${cacheDir()}.`);
  const started = Date.now();
  let packages = 0;
  let lastReport = 0;
  await new Promise<void>((resolve, reject) => {
    const child = spawn(go, ['install', '-v', '-ldflags', opts.ldflags, ...opts.packages], {
      env: { ...process.env, GOBIN: opts.gobin, CGO_ENABLED: '0' },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let tail = '';
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => {
      tail = (tail + chunk).slice(-4000);
      for (const line of chunk.split('\n')) if (line.trim() && !line.startsWith('go: ')) packages++;
      if (Date.now() - lastReport > 10_000) {
        lastReport = Date.now();
        log(`  … ${packages} packages built, ${formatDuration(Date.now() - started)} elapsed`);
      }
    });
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`go install failed (exit ${code}):\n${tail}`))));
  });
  log(`${opts.what} built in ${formatDuration(Date.now() - started)}`);
}

/** The `go` binary: on PATH, or where the official installer and `go install` put it. */
export function findGo(): string | null {
  return onPath('go', ['/usr/local/go/bin', join(homedir(), 'go/bin')]);
}

/** `go install` of the pinned CLI into the cache. */
async function installCli(go: string, target: string, log: (line: string) => void): Promise<void> {
  const gobin = join(cacheDir(), `build-${process.pid}`);
  await goInstall(go, {
    what: `the Temporal CLI v${TEMPORAL_CLI_VERSION}`, packages: [`${MODULE}@v${TEMPORAL_CLI_VERSION}`], gobin, estimate: 'about 6 minutes',
    ldflags: `-s -w -X github.com/temporalio/cli/temporalcli.Version=${TEMPORAL_CLI_VERSION}`,
  }, log);
  renameSync(join(gobin, 'temporal'), target);
  rmSync(gobin, { recursive: true, force: true });
  log(`Temporal CLI: ${target}`);
}

/** Last resort: the Temporal SDK downloads its own dev server binary (needs access to temporal.download). */
async function sdkDownload(log: (line: string) => void): Promise<string> {
  log('Trying the Temporal SDK download of the dev server…');
  const { TestWorkflowEnvironment } = await import('@temporalio/testing');
  const env = await TestWorkflowEnvironment.createLocal();
  await env.teardown();
  const dir = join(tmpdir(), 'temporal-sdk-typescript-1.24.0');
  const found = existsSync(dir) ? spawnSync('find', [dir, '-type', 'f', '-name', 'temporal*', '-perm', '-u+x'], { encoding: 'utf8' }).stdout.split('\n').find(Boolean) : undefined;
  if (!found) throw new Error('the SDK started a server but its binary was not found');
  return found;
}

/**
 * Finds the Temporal CLI: TEMPORAL_CLI, then `temporal` on PATH, then the cached build, then a
 * `go install` into the cache, then the SDK's own download. Fails with what to do when none works.
 */
export async function findTemporalCli(log: (line: string) => void = (l) => console.warn(l)): Promise<string> {
  const fromEnv = process.env.TEMPORAL_CLI;
  if (fromEnv) {
    if (!isExecutable(fromEnv)) throw new Error(`TEMPORAL_CLI=${fromEnv} is not an executable file.`);
    return fromEnv;
  }
  const pathCli = onPath('temporal');
  if (pathCli && serverVersionOk(pathCli)) return pathCli;

  const cached = join(cacheDir(), `temporal-${TEMPORAL_CLI_VERSION}`);
  if (isExecutable(cached)) return cached;

  const problems: string[] = [];
  if (pathCli) problems.push(`${pathCli} embeds a Temporal server older than 1.29 (no task-queue fairness)`);
  const go = findGo();
  if (go) {
    try {
      mkdirSync(cacheDir(), { recursive: true });
      await installCli(go, cached, log);
      return cached;
    } catch (err) {
      problems.push(err instanceof Error ? err.message : String(err));
    }
  } else {
    problems.push('Go is not installed (checked PATH and /usr/local/go/bin)');
  }
  try {
    return await sdkDownload(log);
  } catch (err) {
    problems.push(`SDK download: ${err instanceof Error ? err.message : String(err)}`);
  }
  throw new Error(
    `No Temporal CLI could be found or installed:\n${problems.map((p) => `  - ${p}`).join('\n')}\n` +
      `Fix one of: set TEMPORAL_CLI to a temporal binary (v${TEMPORAL_CLI_VERSION} or later); put \`temporal\` on PATH; ` +
      `install Go 1.25+ so it can be built; or point TEMPORAL_ADDRESS at a running Temporal server.`,
  );
}
