"""Which language a document is written in, so the right recognition rules apply.

German capitalises every noun and needs a tagger; English capitalises names
only.  A reader drops in whatever they have, so each document's language is
detected (lingua, an offline n-gram detector) unless the caller says it.
Languages without a package under ``geo/lang/`` fall back to plain gazetteer
matching of names that cannot be ordinary words.
"""

from __future__ import annotations

import importlib
from functools import lru_cache
from types import ModuleType

SUPPORTED = ("de", "en")
FALLBACK = "en"
_SAMPLE_CHARACTERS = 400  # a headline and a sentence or two decide; longer costs time


def detect_language(text: str) -> str:
    """The ISO 639-1 code of ``text``'s language, or ``"und"`` when unsure.

    Examples
    --------
    >>> detect_language("Die Proteste in Kasachstan weiten sich aus.")
    'de'
    """
    language = _detector().detect_language_of(text[:_SAMPLE_CHARACTERS])
    return language.iso_code_639_1.name.lower() if language else "und"


@lru_cache(maxsize=1)
def _detector():
    from lingua import LanguageDetectorBuilder

    return LanguageDetectorBuilder.from_all_spoken_languages().with_low_accuracy_mode().build()


def language_rules(code: str) -> tuple[ModuleType, bool]:
    """The word lists for ``code`` and whether they are the language's own.

    An unsupported language gets the :data:`FALLBACK` lists and ``False``,
    which makes recognition keep only names no language uses as a word.
    """
    if code in SUPPORTED:
        return _module(code), True
    return _module(FALLBACK), False


@lru_cache(maxsize=None)
def _module(code: str) -> ModuleType:
    return importlib.import_module(f"geo.lang.{code}")
