"""Serve a built site from a folder on 127.0.0.1, on a port the system picks, in a background thread;
or run `mkdocs serve` on the project, on another such port."""
from __future__ import annotations

import os
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

HOST = "127.0.0.1"


class QuietHandler(SimpleHTTPRequestHandler):
    # Request lines would bury pytest's report; failures are visible in the browser instead.
    def log_message(self, format: str, *args: object) -> None:
        pass


class QuietServer(ThreadingHTTPServer):
    # A browser that moves on to the next page before a response is sent whole closes the connection:
    # nothing is wrong, and the traceback the server would print would bury pytest's report.
    def handle_error(self, request: object, client_address: object) -> None:
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)  # type: ignore[arg-type]


@contextmanager
def serve(folder: Path) -> Iterator[str]:
    """Yield the base URL (ending in '/') of `folder` served over HTTP until the block ends."""
    # Port 0: concurrent test runs never clash over a fixed port.
    server = QuietServer((HOST, 0), partial(QuietHandler, directory=str(folder)))
    thread = threading.Thread(target=server.serve_forever, name=f"serve {folder}", daemon=True)
    thread.start()
    try:
        yield f"http://{HOST}:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


@contextmanager
def mkdocs_serve(data_root: Path, project: Path, **env: str) -> Iterator[str]:
    """Run `mkdocs serve` on the project with its data read from `data_root` (GPIA_DATA_ROOT), and
    yield its base URL once it answers; stopped when the block ends."""
    port = _free_port()
    environment = dict(os.environ, NO_MKDOCS_2_WARNING="1", GPIA_DATA_ROOT=str(data_root), **env)
    server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"{HOST}:{port}",
                               "--config-file", str(project / "mkdocs.yml")], cwd=project, env=environment,
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    base = f"http://{HOST}:{port}/"
    try:
        for _ in range(240):
            try:
                urllib.request.urlopen(base, timeout=2)
                break
            except OSError:
                if server.poll() is not None:
                    raise RuntimeError(f"mkdocs serve stopped: {server.stderr.read()}") from None
                time.sleep(0.5)
        yield base
    finally:
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
