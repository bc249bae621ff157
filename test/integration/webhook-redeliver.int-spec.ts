import { WebhookDeliveryEntity, WebhookEndpointEntity, WebhooksRepository } from '@threadline/db';
import { createScratchDatabase, type ScratchDatabase } from './scratch-database';

describe('WebhooksRepository.reopenFailed', () => {
  let db: ScratchDatabase;
  let repo: WebhooksRepository;
  let workspaceId: string;
  let endpointId: string;

  beforeAll(async () => {
    db = await createScratchDatabase();
    repo = new WebhooksRepository(db.dataSource.getRepository(WebhookEndpointEntity), db.dataSource.getRepository(WebhookDeliveryEntity));
    [{ id: workspaceId }] = await db.dataSource.query(`INSERT INTO workspaces (name) VALUES ('redeliver') RETURNING id`);
    ({ id: endpointId } = await repo.createEndpoint({ workspaceId, url: 'https://hooks.example/x', events: ['message.sent'], description: null, secretEncrypted: 'sealed', secretPrefix: 'whsec_' }));
  });
  afterAll(() => db?.drop());

  it('reopens a failed delivery once, however many requests race, and never another workspace\'s', async () => {
    const id = await repo.enqueue(workspaceId, endpointId, 'evt_1', 'message.sent', { id: 'evt_1' });
    await repo.markFailed(id, 'the receiver answered HTTP 500');
    const [other] = await db.dataSource.query(`INSERT INTO workspaces (name) VALUES ('other') RETURNING id`);
    expect(await repo.reopenFailed(other.id, id)).toBeNull();
    const answers = await Promise.all([repo.reopenFailed(workspaceId, id), repo.reopenFailed(workspaceId, id), repo.reopenFailed(workspaceId, id)]);
    expect(answers.filter((a) => a !== null)).toEqual([1]);
    expect(await repo.findDelivery(workspaceId, endpointId, id)).toMatchObject({ status: 'pending', redeliveries: 1 });
    expect(await repo.stalePending(new Date(Date.now() + 1000), 10)).toEqual([{ id, redeliveries: 1 }]);
    // Delivered: nothing to reopen.
    await repo.recordAttempt(id, 200, null);
    expect(await repo.reopenFailed(workspaceId, id)).toBeNull();
  });
});
