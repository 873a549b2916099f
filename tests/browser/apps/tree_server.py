"""A stand-in dev server with a process tree, like npm -> node -> esbuild.

Usage: tree_server.py PORT [--detach-grandchild]. It spawns a child which spawns a grandchild
(optionally in a new session, as some tools do), then serves HTTP on 127.0.0.1:PORT.
"""

from __future__ import annotations

import http.server
import os
import subprocess
import sys

port = int(sys.argv[1])
detach = "--detach-grandchild" in sys.argv
child_code = (
    "import subprocess, sys, time;"
    f"subprocess.Popen([sys.executable, '-c', 'import time; time.sleep(600)'], start_new_session={detach});"
    "time.sleep(600)"
)
subprocess.Popen([sys.executable, "-c", child_code])
print(f"tree server pid {os.getpid()} on port {port}", flush=True)


class Handler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass


http.server.ThreadingHTTPServer(("127.0.0.1", port), Handler).serve_forever()
