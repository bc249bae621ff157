/** JSON over HTTP for the benchmarks: throws with the answer's body on a non-2xx. */
export async function json<T>(url: string, init: RequestInit = {}): Promise<T> {
  const res = await fetch(url, { ...init, headers: { 'content-type': 'application/json', ...(init.headers as Record<string, string>) } });
  const text = await res.text();
  if (!res.ok) throw new Error(`${init.method ?? 'GET'} ${url} → ${res.status} ${text}`);
  return (text ? JSON.parse(text) : {}) as T;
}

export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

export const USER_AGENT = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/141.0.0.0 Safari/537.36';

/** A new workspace through the operator token; answers its API key. */
export async function benchWorkspace(apiUrl: string, adminToken: string, name: string): Promise<string> {
  const workspace = await json<{ apiKey: { key: string } }>(`${apiUrl}/v1/admin/workspaces`, {
    method: 'POST', headers: { authorization: `Bearer ${adminToken}` }, body: JSON.stringify({ name }),
  });
  return workspace.apiKey.key;
}
