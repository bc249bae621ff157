import { stackInfo } from './stack-info';

/** A multipart upload to the API (POST /v1/attachments by default). */
export async function uploadFile(key: string, bytes: Uint8Array, filename: string, type: string, headers: Record<string, string> = {}, path = '/v1/attachments') {
  const form = new FormData();
  form.append('file', new Blob([bytes], { type }), filename);
  const res = await fetch(`${stackInfo().apiUrl}${path}`, { method: 'POST', headers: { authorization: `Bearer ${key}`, ...headers }, body: form });
  const text = await res.text();
  let body: any = text; // eslint-disable-line @typescript-eslint/no-explicit-any
  try {
    body = JSON.parse(text);
  } catch {
    // not JSON
  }
  return { status: res.status, body, headers: res.headers };
}

/** A GET that returns the raw bytes (downloads). */
export async function download(key: string, path: string, headers: Record<string, string> = {}) {
  const res = await fetch(`${stackInfo().apiUrl}${path}`, { headers: { authorization: `Bearer ${key}`, ...headers } });
  return { status: res.status, bytes: new Uint8Array(await res.arrayBuffer()), headers: res.headers };
}
