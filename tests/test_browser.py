"""A person's click, in a real browser with no internet: Debian's Chromium via Playwright.

Starts ``streamlit run app.py`` on a free localhost port, blocks every request
that leaves this machine, clicks Almaty's circle and reads its passages.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlparse

import pytest

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
ALMATY = "geonames:1526384"

pytestmark = pytest.mark.browser


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def app_url():
    port = _free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", "app.py", "--server.port", str(port), "--server.address", "127.0.0.1"],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                urllib.request.urlopen(f"{url}/_stcore/health", timeout=1)
                break
            except OSError:
                time.sleep(0.5)
        else:
            pytest.fail("streamlit did not start within 60 s")
        yield url
    finally:
        process.terminate()
        process.wait(timeout=10)


@pytest.fixture(scope="module")
def browser():
    if not Path(CHROMIUM).exists():
        message = f"{CHROMIUM} is missing: apt-get install chromium"
        pytest.fail(message) if os.environ.get("CI") else pytest.skip(message)
    playwright_api = pytest.importorskip("playwright.sync_api")
    with playwright_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        yield browser
        browser.close()


def _local_only(route) -> None:
    host = urlparse(route.request.url).hostname or ""
    if host in ("127.0.0.1", "localhost") or route.request.url.startswith(("data:", "blob:", "about:")):
        route.continue_()
    else:
        route.abort()


def test_marker_click_shows_highlighted_passages(app_url, browser):
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    page.route("**/*", _local_only)
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(app_url)
    frame_element = page.wait_for_selector("iframe[title*='streamlit_folium']", timeout=60_000)
    frame = frame_element.content_frame()
    frame.wait_for_selector("path.leaflet-interactive", timeout=30_000)
    # Tag Almaty's circle by the place key in its tooltip and zoom to it, as a
    # person would before clicking among neighbouring circles.
    found = frame.evaluate(
        """(key) => {
            for (const layer of Object.values(window.map._layers)) {
                const tip = layer.getTooltip && layer.getTooltip();
                if (tip && String(tip.getContent()).includes(key)) {
                    layer._path.setAttribute('data-place', key);
                    window.map.setView(layer.getLatLng(), 9, {animate: false});
                    return true;
                }
            }
            return false;
        }""",
        "|place:" + ALMATY,
    )
    assert found, "no circle for Almaty on the map"
    frame.wait_for_timeout(500)
    frame.locator(f"path[data-place='|place:{ALMATY}']").click()
    page.wait_for_selector("blockquote.passage mark", timeout=30_000)
    marks = page.locator("blockquote.passage mark").all_inner_texts()
    assert marks and set(marks) == {"Almaty"}
    assert "place=" in page.url
    assert not errors, errors
