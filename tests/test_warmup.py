"""The warm-up: waits for the app to answer, has it run its page once, and fails with a clear sentence."""

from __future__ import annotations

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from geo.cli import main
from geo.warmup import HEALTH, SCRIPT_CHECK, WarmUpError, warm_up


class FakeApp(BaseHTTPRequestHandler):
    """Answers health only after two tries, then the script check with ``script_status``."""

    calls: list[str]
    script_status = 200

    def do_GET(self):  # noqa: N802 (http.server's name)
        self.calls.append(self.path)
        healthy = self.calls.count(HEALTH) > 2
        status = {HEALTH: 200 if healthy else 503, SCRIPT_CHECK: self.script_status}.get(self.path, 404)
        self.send_response(status)
        self.end_headers()
        self.wfile.write(b"ok" if status == 200 else b"no")

    def log_message(self, *args):
        pass


@pytest.fixture
def fake_app():
    def start(script_status=200):
        handler = type("Handler", (FakeApp,), {"calls": [], "script_status": script_status})
        server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        return f"http://127.0.0.1:{server.server_address[1]}", handler.calls

    servers = []
    yield start
    for server in servers:
        server.shutdown()


def test_waits_for_the_app_then_runs_its_page_once(fake_app):
    url, calls = fake_app()
    assert warm_up(url, timeout=10) >= 0
    assert calls == [HEALTH, HEALTH, HEALTH, SCRIPT_CHECK]


def test_a_page_that_fails_or_a_check_switched_off_is_said(fake_app):
    for status in (503, 404):
        url, _ = fake_app(script_status=status)
        with pytest.raises(WarmUpError, match="failed to run its page"):
            warm_up(url, timeout=10)


def test_no_app_on_the_port_gives_up_in_time(capsys):
    with pytest.raises(WarmUpError, match="did not answer within 1 s"):
        warm_up("http://127.0.0.1:9", timeout=1)
    assert main(["warm", "http://127.0.0.1:9", "--timeout", "1"]) == 1
    assert "did not answer" in capsys.readouterr().err


def test_the_real_app_runs_its_page_without_a_browser(tmp_path):
    """The page a warm-up runs has no browser behind it: no URL, no map value, no click."""
    from tests.browser import app_process

    with app_process(tmp_path / "workspace.duckdb") as (url, _):
        assert warm_up(url, timeout=120) > 0
