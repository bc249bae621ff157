import 'reflect-metadata';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';

/** Thrown at boot when the environment is incomplete; its message names every bad variable and its rule, never the value (it may be a secret). */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/**
 * Reads, converts and validates one process's configuration from the environment.
 * The only place in the code base that reads process.env.
 */
export function loadConfig<T extends object>(schema: new () => T, env: NodeJS.ProcessEnv = process.env): T {
  // An empty variable counts as unset (docker-compose passes `${X:-}` as "").
  const set = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  // No implicit conversion: it turns "false" into true and "" into 0 before the schema's strict readers run.
  const config = plainToInstance(schema, set, { excludeExtraneousValues: true, exposeDefaultValues: true });
  const errors = validateSync(config, { whitelist: false });
  if (errors.length > 0) {
    throw new ConfigError(errors.map((e) => `${e.property}${e.value === undefined ? ' is not set' : ''}: ${Object.values(e.constraints ?? {}).join('; ')}`));
  }
  return config;
}
