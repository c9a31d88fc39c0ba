"""The workspace store and what the app reads from it (geo.workspace.store, geo.views.queries)."""

from __future__ import annotations

import json
from datetime import date, datetime, timezone

import duckdb
import pytest

from geo.views import queries
from geo.documents import parse_document
from geo.views.queries import Filters
from geo.workspace.store import Correction, Workspace, WorkspaceError, occurrences

ALMATY = "geonames:1526384"
AKTAU = "geonames:610612"
KOSH_AGACH = "geonames:1502422"


@pytest.fixture(scope="module")
def seeded(tmp_path_factory, gazetteer, seeds):
    """A workspace of the five seed articles, built once; tests that write copy it."""
    path = tmp_path_factory.mktemp("ws") / "seeds.duckdb"
    Workspace(path).add(seeds, gazetteer)
    return path


@pytest.fixture
def workspace(seeded, tmp_path):
    copy = tmp_path / "copy.duckdb"
    copy.write_bytes(seeded.read_bytes())
    return Workspace(copy)


def article(doc_id: str, text: str):
    return parse_document(doc_id, text)


def test_the_same_id_twice_in_one_add_keeps_the_later_text_in_whatever_order_it_is_analysed(tmp_path, gazetteer):
    from geo.workspace.store import analyse_document

    first, later = article("note.txt", "Ein Bericht aus Almaty."), article("note.txt", "Ein Bericht aus Aktau.")
    workspace = Workspace(tmp_path / "workspace.duckdb")
    workspace.add([first, later], runner=lambda documents: reversed([analyse_document(d, gazetteer) for d in documents]))
    assert workspace.document("note.txt").text == later.text
    with workspace.connect() as db:
        assert db.execute("SELECT place_id FROM mentions").fetchall() == [(AKTAU,)]


def test_two_adds_of_the_same_articles_at_once_store_them_once(tmp_path, gazetteer, seeds):
    """The app's warm-up and its first reader both find an empty workspace and add the seeds."""
    from geo.workspace.store import analyse_document

    path = tmp_path / "workspace.duckdb"

    def with_a_rival(documents):
        documents = list(documents)
        Workspace(path).add(documents, gazetteer)  # the other add finishes while this one analyses
        return (analyse_document(d, gazetteer) for d in documents)

    once = Workspace(tmp_path / "once.duckdb")
    once.add(seeds, gazetteer)
    Workspace(path).add(seeds, runner=with_a_rival)
    assert queries.counts(Workspace(path)) == queries.counts(once)
    with Workspace(path).connect() as db:
        assert db.execute("SELECT count(*), count(DISTINCT doc) FROM documents").fetchone() == (5, 5)


def test_analyses_are_written_in_full_groups_or_when_a_group_has_waited():
    from geo.workspace.store import _groups

    assert [len(g) for g in _groups(range(7), 3, seconds=float("inf"))] == [3, 3, 1]
    assert [len(g) for g in _groups(range(3), 500, seconds=0)] == [1, 1, 1]


def test_adding_twice_stores_once(workspace, gazetteer, seeds):
    before = queries.counts(workspace)
    report = workspace.add(seeds, gazetteer)
    assert report.skipped == [d.id for d in seeds] and not report.added
    assert queries.counts(workspace) == before
    assert before.articles == 5 and before.mentions > 150


def test_a_changed_file_replaces_its_old_version(workspace, gazetteer):
    workspace.add([article("x.txt", "Proteste in Almaty. Die Lage in Almaty ist ruhig.")], gazetteer)
    report = workspace.add([article("x.txt", "Proteste in Aktau.")], gazetteer)
    assert report.replaced == ["x.txt"]
    rows = queries.mentions(workspace, Filters(documents=("x.txt",)))
    assert rows["place_id"].tolist() == [AKTAU]
    assert workspace.documents()["doc"].tolist().count("x.txt") == 1


def test_an_interrupted_add_leaves_nothing_half_written(workspace, gazetteer, monkeypatch):
    import geo.workspace.store as store

    def fail(*args):
        raise KeyboardInterrupt

    monkeypatch.setattr(store, "_store_places", fail)
    with pytest.raises(KeyboardInterrupt):
        workspace.add([article("half.txt", "Proteste in Almaty.")], gazetteer)
    with workspace.connect() as db:
        for table in ("documents", "sentences", "mentions"):
            assert db.execute(f"SELECT count(*) FROM {table} WHERE doc = 'half.txt'").fetchone()[0] == 0


