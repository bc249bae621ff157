import {
  IDENTITY_PROFILES_DECORATION,
  IDENTITY_PROFILES_Q,
  PATHS,
  URN_PREFIX,
  encodeRestliString,
  isProfileId,
  memberIdOf,
  profileIdOf,
  profileUrn,
  type IdentityDashProfile,
  type MeResponse,
} from './wire';
import { PROFILES } from './build-headers';
import type { ClientContext } from './client-context';
import { LinkedInError } from './linkedin-error';
import type { LinkedInMe } from './types';
import type { VoyagerHttp } from './voyager-http';

/** GET /voyager/api/me: the session's own profile. */
export async function fetchMe(http: VoyagerHttp): Promise<LinkedInMe> {
  const body = await http.json<MeResponse>({ method: 'GET', path: PATHS.me, profile: PROFILES.me });
  const mini = body?.miniProfile;
  const id = mini ? (profileIdOf(mini.dashEntityUrn ?? '') ?? profileIdOf(mini.entityUrn)) : undefined;
  if (!mini || !id) throw new LinkedInError('unknown', 'LinkedIn /me answered without a miniProfile; the session may be invalid.', { reason: 'bad_response' });
  const memberId = body.plainId ?? memberIdOf(mini.objectUrn ?? '');
  return {
    profileUrn: profileUrn(id),
    memberId,
    firstName: mini.firstName,
    lastName: mini.lastName,
    publicIdentifier: mini.publicIdentifier,
    occupation: mini.occupation,
  };
}

/** Any recipient reference → `urn:li:fsd_profile:…`; looks up vanity names and member ids. */
export async function resolveRecipient(ctx: ClientContext, ref: string): Promise<string> {
  const value = ref.trim();
  if (!value) throw new LinkedInError('invalid_request', 'The recipient is empty; pass a profile URN, profile id, member id, vanity name or profile URL.');
  const direct = profileIdOf(value);
  if (direct) return profileUrn(direct);
  if (isProfileId(value)) return profileUrn(value);
  if (value.startsWith(URN_PREFIX.salesProfile)) {
    throw new LinkedInError('invalid_request', 'A Sales Navigator profile URN cannot address a normal message; pass the member profile URN, or send an InMail.');
  }
  const member = memberIdOf(value);
  if (member !== undefined) return lookupIdentity(ctx, String(member));
  if (/^\d+$/.test(value)) return lookupIdentity(ctx, value);
  if (value.startsWith('urn:')) throw new LinkedInError('invalid_request', `Unsupported recipient URN ${value}; pass a urn:li:fsd_profile URN.`);
  const slug = vanityFromRef(value);
  if (isProfileId(slug)) return profileUrn(slug);
  return lookupIdentity(ctx, slug);
}

/** The vanity part of `https://www.linkedin.com/in/<vanity>/`, or the input itself. */
export function vanityFromRef(ref: string): string {
  const match = /linkedin\.com\/in\/([^/?#]+)/i.exec(ref) ?? /^\/?in\/([^/?#]+)/.exec(ref);
  const raw = match ? match[1] : ref;
  try {
    return decodeURIComponent(raw).trim();
  } catch {
    return raw.trim();
  }
}

async function lookupIdentity(ctx: ClientContext, identity: string): Promise<string> {
  const path =
    `${PATHS.identityProfiles}?q=${IDENTITY_PROFILES_Q}&memberIdentity=${encodeRestliString(identity)}` +
    `&decorationId=${encodeRestliString(IDENTITY_PROFILES_DECORATION)}`;
  const body = await ctx.http.json<unknown>({ method: 'GET', path, profile: PROFILES.restJson });
  const urn = firstProfileUrn(body);
  if (!urn) throw new LinkedInError('not_found', `No LinkedIn profile matches "${identity}"; check the vanity name or member id.`, { status: 200 });
  return urn;
}

// Accepts the plain `{elements}` answer and the normalized `{data:{'*elements'}, included}` one.
function firstProfileUrn(body: unknown): string | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const plain = body as { elements?: IdentityDashProfile[]; data?: { '*elements'?: string[] }; included?: IdentityDashProfile[] };
  const candidates = [
    ...(plain.elements ?? []).map((e) => e.entityUrn),
    ...(plain.data?.['*elements'] ?? []),
    ...(plain.included ?? []).map((e) => e.entityUrn),
  ];
  return candidates.find((urn) => typeof urn === 'string' && urn.startsWith(URN_PREFIX.fsdProfile));
}
