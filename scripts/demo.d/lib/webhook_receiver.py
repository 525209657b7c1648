#!/usr/bin/env python3
"""The demo's stand-in for a single window's webhook endpoint: answers 503 to the first delivery of
each conversation (so the demo shows Greenlane retrying), then checks the Greenlane-Signature
(HMAC-SHA256 of "<t>.<body>" under the secret) and records the delivery as one JSON line.
usage: webhook_receiver.py PORT SECRET_FILE OUT_FILE"""
import hashlib
import hmac
import http.server
import json
import sys

port, secret_file, out_file = int(sys.argv[1]), sys.argv[2], sys.argv[3]
seen = set()


class Receiver(http.server.BaseHTTPRequestHandler):
    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
        conversation = self.headers.get("Greenlane-Conversation-Id", "")
        if conversation not in seen:
            seen.add(conversation)
            self.send_response(503)
            self.end_headers()
            return
        fields = dict(part.split("=", 1) for part in self.headers.get("Greenlane-Signature", "").split(","))
        secret = open(secret_file).read().strip().encode()
        expected = hmac.new(secret, (fields.get("t", "") + ".").encode() + body, hashlib.sha256).hexdigest()
        record = {"conversation": conversation, "attempt": self.headers.get("Greenlane-Delivery-Attempt"),
                  "signature_valid": hmac.compare_digest(expected, fields.get("v1", "")),
                  "body": json.loads(body)}
        with open(out_file, "a") as out:
            out.write(json.dumps(record) + "\n")
        self.send_response(204)
        self.end_headers()

    def log_message(self, *args):
        pass


http.server.HTTPServer(("127.0.0.1", port), Receiver).serve_forever()
