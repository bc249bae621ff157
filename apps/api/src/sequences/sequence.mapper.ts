import type { SequenceEntity, SequenceVersionEntity } from '@threadline/core';

export function toSequenceVersionResponse(version: SequenceVersionEntity) {
  return { id: version.id, sequenceId: version.sequenceId, version: version.version, steps: version.document.steps, createdAt: version.createdAt.toISOString() };
}

export function toSequenceResponse(sequence: SequenceEntity, versions?: SequenceVersionEntity[]) {
  return {
    id: sequence.id,
    name: sequence.name,
    draft: { steps: sequence.draft.steps },
    latestVersion: sequence.latestVersion || null,
    ...(versions ? { versions: versions.map((v) => ({ id: v.id, version: v.version, createdAt: v.createdAt.toISOString() })) } : {}),
    createdAt: sequence.createdAt.toISOString(),
    updatedAt: sequence.updatedAt.toISOString(),
  };
}
