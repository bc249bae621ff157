import { profileKeyOf } from '@threadline/domain';
import type { LeadEntity } from '@threadline/db';

/** The lead's name from its attributes, or null. */
export function leadName(lead: Pick<LeadEntity, 'attributes'>): string | null {
  return [lead.attributes.firstName, lead.attributes.lastName].filter(Boolean).join(' ') || null;
}

/**
 * Temporal user metadata of a lead's run, so the Web UI's list reads "Marcus Johnson · Q4 founders · 5 steps"
 * rather than `lead:<uuid>:<uuid>`; the run's page links the profile. The current step is the run's own
 * details (`setCurrentDetails` in the workflow).
 */
export function leadRunMetadata(lead: Pick<LeadEntity, 'attributes' | 'profileRef'>, campaignName: string, stepCount: number): { staticSummary: string; staticDetails: string } {
  const who = leadName(lead) ?? profileKeyOf(lead.profileRef);
  const profileUrl = /^https?:\/\//i.test(lead.profileRef) ? lead.profileRef : `https://www.linkedin.com/in/${encodeURIComponent(profileKeyOf(lead.profileRef))}/`;
  return {
    staticSummary: `${who} · ${campaignName} · ${stepCount} ${stepCount === 1 ? 'step' : 'steps'}`,
    staticDetails: `**Lead** [${who}](${profileUrl})\n\n**Campaign** ${campaignName}`,
  };
}
