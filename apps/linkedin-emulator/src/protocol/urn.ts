// URN forms wire/ does not cover (assets, sales ids, miniProfile).
import { profileIdOf, parseParticipantUrn } from '@threadline/linkedin/wire';

export const miniProfileUrn = (profileId: string): string => `urn:li:fs_miniProfile:${profileId}`;
export const assetUrn = (assetId: string): string => `urn:li:digitalmediaAsset:${assetId}`;

/** Profile id of an fsd_profile/miniProfile URN or a participant URN. */
export function profileIdOfAny(urn: string): string | undefined {
  return profileIdOf(parseParticipantUrn(urn) ?? urn);
}

/** Sales Navigator ids swap the `ACoAA` prefix for `ACwAA` on the same member. */
export const salesIdOf = (profileId: string): string => profileId.replace(/^ACoAA/, 'ACwAA');
export const profileIdOfSalesId = (salesId: string): string => salesId.replace(/^ACwAA/, 'ACoAA');
