"""Small text helpers shared by the stages: sentence splitting and word counts."""

from __future__ import annotations

import re

# "You also run the risk ...", "You could also be fined": an 'also' that gives the reader one more consequence of
# what the sentence before says they do, so the sentence needs that one. "You can also call ..." is one more
# option and stands alone, and so does "Ball was also fined" without its 'also'.
ADDS_TO_BEFORE = re.compile(r"^You (?:(?:could|may|might|will|would) )?also ")

# Abbreviations after which a full stop does not end a sentence.
ABBREVIATIONS = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "dr",
        "st",
        "no",
        "nos",
        "insp",
        "det",
        "sgt",
        "supt",
        "con",
        "dc",
        "ds",
        "pc",
        "di",
        "dci",
        "dsupt",
        "ch",
        "cllr",
        "rev",
        "prof",
        "gen",
        "col",
        "capt",
        "lt",
        "e.g",
        "i.e",
        "etc",
        "approx",
        "dept",
        "tel",
        "mob",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "vs",
        "op",
    ]
)
_BOUNDARY = re.compile(r"""([.!?]["'”’)]*)\s+(?=["'“‘(]?[A-Z0-9£])""")
_WORD = re.compile(r"[A-Za-z0-9£€$][\w'’£€$%.,:/@-]*")


def split_sentences(paragraph: str) -> list[str]:
    """Split one paragraph into sentences, keeping abbreviations and numbers whole."""
    sentences, start = [], 0
    for m in _BOUNDARY.finditer(paragraph):
        before = paragraph[start : m.start()].rsplit(None, 1)
        last = before[-1].lower().strip("(\"'“") if before else ""
        if m.group(1).startswith(".") and (last.rstrip(".") in ABBREVIATIONS or re.fullmatch(r"[a-z]", last)):
            continue
        sentences.append(paragraph[start : m.end(1)].strip())
        start = m.end()
    tail = paragraph[start:].strip()
    if tail:
        sentences.append(tail)
    return sentences


def words(text: str) -> list[str]:
    """The words of a text, numbers and web addresses counted as one word each."""
    return _WORD.findall(text)


def norm_space(text: str) -> str:
    """Collapse runs of white space to one space."""
    return re.sub(r"\s+", " ", text).strip()


# Words that lean on a sentence before them; with nothing before them the reader cannot tell what they mean.
LEANS_BACK = re.compile(
    r"^(?:this(?! (?:past |coming |last )?(?:week|weekend|month|year|morning|afternoon|evening|summer|winter|spring|"
    r"autumn|time of year)\b)|these|that|those|they|he|she|his|her|their|them|its|such|both|the same|the couple|the pair|others|another|"
    r"it (?:followed|happened|took place|was (?:found|seen|reported|stolen|taken|discovered|later)))\b"
    r"|\b(?:the above|above-mentioned|the below|as follows|these works|this work|that time|that period|as a result\b(?! of)"
    r"|the adjoining|the latter)\b"
    r"|\b(?:has|have|had|was|were) (?:then|later)\b",  # "they have then claimed": a step after one not there
    re.IGNORECASE,
)
