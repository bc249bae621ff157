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
}

/** Reads EMULATOR_* variables; throws an Error naming the variable on bad input. */
export function loadConfig(env: NodeJS.ProcessEnv): EmulatorConfig {
  const rawPort = env.EMULATOR_PORT ?? '3100';
  const port = Number(rawPort);
  if (!/^\d+$/.test(rawPort) || port > 65535) throw new Error(`EMULATOR_PORT must be an integer 0..65535, got "${rawPort}"`);
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
      throw new Error(`EMULATOR_SCENARIO: cannot read JSON from ${scenarioPath}: ${(e as Error).message}`);
    }
    const error = validateScenario(parsed);
    if (error) throw new Error(`EMULATOR_SCENARIO (${scenarioPath}): ${error}`);
    scenario = parsed as ScenarioInput;
  }
  return { port, host, seed, scenario, scenarioPath };
}
