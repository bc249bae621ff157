const PROFILE_URN = /^urn:li:(?:fsd_profile|fs_miniProfile|fs_profile|person):([A-Za-z0-9_-]+)$/;
const PROFILE_URL = /^(?:https?:\/\/)?(?:[a-z]{2,3}\.)?linkedin\.com\/(?:in|sales\/lead|sales\/people)\/([^/?#,]+)/i;
const PROFILE_ID = /^ACo[A-Za-z0-9_-]{10,}$/;

/**
 * One key per person for dedup and exclusions: the profile id (`ACoAA…`) when the reference has
 * one (URN, id), else the lower-cased vanity name (from a profile URL or as given).
 */
export function profileKeyOf(ref: string): string {
  const value = ref.trim();
  const urn = PROFILE_URN.exec(value);
  if (urn) return urn[1]!;
  const url = PROFILE_URL.exec(value);
  const id = url ? decodeURIComponent(url[1]!) : value;
  return PROFILE_ID.test(id) ? id : id.toLowerCase();
}

/** The `urn:li:fsd_profile:…` of a reference when it names the profile id directly; null for a vanity name. */
export function profileUrnOf(ref: string): string | null {
  const key = profileKeyOf(ref);
  return PROFILE_ID.test(key) ? `urn:li:fsd_profile:${key}` : null;
}
