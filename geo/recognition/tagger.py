"""German part-of-speech tags: HanTa's model and HanTa's answers, found several times faster.

HanTa (:mod:`HanTa.HanoverTagger`) is a hidden Markov model over morphemes
inside a word and over the words of a sentence.  Its two searches are written
for clarity and were most of German extraction's time:

- an unknown word form is cut into every segment, and each segment is scored
  against every tag a state may be followed by through a method call (about
  1,700 calls a word, most of them for tags the segment cannot have);
- a sentence's every state is tried against every tag that may follow it (56
  on average), where the word at hand allows one to three.

:class:`Tagger` runs the same two searches over the model's own tables, in
the same order with the same arithmetic, but looks a segment's morpheme
scores up once (an index from morpheme to tags) and tries only the tags a
word allows, so the probabilities and the tags are HanTa's to the last bit
(``tests/test_tagger.py`` compares them on every word of a text).  Each word
form is analysed once a process, as most forms of a corpus recur.
"""

from __future__ import annotations

import math
from functools import lru_cache
from graphlib import TopologicalSorter
from operator import itemgetter

from numpy import logaddexp

EMPTY, START, END, UNKNOWN = 0, 1, 2, 3
_LOWER_BOUND = -1e6
_WORD_STATES_KEPT = 3  # HanTa's beam inside a word
_SENTENCE_STATES_KEPT = 5  # and over a sentence
_TAG_CUTOFF = 5
_FORMS_KEPT = 500_000  # analyses a process remembers, a few hundred bytes each
_SUFFIX_LENGTHS = (4, 3, 2, 1)


