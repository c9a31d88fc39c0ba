"""Retake docs/screenshot.png: the app on the seeds, offline (the network blocked, no tiles), Almaty clicked.

    python docs/screenshot.py

Needs Debian's Chromium (/usr/bin/chromium) and the test extras (Playwright).
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from tests.browser import CHROMIUM, CHROMIUM_ARGS, OFFLINE_ARGS, click_place, map_frame, streamlit_app  # noqa: E402

ALMATY = "geonames:1526384"
OUTPUT = Path(__file__).resolve().parent / "screenshot.png"


def main() -> None:
    with tempfile.TemporaryDirectory() as folder, streamlit_app(Path(folder) / "workspace.duckdb") as url, \
            sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS + OFFLINE_ARGS)
        page = browser.new_page(viewport={"width": 1400, "height": 900})
        page.goto(url)
        frame = map_frame(page)
        click_place(frame, ALMATY)
        page.wait_for_selector("blockquote.passage mark", timeout=30_000)
        frame.evaluate("() => window.map.setView([45.2, 75.5], 5, {animate: false})")
        frame.wait_for_selector(".lake-label", timeout=30_000)
        page.wait_for_timeout(1500)
        page.screenshot(path=str(OUTPUT))
        browser.close()
    print(f"wrote {OUTPUT}")


if __name__ == "__main__":
    main()
