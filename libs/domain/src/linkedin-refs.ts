/**
 * Syntax of the LinkedIn references the API takes (linkedin-protocol.md §5.1), checked at the edge so
 * that garbage, a truncated id or the docs' `ACoAA...` placeholder never reaches LinkedIn.
 */

// A profile id is base64url of 29 fixed-layout bytes: always 39 characters, `ACoAA` for members, `ACwAA` in Sales Navigator.
const ID_TAIL = '[A-Za-z0-9_-]{34}';
const PROFILE_ID = new RegExp(`^ACoAA${ID_TAIL}$`);
const PROFILE_URN = new RegExp(`^urn:li:(?:fsd_profile|fs_miniProfile|person):(ACoAA${ID_TAIL})$`);
const SALES_PROFILE_URN = new RegExp(`^urn:li:fs_salesProfile:\\(ACwAA${ID_TAIL},[A-Z_]{1,40},[A-Za-z0-9_.~+/=-]{0,200}\\)$`);
const MEMBER_URN = /^urn:li:member:\d{1,19}$/;
const MEMBER_ID = /^\d{1,19}$/;
// LinkedIn's public profile names: 3–100 letters, digits and hyphens (letters include accented and non-Latin ones).
const VANITY = /^(?=.*[\p{L}\p{Nd}])[\p{L}\p{M}\p{Nd}-]{3,100}$/u;
// Something that starts like a profile id but is not one: a truncated copy, or the docs' placeholder.
const TRUNCATED_ID = /^AC[ow]AA/;
const THREAD_ID = '2-[A-Za-z0-9+/=_-]{1,300}';
const CONVERSATION_URN = new RegExp(
  `^(?:urn:li:msg_conversation:\\(urn:li:fsd_profile:ACoAA${ID_TAIL},${THREAD_ID}\\)` +
    `|urn:li:(?:fsd_conversation|messagingThread):${THREAD_ID}` +
    '|urn:li:salesNav_thread:[A-Za-z0-9+/=_-]{1,300})$',
);
const MESSAGE_URN = new RegExp(`^(?:urn:li:msg_message:\\(urn:li:fsd_profile:ACoAA${ID_TAIL},${THREAD_ID}\\)|urn:li:messagingMessage:${THREAD_ID})$`);
// Whitespace and control characters never belong in a reference (a URL parser would silently drop some of them).
const SPACE_OR_CONTROL = /[\s\p{Cc}\p{Cf}]/u;

/** The forms a person can be named in. */
export type PersonRefKind = 'profile_urn' | 'profile_id' | 'member' | 'sales_profile_urn' | 'profile_url' | 'vanity';

/** Every form: what a send's recipient fields take. */
export const PERSON_REF_KINDS: readonly PersonRefKind[] = ['profile_urn', 'profile_id', 'member', 'sales_profile_urn', 'profile_url', 'vanity'];

/** A lead's profile: the forms the classic inbox resolves (a Sales Navigator profile URN cannot be, reference §5.13). */
export const LEAD_PROFILE_KINDS: readonly PersonRefKind[] = ['profile_urn', 'profile_id', 'member', 'profile_url', 'vanity'];

function isProfileId(value: string): boolean {
  return PROFILE_ID.test(value);
}

function isVanityName(value: string): boolean {
  return VANITY.test(value) && !TRUNCATED_ID.test(value);
}

/** The `/in/<name>` segment of a LinkedIn profile URL (decoded), or null when the value is not one. */
export function profileUrlName(value: string): string | null {
  if (SPACE_OR_CONTROL.test(value)) return null;
  let url: URL;
  try {
    url = new URL(/^[a-z][a-z0-9+.-]*:/i.test(value) ? value : `https://${value}`);
  } catch {
    return null;
  }
  if ((url.protocol !== 'https:' && url.protocol !== 'http:') || url.username || url.password || url.port) return null;
  // linkedin.com, www. or a country subdomain (de., uk.): the hosts profile-key.ts reads the same person from.
  if (!/^(?:[a-z]{2,3}\.)?linkedin\.com$/.test(url.hostname)) return null;
  const segment = /^\/in\/([^/]+)\/?/.exec(url.pathname)?.[1];
  if (!segment) return null;
  try {
    return decodeURIComponent(segment);
  } catch {
    return null;
  }
}

