"""Many readers at once, bounded: ``python benchmarks/load.py [--sessions 20] [--clicks 10]``.

Starts the app (``streamlit run app.py``) on a free localhost port with a
workspace of the seed articles, and opens ``--sessions`` sessions at once, as
that many browser tabs would: each speaks Streamlit's own protocol over its
websocket (the messages the browser sends), so the figures are the server's,
not a browser's on the same two cores.  Each session loads the page, then
clicks ``--clicks`` circles, reading between two clicks for a time drawn
between ``--think`` seconds' bounds (as a load tester's "wait time"; ``--think
0 0`` clicks back to back).  A click is the map's value after a click on a
circle, sent as the browser sends it (a rerun of the map's fragment), and it
is answered when the panel's first passage with its ``<mark>`` arrives.  Nothing leaves localhost; the run stops by itself
after a fixed number of requests, and prints click → passages latencies, the
errors (exceptions shown in a page, closed connections) and the server's
memory while it ran.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import re
import statistics
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import psutil
import websockets
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from geo.workspace.readers import read_paths  # noqa: E402
from geo.gazetteer.sources import load_or_build  # noqa: E402
from geo.workspace.store import Workspace  # noqa: E402
from tests.browser import app_process  # noqa: E402

PLACE_KEY = re.compile(r"\|place:([\w:.-]+)")


@dataclass
class Session:
    """One reader's connection: the map's widget id and the places it shows, once the page has loaded."""

    number: int
    map_id: str = ""
    map_fragment: str = ""
    tooltips: dict[str, str] = field(default_factory=dict)
    loaded: float = 0.0
    clicks: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


def rerun(widgets: list | None = None, fragment: str = "") -> bytes:
    """What the browser sends: a run of the page, or of one fragment when one of its widgets changed."""
    message = BackMsg()
    message.rerun_script.fragment_id = fragment
    for widget_id, value in widgets or []:
        state = message.rerun_script.widget_states.widgets.add()
        state.id = widget_id
        state.json_value = json.dumps(value)
    return message.SerializeToString()


async def answer(socket, session: Session, done: callable, timeout: float = 60) -> None:
    """Read the server's messages until ``done(message)`` holds; note the map and any exception on the way."""
    deadline = time.monotonic() + timeout
    while True:
        raw = await asyncio.wait_for(socket.recv(), max(0.1, deadline - time.monotonic()))
        message = ForwardMsg()
        message.ParseFromString(raw)
        if message.HasField("delta") and message.delta.HasField("new_element"):
            element = message.delta.new_element
            if element.HasField("exception"):
                session.errors.append(f"session {session.number}: {element.exception.message}")
            if element.HasField("component_instance") and "folium" in element.component_instance.component_name:
                session.map_id = element.component_instance.id
                session.map_fragment = message.delta.fragment_id
                script = json.loads(element.component_instance.json_args).get("script", "")
                session.tooltips = {key: f"{key}|place:{key}" for key in PLACE_KEY.findall(script)}
        if done(message):
            return


def finished(message: ForwardMsg) -> bool:
    return message.HasField("script_finished")


def passage(message: ForwardMsg) -> bool:
    """The panel's first passage, its mention marked."""
    if not (message.HasField("delta") and message.delta.HasField("new_element")):
        return False
    body = message.delta.new_element.html.body
    return 'class="passage"' in body and "<mark>" in body


async def reader(url: str, session: Session, clicks: int, seed: int, think: tuple[float, float]) -> None:
    host = url.removeprefix("http://")
    async with websockets.connect(f"ws://{host}/_stcore/stream", subprotocols=["streamlit"],
                                  origin=url, max_size=2**28) as socket:
        opened = time.perf_counter()
        await socket.send(rerun())
        await answer(socket, session, finished)
        session.loaded = time.perf_counter() - opened
        places = sorted(session.tooltips)
        rng = random.Random(seed)
        for count in range(1, clicks + 1):
            await asyncio.sleep(rng.uniform(*think))
            place = rng.choice(places)
            value = {"last_object_clicked_tooltip": session.tooltips[place], "last_object_clicked_count": count,
                     "center": None, "zoom": None}
            clicked = time.perf_counter()
            await socket.send(rerun([(session.map_id, value)], session.map_fragment))
            await answer(socket, session, passage)
            session.clicks.append(time.perf_counter() - clicked)
            await answer(socket, session, finished)  # the rest of the page, before the next click


def watch_memory(pid: int, samples: list[float], stop: threading.Event) -> None:
    """The server's resident memory (with its children) every 0.2 s, in MB."""
    process = psutil.Process(pid)
    while not stop.is_set():
        try:
            processes = [process, *process.children(recursive=True)]
            samples.append(sum(p.memory_info().rss for p in processes) / 2**20)
        except psutil.Error:
            return
        stop.wait(0.2)


async def run_sessions(url: str, sessions: list[Session], clicks: int, think: tuple[float, float]) -> None:
    results = await asyncio.gather(*(reader(url, s, clicks, s.number, think) for s in sessions), return_exceptions=True)
    for session, result in zip(sessions, results):
        if isinstance(result, BaseException):
            session.errors.append(f"session {session.number}: {type(result).__name__}: {result}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=20)
    parser.add_argument("--clicks", type=int, default=10)
    parser.add_argument("--think", type=float, nargs=2, default=(2.0, 6.0), metavar=("MIN", "MAX"),
                        help="seconds a reader reads before the next click (default: 2 to 6)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        workspace = Path(folder) / "seeds.duckdb"
        Workspace(workspace).add(read_paths([ROOT / "seeds"]), load_or_build())
        with app_process(workspace) as (url, process):
            samples: list[float] = []
            stop = threading.Event()
            threading.Thread(target=watch_memory, args=(process.pid, samples, stop), daemon=True).start()
            time.sleep(0.5)
            idle = samples[-1] if samples else float("nan")
            sessions = [Session(n) for n in range(args.sessions)]
            started = time.perf_counter()
            asyncio.run(run_sessions(url, sessions, args.clicks, tuple(args.think)))
            elapsed = time.perf_counter() - started
            stop.set()
    clicks = sorted(c for s in sessions for c in s.clicks)
    errors = [e for s in sessions for e in s.errors]
    print(f"{args.sessions} sessions at once, {args.clicks} clicks each, {args.think[0]:g}-{args.think[1]:g} s between "
          f"clicks: {len(clicks)} clicks answered in {elapsed:.1f} s")
    loads = sorted(s.loaded for s in sessions if s.loaded)
    if loads:
        print(f"page load (all sessions at once): median {statistics.median(loads):.2f} s, max {loads[-1]:.2f} s")
    if clicks:
        print(f"click → passages: median {statistics.median(clicks):.2f} s, "
              f"95th percentile {clicks[int(0.95 * (len(clicks) - 1))]:.2f} s, max {clicks[-1]:.2f} s "
              f"(target: median ≤ 1 s)")
    print(f"server memory: {idle:.0f} MB idle, {max(samples):.0f} MB at most, {samples[-1]:.0f} MB at the end")
    print(f"errors: {len(errors)}")
    for error in errors[:10]:
        print(f"  {error}")
    return 1 if errors or not clicks or statistics.median(clicks) > 1.0 else 0


if __name__ == "__main__":
    raise SystemExit(main())
