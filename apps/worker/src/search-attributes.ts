import type { Client } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import { SEARCH_ATTRIBUTE_KEYS } from '@threadline/contracts';
import { describe } from './task-queue-config';

const { IndexedValueType } = temporal.api.enums.v1;

/**
 * Registers our search attributes on the namespace, for clusters the dev runner did not start with
 * `--search-attribute`. Idempotent: only missing ones are added, "already exists" is success.
 * A server that refuses (Temporal Cloud registers them through its own console) does not stop the worker:
 * it logs one line naming what to register and answers null.
 */
export async function registerSearchAttributes(client: Client, namespace: string, log: (line: string) => void = console.warn): Promise<string[] | null> {
  const operator = client.connection.operatorService;
  try {
    const existing = await operator.listSearchAttributes({ namespace });
    const known = new Set([...Object.keys(existing.customAttributes ?? {}), ...Object.keys(existing.systemAttributes ?? {})]);
    const missing = SEARCH_ATTRIBUTE_KEYS.filter((key) => !known.has(key.name));
    if (missing.length === 0) return [];
    try {
      await operator.addSearchAttributes({ namespace, searchAttributes: Object.fromEntries(missing.map((key) => [key.name, IndexedValueType[`INDEXED_VALUE_TYPE_${key.type}`]])) });
    } catch (err) {
      // Another worker booting at the same moment may have added them first.
      if (!/already exists/i.test(err instanceof Error ? err.message : String(err))) throw err;
    }
    return missing.map((key) => key.name);
  } catch (err) {
    const names = SEARCH_ATTRIBUTE_KEYS.map((key) => `${key.name} (${key.type})`).join(', ');
    log(`Temporal refused to list or register the search attributes of namespace ${namespace} (${describe(err)}): make sure ${names} `
      + `are registered through your cluster's tools; runs cannot start without them (README, "Servers without fairness").`);
    return null;
  }
}