def test_unreadable_items_are_reported_and_the_rest_added(workspace, gazetteer):
    from geo.documents import DocumentError

    report = workspace.add([DocumentError("bad.pdf: no text layer."), article("ok.txt", "In Almaty.")], gazetteer)
    assert report.errors == ["bad.pdf: no text layer."] and report.added == ["ok.txt"]


def test_remove(workspace):
    assert workspace.remove(["000_1e6eb047479834dc.txt", "nope"]) == ["000_1e6eb047479834dc.txt"]
    assert queries.counts(workspace).articles == 4


def test_options_are_filters_not_new_runs(workspace):
    plain = queries.counts(workspace)
    with_adjectives = queries.counts(workspace, Filters(adjectives=True))
    assert with_adjectives.mentions > plain.mentions
    kinds = set(queries.mentions(workspace, Filters(adjectives=True))["kind"])
    assert "adjective" in kinds and "adjective" not in set(queries.mentions(workspace)["kind"])


def test_organisation_places_are_stored_with_their_kind(tmp_path, gazetteer):
    workspace = Workspace(tmp_path / "en.duckdb")
    workspace.add([article("en.txt", "He studied at the University of Kansas. Later he moved to Denver, Colorado.")],
                  gazetteer)
    assert "Kansas" not in queries.places(workspace)["name"].tolist()
    organisations = queries.mentions(workspace, Filters(organisations=True))
    assert organisations[organisations["text"] == "Kansas"]["kind"].tolist() == ["organisation"]


@pytest.fixture
def unplaced(tmp_path, gazetteer):
    """A workspace of one article naming a village the gazetteer knows only as "Kosh-Agach"."""
    workspace = Workspace(tmp_path / "u.duckdb")
    workspace.add([article("u.txt", "Die Soldaten zogen von Almaty nach Kosch-Agatsch weiter, sagte ein Sprecher.")],
                  gazetteer)
    return workspace


def test_unplaced_names_are_kept_without_a_place(unplaced):
    with unplaced.connect() as db:
        rows = db.execute("SELECT m.text, m.score, m.candidates, p.lat, p.lon FROM mentions m "
                          "LEFT JOIN places p ON p.place_id = m.place_id WHERE m.place_id IS NULL").fetchall()
    assert rows == [("Kosch-Agatsch", None, "[]", None, None)]
    assert queries.unplaced(unplaced)["text"].tolist() == ["Kosch-Agatsch"]


def test_placing_an_unplaced_name_puts_it_on_the_map_and_in_the_exports(unplaced, gazetteer):
    from geo.views.exports import export

    kosh_agach = gazetteer.place(KOSH_AGACH)
    assert unplaced.place(KOSH_AGACH) is None  # the reader found it in the gazetteer, not among the candidates
    unplaced.correct(Correction("everywhere", "place", "Kosch-Agatsch", kosh_agach))
    assert queries.unplaced(unplaced).empty
    places = queries.places(unplaced)
    placed = places[places.place_id == KOSH_AGACH].iloc[0]
    assert (placed["lat"], placed["lon"], placed["names"]) == (kosh_agach.lat, kosh_agach.lon, ["Kosch-Agatsch"])
    assert bool(placed["corrected"])
    features = json.loads(export(unplaced, Filters(), "geojson"))["features"]
    [feature] = [f for f in features if f["properties"]["place_id"] == KOSH_AGACH]
    assert feature["geometry"]["coordinates"] == [kosh_agach.lon, kosh_agach.lat]


