"""Stage 4, plain: rewrite chosen sentences into plain English.

A list of small `str -> str` rewrites run in order (see `rewrites`), then long sentences
are split at clause boundaries. No rewrite adds a number, name or place.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from importlib import resources

import yaml

from .records import Release
from .text import split_sentences, words

SPLIT_OVER = 15  # words; longer sentences are split at a clause boundary where one exists
MIN_PART = 5  # words; neither side of a split may be shorter


@functools.lru_cache(maxsize=1)
def lexicon() -> dict:
    """The plain-words lexicon kept as data in the package."""
    text = resources.files("summarise").joinpath("data/plain_words.yaml").read_text(encoding="utf-8")
    data = yaml.safe_load(text) or {}
    return {"replace": dict(data.get("replace") or {}), "drop": list(data.get("drop") or [])}


def _keep_case(original: str, replacement: str) -> str:
    return replacement[:1].upper() + replacement[1:] if original[:1].isupper() and replacement else replacement


def drop_quote_marks(text: str) -> str:
    """Remove double quotation marks; what was said stays."""
    return re.sub(r"[“”\"]", "", text)


_COMMON_OPENERS = frozenset(
    [
        "we",
        "our",
        "it",
        "this",
        "there",
        "they",
        "he",
        "she",
        "you",
        "these",
        "those",
        "in",
        "all",
        "if",
        "when",
        "as",
        "a",
        "an",
        "the",
        "my",
    ]
)


def said_colon(text: str) -> str:
    """'X said: We ...' -> 'X said we ...' (names keep their capital)."""

    def lower(m: re.Match) -> str:
        word = m.group(2)
        return f"{m.group(1)} {word.lower() if word.lower() in _COMMON_OPENERS else word}"

    return re.sub(r"\b(said|added|says|explained):\s+(\w+)", lower, text)


_COUNTED = re.compile(r"\d[\d,]*\s+(?:[a-z-]+\s+)?$")  # text ending in a number and perhaps one adjective


def replace_jargon(text: str) -> str:
    """Official words -> plain words, from the lexicon; a noun counted by a number is left as it is."""

    def swap(m: re.Match, plain: str) -> str:
        if _COUNTED.search(m.string[: m.start()]):
            return m.group(0)
        return _keep_case(m.group(0), plain)

    for word, plain in sorted(lexicon()["replace"].items(), key=lambda kv: -len(kv[0])):
        text = re.sub(rf"\b{re.escape(word)}\b", lambda m, p=plain: swap(m, p), text, flags=re.IGNORECASE)
    return text


def drop_filler(text: str) -> str:
    """Drop filler and hedges that add length but no meaning."""
    for phrase in lexicon()["drop"]:
        text = re.sub(rf"\s*\b{re.escape(phrase)}\b", "", text, flags=re.IGNORECASE)
    return text


def tidy(text: str) -> str:
    """Fix spacing and punctuation left by other rewrites; capital first letter, full stop at the end."""
    text = re.sub(r"\s+", " ", text).strip()
    text = re.sub(r"\s+([,.;:!?])", r"\1", text)
    text = re.sub(r"^[,;:\s]+|[,;:\s]+$", "", text)
    if text and text[-1] not in ".!?":
        text += "."
    return text[:1].upper() + text[1:]


def we_to(org: str) -> Callable[[str], str]:
    """'we' / 'us' -> the organisation; 'our' -> 'the'."""

    def rewrite(text: str) -> str:
        if not org:
            return text
        text = re.sub(r"\b[Ww]e\b", org, text)
        text = re.sub(r"\bus\b", org, text)
        return re.sub(r"\b([Oo])ur\b", lambda m: "The" if m.group(1) == "O" else "the", text)

    return rewrite


def expand_acronyms(definitions: dict[str, str]) -> Callable[[list[str]], list[str]]:
    """Spell out an acronym on its first use in the summary, as the release defines it."""

    def rewrite(sentences: list[str]) -> list[str]:
        seen, out = set(), []
        for sentence in sentences:
            for abbr, long in definitions.items():
                if abbr in seen or not re.search(rf"\b{abbr}\b", sentence):
                    continue
                seen.add(abbr)
                if f"({abbr})" not in sentence and long not in sentence:
                    sentence = re.sub(rf"\b{abbr}\b", f"{long} ({abbr})", sentence, count=1)
            out.append(sentence)
        return out

    return rewrite


def acronym_definitions(body: str) -> dict[str, str]:
    """'Crown Prosecution Service (CPS)' -> {'CPS': 'Crown Prosecution Service'}."""
    found = {}
    for m in re.finditer(r"((?:[A-Z][\w'’-]*\s(?:(?:of|and|the|for)\s)?){2,8})\(([A-Z]{2,6})\)", body):
        long, abbr = m.group(1).strip(), m.group(2)
        initials = "".join(w[0] for w in long.split() if w[0].isupper())
        if initials.endswith(abbr) or abbr[0] == initials[:1]:
            found.setdefault(abbr, " ".join(long.split()[-len(abbr) - 2 :]) if len(long.split()) > 6 else long)
    return found


_CLAUSE = re.compile(
    r";\s+|,\s+(?:and|but|while|so)\s+(?=[A-Za-z£\d])|\s+and\s+(?=(?:more than |over |around )?\d)|,\s+(?=which\b)"
)


def split_long(sentence: str) -> list[str]:
    """Split a long sentence at clause boundaries into sentences of at least MIN_PART words."""
    if len(words(sentence)) <= SPLIT_OVER:
        return [sentence]
    best = None
    for m in _CLAUSE.finditer(sentence):
        left, right = sentence[: m.start()], sentence[m.end() :]
        if len(words(left)) >= MIN_PART and len(words(right)) >= MIN_PART and not right.startswith("which"):
            balance = abs(len(words(left)) - len(words(right)))
            if best is None or balance < best[0]:
                best = (balance, left, right)
    if best is None:
        return [sentence]
    return split_long(tidy(best[1])) + split_long(tidy(best[2]))


def rewrites(release: Release) -> list[Callable[[str], str]]:
    """The sentence rewrites for one release, in the order they run."""
    return [drop_quote_marks, said_colon, we_to(release.source), replace_jargon, drop_filler, tidy]


def plain_sentence(sentence: str, steps: list[Callable[[str], str]]) -> list[str]:
    """One sentence through every rewrite, then split if still long."""
    for step in steps:
        sentence = step(sentence)
    return [tidy(s) for s in split_long(sentence) for s in split_sentences(s)]


def make_plain(sentences: list[str], *, release: Release) -> list[list[str]]:
    """Each chosen sentence as one or more plain sentences (a list per input sentence)."""
    steps = rewrites(release)
    expand = expand_acronyms(acronym_definitions(release.body))
    plain = [plain_sentence(s, steps) for s in sentences]
    flat = expand([s for group in plain for s in group])
    out, i = [], 0
    for group in plain:
        out.append(flat[i : i + len(group)])
        i += len(group)
    return out
