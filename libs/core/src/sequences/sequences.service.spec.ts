import type { SequenceEntity, SequencesRepository } from '@threadline/db';
import { SequencesService } from './sequences.service';

const auth = { workspaceId: 'w', apiKeyId: 'k' };
const ID = '00000000-0000-4000-8000-000000000002';

function setup(draft = { steps: [{ id: 'a', type: 'typing_and_send' as const, variants: [{ id: 'A', template: '{Hi|Hey} {{firstName|there}}' }, { id: 'B', template: '{{company}}' }] }] }) {
  const repo = {
    create: jest.fn(async (_w: string, name: string, d: unknown) => ({ id: ID, name, draft: d }) as SequenceEntity),
    findInWorkspace: jest.fn(async () => ({ id: ID, draft }) as SequenceEntity),
  };
  return { service: new SequencesService(repo as unknown as SequencesRepository), repo };
}

describe('SequencesService', () => {
  it('refuses a bad document with the step and field in the message, the field and every problem in the error', async () => {
    const { service } = setup();
    const error = await service.create(auth, 'x', { steps: [{ type: 'typing_and_send', template: 'ok' }, { type: 'wait_for_reply' }] }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'VALIDATION_FAILED', field: 'steps[1].timeout', message: expect.stringMatching(/^steps\[1\]\.timeout: /) });
  });

  it('stores the normalised document (ids filled in)', async () => {
    const { service, repo } = setup();
    await service.create(auth, 'x', { steps: [{ type: 'typing_and_send', template: 'ok' }] });
    expect(repo.create).toHaveBeenCalledWith('w', 'x', { steps: [{ id: 'step-1', type: 'typing_and_send', template: 'ok', typing: true }] });
  });

  it('previews every variant for a sample lead and flags what cannot be sent', async () => {
    const { service } = setup();
    const preview = await service.preview(auth, ID, { attributes: { firstName: 'Ada' }, seed: 'lead-1' });
    expect(preview.valid).toBe(false);
    expect(preview.steps[0]!.messages![0]).toMatchObject({ variantId: 'A', text: expect.stringMatching(/^(Hi|Hey) Ada$/), problem: null });
    expect(preview.steps[0]!.messages![1]).toMatchObject({ variantId: 'B', missingVariables: ['company'], problem: expect.stringContaining('{{company}}') });
  });
});