class Tagger:
    """HanTa's German tagger, with its searches done over indexed tables.

    Examples
    --------
    >>> german_tagger().tag(["In", "Essen", "demonstrierten", "Tausende"])  # doctest: +SKIP
    ['APPR', 'NE', 'VVFIN', 'PIS']
    """

    def __init__(self, hanta) -> None:
        self.hanta = hanta
        self._guessing = not hanta.strict
        self._open = frozenset(t for t in hanta.LP_m_t if t in hanta.LP_hapax_t and t in hanta.LP_s_t)
        self._base = {t: hanta.Int_t + hanta.LP_hapax_t[t] for t in self._open}
        self._tags_of: dict[str, dict[int, float]] = {}
        for tag, morphemes in hanta.LP_m_t.items():
            for morpheme, lp in morphemes.items():
                self._tags_of.setdefault(morpheme, {})[tag] = lp
        self._rank = _rank_of_tags(hanta.LP_trans_word)
        self.analyze_forward = lru_cache(maxsize=_FORMS_KEPT)(self._forward)
        hanta.analyze_forward = self.analyze_forward  # HanTa's own word tagging uses the faster search
        self._word_tags = lru_cache(maxsize=_FORMS_KEPT)(self._word_tags_uncached)

    def tag(self, words: list[str]) -> list[str]:
        """The part-of-speech tag of each word of one sentence (HanTa's ``tag_sent(words, taglevel=0)``)."""
        if not words:
            return []
        int2tag = self.hanta.int2tag
        return [int2tag[t] for t in self._viterbi(words)]

    def _word_tags_uncached(self, word: str, case_sensitive: bool) -> tuple[tuple[int, float], ...]:
        """The tags HanTa allows a word, with their scores, in the order its transition tables list them."""
        probabilities = dict(self.hanta._tag_word(word, cutoff=_TAG_CUTOFF, casesensitive=case_sensitive,
                                                  conditional=True))
        if list(probabilities) == [UNKNOWN]:
            return ()
        return tuple(sorted(((c, lp) for c, lp in probabilities.items() if c != END), key=lambda p: self._rank[p[0]]))

    def _viterbi(self, words: list[str]) -> list[int]:
        """HanTa's ``tag_sent_viterbi``: the same table, trying only the tags the word allows."""
        transitions = self.hanta.LP_trans_word
        table: list[dict] = []
        backpointer: list[dict] = []
        for i, word in enumerate(words):
            allowed = self._word_tags(word, i > 0)
            previous = table[i - 1] if i else {(EMPTY, START): 0.0}
            bound = (sorted(previous.values(), reverse=True)[_SENTENCE_STATES_KEPT] - 1
                     if len(previous) > _SENTENCE_STATES_KEPT else _LOWER_BOUND)
            row: dict = {}
            back: dict = {}
            for state, lp0 in previous.items():
                if lp0 < bound:
                    continue
                following = transitions[state]
                if allowed:
                    steps = [(c, following[c], lpwc) for c, lpwc in allowed if c in following]
                else:  # a word HanTa cannot analyse may be anything
                    steps = [(c, lp, 0) for c, lp in following.items() if c != END]
                for c, lp_tc, lpwc in steps:
                    lp = lp0 + lp_tc + lpwc
                    if lp > _LOWER_BOUND:
                        state_next = (state[1], c)
                        if state_next not in row or lp > row[state_next]:
                            row[state_next] = lp
                            back[state_next] = state
            table.append(row)
            backpointer.append(back)
        final = (END, EMPTY)
        best = -math.inf
        back = {}
        for state, lp0 in table[-1].items():
            lp = lp0 + dict(transitions[state]).get(END, -math.inf)
            if lp > best:
                best = lp
                back[final] = state
        backpointer.append(back)
        tags = []
        state = final
        for i in range(len(backpointer) - 1, 0, -1):
            state = backpointer[i][state]
            tags.append(state[1])
        return tags[::-1]

    def _forward(self, word: str) -> list[tuple[int, float]]:
        """HanTa's ``analyze_forward``: each tag's log probability for one lower-cased word form."""
        hanta = self.hanta
        length = len(word)
        table = [{(EMPTY, START): 0}] + [{} for _ in range(length + 1)]
        for i in range(length + 1):
            row = table[i]
            bound = (sorted(row.values(), reverse=True)[_WORD_STATES_KEPT] - 1
                     if len(row) > _WORD_STATES_KEPT else _LOWER_BOUND)
            segments = None
            for state in row:
                lp = row[state]
                if lp < bound:
                    continue
                followup = hanta.LP_trans_nonfinal.get(state, [])
                if not followup:
                    continue
                if segments is None:
                    segments = [self._segment(word[i:j], length) for j in range(i + 1, length + 1)]
                for j, (known, unseen, guessed) in enumerate(segments, start=i + 1):
                    cell = table[j]
                    for tag1, lpt in followup:
                        lpm = known.get(tag1)
                        if lpm is None:
                            if unseen is None or tag1 not in self._open:
                                continue
                            lpm = guessed.get(tag1)
                            if lpm is None:
                                lpm = guessed[tag1] = self._guess(unseen, length, tag1)
                        lp1 = lp + lpt + lpm
                        if lp1 > _LOWER_BOUND:
                            state_next = (state[1], tag1)
                            if state_next not in cell or lp1 > cell[state_next]:
                                cell[state_next] = lp1
        for state, lp in table[-2].items():
            for tag1, lpt in hanta.LP_trans_final.get(state, []):
                lp1 = lp + lpt
                if lp1 > _LOWER_BOUND:
                    state_next = (state[1], tag1)
                    if state_next not in table[-1] or lp1 > table[-1][state_next]:
                        table[-1][state_next] = lp1
        results: dict[int, float] = {}
        for state, lp in table[-1].items():
            if lp == -math.inf:
                continue
            pos = -state[1]
            results[pos] = logaddexp(results[pos], lp) if pos in results else lp
        ranked = sorted(results.items(), key=itemgetter(1), reverse=True)
        return ranked or [(UNKNOWN, 0)]

    def _segment(self, morpheme: str, length: int) -> tuple[dict[int, float], str | None, dict[int, float]]:
        """A segment's known scores by tag; the segment again where HanTa would score it as an unseen
        morpheme of an open class (not for a strict model, nor a short segment of a long word), else
        ``None``; and a memo for those scores."""
        guessable = self._guessing and (length < 4 or len(morpheme) > 2)
        return self._tags_of.get(morpheme, {}), morpheme if guessable else None, {}

    def _guess(self, morpheme: str, length: int, tag: int) -> float:
        """HanTa's score of an unseen morpheme for an open class: its suffix, its length, the class."""
        size = len(morpheme)
        suffixes = self.hanta.LP_s_t[tag]
        lp_suffix = next((suffixes[morpheme[-n:]] for n in _SUFFIX_LENGTHS
                          if size > n and morpheme[-n:] in suffixes), suffixes[""])
        lp = self._base[tag] + self.hanta.LP_len_t[tag][min(size, 24)] + lp_suffix
        if length == size:  # HanTa's penalty for the whole word as one unknown morpheme
            lp -= 4.6
        return lp


def _rank_of_tags(transitions: dict[tuple[int, int], dict[int, float]]) -> dict[int, int]:
    """One order of all tags that each state's table of following tags keeps (HanTa's model has one).

    The sentence search tries a state's following tags in its table's order,
    and the first of two equal scores wins: trying a word's few tags in this
    order keeps HanTa's answer even on a tie.
    """
    order = TopologicalSorter()
    for followers in transitions.values():
        tags = list(followers)
        for n, tag in enumerate(tags):
            order.add(tag, *tags[n - 1 : n])
    return {tag: rank for rank, tag in enumerate(order.static_order())}


@lru_cache(maxsize=1)
def german_tagger() -> Tagger:
    """HanTa's German model (``morphmodel_ger.pgz``, in its wheel), loaded once a process."""
    from HanTa import HanoverTagger

    return Tagger(HanoverTagger.HanoverTagger("morphmodel_ger.pgz"))
