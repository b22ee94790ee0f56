#!/usr/bin/env python3
"""A real HTTP/1.1 server on 127.0.0.1 for chipwatch's fetch tests.

Prints "PORT <n>" on stdout once listening, then serves until killed. Every path is a
behaviour a feed host can show: validators and 304s, gzip, chunked bodies, slow and
hanging responses, 5xx, 429/503 with Retry-After, redirects (also to file:// and in a
loop), oversized and gzip-bomb bodies. /stats reports hits, request headers and the peak
number of concurrent requests, so tests can check what chipwatch sent.
"""
import gzip
import random
import hashlib
import os
import json
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlparse

# `feed_server.py [ROOT]`: /files/NAME serves ROOT/NAME.
ROOT = sys.argv[1] if len(sys.argv) > 1 else None

FEED = b"""<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>
<item><title>Ascend 950PR ships</title><guid>a1</guid></item></channel></rss>
"""
BENCH_BODY = FEED.replace(b"</channel>", b"<item><title>filler</title><description>" + b"x" * 40000
                          + b"</description></item></channel>")
LOCK = threading.Lock()
STATS = {"hits": {}, "headers": {}, "active": 0, "peak": 0}
FLAKY = {}


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def send(self, status, body=b"", headers=None):
        self.send_response(status)
        headers = headers or {}
        for name, value in headers.items():
            self.send_header(name, value)
        if "Transfer-Encoding" not in headers:
            self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD" and body:
            self.wfile.write(body)

    def do_GET(self):
        url = urlparse(self.path)
        query = {k: v[0] for k, v in parse_qs(url.query).items()}
        path = url.path
        with LOCK:
            STATS["hits"][path] = STATS["hits"].get(path, 0) + 1
            STATS["headers"][path] = {k.lower(): v for k, v in self.headers.items()}
            STATS["active"] += 1
            STATS["peak"] = max(STATS["peak"], STATS["active"])
        try:
            self.route(path, query)
        finally:
            with LOCK:
                STATS["active"] -= 1

    def route(self, path, q):
        if path.startswith("/files/") and ROOT:
            # The files of the folder given on the command line, with ETags (the demo's samples).
            file = os.path.join(ROOT, os.path.basename(path))
            if not os.path.isfile(file):
                return self.send(404, b"no such file")
            with open(file, "rb") as f:
                data = f.read()
            etag = '"%s"' % hashlib.sha1(data).hexdigest()
            if self.headers.get("If-None-Match") == etag:
                return self.send(304, b"", {"ETag": etag})
            return self.send(200, data, {"ETag": etag, "Content-Type": "application/xml"})
        if path == "/stats":
            with LOCK:
                body = json.dumps(STATS).encode()
            return self.send(200, body, {"Content-Type": "application/json"})
        if path == "/reset":
            with LOCK:
                STATS.update({"hits": {}, "headers": {}, "active": 0, "peak": 0})
            return self.send(200, b"ok")
        if path.startswith("/feed/etag"):
            etag = '"v-' + q.get("v", "1") + '"'
            if self.headers.get("If-None-Match") == etag:
                return self.send(304, b"", {"ETag": etag})
            return self.send(200, FEED + q.get("v", "1").encode(), {"ETag": etag, "Content-Type": "application/rss+xml"})
        if path.startswith("/bench/"):
            # A realistic-size feed (about 40 KB) per number, with an ETag, for benchmarks.
            etag = '"b-' + path.split("/")[2] + '"'
            if self.headers.get("If-None-Match") == etag:
                return self.send(304, b"", {"ETag": etag})
            return self.send(200, BENCH_BODY, {"ETag": etag, "Content-Type": "application/rss+xml"})
        if path == "/fulltext/feed":
            base = "http://" + self.headers.get("Host", "127.0.0.1")
            body = ('<rss version="2.0"><channel><title>full</title>'
                    '<item><title>Article one</title><link>%s/fulltext/article/1</link><guid>a1</guid>'
                    '<description>Short teaser.</description></item>'
                    '<item><title>A PDF</title><link>%s/fulltext/pdf</link><guid>a2</guid></item>'
                    '</channel></rss>' % (base, base)).encode()
            return self.send(200, body, {"Content-Type": "application/rss+xml"})
        if path == "/fulltext/article/1":
            page = ("<html><head><title>t</title><script>var x = 'tracking';</script></head><body>"
                    "<nav><a href='/'>Home</a> <a href='/news'>News</a></nav><header>Site header</header>"
                    "<article><h1>Article one</h1><p>Huawei said on Friday that the Ascend 950PR is now shipping "
                    "to customers in China.</p><p>The chip delivers 1 PFLOPS at FP8 and carries 128 GB of its own "
                    "HBM, the company said in a statement.</p><aside>Related: other news</aside></article>"
                    "<footer>Copyright footer text</footer></body></html>")
            return self.send(200, page.encode(), {"Content-Type": "text/html; charset=utf-8"})
        if path == "/fulltext/pdf":
            return self.send(200, b"%PDF-1.4", {"Content-Type": "application/pdf"})
        if path.startswith("/feed/lastmod"):
            stamp = "Wed, 01 Apr 2026 10:00:00 GMT"
            if self.headers.get("If-Modified-Since") == stamp:
                return self.send(304)
            return self.send(200, FEED, {"Last-Modified": stamp})
        if path.startswith("/feed/plain"):
            return self.send(200, FEED, {"Content-Type": "application/rss+xml; charset=utf-8"})
        if path == "/gzip":
            return self.send(200, gzip.compress(FEED), {"Content-Encoding": "gzip"})
        if path == "/chunked":
            size = int(q.get("size", "100000"))
            self.send_response(200)
            self.send_header("Transfer-Encoding", "chunked")
            self.end_headers()
            sent, piece = 0, b"x" * 8192
            try:
                while sent < size:
                    chunk = piece[: min(len(piece), size - sent)]
                    self.wfile.write(b"%x\r\n%s\r\n" % (len(chunk), chunk))
                    sent += len(chunk)
                self.wfile.write(b"0\r\n\r\n")
            except (BrokenPipeError, ConnectionResetError):
                pass
            return
        if path == "/big":
            # noise=1: bytes that do not compress (the store compresses bodies as it keeps them).
            size = int(q.get("size", "2000000"))
            body = random.Random(size).randbytes(size) if q.get("noise") == "1" else b"y" * size
            try:
                return self.send(200, body)
            except (BrokenPipeError, ConnectionResetError):
                return
        if path == "/bomb":
            body = gzip.compress(b"\0" * int(q.get("size", str(64 * 1024 * 1024))), compresslevel=9)
            self.send_response(200)
            self.send_header("Content-Encoding", "gzip")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            try:
                self.wfile.write(body)
            except (BrokenPipeError, ConnectionResetError):
                pass
            return
        if path == "/slow":
            # Trickles one byte every half second, for far longer than any test waits.
            self.send_response(200)
            self.send_header("Content-Length", "1000")
            self.end_headers()
            try:
                for _ in range(1000):
                    self.wfile.write(b"z")
                    self.wfile.flush()
                    time.sleep(0.5)
            except (BrokenPipeError, ConnectionResetError):
                pass
            return
        if path == "/hang":
            time.sleep(float(q.get("s", "30")))
            return
        if path == "/delay":
            time.sleep(float(q.get("ms", "300")) / 1000)
            return self.send(200, FEED)
        if path.startswith("/status/"):
            code = int(path.split("/")[2])
            headers = {}
            if "retry" in q:
                headers["Retry-After"] = q["retry"]
            return self.send(code, b"status %d" % code, headers)
        if path.startswith("/flaky/"):
            # Fails with 500 the first n times for each path, then serves the feed.
            with LOCK:
                FLAKY[path] = FLAKY.get(path, 0) + 1
                count = FLAKY[path]
            if count <= int(q.get("n", "2")):
                return self.send(500, b"down")
            return self.send(200, FEED)
        if path == "/redirect/permanent":
            return self.send(301, b"", {"Location": "/feed/plain?from=301"})
        if path == "/redirect/308":
            return self.send(308, b"", {"Location": "/redirect/permanent"})
        if path == "/redirect/temporary":
            return self.send(302, b"", {"Location": "/feed/plain?from=302"})
        if path == "/redirect/file":
            return self.send(302, b"", {"Location": "file:///etc/passwd"})
        if path == "/redirect/loop":
            return self.send(302, b"", {"Location": "/redirect/loop"})
        return self.send(404, b"not found")

    do_HEAD = do_GET


class Server(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 256


def main():
    server = Server(("127.0.0.1", 0), Handler)
    print("PORT %d" % server.server_address[1], flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
