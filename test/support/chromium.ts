import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** Debian's `chromium` (`apt-get install chromium`, which `.ci/run` does), or CHROMIUM_PATH. */
export function chromiumPath(): string {
  if (process.env.CHROMIUM_PATH) return process.env.CHROMIUM_PATH;
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    for (const name of ['chromium', 'chromium-browser', 'google-chrome']) if (existsSync(join(dir, name))) return join(dir, name);
  }
  throw new Error('No Chromium found for the browser tests: install it (Debian: `apt-get install chromium`, as .ci/run does) or set CHROMIUM_PATH.');
}

// Headless, as root in CI (no sandbox), on a virtual clock that runs the page's scripts and requests to rest.
const HEADLESS = ['--headless', '--no-sandbox', '--disable-gpu', '--hide-scrollbars', '--virtual-time-budget=15000', '--window-size=1400,900'];

/** The page's DOM after its scripts ran. */
export async function renderedDom(url: string): Promise<string> {
  const { stdout } = await run(chromiumPath(), [...HEADLESS, '--dump-dom', url], { maxBuffer: 32 * 1024 * 1024, timeout: 60_000 });
  return stdout;
}

/** A PNG of the rendered page at `file`. */
export async function screenshot(url: string, file: string): Promise<void> {
  await run(chromiumPath(), [...HEADLESS, `--screenshot=${file}`, url], { timeout: 60_000 });
}
