import type { VectorImage } from './common';

/** `GET /voyager/api/me` answer (plain JSON, no accept header). */
export interface MeResponse {
  miniProfile: MiniProfile;
  /** Member int id; some clients read it. */
  plainId?: number;
  premiumSubscriber?: boolean;
}

/** The mini profile inside `/me`. */
export interface MiniProfile {
  firstName: string;
  lastName: string;
  occupation?: string;
  publicIdentifier: string;
  memorialized?: boolean;
  /** `urn:li:fs_miniProfile:ACoAA…` */
  entityUrn: string;
  /** `urn:li:fsd_profile:ACoAA…` */
  dashEntityUrn?: string;
  /** Member id as a backend URN, when present. */
  objectUrn?: string;
  trackingId?: string;
  /** A union keyed by type name. */
  picture?: { 'com.linkedin.common.VectorImage'?: VectorImage };
}

/** Query parameter values of `GET /voyager/api/identity/dash/profiles`. */
export const IDENTITY_PROFILES_Q = 'memberIdentity';
/** Decoration used by the web top card; the emulator may ignore it. */
export const IDENTITY_PROFILES_DECORATION = 'com.linkedin.voyager.dash.deco.identity.profile.WebTopCardCore-18';

/** One profile element of the identity dash profiles answer. */
export interface IdentityDashProfile {
  $type?: string;
  _type?: string;
  /** `urn:li:fsd_profile:ACoAA…` */
  entityUrn: string;
  /** `urn:li:member:<n>` */
  objectUrn?: string;
  publicIdentifier?: string;
  firstName?: string;
  lastName?: string;
  headline?: string;
}

/** `GET /voyager/api/identity/dash/profiles?q=memberIdentity&memberIdentity=<vanity or member id>` (plain JSON). */
export interface IdentityDashProfilesResponse {
  elements: IdentityDashProfile[];
  paging?: { start: number; count: number; total?: number };
}
