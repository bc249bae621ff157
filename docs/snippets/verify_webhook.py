# A Threadline webhook receiver, standard library only (Python 3.8+): WEBHOOK_SECRET=whsec_… PORT=8080 python3 verify_webhook.py
# X-Webhook-Signature is "sha256=" + the hex HMAC-SHA256 of the raw body, keyed with the endpoint's secret.
import hashlib
import hmac
import json
import os
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


def verify_webhook(secret, raw_body, signature_header):
    if not signature_header:
        return False
    expected = "sha256=" + hmac.new(secret.encode("utf-8"), raw_body, hashlib.sha256).hexdigest()
    return hmac.compare_digest(expected.encode("utf-8"), signature_header.encode("utf-8"))


SECRET = os.environ["WEBHOOK_SECRET"]  # the secret POST /v1/webhooks answered (whsec_…)
handled = set()  # X-Webhook-Id of events already handled: retries and redeliveries repeat it (use your database)


class WebhookHandler(BaseHTTPRequestHandler):
    def do_POST(self):
        # Verify the bytes as they arrived, before parsing: re-serialized JSON would not match.
        raw_body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
        if not verify_webhook(SECRET, raw_body, self.headers.get("X-Webhook-Signature")):
            self.send_response(401)
            self.end_headers()
            return
        event = json.loads(raw_body)
        if event["id"] not in handled:
            handled.add(event["id"])
            print(event["event"], event["id"], flush=True)  # handle the event here
        self.send_response(200)  # answer 2xx within 15 s, or the delivery is retried
        self.end_headers()

    def log_message(self, *args):
        pass  # one line per event above is enough


server = ThreadingHTTPServer(("", int(os.environ.get("PORT", "8080"))), WebhookHandler)
print("listening on", server.server_address[1], flush=True)
server.serve_forever()
