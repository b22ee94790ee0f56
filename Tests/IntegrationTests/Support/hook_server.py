#!/usr/bin/env python3
"""A webhook receiver on 127.0.0.1 for chipwatch's notify tests.

    hook_server.py SECRET

Prints "PORT <n>", then accepts POSTs:
  /hook/ok[/...]       200
  /hook/flaky/N[/...]  503 (Retry-After: 1) for the first N requests to that path, then 200
  /hook/dead[/...]     500 always
  /hook/bad[/...]      400 always
  /hook/slow[/...]     waits 4 s, then 200
GET /received returns every request seen, in order: path, delivery key, timestamp, whether
the X-Chipwatch-Signature verifies with SECRET, the status answered, and the JSON body.
"""
import hashlib
import hmac
import json
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

SECRET = sys.argv[1].encode() if len(sys.argv) > 1 else b""
LOCK = threading.Lock()
RECEIVED = []
COUNTS = {}


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def reply(self, status, body=b"", headers=None):
        self.send_response(status)
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self):
        if self.path == "/received":
            with LOCK:
                return self.reply(200, json.dumps(RECEIVED).encode(), {"Content-Type": "application/json"})
        return self.reply(404, b"not found")

    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
        timestamp = self.headers.get("X-Chipwatch-Timestamp", "")
        signature = self.headers.get("X-Chipwatch-Signature", "")
        expected = "sha256=" + hmac.new(SECRET, timestamp.encode() + b"." + body, hashlib.sha256).hexdigest()
        parts = self.path.split("/")
        kind = parts[2] if len(parts) > 2 else ""
        with LOCK:
            COUNTS[self.path] = COUNTS.get(self.path, 0) + 1
            count = COUNTS[self.path]
        status, headers = 200, {}
        if kind == "flaky" and count <= int(parts[3]):
            status, headers = 503, {"Retry-After": "1"}
        elif kind == "dead":
            status = 500
        elif kind == "bad":
            status = 400
        elif kind == "slow":
            time.sleep(4)
        try:
            parsed = json.loads(body)
        except ValueError:
            parsed = None
        with LOCK:
            RECEIVED.append({"path": self.path, "key": self.headers.get("X-Chipwatch-Delivery"), "timestamp": timestamp,
                             "signed": bool(signature), "signature_ok": hmac.compare_digest(signature, expected),
                             "content_type": self.headers.get("Content-Type"), "status": status, "body": parsed})
        self.reply(status, b"ok" if status == 200 else b"no", headers)


class Server(ThreadingHTTPServer):
    daemon_threads = True


if __name__ == "__main__":
    server = Server(("127.0.0.1", 0), Handler)
    print("PORT %d" % server.server_address[1], flush=True)
    server.serve_forever()
