"""The browser harness shared by the browser tests and the explorer benchmark.

Starts the app on a free localhost port with a workspace of its own, watches
a page for what it should not do (requests off this machine, failures,
errors, dialogs), and finds and clicks the map's circles as a person would.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]


class AppDidNotStart(RuntimeError):
    """The app did not answer on its health endpoint in time."""


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def streamlit_app(workspace: Path, **environment: str):
    """The app's address, on its own port and workspace, for as long as the block runs."""
    with app_process(workspace, **environment) as (url, _):
        yield url


@contextmanager
def app_process(workspace: Path, **environment: str):
    """(address, process) of the app on its own port and workspace, for as long as the block runs."""
    port = _free_port()
    process = subprocess.Popen(  # as a deployment starts it: with its warm-up (geo.warmup)
        ["sh", "deploy/start.sh"], cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        env={**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}",
             "PYTHONPATH": str(ROOT), "GEO_WORKSPACE": str(workspace), "ADDRESS": "127.0.0.1", "PORT": str(port),
             **environment},
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                urllib.request.urlopen(f"{url}/_stcore/health", timeout=1)
                break
            except OSError:
                if time.monotonic() > deadline:
                    raise AppDidNotStart("streamlit did not start within 60 s")
                time.sleep(0.3)
        yield url, process
    finally:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:  # a loaded machine: Streamlit's shutdown waits for its sessions
            process.kill()
            process.wait(timeout=10)


# For a browser that must not reach the network but whose pages are timed: every request off this
# machine goes to a proxy that is not there (loopback bypasses proxies), with no per-request hook.
OFFLINE_ARGS = ["--proxy-server=http://127.0.0.1:9"]


class Watch:
    """What a page did that it should not: requests off this machine, failed requests, errors, dialogs.

    ``block=True`` stops requests off this machine in the page; for a timed page, launch the browser
    with :data:`OFFLINE_ARGS` instead and pass ``block=False``: routing every request through this
    process adds its own delay to each."""

    def __init__(self, page, *, block: bool = True) -> None:
        self.outside: list[str] = []
        self.failed: list[str] = []
        self.errors: list[str] = []
        self.dialogs: list[str] = []
        if block:
            page.route("**/*", self._route)
        else:
            page.on("request", lambda request: None if _local(request.url) else self.outside.append(request.url))
        page.on("requestfailed", self._failed)
        page.on("pageerror", lambda error: self.errors.append(str(error)))
        page.on("console", lambda message: self.errors.append(message.text) if message.type == "error" else None)
        page.on("dialog", lambda dialog: (self.dialogs.append(dialog.message), dialog.dismiss()))

    def _route(self, route) -> None:
        url = route.request.url
        if _local(url):
            route.continue_()
        else:
            self.outside.append(url)
            route.abort()

    def _failed(self, request) -> None:
        if _local(request.url) and request.failure != "net::ERR_ABORTED":  # leaving a page cancels requests
            self.failed.append(f"{request.url} ({request.failure})")

    def assert_clean(self) -> None:
        assert not self.outside, f"requests off this machine: {self.outside[:3]}"
        assert not self.failed, f"failed requests: {self.failed[:3]}"
        assert not self.errors, f"console errors: {self.errors[:3]}"
        assert not self.dialogs, f"dialogs: {self.dialogs}"


def _local(url: str) -> bool:
    return url.startswith(("data:", "blob:", "about:", "file:")) or urlparse(url).hostname in ("127.0.0.1", "localhost")


# The circles the map shows (geo/static/places/places.js), topmost last.
CIRCLES = "window.map.placeCircles()"


def map_frame(page):
    """The map's frame, once its circles are drawn."""
    frame = page.wait_for_selector("iframe[title*='streamlit_folium']", timeout=90_000).content_frame()
    frame.wait_for_function(f"() => window.map && {CIRCLES}.length > 0", timeout=60_000)
    return frame


def tooltips(frame) -> list[str]:
    """The tooltip text of every circle on the map."""
    return frame.evaluate(f"() => {CIRCLES}.map(l => String(l.getTooltip().getContent()))")


def _wait_for_circles(page, condition: str, arg, timeout: float) -> None:
    """Wait until ``condition`` (JavaScript over ``circles``, the circles' layers, and ``arg``) holds,
    asking from the page, since the map's frame may be replaced meanwhile."""
    page.wait_for_function(f"""(arg) => {{
        const frame = document.querySelector("iframe[title*='streamlit_folium']");
        const window_ = frame && frame.contentWindow;
        if (!window_ || !window_.map) return false;
        const circles = ((window) => {CIRCLES})(window_);
        return {condition};
    }}""", arg=arg, timeout=timeout)


def wait_for_redraw(page, before: int, timeout: float = 60_000) -> None:
    """Wait until the map shows another number of circles than ``before``."""
    _wait_for_circles(page, "circles.length > 0 && circles.length !== arg", before, timeout)


def wait_for_place(page, name: str, timeout: float = 60_000) -> None:
    """Wait until a circle's tooltip names ``name``."""
    _wait_for_circles(page, "circles.some(l => String(l.getTooltip().getContent()).includes(arg))", name, timeout)


def focus_place(frame, place_id: str, zoom: int = 7) -> tuple[float, float]:
    """Bring a place's circle to the middle of the map and to the front, let the map settle, and
    return where it is on the page, for a click."""
    point = frame.evaluate(f"""([key, zoom]) => {{
        const circle = {CIRCLES}.find(l => String(l.getTooltip().getContent()).includes(key));
        if (!circle) return null;
        window.map.setView(circle.getLatLng(), zoom, {{animate: false}});
        circle.bringToFront();
        const p = window.map.latLngToContainerPoint(circle.getLatLng());
        const box = window.map.getContainer().getBoundingClientRect();
        return [box.left + p.x, box.top + p.y];
    }}""", [f"|place:{place_id}", zoom])
    assert point, f"no circle for {place_id}"
    frame.wait_for_timeout(1200)
    frame_box = frame.frame_element().bounding_box()
    return frame_box["x"] + point[0], frame_box["y"] + point[1]


def click_place(frame, place_id: str) -> None:
    """Click a place's circle as a person would, after bringing it into view."""
    frame.page.mouse.click(*focus_place(frame, place_id))


def expander(page, label: str):
    section = page.locator("[data-testid='stExpander']").filter(has=page.get_by_text(label, exact=True))
    settled(page, section.get_by_text(label, exact=True).click)
    return section


def settled(page, action) -> None:
    """Do ``action`` (a click, a key press) and wait until the rerun it asked for has ended, as a person
    waits for the page to stop redrawing: the next click, landing on an element Streamlit is about to
    replace, would be lost.  Under load the rerun may start late, or end before we look: both are fine."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    action()
    try:
        page.wait_for_selector("[data-testid='stApp']:not([data-test-script-state='notRunning'])", timeout=2_000)
    except PlaywrightTimeout:
        pass
    page.wait_for_selector("[data-testid='stApp'][data-test-script-state='notRunning']", timeout=60_000)
