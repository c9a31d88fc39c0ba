"""A trained sequence tagger for place names: a CRF over words, tags and the gazetteer.

The rules of :mod:`geo.recognition.toponyms` find what the gazetteer knows and what a
tagger calls a proper noun.  Running text also names villages, streets and
mountains no list holds, and uses place names for clubs and firms ("Borussia
Dortmund").  A conditional random field weighs all the evidence at once: the
word's shape and suffixes ("-straße", "-see"), its part-of-speech tag, the
words around it, whether the gazetteer knows it and how big that place is,
whether it is a common first name, and what the rules decided.

The German model (``data/places-de.crfsuite``) is trained on the GermEval
2014 dev split (CC BY 4.0, Benikova et al. 2014) by ``python -m geo train``;
without it German recognition uses the rules alone.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from geo.gazetteer.index import Place, data_dir

_PLACE_SUFFIX = re.compile(
    r"(straße|strasse|platz|allee|gasse|weg|see|berg|burg|dorf|stadt|heim|hausen|ingen|ow|itz|land|ien"
    r"|tal|feld|bach|hafen|kirchen|insel|gebirge|wald|brücke|bahnhof)$",
    re.IGNORECASE,
)
_SHAPES = [(re.compile(r"[A-ZÄÖÜ]+"), "X"), (re.compile(r"[a-zäöüß]+"), "x"), (re.compile(r"\d+"), "0")]
_WINDOW = (-2, -1, 1, 2)
PLACE_LABELS = frozenset({"LOC"})


@dataclass(frozen=True)
class TokenEvidence:
    """What the rest of the pipeline knows about one token, for the tagger to weigh."""

    word: str
    pos: str
    rule: str  # "B-name", "I-part", "O"…
    candidates: tuple[Place, ...] = ()
    reliable: bool = False
    first_name: bool = False
    zipf: float = 0.0


def model_path(language: str) -> Path:
    """Where the model for ``language`` lives: ``places-<language>.crfsuite`` in :func:`data_dir`."""
    return data_dir() / f"places-{language}.crfsuite"


def features(tokens: list[TokenEvidence]) -> list[dict[str, object]]:
    """One feature dict a token: its own evidence and its neighbours' words, tags and rule decisions."""
    rows = []
    for i, token in enumerate(tokens):
        population = max((p.population for p in token.candidates), default=0)
        row: dict[str, object] = {
            "bias": 1.0,
            **_word_features(token.word),
            "pos": token.pos,
            "rule": token.rule,
            "gazetteer": bool(token.candidates),
            "reliable": token.reliable,
            "population_digits": len(str(population)) if population else 0,
            "feature": token.candidates[0].feature if token.candidates else "-",
            "first_name": token.first_name,
            "zipf": int(token.zipf),
        }
        for offset in _WINDOW:
            j = i + offset
            if 0 <= j < len(tokens):
                other = tokens[j]
                words = _word_features(other.word)
                row.update({
                    f"{offset}:lower": words["lower"],
                    f"{offset}:pos": other.pos,
                    f"{offset}:title": words["title"],
                    f"{offset}:rule": other.rule,
                })
            else:
                row[f"{offset}:edge"] = True
        rows.append(row)
    return rows


@lru_cache(maxsize=200_000)
def _word_features(word: str) -> dict[str, object]:
    """What a word form alone says, worked out once a process: most forms of a corpus repeat.
    Callers copy it (``**``) and never change it."""
    return {
        "lower": word.lower(),
        "title": word[:1].isupper(),
        "upper": word.isupper(),
        "digit": word.isdigit(),
        "hyphen": "-" in word,
        "suffix3": word[-3:],
        "suffix4": word[-4:],
        "prefix3": word[:3],
        "place_suffix": bool(_PLACE_SUFFIX.search(word)),
        "length": min(len(word), 10),
        "shape": _shape(word),
    }


def _shape(word: str) -> str:
    for pattern, symbol in _SHAPES:
        word = pattern.sub(symbol, word)
    return word


@lru_cache(maxsize=4)
def load_model(language: str):
    """The trained tagger for ``language``, or ``None`` when no model file is built."""
    path = model_path(language)
    if not path.exists():
        return None
    import pycrfsuite

    tagger = pycrfsuite.Tagger()
    tagger.open(str(path))
    return tagger


def spans_of(labels: list[str]) -> list[tuple[int, int]]:
    """``(first, last)`` token spans of the place labels in an IOB sequence."""
    spans: list[tuple[int, int]] = []
    for index, label in enumerate(labels):
        prefix, _, kind = label.partition("-")
        if kind not in PLACE_LABELS:
            continue
        if prefix == "I" and spans and spans[-1][1] == index - 1:
            spans[-1] = (spans[-1][0], index)
        else:
            spans.append((index, index))
    return spans


def iob_labels(offsets: list[tuple[int, int]], spans: list[tuple[int, int, str]]) -> list[str]:
    """IOB labels for tokens at character ``offsets``, from labelled character spans."""
    labels = ["O"] * len(offsets)
    for start, end, label in spans:
        inside = [i for i, (a, b) in enumerate(offsets) if a < end and start < b]
        for k, i in enumerate(inside):
            labels[i] = ("B-" if k == 0 else "I-") + label
    return labels
