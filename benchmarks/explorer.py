"""The explorer's latencies, measured in a real browser: ``python benchmarks/explorer.py``.

Two workspaces: the seed articles, and a synthetic one of ``--places`` places
and ``--mentions`` mentions written straight into the store (articles made of
sentences that name real places of the gazetteer).  For each, the app starts
on a free localhost port in Debian's Chromium with the network blocked (every
request off this machine is sent to a proxy that is not there), and
the script prints the time from the process start to the map's circles (a
reader who comes as soon as the app answers), from opening the page to them
for the first reader once the app has warmed itself up (``deploy/start.sh``,
:mod:`geo.warmup`), for new readers and on return visits, a circle click to
its popup and to the full panel, and a filter change to the redrawn map,
with the targets of issue 7 beside them.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

import pandas as pd
from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from geo.gazetteer.sources import load_or_build  # noqa: E402
from geo.warmup import warm_up  # noqa: E402
from geo.workspace.store import Workspace  # noqa: E402
from tests.browser import (  # noqa: E402
    CHROMIUM, CHROMIUM_ARGS, CIRCLES, OFFLINE_ARGS, Watch, focus_place, map_frame, streamlit_app, tooltips, wait_for_redraw,
)

CLICKS = 5
# Runs in every frame: the map's frame notes in the page when its first circles exist, so "→ map" is
# when the reader could see them, not when the benchmark's polling next looked.
DRAWN = f"""
const timer = setInterval(() => {{
    if (window.map && {CIRCLES}.length > 0) {{
        window.parent.__mapDrawnAt = window.parent.__mapDrawnAt || Date.now();
        clearInterval(timer);
    }}
}}, 10);"""


def open_map(page, url: str, since: float) -> float:
    """Open the app and wait for its circles; seconds from ``since`` (a ``time.time()``) to their drawing."""
    page.goto(url)
    map_frame(page)
    return page.wait_for_function("() => window.__mapDrawnAt").json_value() / 1000 - since


def seeds_workspace(folder: Path) -> Path:
    from geo.workspace.readers import read_paths

    path = folder / "seeds.duckdb"
    Workspace(path).add(read_paths([ROOT / "seeds"]), load_or_build())
    return path


def synthetic_workspace(folder: Path, places: int, mentions: int, per_article: int = 25) -> Path:
    """``mentions`` mentions of ``places`` real cities, ``per_article`` to an article, written in one go."""
    gazetteer = load_or_build()
    rows = gazetteer._db.execute(
        "SELECT id, name, feature, country_code, lat, lon, geonameid, population FROM places "
        "WHERE feature = 'city' ORDER BY population DESC LIMIT ?", (places,)).fetchall()
    chosen = pd.DataFrame(rows, columns=["place_id", "name", "feature", "country_code", "lat", "lon", "geonameid",
                                         "population"])
    rng = random.Random(7)
    documents, sentences, found = [], [], []
    for number in range(mentions // per_article):
        doc, parts, cursor = f"synthetic-{number:05d}.txt", [], 0
        for index in range(per_article):
            place = chosen.iloc[(number * per_article + index) % len(chosen)] if number * per_article + index < len(
                chosen) else chosen.iloc[rng.randrange(len(chosen))]
            sentence = f"Reports from {place['name']} said the situation remained calm on day {index}."
            start = cursor + len("Reports from ")
            sentences.append((doc, index, cursor, cursor + len(sentence)))
            found.append((doc, start, start + len(place["name"]), place["name"], "name", index, place["place_id"],
                          round(rng.uniform(0.4, 1.0), 3), "[]"))
            parts.append(sentence)
            cursor += len(sentence) + 1
        day = pd.Timestamp("2024-01-01") + pd.Timedelta(days=number % 365)
        documents.append((doc, f"Synthetic article {number}", day.date().isoformat(), day.date(), "en", doc, None,
                          f"hash-{number}", " ".join(parts), 0))
    path = folder / "synthetic.duckdb"
    workspace = Workspace(path)
    with workspace.transaction() as db:
        for table, frame in (
            ("documents", pd.DataFrame(documents, columns=["doc", "title", "date", "day", "language", "source", "url",
                                                            "content_hash", "text", "body_start"])),
            ("sentences", pd.DataFrame(sentences, columns=["doc", "idx", "start", "end"])),
            ("mentions", pd.DataFrame(found, columns=["doc", "start", "end", "text", "kind", "sentence", "place_id",
                                                       "score", "candidates"])),
            ("places", chosen),
        ):
            columns = ", ".join(f'"{c}"' for c in frame.columns)
            db.register("incoming", frame)
            db.execute(f"INSERT INTO {table} ({columns}) SELECT {columns} FROM incoming")
            db.unregister("incoming")
    return path


def measure(browser, workspace: Path, *, filter_change: bool) -> dict[str, list[float]]:
    """Cold start, clicks and a filter change on one workspace, in seconds."""
    figures: dict[str, list[float]] = {"cold start → map": [], "page open → map": [], "new reader → map": [],
                                       "return visit → map": [], "click → popup": [], "click → panel": [],
                                       "filter → map": []}
    started = time.time()
    with streamlit_app(workspace) as url:  # a reader who comes as soon as the app answers
        context = browser.new_context(viewport={"width": 1400, "height": 1000})
        context.add_init_script(DRAWN)
        figures["cold start → map"].append(open_map(context.new_page(), url, started))
        context.close()
    with streamlit_app(workspace) as url:  # the first reader once the app has warmed itself up
        warm_up(url)
        context = browser.new_context(viewport={"width": 1400, "height": 1000})
        context.add_init_script(DRAWN)
        watches = []
        for visit in range(4):  # then the browser has the app's files, as on a reader's return
            page = context.new_page()
            watches.append(Watch(page, block=False))
            opened = time.time()
            figures["page open → map" if visit == 0 else "return visit → map"].append(open_map(page, url, opened))
            if visit < 3:  # a reader who comes back has closed the tab before
                page.close()
        for _ in range(3):  # a new reader: a browser with none of the app's files, the app already serving
            reader = browser.new_context(viewport={"width": 1400, "height": 1000})
            reader.add_init_script(DRAWN)
            first = reader.new_page()
            watches.append(Watch(first, block=False))
            figures["new reader → map"].append(open_map(first, url, time.time()))
            first.goto("about:blank")
            reader.close()
        frame = map_frame(page)
        labels = tooltips(frame)
        for label in random.Random(3).sample(labels[: max(CLICKS * 4, 20)], min(CLICKS, len(labels))):
            place_id = label[label.index("|place:") + len("|place:"):].strip()
            name = label.split(" — ")[0].split(" (")[0]
            x, y = focus_place(frame, place_id, zoom=9)
            frame.wait_for_timeout(500)
            clicked = time.perf_counter()
            page.mouse.click(x, y)
            frame.wait_for_selector(".leaflet-popup-content blockquote.popup-passage mark", timeout=10_000)
            figures["click → popup"].append(time.perf_counter() - clicked)
            page.get_by_role("heading", name=name, exact=True).wait_for(timeout=30_000)
            page.wait_for_selector("blockquote.passage mark", timeout=30_000)
            figures["click → panel"].append(time.perf_counter() - clicked)
        if filter_change:
            before = len(tooltips(frame))
            box = page.get_by_label("Minimum mentions")
            changed = time.perf_counter()
            box.fill("5")
            box.press("Enter")
            wait_for_redraw(page, before)
            figures["filter → map"].append(time.perf_counter() - changed)
        page.goto("about:blank")
        for watch in watches:
            watch.assert_clean()
        context.close()
    return figures


TARGETS = {
    ("seeds", "cold start → map"): 5.0, ("seeds", "click → popup"): 0.3, ("seeds", "click → panel"): 1.0,
    ("seeds", "filter → map"): 1.0, ("synthetic", "page open → map"): 3.0, ("synthetic", "new reader → map"): 3.0,
    ("synthetic", "return visit → map"): 3.0, ("synthetic", "click → popup"): 0.3, ("given", "page open → map"): 3.0,
    ("given", "new reader → map"): 3.0, ("given", "return visit → map"): 3.0, ("given", "click → popup"): 0.5,
}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--places", type=int, default=10_000)
    parser.add_argument("--mentions", type=int, default=50_000)
    parser.add_argument("--workspace", type=Path, help="measure this workspace only (python -m geo bench passes its largest)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS + OFFLINE_ARGS)
        if args.workspace:
            results = {"given": measure(browser, args.workspace, filter_change=False)}
            browser.close()
            return report(results)
        built = time.perf_counter()
        synthetic = synthetic_workspace(Path(folder), args.places, args.mentions)
        print(f"synthetic workspace: {args.places:,} places, {args.mentions:,} mentions, "
              f"built in {time.perf_counter() - built:.1f} s")
        results = {
            "seeds": measure(browser, seeds_workspace(Path(folder)), filter_change=True),
            "synthetic": measure(browser, synthetic, filter_change=True),
        }
        browser.close()
    return report(results)


def report(results: dict[str, dict[str, list[float]]]) -> int:
    """Median and max of each measure, with its target and whether it is met."""
    print(f"\n{'workspace':<10} {'measure':<18} {'median':>8} {'max':>8} {'target':>8}  met")
    for workspace, figures in results.items():
        for name, values in figures.items():
            if not values:
                continue
            target = TARGETS.get((workspace, name))
            met = "" if target is None else ("yes" if max(values) <= target else "NO")
            print(f"{workspace:<10} {name:<18} {statistics.median(values):>7.2f}s {max(values):>7.2f}s "
                  f"{'' if target is None else f'{target:.1f}s':>8}  {met}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
