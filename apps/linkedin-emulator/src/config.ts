import { readFileSync } from 'node:fs';
import { validateScenario } from './state/scenario';
import type { ScenarioInput } from './state/scenario';

/** The emulator process's configuration, validated once at boot. */
export interface EmulatorConfig {
  port: number;
  host: string;
  seed: string;
  scenario: ScenarioInput | undefined;
  scenarioPath: string | undefined;
  /** EMULATOR_PUBLIC_URL: the origin every URL the emulator hands out starts with (e.g. behind a TLS proxy). */
  publicUrl: string | undefined;
}

/** An http(s) origin (no path: the emulator serves LinkedIn's paths from the root); throws naming the variable. */
export function parsePublicUrl(value: string, name = 'EMULATOR_PUBLIC_URL'): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new Error(`${name} must be an absolute http(s) URL such as https://linkedin-emulator.example.com`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error(`${name} must use http or https`);
  if (url.search || url.hash || url.username || url.password || url.pathname !== '/') throw new Error(`${name} must be an origin only (no path, query, fragment or credentials)`);
  return url.origin;
}

/** Reads EMULATOR_* variables; throws an Error naming the variable and its rule (never the value) on bad input. */
export function loadConfig(env: NodeJS.ProcessEnv): EmulatorConfig {
  const rawPort = env.EMULATOR_PORT ?? '3100';
  const port = Number(rawPort);
  if (!/^\d+$/.test(rawPort) || port > 65535) throw new Error('EMULATOR_PORT must be a whole number 0..65535');
  const host = env.EMULATOR_HOST ?? '127.0.0.1';
  if (!host.trim()) throw new Error('EMULATOR_HOST must not be empty');
  const seed = env.EMULATOR_SEED ?? '1';
  if (!seed.trim()) throw new Error('EMULATOR_SEED must not be empty');
  const scenarioPath = env.EMULATOR_SCENARIO || undefined;
  let scenario: ScenarioInput | undefined;
  if (scenarioPath) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(readFileSync(scenarioPath, 'utf8'));
    } catch (e) {
      // The parser's message quotes the file's content: say only what kind of failure it was.
      const reason = e instanceof SyntaxError ? 'not valid JSON' : ((e as NodeJS.ErrnoException).code ?? 'unreadable');
      throw new Error(`EMULATOR_SCENARIO: cannot read a JSON scenario from ${scenarioPath} (${reason})`);
    }
    const error = validateScenario(parsed);
    if (error) throw new Error(`EMULATOR_SCENARIO (${scenarioPath}): ${error}`);
    scenario = parsed as ScenarioInput;
  }
  const publicUrl = env.EMULATOR_PUBLIC_URL ? parsePublicUrl(env.EMULATOR_PUBLIC_URL) : undefined;
  return { port, host, seed, scenario, scenarioPath, publicUrl };
}
