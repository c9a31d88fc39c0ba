"""Property tests: any text at all goes through without an error, and offsets always hold."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from geo.documents import parse_document
from geo.pipeline import analyse, text_parts
from geo.workspace.readers import read_bytes
from geo.workspace.store import Workspace

# Random scripts and control characters, place names among them so that recognition has work to do.
WORDS = st.sampled_from(["Almaty", "Kasachstan", "Moskaus", "am Kaspischen Meer", "Paris, Texas", "U.S.",
                         "Nur-Sultan", "Kasachstan-Einsatzes", "Köln", "the", "Die", ".", "\n\n", "–", "«", " "])
TEXTS = st.one_of(
    st.text(max_size=400),
    st.lists(st.one_of(WORDS, st.text(max_size=12)), max_size=60).map(" ".join),
    st.text(alphabet=st.characters(categories=["P", "Zs", "Cc"]), max_size=200),  # only punctuation and control
    st.text(alphabet="abcdefghijklmnopqrstuvwxyzÄÖÜ", min_size=500, max_size=3000),  # one long word, no spaces
)
SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@SETTINGS
@given(text=TEXTS, language=st.sampled_from([None, "de", "en", "fr"]))
def test_extraction_never_raises_and_offsets_hold(gazetteer, text, language):
    document = parse_document("p.txt", text)
    resolved, unplaced = analyse(document, gazetteer, language=language, include_adjectives=True,
                                 include_organisations=True)
    for mention in [r.mention for r in resolved] + unplaced:
        assert 0 <= mention.start < mention.end <= len(text)
        assert text[mention.start : mention.end] == mention.text


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.text(min_size=1, max_size=300).filter(lambda t: t.strip() and not t.startswith("\ufeff")))
def test_a_file_round_trips_through_the_workspace(gazetteer, tmp_path_factory, text):
    """Byte for byte, but a leading U+FEFF, which in a file is a byte order mark and is dropped."""
    [document] = read_bytes("round.txt", text.encode("utf-8"))
    workspace = Workspace(tmp_path_factory.mktemp("prop") / "w.duckdb")
    workspace.add([document], gazetteer)
    assert workspace.document("round.txt").text == text == document.text


@settings(max_examples=100, deadline=None)
@given(text=st.text(alphabet=st.sampled_from("ab \n"), max_size=400), size=st.integers(2, 50),
       start=st.integers(0, 20))
def test_text_parts_cover_the_text_in_order_and_within_size(text, size, start):
    parts = list(text_parts(text, start, size))
    ends = [start] + [end for _, end in parts]
    assert [s for s, _ in parts] == ends[:-1] and ends[-1] == max(len(text), start)
    assert all(0 < end - begin <= size for begin, end in parts)