def test_each_mention_keeps_its_offsets_sentence_place_score_and_ranked_candidates(workspace):
    with workspace.connect() as db:
        rows = list(db.execute("""
            SELECT d.text AS article, m.doc, m.start, m."end", m.text, s.start AS s_start, s."end" AS s_end,
                   m.place_id, m.score, m.candidates
            FROM mentions m JOIN documents d ON d.doc = m.doc JOIN sentences s ON s.doc = m.doc AND s.idx = m.sentence
            WHERE m.place_id IS NOT NULL""").df().itertuples(index=False))
        placed = db.execute("SELECT count(*) FROM mentions WHERE place_id IS NOT NULL").fetchone()[0]
        known = {row[0] for row in db.execute("SELECT place_id FROM places").fetchall()}
    assert len(rows) == placed > 150  # every placed mention has its sentence
    assert [r for r in rows if r.article[r.start:r.end] != r.text or not r.s_start <= r.start < r.end <= r.s_end] == []
    assert [r for r in rows if r.place_id not in known or not 0 < r.score <= 1] == []
    ranked = {(r.doc, r.start): json.loads(r.candidates) for r in rows}
    best_first = {key: [c["score"] for c in candidates] for key, candidates in ranked.items()}
    assert [key for key, candidates in ranked.items() if not 1 <= len(candidates) <= 5] == []
    assert [r for r in rows if ranked[r.doc, r.start][0]["id"] != r.place_id] == []
    assert [key for key, scores in best_first.items() if scores != sorted(scores, reverse=True)] == []
    assert {x["id"] for c in ranked.values() for x in c} <= known  # a reader can choose any of them
    assert max(map(len, ranked.values())) == 5
    aktau = next(r for r in rows if r.place_id == AKTAU)
    assert queries.mention_candidates(workspace, aktau.doc, aktau.start) == ranked[aktau.doc, aktau.start]


def test_minimum_confidence_drops_less_sure_mentions_from_places_and_counts(workspace):
    filters = Filters(min_score=0.6)
    every = queries.mentions(workspace)
    sure = every[every["score"] >= filters.min_score]
    assert 0 < len(sure) < len(every) and AKTAU not in set(sure["place_id"])
    kept = queries.places(workspace, filters)
    assert dict(zip(kept["place_id"], kept["mentions"])) == sure["place_id"].value_counts().to_dict()
    counts = queries.counts(workspace, filters)
    assert (counts.mentions, counts.places) == (len(sure), sure["place_id"].nunique())
    # A place the reader confirmed is sure, however unsure the parser was.
    workspace.correct(Correction("everywhere", "place", "Aktau", workspace.place(AKTAU)))
    assert AKTAU in set(queries.places(workspace, filters)["place_id"])


def test_places_counts_and_filters(workspace):
    places = queries.places(workspace)
    almaty = places[places.place_id == ALMATY].iloc[0]
    assert almaty["name"] == "Almaty" and almaty["articles"] == 5 and almaty["names"] == ["Almaty"]
    cities = queries.places(workspace, Filters(features=("city",)))
    assert set(cities["feature"]) == {"city"}
    assert queries.places(workspace, Filters(search="alma"))["place_id"].tolist() == [ALMATY]
    assert queries.places(workspace, Filters(search="Nur-Sul"))["name"].tolist() == ["Astana"]  # a form the text uses
    frequent = queries.places(workspace, Filters(min_mentions=10))
    assert (frequent["mentions"] >= 10).all() and len(frequent) < len(places)
    one = queries.counts(workspace, Filters(documents=("003_50832b85a0da59a2.txt",)))
    assert one.articles == 1 and one.total_articles == 5


def test_date_filter_keeps_dated_articles_in_range(workspace, gazetteer):
    workspace.add([article("late.txt", " date 2023-05-02 Proteste in Aktau am Kaspischen Meer.")], gazetteer)
    assert queries.date_range(workspace) == (date(2022, 1, 1), date(2023, 5, 2))
    only_late = queries.counts(workspace, Filters(date_from=date(2023, 1, 1), date_to=date(2023, 12, 31)))
    assert only_late.articles == 1
    assert len(queries.timeline(workspace)) == 2


JAN_5, JAN_20, FEB = date(2022, 1, 5), date(2022, 1, 20), date(2022, 2, 1)


@pytest.fixture(scope="module")
def dated(tmp_path_factory, gazetteer):
    """Four one-mention articles: two January days, a month (February 2022) and one without a date."""
    workspace = Workspace(tmp_path_factory.mktemp("dated") / "dated.duckdb")
    workspace.add([article("jan05.txt", " date 2022-01-05 Proteste in Almaty."),
                   article("jan20.txt", " date 2022-01-20 Proteste in Aktau."),
                   article("feb.txt", " date 2022-02 Proteste in Taldykorgan."),
                   article("undated.txt", "Proteste in Schymkent.")], gazetteer)
    return workspace


