import { Injectable } from '@nestjs/common';
import { isUUID } from 'class-validator';
import { SequencesRepository, type SequenceEntity, type SequenceVersionEntity } from '@threadline/db';
import { checkMessageLimits, DomainError, renderTemplate, type SequenceDocument, type TemplateVariables, validateSequence } from '@threadline/domain';
import type { AuthContext } from '../auth/auth-context';

export interface StepPreview {
  index: number;
  id: string;
  type: string;
  /** For sends: each variant rendered for the sample lead (a plain template is variant null). */
  messages?: Array<{ variantId: string | null; weight: number | null; text: string; length: number; missingVariables: string[]; problem: string | null }>;
}

export interface SequencePreview {
  sequenceId: string;
  version: number | null;
  valid: boolean;
  steps: StepPreview[];
}

/** Sequences: drafts that validate on every write, published as immutable versions. */
@Injectable()
export class SequencesService {
  constructor(private readonly sequences: SequencesRepository) {}

  async create(auth: AuthContext, name: string, document: unknown): Promise<SequenceEntity> {
    return this.sequences.create(auth.workspaceId, name, this.validated(document));
  }

  list(auth: AuthContext, limit: number, offset: number): Promise<SequenceEntity[]> {
    return this.sequences.listForWorkspace(auth.workspaceId, limit, offset);
  }

  async get(auth: AuthContext, id: string): Promise<{ sequence: SequenceEntity; versions: SequenceVersionEntity[] }> {
    const sequence = await this.find(auth, id);
    return { sequence, versions: await this.sequences.listVersions(auth.workspaceId, sequence.id) };
  }

  /** Edits the draft; published versions (and the leads pinned to them) never change. */
  async update(auth: AuthContext, id: string, changes: { name?: string; document?: unknown }): Promise<{ sequence: SequenceEntity; versions: SequenceVersionEntity[] }> {
    const sequence = await this.find(auth, id);
    await this.sequences.updateDraft(auth.workspaceId, sequence.id, { name: changes.name, draft: changes.document === undefined ? undefined : this.validated(changes.document) });
    return this.get(auth, id);
  }

  async publish(auth: AuthContext, id: string): Promise<SequenceVersionEntity> {
    await this.find(auth, id);
    const version = await this.sequences.publish(auth.workspaceId, id);
    if (!version) throw new DomainError('NOT_FOUND', `No sequence ${id} in this workspace.`);
    return version;
  }

  /** Renders every send step (each variant) for a sample lead, with LinkedIn's length limits checked. */
  async preview(auth: AuthContext, id: string, sample: { attributes: TemplateVariables; version?: number; seed?: string }): Promise<SequencePreview> {
    const sequence = await this.find(auth, id);
    let document: SequenceDocument = sequence.draft;
    if (sample.version !== undefined) {
      const version = await this.sequences.findVersionByNumber(auth.workspaceId, sequence.id, sample.version);
      if (!version) throw new DomainError('SEQUENCE_NOT_PUBLISHED', `Sequence ${id} has no published version ${sample.version}.`, { field: 'version' });
      document = version.document;
    }
    let valid = true;
    const steps = document.steps.map((step, index): StepPreview => {
      if (step.type !== 'typing_and_send') return { index, id: step.id, type: step.type };
      const variants = step.variants ?? [{ id: null, weight: null, template: step.template! }];
      const messages = variants.map((v) => {
        const rendered = renderTemplate(v.template, sample.attributes, `${sample.seed ?? 'preview'}:${step.id}`);
        const problem = rendered.missing.length ? `no value for ${rendered.missing.map((m) => `{{${m}}}`).join(', ')} and no fallback` : checkMessageLimits({ text: rendered.text });
        if (problem) valid = false;
        return { variantId: v.id, weight: v.id === null ? null : (v.weight ?? 1), text: rendered.text, length: rendered.text.length, missingVariables: rendered.missing, problem };
      });
      return { index, id: step.id, type: step.type, messages };
    });
    return { sequenceId: sequence.id, version: sample.version ?? null, valid, steps };
  }

  private validated(document: unknown): SequenceDocument {
    const result = validateSequence(document);
    if (result.ok) return result.sequence;
    const [first] = result.problems;
    const field = `steps${first!.path.slice('steps'.length)}`;
    throw new DomainError('VALIDATION_FAILED', `${first!.path}: ${first!.message}`, { field, details: { problems: result.problems } });
  }

  private async find(auth: AuthContext, id: string): Promise<SequenceEntity> {
    const sequence = isUUID(id) ? await this.sequences.findInWorkspace(auth.workspaceId, id) : null;
    if (!sequence) throw new DomainError('NOT_FOUND', `No sequence ${id} in this workspace.`);
    return sequence;
  }
}
