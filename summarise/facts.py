"""Stage 2, facts: find contacts, references and figures with exact spans and a role.

Every fact's `text` is the exact slice `body[start:end]` of the cleaned release body, so
later stages can copy it word-for-word and the guard can check that they did.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

import phonenumbers

from .records import Fact, Release
from .text import split_sentences

CONTEXT_CHARS = 160  # characters either side of a contact searched for its role
CONTACT_KINDS = ("phone", "shortcode", "textnumber", "url", "email", "handle")

# Service numbers that are contacts wherever they appear after a contact verb or on their own.
KNOWN_SHORT_CODES = {
    "999": "in an emergency",
    "112": "in an emergency",
    "101": "the police non-emergency number",
    "111": "for medical help when it is not an emergency",
    "105": "to report a power cut",
    "119": "for NHS vaccination services",
    "159": "to reach your bank's fraud team",
    "116 123": "Samaritans, free at any time",
    "116 000": "Runaway Helpline",
    "116 111": "Childline",
    "0800 1111": "Childline",
    "0800 555 111": "Crimestoppers, where you do not have to give your name",
}
_NUMBER_CANDIDATE = re.compile(r"(?<![\d,.£/-])(0800 1111|\d{3} \d{3}|\d{3,6})(?!\d|,\d|/|%|-|\.\d|\s?\d)")
_CONTACT_BEFORE = re.compile(
    r"(?:\bNHS|\bcall(?:ing)?|\bdial(?:ling)?|\bring(?:ing)?|\bphon(?:e|ing)|\bcontact(?:ing)?|\btext(?:ing)?|"
    r"\bon|\bvia|\bnumber|\bor)(?: us)?(?: on)?(?: the)? $",
    re.IGNORECASE,
)
_TEXT_BEFORE = re.compile(r"\btext(?:ing)?(?: us)?(?: on)? $|\btext(?:ing)? .{0,30}$", re.IGNORECASE)
_FIGURE_AFTER = re.compile(
    r" (?:[a-z-]+ )?(?:people|children|adults|arrests|warrants|messages|texts|calls|officers|homes|years|days|incidents|cases)\b"
)
_URL = re.compile(
    r"(?:https?://|www\.)[^\s<>()\"'“”]+"
    r"|\b[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:uk|com|org|net|gov|nhs|police|example|info|io|wales|scot|cymru|ie|eu|gg|je|im|london)(?:/[^\s<>()\"'“”]*)?",
    re.IGNORECASE,
)
_EMAIL = re.compile(r"\b[\w.+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+\b")
_HANDLE = re.compile(r"(?<![\w@.])@[A-Za-z0-9_]{2,15}\b")
_TRAILING = ".,;:!?)]}'\"”’"

_REF_KEY = r"(?:log|incident|crime|reference|ref\.?|occurrence|case|report)(?: (?:number|no\.?|reference|ref\.?))*:?"
_REF_DATE = r"(?:\d{1,2}(?:st|nd|rd|th)? [A-Z][a-z]+(?: \d{4})?|\d{1,2}/\d{1,2}/\d{2,4})"
_REFERENCE = re.compile(
    rf"\b(?:(?:Operation|Op) [A-Z][a-z]+ )?{_REF_KEY} (?:[A-Z]{{0,4}}[/-]?\d[\w/-]*|[A-Z]{{2,4}} \d{{4,}})(?: of {_REF_DATE}| \d{{1,2}}/\d{{1,2}}/\d{{2,4}})?"
    r"|\b[A-Z]{2,4}\d{4,}/\d{2}\b|\b[A-Z]{2,4}/\d{2}/\d{3,}\b",
    re.IGNORECASE,
)
_OPERATION = re.compile(r"\b(?:Operation|Op\.?) [A-Z][a-z]+(?: [A-Z][a-z]+)?\b")
_MONEY = re.compile(r"£\d[\d,]*(?:\.\d+)?(?: ?(?:million|billion|bn|m|k)\b)?")
_PERCENT = re.compile(r"\b\d+(?:\.\d+)?(?:%| per ?cent\b)")
_TIME = re.compile(r"\b\d{1,2}(?:[.:]\d{2})? ?(?:am|pm|hrs)\b|\b\d{1,2}:\d{2}\b", re.IGNORECASE)
_AGE = re.compile(r"\b\d{1,3}-year-old\b|\baged \d{1,3}\b")
_HEIGHT = re.compile(r"\b\d ?ft(?: ?\d{1,2} ?in)?\b|\b\d\.\d{1,2} ?m(?:etres)? tall\b")
_VEHICLE = re.compile(r"\b[A-Z]{2}\d{2} ?[A-Z]{3}\b")

_MEDIA = re.compile(
    r"media enquir|press office|press team|press desk|newsdesk|news desk|journalists|notes to editors|"
    r"editors'? notes|for media|media contact|media relations|communications team|interview",
    re.IGNORECASE,
)
_HOW_CRIMINALS_WORK = re.compile(
    r"\b(?:scammers?|fraudsters?|criminals?|con ?men|offenders?|the victim|pretend\w*|claim\w* to be|posing as)\b",
    re.IGNORECASE,
)
_TOLD_TO_CALL = re.compile(
    r"\b(?:call|dial|ring|phone|contact|use|visit|text|report)(?:ing|ling)?\b|\b(?:go to|speak to|talk to|get in touch)\b"
    r"|\bemergenc|\bor\b",  # "reporting anything to police by calling 101" tells the reader too
    re.IGNORECASE,
)
_FOR_OFFENDERS = re.compile(
    r"\b(?:stop them from (?:repeat )?offending|(?:suspects|offenders|perpetrators) (?:they deal with )?(?:to )?get help)\b",
    re.IGNORECASE,
)
_TO_THE_READER = re.compile(
    r"\bif you\b|\byou (?:should|can|must)\b|^(?:please )?(?:call|dial|ring|report|contact)\b", re.I
)
_HELP = re.compile(
    r"\b(?:call|dial|ring|phone|text|report|contact|visit|go to|get in touch|e-?mail|speak to|talk to|advice|"
    r"support|help|information|quot|anonymous|crimestoppers|helpline|online|book|worried|concern|updates|find out|details|available at)",
    re.IGNORECASE,
)


def find_facts(release: Release, *, nlp=None) -> list[Fact]:
    """All facts of a release body, in order of position, without overlaps.

    `nlp` is a loaded spaCy pipeline; with it, figures get their counted noun from the parse
    and people, places and organisations are found. Without it, figures come from patterns.
    """
    body = release.body
    found: list[Fact] = []
    for fact in _candidates(body, nlp):
        if not any(fact.start < f.end and f.start < fact.end for f in found):
            found.append(fact)
    found.sort(key=lambda f: f.start)
    return [_with_role(f, body) if f.kind in CONTACT_KINDS else f for f in found]


def _candidates(body: str, nlp) -> Iterable[Fact]:
    """Candidate facts, most specific first: earlier kinds win overlaps."""
    yield from _regex_facts(body, _EMAIL, "email")
    yield from _regex_facts(body, _REFERENCE, "reference")
    yield from _url_facts(body)
    yield from _phone_facts(body)
    yield from _short_code_facts(body)
    yield from _regex_facts(body, _HANDLE, "handle")
    yield from _regex_facts(body, _OPERATION, "operation")
    yield from _regex_facts(body, _MONEY, "money")
    yield from _regex_facts(body, _PERCENT, "percent")
    yield from _regex_facts(body, _TIME, "time")
    yield from _regex_facts(body, _AGE, "age")
    yield from _regex_facts(body, _HEIGHT, "height")
    yield from _regex_facts(body, _VEHICLE, "vehicle")
    if nlp is not None:
        yield from _spacy_facts(body, nlp)
    else:
        yield from _regex_facts(body, re.compile(r"\b\d[\d,]*(?: [a-z]+){1,2}"), "figure")


def _regex_facts(body: str, pattern: re.Pattern, kind: str) -> Iterable[Fact]:
    for m in pattern.finditer(body):
        yield Fact(kind=kind, text=m.group(0), start=m.start(), end=m.end())


def _url_facts(body: str) -> Iterable[Fact]:
    for m in _URL.finditer(body):
        text = m.group(0).rstrip(_TRAILING)
        if (
            text.count(".") < 1
            or _EMAIL.search(body[max(0, m.start() - 40) : m.end() + 1])
            and "@" in body[max(0, m.start() - 1) : m.start()]
        ):
            continue
        yield Fact(kind="url", text=text, start=m.start(), end=m.start() + len(text))


def _phone_facts(body: str) -> Iterable[Fact]:
    for m in phonenumbers.PhoneNumberMatcher(body, "GB", leniency=phonenumbers.Leniency.POSSIBLE):
        text = m.raw_string
        digits = re.sub(r"\D", "", text)
        if len(digits) < 9:
            continue  # short service numbers are found by _short_code_facts
        yield Fact(kind="phone", text=text, start=m.start, end=m.end)


def _short_code_facts(body: str) -> Iterable[Fact]:
    """Service numbers (101, 999, 111, 116 123) and text numbers (61016) used as contacts."""
    for m in _NUMBER_CANDIDATE.finditer(body):
        text = m.group(1)
        before = body[max(0, m.start() - 40) : m.start()]
        if _FIGURE_AFTER.match(body, m.end()) or re.search(r"\b(?:of|in|since|from|to|than)\s$", before):
            continue  # "111 arrests", "log 24 of", "in 2017": a figure, not a contact
        is_contact = bool(_CONTACT_BEFORE.search(before))
        if not is_contact and text not in ("999", "101", "111"):
            continue
        kind = "textnumber" if len(text) >= 5 and " " not in text or _TEXT_BEFORE.search(before[-20:]) else "shortcode"
        yield Fact(kind=kind, text=text, start=m.start(), end=m.end())


def _spacy_facts(body: str, nlp) -> Iterable[Fact]:
    """Figures with the noun they count, dates, people, places and organisations."""
    doc = nlp(body)
    for tok in doc:
        if tok.dep_ == "nummod" and tok.head.pos_ in ("NOUN", "PROPN") and tok.i < tok.head.i:
            start = tok.idx
            end = tok.head.idx + len(tok.head.text)
            span = body[start:end]
            if (
                tok.like_num
                and tok.lower_ != "one"
                and len(span) < 60
                and not re.search(r"\n|\d", span[len(tok.text) :])
            ):
                yield Fact(kind="figure", text=body[start:end], start=start, end=end)
    kinds = {"PERSON": "person", "GPE": "place", "LOC": "place", "FAC": "place", "ORG": "organisation", "DATE": "date"}
    for ent in doc.ents:
        if ent.label_ in kinds and ent.text.strip():
            yield Fact(kind=kinds[ent.label_], text=ent.text, start=ent.start_char, end=ent.end_char)


def _with_role(fact: Fact, body: str) -> Fact:
    """Give a contact its role (help, media or other) from the sentence around it."""
    sentence = sentence_around(body, fact.start)
    para_start = body.rfind("\n\n", 0, fact.start) + 1
    previous = body[max(0, para_start - CONTEXT_CHARS) : para_start]
    lead_in = _lead_in(body, para_start) if not _HELP.search(sentence.replace(fact.text, " ")) else ""
    if lead_in:
        sentence = lead_in + " " + sentence  # "... look at these websites:" then a list
    if _MEDIA.search(sentence) or (_MEDIA.search(previous) and len(sentence) < 80 and not _HELP.search(sentence)):
        role = "media"
    elif _HOW_CRIMINALS_WORK.search(sentence) and not _TO_THE_READER.search(sentence):
        role = "other"  # "they ask the victim to hang up and dial 999": how the scam works, not a number to call
    elif _FOR_OFFENDERS.search(body[para_start : body.find("\n\n", fact.start) % (len(body) + 1)]) and not (
        _TO_THE_READER.search(sentence)
    ):
        role = "other"  # help for the suspects themselves ("to stop them from repeat offending"), not the public
    elif len(fact.text) == 3 and fact.text in KNOWN_SHORT_CODES and not _TOLD_TO_CALL.search(sentence):
        role = "other"  # "almost 8,000 calls to 101 and 999": the number is named, nobody is told to use it
    elif _HELP.search(sentence) or fact.text in KNOWN_SHORT_CODES:
        role = "help"
    else:
        role = "other"
    return Fact(
        kind=fact.kind, text=fact.text, start=fact.start, end=fact.end, role=role, purpose=_purpose(fact, sentence)
    )


def cut_off_facts(release: Release, facts: list[Fact]) -> tuple[list[Fact], list[Fact]]:
    """(usable facts, facts cut short): in a release that stops mid-sentence, a fact that runs to the very end
    ("quoting incident number 6") may be missing its last characters, so it is never published."""
    if not release.cut_off:
        return facts, []
    end = len(release.body.rstrip())
    cut = [f for f in facts if f.end >= end - 1]
    return [f for f in facts if f not in cut], cut


LIST_ITEMS_BACK = 4  # paragraphs; how far a list of bare contacts may run after its lead-in


def _lead_in(body: str, para_start: int) -> str:
    """The paragraph ending in ':' that a list of bare contacts (one address per line) hangs from; '' if none."""
    before = [p.strip() for p in body[:para_start].split("\n\n") if p.strip()][-LIST_ITEMS_BACK:]
    for paragraph in reversed(before):
        if paragraph.endswith(":"):
            return paragraph
        if len(paragraph.split()) > 2:  # a sentence, not another bare address of the list
            return ""
    return ""


def sentence_around(body: str, offset: int) -> str:
    """The sentence of `body` that contains character `offset`."""
    para_start = body.rfind("\n\n", 0, offset) + 1 if "\n\n" in body[:offset] else 0
    para_end = body.find("\n\n", offset)
    paragraph = body[para_start : para_end if para_end >= 0 else len(body)]
    pos = offset - para_start
    for sentence in split_sentences(paragraph):
        at = paragraph.find(sentence)
        if at <= pos < at + len(sentence):
            return sentence
    return paragraph


_FOR_INFO = re.compile(
    r"\b[Ff]or (?:more )?((?:[\w-]+ ){0,2}(?:information|advice|help|support)\b[^:,.()]{0,80}?)\s*"
    r"(?:,|\bplease\b|\bvisit\b|\bsee\b|\bgo to\b|\btake a look\b|\blook at\b|:)"
)


def _purpose(fact: Fact, sentence: str) -> str:
    """What a contact is for, in a few plain words taken from its sentence (no new facts)."""
    if fact.text in KNOWN_SHORT_CODES:
        return KNOWN_SHORT_CODES[fact.text]
    condition = re.match(r"(If you [^,:]{5,120}),", sentence)
    if condition and fact.kind in ("url", "email"):
        return condition.group(1)[:1].lower() + condition.group(1)[1:]  # "if you are worried about ..."
    at = sentence.find(fact.text)
    before = sentence[:at] if at >= 0 else ""
    m = re.search(
        r"((?:the )?[A-Z][\w'’&]*(?:\s(?:(?:and|of|for|&)\s)?[A-Z][\w'’&]*)*(?: (?:helpline|team|line|service))?)"
        r"(?: for free)? (?:by (?:phone|telephone|e-?mail) )?(?:on|at|via)\s*$",
        before,
    )
    if m and m.group(1).split()[0] not in ("Call", "Text", "Ring", "Dial", "Contact", "Visit"):
        return m.group(1)
    if fact.kind in ("url", "email"):
        lead_in = _FOR_INFO.search(before)  # "For more information and advice about X, please look at these websites:"
        if lead_in and not re.search(r"\b(?:we|us|I|my)\b", lead_in.group(1)):
            said = re.sub(r"\s+only$", "", lead_in.group(1).strip())
            return "for " + re.sub(r"\bour\b", "the", said)  # "our Halloween celebrations": the publisher's
        m = re.search(
            r"\b((?:report|book|find|get|read|fill in|apply|check|tell)\b[\w'’ ]{0,40}?)(?: online)? (?:at|via|on)\s*$",
            before,
            re.I,
        )
        if m:
            return "to " + m.group(1).lower()
        m = re.search(
            r"\b((?:advice|information|help|support|updates|details)\b[\w'’ ]{0,50}?) (?:is |are )?(?:available )?(?:at|via|on)\s*$",
            before,
            re.I,
        )
        if not m or re.search(r"\b(?:is|are|was|were|our|we|us|has|have)\b", m.group(1)):
            return ""  # "information is updated regularly on our website": a clause, not a purpose
        return "for " + m.group(1).lower()
    if fact.kind not in ("phone", "shortcode"):
        return ""
    m = re.search(r".*\b((?:the|your) [\w'’ -]{3,50}?) (?:on|at|via)\s*$", before)
    return m.group(1) if m else ""


def help_contacts(facts: list[Fact]) -> list[Fact]:
    """The contacts the public must be given, first mention of each only."""
    return _first_mentions(f for f in facts if f.kind in CONTACT_KINDS and f.role == "help")


def media_contacts(facts: list[Fact]) -> list[Fact]:
    """Contacts meant only for journalists; their text must never reach the public."""
    helpful = {f.text for f in facts if f.role == "help"}
    return [f for f in facts if f.role == "media" and f.text not in helpful]


def references(facts: list[Fact]) -> list[Fact]:
    """References the public must quote, first mention of each only."""
    return _first_mentions(f for f in facts if f.kind == "reference")


def _first_mentions(facts: Iterable[Fact]) -> list[Fact]:
    """The first fact of each distinct text, in order."""
    first: dict[str, Fact] = {}
    for fact in facts:
        first.setdefault(fact.text, fact)
    return list(first.values())