@pytest.mark.parametrize("date_from, date_to, kept", [
    (None, None, {"jan05.txt", "jan20.txt", "feb.txt", "undated.txt"}),
    (JAN_5, JAN_20, {"jan05.txt", "jan20.txt"}),  # both ends inclusive; an undated article is in no range
    (date(2022, 1, 6), None, {"jan20.txt", "feb.txt"}),
    (None, date(2022, 1, 19), {"jan05.txt"}),
    (FEB, FEB, {"feb.txt"}),  # a month stands for its first day
    (date(2021, 1, 1), date(2021, 12, 31), set()),
])
def test_date_range_keeps_the_articles_dated_in_it(dated, date_from, date_to, kept):
    filters = Filters(date_from=date_from, date_to=date_to)
    assert set(queries.articles(dated, filters)["doc"]) == kept
    assert queries.counts(dated, filters).articles == len(kept)


def _epoch_ms(day: date) -> int:
    return int(datetime(day.year, day.month, day.day, tzinfo=timezone.utc).timestamp() * 1000)


def test_a_drag_across_the_timeline_selects_the_articles_of_its_days(dated):
    days = [day.date() for day in queries.timeline(dated)["day"]]
    assert days == [JAN_5, JAN_20, FEB]  # the undated article has no bar
    right_to_left = {queries.TIMELINE_SELECTION: {"day": [_epoch_ms(FEB), _epoch_ms(JAN_20)]}}
    date_from, date_to = queries.selected_dates(right_to_left)
    assert (date_from, date_to) == (JAN_20, FEB)
    selected = Filters(date_from=date_from, date_to=date_to)
    assert set(queries.articles(dated, selected)["doc"]) == {"jan20.txt", "feb.txt"}


def test_a_drag_keeps_the_days_whose_bars_it_covers():
    evening_of_the_5th, morning_of_the_20th = _epoch_ms(JAN_5) + 18 * 3_600_000, _epoch_ms(JAN_20) + 3_600_000
    selection = {queries.TIMELINE_SELECTION: {"day": [evening_of_the_5th, morning_of_the_20th]}}
    assert queries.selected_dates(selection) == (date(2022, 1, 6), JAN_20)
    between_two_bars = {queries.TIMELINE_SELECTION: {"day": [evening_of_the_5th, evening_of_the_5th + 3_600_000]}}
    assert queries.selected_dates(between_two_bars) is None


@pytest.mark.parametrize("picked, expected", [
    ((date(2022, 1, 1), date(2022, 3, 1)), (JAN_5, FEB)),  # a drag beyond both ends
    ((JAN_20, date(2022, 3, 1)), (JAN_20, FEB)),
    ((date(2023, 1, 1), date(2023, 2, 1)), (JAN_5, FEB)),  # a link from another corpus: all its days
    ((JAN_20,), (JAN_20,)),  # the first day picked so far
    (None, None),
])
def test_a_picked_range_stays_inside_the_workspace_dates(picked, expected):
    assert queries.within_dates(picked, (JAN_5, FEB)) == expected


@pytest.mark.parametrize("selection", [None, {}, {"dates": {}}, {"dates": {"day": []}},
                                       {"dates": {"day": [1641340800000]}}, {"other": {"day": [0, 1]}}])
def test_no_drag_selects_no_dates(selection):
    assert queries.selected_dates(selection) is None


def test_passages_have_context_and_marks(workspace):
    articles = queries.passages(workspace, ALMATY)
    assert len(articles) == 5
    passage = articles[0].passages[0]
    assert "<mark>Almaty</mark>" in passage.html
    assert passage.html.count(".") >= 2  # the sentence before or after comes along
    popups = queries.popup_passages(workspace)
    assert 1 <= len(popups[ALMATY]) <= 3 and all(mention == "Almaty" for _, mention, _ in popups[ALMATY])
    assert all(len(before) <= 71 and len(after) <= 71 for before, _, after in popups[ALMATY])


def test_passages_come_a_page_of_articles_at_a_time(workspace):
    """A panel reads only the articles it shows, in the order of the whole list, with the same filters."""
    every = queries.passages(workspace, ALMATY)
    pages = [queries.passages(workspace, ALMATY, offset=offset, limit=2) for offset in (0, 2, 4)]
    assert [len(page) for page in pages] == [2, 2, 1] and sum(pages, []) == every
    few = Filters(min_mentions=2, search="alma")
    assert queries.passages(workspace, ALMATY, few, offset=1, limit=3) == queries.passages(workspace, ALMATY, few)[1:4]
    assert queries.passages(workspace, ALMATY, Filters(min_mentions=10_000)) == []


