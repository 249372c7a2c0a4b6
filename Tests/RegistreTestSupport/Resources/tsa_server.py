#!/usr/bin/env python3
"""Loopback RFC 3161 time-stamping authority for the tests: `openssl ts -reply` behind HTTP.

Usage: tsa_server.py TSA_CONFIG [TLS_CERT TLS_KEY]. With a certificate and key it serves HTTPS. Prints the port it listens on (127.0.0.1), then serves until
killed.
"""
import http.server
import subprocess
import sys
import tempfile
import threading
import os
import ssl

CONFIG = sys.argv[1]


class Handler(http.server.BaseHTTPRequestHandler):
    def do_POST(self):
        length = int(self.headers.get("Content-Length", "0"))
        query = self.rfile.read(length)
        with tempfile.TemporaryDirectory() as folder:
            query_path = os.path.join(folder, "query.tsq")
            reply_path = os.path.join(folder, "reply.tsr")
            with open(query_path, "wb") as handle:
                handle.write(query)
            result = subprocess.run(
                ["openssl", "ts", "-reply", "-config", CONFIG, "-queryfile", query_path, "-out", reply_path],
                capture_output=True,
            )
            if result.returncode != 0:
                self.send_response(500)
                self.end_headers()
                return
            with open(reply_path, "rb") as handle:
                reply = handle.read()
        self.send_response(200)
        self.send_header("Content-Type", "application/timestamp-reply")
        self.send_header("Content-Length", str(len(reply)))
        self.end_headers()
        self.wfile.write(reply)

    def log_message(self, *arguments):
        pass


server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
if len(sys.argv) == 4:
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(sys.argv[2], sys.argv[3])
    server.socket = context.wrap_socket(server.socket, server_side=True)
print(server.server_address[1], flush=True)
# Serves until the test kills it (RegistreTestSupport's ChildProcess does when the LocalTSA is released).
server.serve_forever()
