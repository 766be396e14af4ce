"""`newsdigest serve`: build, serve on localhost, rebuild when sources change, reload the open page.

A small polling watcher (no extra dependency) and a tiny reload script that the server injects into HTML
responses only; built files never contain it.
"""
from __future__ import annotations

import os
import sys
import threading
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

GENERATION_PATH = "/__newsdigest/generation"
# The page carries the build generation it was served from, so a rebuild that lands before the first poll
# still triggers a reload.
RELOAD_SCRIPT = (
    "<script>/* added by newsdigest serve, not part of the built site */(function(){var seen='%d';"
    "setInterval(function(){fetch('" + GENERATION_PATH + "',{cache:'no-store'}).then(function(r){return r.text()})"
    ".then(function(g){if(g!==seen){location.reload()}}).catch(function(){})},1000)})();"
    "</script>"
)


def snapshot(paths: list[Path]) -> tuple:
    """(path, mtime, size) of every file under the watched paths: any edit, addition or removal changes it."""
    entries = []
    for root in paths:
        if root.is_file():
            files = [root]
        elif root.is_dir():
            files = [Path(d) / f for d, _dirs, names in os.walk(root) for f in names]
        else:
            continue
        for f in files:
            try:
                st = f.stat()
            except OSError:
                continue
            entries.append((str(f), st.st_mtime_ns, st.st_size))
    return tuple(sorted(entries))


def inject_reload(html: bytes, generation: int) -> bytes:
    script = (RELOAD_SCRIPT % generation).encode()
    at = html.rfind(b"</body>")
    return html + script if at < 0 else html[:at] + script + html[at:]


class LiveState:
    def __init__(self):
        self.generation = 0
        self.lock = threading.Lock()

    def bump(self) -> None:
        with self.lock:
            self.generation += 1


class LiveReloadHandler(SimpleHTTPRequestHandler):
    state: LiveState = LiveState()

    def do_GET(self):  # noqa: N802 (http.server naming)
        if self.path.split("?")[0] == GENERATION_PATH:
            return self._send(str(self.state.generation).encode(), "text/plain")
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            if not self.path.split("?")[0].endswith("/"):
                return super().do_GET()  # let http.server redirect to the slash form
            path = path / "index.html"
        if path.suffix == ".html" and path.is_file():
            return self._send(inject_reload(path.read_bytes(), self.state.generation), "text/html; charset=utf-8")
        return super().do_GET()

    def _send(self, body: bytes, content_type: str) -> None:
        self.send_response(200)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, fmt, *args):  # keep the terminal for build output
        pass


def serve(build, watch: list[Path], out: Path, host: str = "127.0.0.1", port: int = 8000,
          interval: float = 0.5, stop: threading.Event | None = None, ready=None) -> int:
    """Build with `build(base_url)`, serve `out`, rebuild on changes until `stop` is set or Ctrl-C."""
    state = LiveState()
    handler = type("Handler", (LiveReloadHandler,), {"state": state})
    server = ThreadingHTTPServer((host, port), partial(handler, directory=str(out)))
    base_url = f"http://{host}:{server.server_address[1]}/"
    seen = snapshot(watch)  # taken before the build, so an edit made during it is not missed
    build(base_url)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    print(f"serving {out} at {base_url} (Ctrl-C stops)", file=sys.stderr)
    if ready:
        ready(base_url)
    stop = stop or threading.Event()
    try:
        while not stop.wait(interval):
            now = snapshot(watch)
            if now != seen:
                seen = now
                try:
                    build(base_url)
                except Exception as exc:  # a broken template must not kill the server; show it and go on
                    print(f"rebuild failed: {exc}", file=sys.stderr)
                state.bump()
    except KeyboardInterrupt:
        pass
    finally:
        server.shutdown()
        server.server_close()
    return 0