def test_co_mentioned_places(workspace):
    together = queries.co_mentioned(workspace, ALMATY)
    assert "Kazakhstan" in together["name"].tolist() and ALMATY not in together["place_id"].tolist()


def test_article_view_links_every_mention(workspace):
    page = queries.article_html(workspace, "003_50832b85a0da59a2.txt", ALMATY, lambda p: f"?place={p}")
    assert '<a class="place" href="?place=geonames:1526273"' in page  # Nur-Sultan → Astana
    assert "<mark>Almaty</mark>" in page


def test_correction_moves_a_name_everywhere_and_undo_brings_it_back(workspace, gazetteer):
    aktau = workspace.place(AKTAU)
    before = queries.places(workspace)
    almaty_mentions = int(before[before.place_id == ALMATY]["mentions"].iloc[0])
    correction = workspace.correct(Correction("everywhere", "place", "Almaty", aktau))
    after = queries.places(workspace)
    assert ALMATY not in after["place_id"].tolist()
    assert bool(after[after.place_id == AKTAU]["corrected"].iloc[0])
    log = workspace.corrections()
    assert log["previous"].iloc[0] == ALMATY and log["place_id"].iloc[0] == AKTAU
    # It holds for articles added later, too.
    workspace.add([article("new.txt", "Neue Proteste in Almaty.")], gazetteer)
    assert queries.mentions(workspace, Filters(documents=("new.txt",)))["place_id"].tolist() == [AKTAU]
    workspace.undo(correction)
    restored = queries.places(workspace)
    assert int(restored[restored.place_id == ALMATY]["mentions"].iloc[0]) == almaty_mentions + 1


def test_the_most_specific_correction_wins(workspace):
    rows = queries.mentions(workspace, Filters(documents=("003_50832b85a0da59a2.txt",)), ALMATY)
    first = rows.iloc[0]
    workspace.correct(Correction("everywhere", "not_place", "Almaty"))
    workspace.correct(Correction("mention", "place", "Almaty", workspace.place(ALMATY), first.doc,
                                 int(first.start), int(first.end)))
    kept = queries.mentions(workspace, Filters(), ALMATY)
    assert list(zip(kept["doc"], kept["start"])) == [(first.doc, first.start)]


def test_a_missed_name_is_added_in_its_article(workspace):
    doc = "003_50832b85a0da59a2.txt"
    text = workspace.document(doc).text
    name = "Regierung"  # any word: the reader decides
    aktau = workspace.place(AKTAU)
    correction = workspace.correct(Correction("article", "add", name, aktau, doc))
    added = queries.mentions(workspace, Filters(), AKTAU).query("kind == 'added'")
    assert len(added) == len(occurrences(text, name)) > 0
    assert all(text[s:e] == name for s, e in zip(added["start"], added["end"]))
    workspace.undo(correction)
    assert queries.mentions(workspace, Filters(), AKTAU).query("kind == 'added'").empty


def test_corrections_survive_reopening(workspace):
    workspace.correct(Correction("everywhere", "not_place", "Almaty"))
    reopened = Workspace(workspace.path)
    assert ALMATY not in queries.places(reopened)["place_id"].tolist()
    assert reopened.revision() > 0


def test_occurrences_take_whole_words_and_genitives():
    assert occurrences("Aktau, Aktaus Hafen, Aktaustraße", "Aktau") == [0, 7]


def test_a_damaged_workspace_is_moved_aside_and_a_fresh_one_started(tmp_path, gazetteer, seeded):
    damaged = tmp_path / "workspace.duckdb"
    damaged.write_bytes(seeded.read_bytes()[:20_000] + b"\x00garbage" * 1000)
    workspace = Workspace(damaged)
    assert workspace.moved_aside and workspace.moved_aside.exists() and "moved to" in workspace.recovery_note()
    assert workspace.is_empty()
    assert Workspace(tmp_path / "fine.duckdb").recovery_note() is None


def test_a_workspace_another_program_holds_is_a_clear_error(tmp_path, monkeypatch):
    import geo.workspace.store as store

    path = tmp_path / "held.duckdb"
    Workspace(path)
    monkeypatch.setattr(store, "_LOCK_WAIT_SECONDS", 0.3)
    monkeypatch.setattr(store.duckdb, "connect", lambda *a, **k: (_ for _ in ()).throw(
        duckdb.IOException('Could not set lock on file "held.duckdb": Conflicting lock is held')))
    with pytest.raises(WorkspaceError, match="another program holds the workspace"):
        Workspace(path).revision()


