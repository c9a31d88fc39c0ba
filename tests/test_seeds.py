"""Acceptance on the seed articles against the hand annotation in tests/data/seeds_gold.tsv."""

import pytest

from geo.evaluation.scores import DEFAULT_GOLD, evaluate_gold_spans, evaluate_seeds, haversine_km, read_gold
from geo.pipeline import extract_places

BRIEF = {  # the six places of the brief, GeoNames coordinates
    "Almaty": (43.25249, 76.9115),
    "Nur-Sultan": (51.1801, 71.44598),
    "Taldykorgan": (45.01556, 78.37389),
    "Aktau": (43.66105, 51.17392),
    "Öskemen": (49.97143, 82.60586),
    "Baikonur": (45.61667, 63.31667),
}


def test_recognition_and_resolution_meet_the_bar(seeds, gazetteer):
    report = evaluate_seeds(seeds, gazetteer)
    assert report.precision >= 0.95, report.false_positives
    assert report.recall >= 0.95, report.missed
    assert report.resolution_accuracy >= 0.95, report.wrong_places


def test_every_gold_span_resolves_when_given_as_a_span(seeds, gazetteer):
    gold = read_gold(DEFAULT_GOLD)
    report = evaluate_gold_spans(seeds, gold, gazetteer, language="de")
    assert report.recall == 1.0 and not report.false_positives  # the spans are the gold ones
    assert report.resolvable == sum(1 for g in gold if not g.optional and g.lat is not None)
    assert report.resolution_accuracy >= 0.95, report.wrong_places


@pytest.mark.parametrize("surface", sorted(BRIEF))
def test_places_of_the_brief_within_30_km(seeds, gazetteer, surface):
    hits = [r for r in extract_places(seeds, gazetteer) if r.mention.text == surface]
    assert hits, f"{surface} not found"
    for hit in hits:
        assert haversine_km(hit.place.lat, hit.place.lon, *BRIEF[surface]) <= 30


def test_gold_offsets_match_the_seed_texts(seeds):
    texts = {d.id: d.text for d in seeds}
    for gold in read_gold(DEFAULT_GOLD):
        assert texts[gold.doc][gold.start:gold.end] == gold.text


def test_a_long_text_is_read_in_parts_with_offsets_into_the_whole(gazetteer, seeds, monkeypatch):
    """A dump of many articles streams a part at a time; each part finds what it finds alone."""
    import geo.pipeline
    from geo.documents import Document
    from geo.pipeline import analyse, analyse_all, text_parts

    whole = Document(id="dump", title="", date=None, text="\n\n".join(d.text for d in seeds))
    size = 8000
    monkeypatch.setattr(geo.pipeline, "PART_CHARACTERS", size)
    bounds = list(text_parts(whole.text, 0, size))
    parts = list(analyse_all([whole], gazetteer))
    assert len(parts) == len(bounds) > 3
    for (start, end), (resolved, unplaced) in zip(bounds, parts):
        alone = analyse(Document(id="dump", title="", date=None, text=whole.text[start:end]), gazetteer)[0]
        assert [(r.mention.start + start, r.place.id) for r in alone] == [(r.mention.start, r.place.id) for r in resolved]
        for mention in [r.mention for r in resolved] + unplaced:
            assert whole.text[mention.start : mention.end] == mention.text
            assert whole.text[mention.sentence.start : mention.sentence.end] == mention.sentence.text
