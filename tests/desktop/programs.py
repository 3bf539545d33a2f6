"""Real programs to paste into: browsers, a GTK3 window, terminals, a Qt window.

Each is started on a test display and reports the exact text it holds:
- Chromium and Firefox ESR load a page from a small HTTP server on 127.0.0.1
  (this module's PageServer); the page posts its textarea's value back on
  every input event.
- The GTK3 window (gtk_target.py, system Python with python3-gi) and the Qt
  window (target_app.py) write their text to a state file.
- xterm and xfce4-terminal run term_reader.py, which records the bytes the
  terminal types (raw tty: a pasted line break arrives as CR).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pytest

from tests.desktop.apps import HERE, read_json, start_target
from tests.desktop.xserver import XDisplay, wait_for

PAGE = """<!doctype html>
<html><head><meta charset="utf-8"><title>QR Page {name}</title></head>
<body style="margin:0">
<textarea id="chat" autofocus style="width:95vw;height:80vh"></textarea>
<script>
const box = document.getElementById("chat");
let seq = 0;
function report() {{
  seq += 1;
  fetch("/state?name={name}&seq=" + seq, {{method: "POST", body: box.value}});
}}
box.addEventListener("input", report);
window.addEventListener("load", () => {{ box.focus(); report(); }});
</script></body></html>
"""


class PageServer:
    """Serves the chat page and keeps the latest text each page posted.

    With `state_dir`, each page's text is also written to STATE_DIR/NAME.json
    ({"text": ...}), the form the paste driver's --target-state reads.
    """

    def __init__(self, state_dir: Path | None = None) -> None:
        self.texts: dict[str, tuple[int, str]] = {}
        self.state_dir = state_dir
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                query = parse_qs(urlparse(self.path).query)
                body = PAGE.format(name=query.get("name", ["x"])[0]).encode("utf-8")
                self.send_response(200)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def do_POST(self) -> None:
                query = parse_qs(urlparse(self.path).query)
                length = int(self.headers.get("Content-Length") or 0)
                text = self.rfile.read(length).decode("utf-8")
                name, seq = query["name"][0], int(query["seq"][0])
                if seq >= server.texts.get(name, (0, ""))[0]:
                    server.texts[name] = (seq, text)
                    server.write_state(name, text)
                self.send_response(204)
                self.end_headers()

            def log_message(self, format: str, *args: object) -> None:
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def write_state(self, name: str, text: str) -> None:
        if self.state_dir is None:
            return
        path = self.state_dir / f"{name}.json"
        tmp = path.with_suffix(f".{threading.get_ident()}.tmp")
        tmp.write_text(json.dumps({"text": text}, ensure_ascii=False), encoding="utf-8")
        os.replace(tmp, path)

    def state_file(self, name: str) -> Path:
        assert self.state_dir is not None
        return self.state_dir / f"{name}.json"

    def url(self, name: str) -> str:
        return f"http://127.0.0.1:{self.httpd.server_address[1]}/chat?name={name}"

    def text(self, name: str) -> str | None:
        entry = self.texts.get(name)
        return entry[1] if entry else None

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


@dataclass
class Program:
    """A running program with a window to paste into and a way to read its text."""

    name: str
    wid: int
    read: Callable[[], str | None]
    procs: list[subprocess.Popen[bytes]] = field(default_factory=list)
    # terminals type a line break as CR
    newline: str = "\n"
    state_file: Path | None = None  # where it keeps {"text": ...} (browsers: with a state_dir)

    def text(self) -> str:
        return self.read() or ""

    def expect(self, text: str) -> str:
        return text.replace("\n", self.newline)


def _need(binary: str) -> str:
    path = shutil.which(binary)
    if path is None:
        pytest.fail(f"{binary} is not installed: run .ci/system-deps")
    return path


def _window_by_name(display: XDisplay, name: str, timeout: float = 60.0) -> int:
    def find() -> int | None:
        found = display.run(["xdotool", "search", "--onlyvisible", "--name", name])
        ids = found.stdout.split()
        return int(ids[-1]) if ids else None

    wid = wait_for(find, timeout, interval=0.2, what=f"a window named {name!r}")
    assert isinstance(wid, int)
    return wid


def start_chromium(display: XDisplay, folder: Path, pages: PageServer) -> Program:
    binary = _need("chromium")
    profile = folder / "chromium-profile"
    proc = display.spawn(
        [
            binary,
            "--no-sandbox",  # the CI runs as root
            "--no-first-run",
            "--no-default-browser-check",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--disable-extensions",
            "--disable-gpu",
            "--disable-dev-shm-usage",
            "--password-store=basic",
            "--use-mock-keychain",
            f"--user-data-dir={profile}",
            "--window-size=900,600",
            f"--app={pages.url('chromium')}",
        ],
        "chromium",
    )
    wid = _window_by_name(display, "QR Page chromium")
    wait_for(lambda: pages.text("chromium") is not None, 60, what="the page in Chromium")
    state = pages.state_file("chromium") if pages.state_dir else None
    return Program("chromium", wid, lambda: pages.text("chromium"), [proc], state_file=state)


FIREFOX_PREFS = """
user_pref("browser.shell.checkDefaultBrowser", false);
user_pref("browser.startup.homepage_override.mstone", "ignore");
user_pref("startup.homepage_welcome_url", "");
user_pref("startup.homepage_welcome_url.additional", "");
user_pref("browser.aboutwelcome.enabled", false);
user_pref("datareporting.policy.dataSubmissionEnabled", false);
user_pref("datareporting.healthreport.uploadEnabled", false);
user_pref("toolkit.telemetry.reportingpolicy.firstRun", false);
user_pref("toolkit.startup.max_resumed_crashes", -1);
user_pref("browser.sessionstore.resume_from_crash", false);
user_pref("browser.tabs.warnOnClose", false);
user_pref("app.update.auto", false);
user_pref("app.normandy.enabled", false);
user_pref("extensions.update.enabled", false);
user_pref("browser.safebrowsing.malware.enabled", false);
user_pref("browser.safebrowsing.phishing.enabled", false);
user_pref("browser.safebrowsing.downloads.enabled", false);
user_pref("network.captive-portal-service.enabled", false);
user_pref("network.connectivity-service.enabled", false);
user_pref("browser.newtabpage.enabled", false);
user_pref("browser.translations.enable", false);
user_pref("privacy.sanitize.sanitizeOnShutdown", false);
"""


def start_firefox(display: XDisplay, folder: Path, pages: PageServer) -> Program:
    binary = _need("firefox-esr")
    profile = folder / "firefox-profile"
    profile.mkdir(parents=True, exist_ok=True)
    (profile / "user.js").write_text(FIREFOX_PREFS, encoding="utf-8")
    # Headless Firefox is no X client: it runs normally, on the test's Xvfb.
    env = display.env(MOZ_CRASHREPORTER_DISABLE="1", MOZ_DISABLE_AUTO_SAFE_MODE="1")
    proc = display.spawn(
        [binary, "--no-remote", "--new-instance", "--profile", str(profile), pages.url("firefox")],
        "firefox",
        env=env,
    )
    wid = _window_by_name(display, "QR Page firefox")
    wait_for(lambda: pages.text("firefox") is not None, 60, what="the page in Firefox")
    state = pages.state_file("firefox") if pages.state_dir else None
    return Program("firefox", wid, lambda: pages.text("firefox"), [proc], state_file=state)


def _from_state(state: Path) -> Callable[[], str | None]:
    def read() -> str | None:
        found = read_json(state)
        return None if found is None else str(found.get("text", ""))

    return read


def _started(display: XDisplay, proc: subprocess.Popen[bytes], state: Path, name: str) -> int:
    found = wait_for(
        lambda: read_json(state) or proc.poll() is not None, 30, what=f"{name} to start"
    )
    if proc.poll() is not None:
        pytest.fail(f"{name} exited: {display.log(name)}")
    assert isinstance(found, dict)
    return int(found["wid"])


def start_gtk(display: XDisplay, folder: Path) -> Program:
    python = "/usr/bin/python3"
    check = subprocess.run(
        [python, "-c", "import gi; gi.require_version('Gtk', '3.0')"], capture_output=True
    )
    if check.returncode != 0:
        pytest.fail("the GTK3 window needs python3-gi and gir1.2-gtk-3.0: run .ci/system-deps")
    state = folder / "gtk.json"
    proc = display.spawn([python, str(HERE / "gtk_target.py"), str(state)], "gtk")
    wid = _started(display, proc, state, "gtk")
    return Program("gtk", wid, _from_state(state), [proc], state_file=state)


def start_terminal(display: XDisplay, folder: Path, which: str) -> Program:
    state = folder / f"{which}.json"
    reader = [sys.executable, str(HERE / "term_reader.py"), str(state)]
    if which == "xterm":
        args = [_need("xterm"), "-title", "QR xterm", "-e", *reader]
    else:
        args = [
            _need("xfce4-terminal"),
            "--disable-server",
            "--title",
            "QR xfce4-terminal",
            "-x",
            *reader,
        ]
    proc = display.spawn(args, which)
    wid = _started(display, proc, state, which)
    assert wid, f"{which} did not set WINDOWID"
    return Program(which, wid, _from_state(state), [proc], newline="\r", state_file=state)


def start_qt(display: XDisplay, folder: Path) -> Program:
    target = start_target(display, folder, name="qt")
    return Program(
        "qt", target.wid, lambda: target.text(), [target.proc], state_file=target.state_file
    )


def stop_program(display: XDisplay, program: Program) -> None:
    for proc in program.procs:
        display.stop_child(proc)


def start_program(display: XDisplay, folder: Path, name: str, pages: PageServer | None) -> Program:
    folder.mkdir(parents=True, exist_ok=True)
    if name == "chromium":
        assert pages is not None
        return start_chromium(display, folder, pages)
    if name == "firefox":
        assert pages is not None
        return start_firefox(display, folder, pages)
    if name == "gtk":
        return start_gtk(display, folder)
    if name in ("xterm", "xfce4-terminal"):
        return start_terminal(display, folder, name)
    if name == "qt":
        return start_qt(display, folder)
    raise ValueError(name)


def dump(display: XDisplay) -> str:
    return json.dumps({p.name: display.log(p.stem)[-800:] for p in display.log_dir.glob("*.log")})
