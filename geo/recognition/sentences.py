"""Sentences: the passages a reader sees as evidence for a place.

A rule-based splitter is enough for news prose and keeps offsets exact; it
knows German abbreviations and dates ("am 6. Januar") so they do not end a
sentence, and it treats each line break as a boundary (headlines and
breadcrumbs carry no final stop).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_ABBREVIATIONS = frozenset(
    "z.B bzw ca usw etc vgl Nr Dr Prof St Mio Mrd Jh Abs bspw ggf inkl evtl u.a "
    "d.h z.T o.ä Mr Mrs Ms Gen Sen Rep Gov Lt Col Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec".split()
)
_WORD_BEFORE = re.compile(r"[\w.]*$")
_NEXT_CHARACTER = re.compile(r"\s*(\S)")
_LONGEST_WORD = 40
_CANDIDATE_END = re.compile(r"[.!?…]+[\"'»«“”„)\]]*(?=\s+)|\n\s*")


@dataclass(frozen=True)
class Sentence:
    """A sentence as offsets into its document's text; ``text`` is that slice."""

    start: int
    end: int
    text: str


def split_sentences(text: str, *, start: int = 0) -> list[Sentence]:
    """Split ``text[start:]`` into sentences whose offsets index ``text`` itself.

    Examples
    --------
    >>> [s.text for s in split_sentences("Am 6. Januar kam er. Dann ging er.")]
    ['Am 6. Januar kam er.', 'Dann ging er.']
    """
    sentences: list[Sentence] = []
    for match in _CANDIDATE_END.finditer(text, start):
        if match.group()[0] == "." and not _ends_sentence(text, match.start()):
            continue
        _append(sentences, text, start, match.end())
        start = match.end()
    _append(sentences, text, start, len(text))
    return sentences


def _ends_sentence(text: str, dot: int) -> bool:
    word = _WORD_BEFORE.search(text, max(0, dot - _LONGEST_WORD), dot).group()
    if word.isdigit() and len(word) <= 2:
        return False  # ordinals and dates: "6. Januar", "11.1.2022"
    if word in _ABBREVIATIONS or (len(word) == 1 and word.isalpha()):
        return False
    following = _NEXT_CHARACTER.match(text, dot + 1)
    return not (following and following.group(1).islower())


def _append(sentences: list[Sentence], text: str, start: int, end: int) -> None:
    chunk = text[start:end]
    stripped = chunk.strip()
    if stripped:
        first = start + chunk.index(stripped[0])
        sentences.append(Sentence(first, first + len(stripped), stripped))