def test_filters_round_trip_through_a_link():
    class Query(dict):
        def get_all(self, key):
            value = self.get(key, [])
            return value if isinstance(value, list) else [value]

    filters = Filters(("a.txt",), date(2022, 1, 1), date(2022, 1, 31), ("city", "water"), 2, 0.5, "Alm", True, False)
    assert Filters.from_query(Query(filters.to_query())) == filters
    assert Filters.from_query(Query({"min": "x", "conf": "7", "type": ["bogus"]})) == Filters(min_score=1.0)


def test_workspace_is_plain_duckdb(workspace):
    with duckdb.connect(str(workspace.path), read_only=True) as db:
        tables = {row[0] for row in db.execute("SHOW TABLES").fetchall()}
    assert {"documents", "sentences", "mentions", "places", "corrections"} <= tables


def test_corrections_saved_at_the_same_moment_are_both_kept(workspace):
    """Two readers of one dashboard (two app sessions: two threads, one workspace) save at once."""
    import threading

    names = ["Almaty", "Aktau", "Taldykorgan", "Schanaosen"] * 3
    start = threading.Barrier(len(names))
    failures = []

    def save(name: str) -> None:
        start.wait()
        try:
            workspace.correct(Correction("everywhere", "not_place", name))
        except Exception as exc:  # noqa: BLE001 - the test reports whatever a save raised
            failures.append(exc)

    threads = [threading.Thread(target=save, args=(name,)) for name in names]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not failures
    assert len(workspace.corrections()) == len(names)


def test_reresolve_answers_as_a_fresh_add_without_recognising_again(workspace, gazetteer, monkeypatch):
    """After the resolver changes, reresolve gives what a new add would give, from the stored mentions."""
    import geo.pipeline

    def columns(ws):
        with ws.connect() as db:
            return db.execute('SELECT id, doc, start, "end", place_id, round(score, 6) FROM mentions '
                              'ORDER BY doc, start, id').fetchall()

    before = columns(workspace)
    with workspace.connect() as db:  # as if the gazetteer had changed: Aktau unplaced, Almaty elsewhere
        db.execute("UPDATE mentions SET place_id = NULL, score = NULL WHERE place_id = ?", [AKTAU])
        db.execute("UPDATE mentions SET place_id = ? WHERE place_id = ?", [AKTAU, ALMATY])
    monkeypatch.setattr(geo.pipeline, "recognize_toponyms", lambda *a, **k: pytest.fail("recognised again"))
    report = workspace.reresolve(gazetteer)
    assert columns(workspace) == before  # same places, scores and mention ids
    assert report.documents == 5 and report.moved > 0 and report.dropped == 0
    assert AKTAU in set(queries.places(workspace).place_id)


def test_reresolve_keeps_added_names_and_corrections(workspace, gazetteer):
    workspace.correct(Correction("everywhere", "place", "Aktau", workspace.place(ALMATY)))
    doc = workspace.documents().doc[0]
    workspace.correct(Correction("article", "add", "Steppe", workspace.place(AKTAU), doc))
    before = queries.counts(workspace)
    workspace.reresolve(gazetteer)
    assert queries.counts(workspace) == before
    with workspace.connect() as db:
        assert db.execute("SELECT count(*) FROM effective WHERE text = 'Aktau' AND place_id = ?",
                          [ALMATY]).fetchone()[0] > 0


def test_an_archive_s_article_lists_are_searched_and_keep_what_is_chosen(workspace):
    everything = queries.article_list(workspace)
    assert everything.total == len(everything.titles) == 5  # a small corpus: listed whole
    some_doc = list(everything.titles)[0]
    word = everything.titles[some_doc].split()[0].lower()
    found = queries.article_list(workspace, word.upper(), limit=1)
    assert found.total == 5 and len(found.titles) == 1
    assert all(word in title.lower() or word in doc.lower() for doc, title in found.titles.items())
    other = [doc for doc in everything.titles if doc not in found.titles][0]
    kept = queries.article_list(workspace, word, chosen=[other], limit=1)
    assert list(kept.titles)[0] == other and len(kept.titles) == 2
    assert queries.article_list(workspace, "no title has this", limit=1).titles == {}