/** Which form a person reference takes, or null when it is none of them. */
export function personRefKind(value: string): PersonRefKind | null {
  if (PROFILE_URN.test(value)) return 'profile_urn';
  if (PROFILE_ID.test(value)) return 'profile_id';
  if (MEMBER_URN.test(value) || MEMBER_ID.test(value)) return 'member';
  if (SALES_PROFILE_URN.test(value)) return 'sales_profile_urn';
  const name = profileUrlName(value);
  if (name !== null) return isProfileId(name) || isVanityName(name) ? 'profile_url' : null;
  return isVanityName(value) ? 'vanity' : null;
}

/**
 * What is wrong with a person reference, as a phrase to follow the field name; null when it is valid
 * and of an accepted form.
 */
export function personRefProblem(value: string, accept: readonly PersonRefKind[] = PERSON_REF_KINDS): string | null {
  const kind = personRefKind(value);
  if (kind !== null && accept.includes(kind)) return null;
  const forms = accept.includes('sales_profile_urn')
    ? 'a profile URN (urn:li:fsd_profile:ACoAA…), a Sales Navigator profile URN, a member id, a profile URL (https://www.linkedin.com/in/<name>) or a vanity name'
    : 'a profile URN (urn:li:fsd_profile:ACoAA…), a profile id, a member id, a profile URL (https://www.linkedin.com/in/<name>) or a vanity name';
  if (kind === 'sales_profile_urn') return `is a Sales Navigator profile URN, which cannot be used here; give ${forms}`;
  if (value.trim() === '') return `is empty; give ${forms}`;
  if (SPACE_OR_CONTROL.test(value)) return `contains spaces, line breaks or control characters; give ${forms}`;
  const id = /^urn:li:[A-Za-z_]+:\(?(.*)$/.exec(value)?.[1] ?? profileUrlName(value) ?? value;
  if (TRUNCATED_ID.test(id)) return 'holds a shortened or placeholder profile id (such as "ACoAA..."); a profile id is "ACoAA" followed by 34 letters, digits, "-" or "_" (39 characters)';
  if (value.startsWith('urn:')) return `is not a supported LinkedIn person URN; give ${forms}`;
  if (/^[a-z][a-z0-9+.-]*:/i.test(value) || value.includes('/')) return `is not a LinkedIn profile URL (https://www.linkedin.com/in/<name>); give ${forms}`;
  return `is not a LinkedIn vanity name (3 to 100 letters, digits or hyphens); give ${forms}`;
}

/** True for a conversation URN: a mailbox's `msg_conversation`, the shared thread forms, or a Sales Navigator thread. */
export function isConversationUrn(value: string): boolean {
  return CONVERSATION_URN.test(value);
}

/** What is wrong with a conversation URN, as a phrase to follow the field name; null when it is valid. */
export function conversationUrnProblem(value: string): string | null {
  if (isConversationUrn(value)) return null;
  const shape = 'urn:li:msg_conversation:(urn:li:fsd_profile:ACoAA…,2-…) or urn:li:salesNav_thread:<id>';
  if (SPACE_OR_CONTROL.test(value)) return `contains spaces, line breaks or control characters; give a conversation URN, ${shape}`;
  if (/ACoAA(?![A-Za-z0-9_-]{34}[,)])/.test(value)) return `holds a shortened or placeholder profile id (such as "ACoAA..."); give the full conversation URN, ${shape}`;
  return `must be a conversation URN, ${shape}`;
}

/** What is wrong with a message URN, as a phrase to follow the field name; null when it is valid. */
export function messageUrnProblem(value: string): string | null {
  if (MESSAGE_URN.test(value)) return null;
  const shape = 'urn:li:msg_message:(urn:li:fsd_profile:ACoAA…,2-…)';
  if (SPACE_OR_CONTROL.test(value)) return `contains spaces, line breaks or control characters; give a message URN, ${shape}`;
  return `must be a message URN, ${shape}`;
}
