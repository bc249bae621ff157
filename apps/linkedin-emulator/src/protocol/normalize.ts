// Normalized REST.li form (§4): entities with an entityUrn move to `included`, parents keep `*key` refs.

type Json = unknown;

function isEntity(v: Json): v is Record<string, Json> & { entityUrn: string } {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && typeof (v as { entityUrn?: unknown }).entityUrn === 'string';
}

export function normalize(root: Record<string, Json>): { data: Json; included: Json[] } {
  const included = new Map<string, Json>();
  const walk = (value: Json, top: boolean): Json => {
    if (Array.isArray(value)) return value.map((v) => walk(v, false));
    if (typeof value !== 'object' || value === null) return value;
    const out: Record<string, Json> = {};
    for (const [k, v] of Object.entries(value)) {
      const key = k === '_type' ? '$type' : k;
      if (!top && isEntity(v)) {
        included.set(v.entityUrn, walk(v, true));
        out[`*${key}`] = v.entityUrn;
      } else if (Array.isArray(v) && v.length > 0 && v.every(isEntity)) {
        for (const e of v) included.set(e.entityUrn, walk(e, true));
        out[`*${key}`] = v.map((e) => e.entityUrn);
      } else {
        out[key] = walk(v, false);
      }
    }
    return out;
  };
  return { data: walk(root, false), included: [...included.values()] };
}
