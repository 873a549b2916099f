"""A static server that logs every request: serves the current directory on 127.0.0.1:PORT and
appends one line per request to LOG: the path, then the User-Agent.

Usage: logging_server.py PORT LOG
"""

from __future__ import annotations

import http.server
import sys
import threading

port, log = int(sys.argv[1]), sys.argv[2]
lock = threading.Lock()


class Handler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass

    def do_GET(self) -> None:
        with lock, open(log, "a", encoding="utf-8") as out:
            out.write(f"{self.path}\t{self.headers.get('User-Agent', '')}\n")
        super().do_GET()


http.server.ThreadingHTTPServer(("127.0.0.1", port), Handler).serve_forever()
