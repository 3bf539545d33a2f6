"""Fetch team packs from where a team lead publishes them: a file, a folder, a URL.

No server of ours: a file on a network share or USB stick, a folder of packs
(a synced folder), or any plain web server. URLs are fetched with
conditional requests (ETag, If-Modified-Since), so an unchanged pack costs one
small request; every read is bounded in size and time, so nothing a source
does can hang the app. urllib (stdlib) does the HTTP: one GET per pack and its
signature needs no more.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from quickreply.core.library.signing import SIGNATURE_SUFFIX, signature_path

if TYPE_CHECKING:
    import http.client

# urllib, http.client and email are imported where a URL is fetched: together
# they cost every start of the app some 40 ms, and most starts fetch nothing.

SourceKind = Literal["file", "folder", "url"]
MAX_PACK_BYTES = 64 * 1024 * 1024  # far above any real pack; stops a runaway download
HTTP_TIMEOUT_S = 15.0


class SourceError(Exception):
    """The source cannot be reached or read; the last good copy stays in use."""


@dataclass(frozen=True, slots=True)
class Fetched:
    """One pack file as published, with its signature file if there is one."""

    name: str  # file name or URL, for messages
    data: bytes
    signature: str | None = None


@dataclass
class FetchResult:
    packs: list[Fetched] = field(default_factory=list)
    not_modified: bool = False
    etag: str | None = None
    last_modified: str | None = None


def kind_of(source: str) -> SourceKind:
    lowered = source.lower()
    if lowered.startswith(("http://", "https://")):
        return "url"
    return "folder" if Path(source).is_dir() else "file"


def fetch(
    source: str,
    kind: SourceKind,
    *,
    etag: str | None = None,
    last_modified: str | None = None,
    want_signature: bool = False,
) -> FetchResult:
    """Read the pack(s) of a source; raises SourceError when it cannot be reached."""
    if kind == "url":
        return _fetch_url(source, etag, last_modified, want_signature)
    if kind == "folder":
        folder = Path(source)
        if not folder.is_dir():
            raise SourceError(f"the folder {folder} cannot be reached (unplugged or offline?)")
        files = sorted(p for p in folder.glob("*.toml") if p.is_file())
        return FetchResult([_read_file(p) for p in files])
    path = Path(source)
    if not path.is_file():
        raise SourceError(f"the file {path} cannot be reached (moved, unplugged or offline?)")
    return FetchResult([_read_file(path)])


def _read_file(path: Path) -> Fetched:
    try:
        size = path.stat().st_size
        if size > MAX_PACK_BYTES:
            raise SourceError(f"{path} is {size // 1_000_000} MB: too big for a pack")
        data = path.read_bytes()
        sig_path = signature_path(path)
        sig = sig_path.read_text(encoding="utf-8") if sig_path.is_file() else None
    except (OSError, UnicodeDecodeError) as exc:
        raise SourceError(f"cannot read {path}: {getattr(exc, 'strerror', None) or exc}") from None
    return Fetched(str(path), data, sig)


def _fetch_url(
    url: str, etag: str | None, last_modified: str | None, want_signature: bool
) -> FetchResult:
    import urllib.error
    import urllib.request

    headers = {"User-Agent": "QuickReply", "Accept-Encoding": "identity"}
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    try:
        with urllib.request.urlopen(
            urllib.request.Request(url, headers=headers), timeout=HTTP_TIMEOUT_S
        ) as response:
            data = _read_bounded(response, url)
            new_etag = response.headers.get("ETag")
            new_modified = response.headers.get("Last-Modified")
    except urllib.error.HTTPError as exc:
        if exc.code == 304:
            return FetchResult(not_modified=True, etag=etag, last_modified=last_modified)
        raise SourceError(f"{url}: the server answered {exc.code} {exc.reason}") from None
    except (urllib.error.URLError, OSError, ValueError) as exc:
        reason = getattr(exc, "reason", None) or exc
        raise SourceError(f"{url} cannot be reached: {reason}") from None
    signature = _fetch_signature(url) if want_signature else None
    return FetchResult([Fetched(url, data, signature)], etag=new_etag, last_modified=new_modified)


def _fetch_signature(url: str) -> str | None:
    """The `.sig` beside the pack; None if the server has none (404)."""
    import urllib.error
    import urllib.request

    sig_url = url.split("?", 1)[0] + SIGNATURE_SUFFIX
    try:
        with urllib.request.urlopen(
            urllib.request.Request(sig_url, headers={"User-Agent": "QuickReply"}),
            timeout=HTTP_TIMEOUT_S,
        ) as response:
            return _read_bounded(response, sig_url, limit=64 * 1024).decode("utf-8", "replace")
    except urllib.error.HTTPError as exc:
        if exc.code in (404, 410):
            return None
        raise SourceError(f"{sig_url}: the server answered {exc.code} {exc.reason}") from None
    except (urllib.error.URLError, OSError, ValueError) as exc:
        raise SourceError(f"{sig_url} cannot be reached: {getattr(exc, 'reason', exc)}") from None


def _read_bounded(
    response: http.client.HTTPResponse, url: str, limit: int = MAX_PACK_BYTES
) -> bytes:
    data = response.read(limit + 1)
    if len(data) > limit:
        raise SourceError(f"{url} is larger than {limit // 1_000_000} MB: not a pack")
    return data


def http_date(timestamp: float) -> str:
    """A Last-Modified value, as the tests' server and the CLI print it."""
    import email.utils

    return email.utils.formatdate(timestamp, usegmt=True)
