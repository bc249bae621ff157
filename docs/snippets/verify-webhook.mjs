// A Threadline webhook receiver with no dependencies (Node 18+): WEBHOOK_SECRET=whsec_… PORT=8080 node verify-webhook.mjs
// X-Webhook-Signature is "sha256=" + the hex HMAC-SHA256 of the raw body, keyed with the endpoint's secret.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer } from 'node:http';

export function verifyWebhook(secret, rawBody, signatureHeader) {
  if (typeof signatureHeader !== 'string') return false;
  const expected = Buffer.from(`sha256=${createHmac('sha256', secret).update(rawBody).digest('hex')}`);
  const given = Buffer.from(signatureHeader);
  return expected.length === given.length && timingSafeEqual(expected, given);
}

const secret = process.env.WEBHOOK_SECRET;
if (!secret) throw new Error('Set WEBHOOK_SECRET to the secret POST /v1/webhooks answered (whsec_…)');
const handled = new Set(); // X-Webhook-Id of events already handled: retries and redeliveries repeat it (use your database)

const server = createServer((req, res) => {
  const chunks = [];
  req.on('data', (chunk) => chunks.push(chunk));
  req.on('end', () => {
    // Verify the bytes as they arrived, before parsing: re-serialized JSON would not match.
    const rawBody = Buffer.concat(chunks);
    if (req.method !== 'POST' || !verifyWebhook(secret, rawBody, req.headers['x-webhook-signature'])) {
      res.writeHead(401).end();
      return;
    }
    const event = JSON.parse(rawBody.toString('utf8'));
    if (!handled.has(event.id)) {
      handled.add(event.id);
      console.log(`${event.event} ${event.id}`); // handle the event here
    }
    res.writeHead(200).end(); // answer 2xx within 15 s, or the delivery is retried
  });
});
server.listen(Number(process.env.PORT ?? 8080), () => console.log(`listening on ${server.address().port}`));
