"""A real plain web server on 127.0.0.1 serving a folder of packs, as a team lead's would.

It answers conditional requests the way nginx or object storage does: an
ETag (a hash of the content) and Last-Modified on every 200, and 304 Not
Modified when If-None-Match or If-Modified-Since says the client is current.
Every request is logged (path, status, the conditional headers it carried).
"""

from __future__ import annotations

import email.utils
import hashlib
import http.server
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class Served:
    root: Path
    port: int
    requests: list[tuple[str, int, str | None, str | None]] = field(default_factory=list)
    etags: bool = True

    def url(self, name: str) -> str:
        return f"http://127.0.0.1:{self.port}/{name}"

    def statuses(self, name: str) -> list[int]:
        return [status for path, status, _e, _m in self.requests if path == f"/{name}"]


@contextmanager
def serve_packs(root: Path, *, etags: bool = True) -> Iterator[Served]:
    served = Served(root, 0, etags=etags)

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            path = root / self.path.lstrip("/").split("?", 1)[0]
            inm = self.headers.get("If-None-Match")
            ims = self.headers.get("If-Modified-Since")
            if not path.is_file():
                self._reply(404, b"not found", inm, ims)
                return
            data = path.read_bytes()
            etag = '"' + hashlib.sha1(data).hexdigest() + '"'
            mtime = int(path.stat().st_mtime)
            modified = email.utils.formatdate(mtime, usegmt=True)
            fresh = inm == etag if (inm and served.etags) else False
            if not fresh and ims and not inm:
                since = email.utils.parsedate_to_datetime(ims).timestamp()
                fresh = mtime <= since
            if fresh:
                self._reply(304, b"", inm, ims)
                return
            headers = {"Last-Modified": modified}
            if served.etags:
                headers["ETag"] = etag
            self._reply(200, data, inm, ims, headers)

        def _reply(
            self,
            status: int,
            body: bytes,
            inm: str | None,
            ims: str | None,
            headers: dict[str, str] | None = None,
        ) -> None:
            served.requests.append((self.path, status, inm, ims))
            self.send_response(status)
            for key, value in (headers or {}).items():
                self.send_header(key, value)
            if status != 304:
                self.send_header("Content-Type", "application/toml; charset=utf-8")
                self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if status != 304:
                self.wfile.write(body)

        def log_message(self, format: str, *args: object) -> None:
            pass  # the requests list is the log

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    served.port = server.server_address[1]
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield served
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
