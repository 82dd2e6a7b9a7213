"""What kind of release this is, and the one thing its reader must know or do, in the reader's words.

The opener is a short sentence made only of the organisation's kind ("Police", "The council"), plain words
and, for a missing person, the person's name as the release writes it; the guard checks it like any other.
"""

from __future__ import annotations

import re

from .records import Release

# (kind, pattern searched in the title and first paragraph), first match wins
KINDS = (
    ("missing person", r"\bmissing\b|\bconcern (?:grows )?for\b|\bhave you seen\b"),
    ("witness appeal", r"\bwitness(?:es)?\b|\bappeal(?:ing)? for (?:information|help)\b|\bcctv appeal\b"),
    ("statement", r"^[^.]*\bstatement\b"),
    ("scam warning", r"\bscam\w*|\bfraud\w*|\bcon artists?\b|\bphishing\b"),
    ("road notice", r"\broad ?works\b|\b(?:road|bridge|lane|street)\b.*\bclos|\bclosure\b|\bdiversion\b"),
    ("court result", r"\bjailed\b|\bsentenced\b|\bconvicted\b|\bguilty\b|\bcourt\b|\bcharged\b"),
    ("operation results", r"\boperation\b|\bop [A-Z]|\bweek of action\b|\barrests?\b|\bresults\b"),
    ("service advice", r"\b(?:nhs|hospital|emergency department|a&e|pharmacy|gp|111)\b"),
    ("safety advice", r"\bsafe(?:ty)?\b|\balarms?\b|\badvice\b|\bwarn\w*\b|\burg\w+\b"),
)

# The lead sentence already says what the opener would: no opener for these.
SAID_ALREADY = {
    "missing person": r"\bhelp (?:to )?find\b|\bappeal\w* (?:for help )?to (?:find|trace)\b",
}
# A short sentence that only repeats the opener ("Detectives are appealing for witnesses.") is dropped.
ECHOES = {
    "witness appeal": r"\bappeal\w* for (?:witnesses|information)\b",
    "scam warning": r"\b(?:urg|warn|remind)\w* (?:people|residents|the public)\b",
    "road notice": r"\bwarn\w* (?:drivers|people|road users)\b",
}
ECHO_WORDS = 12  # words; an echo longer than this carries more than the opener, so it stays

OPENERS = {  # only where a template says no more than the release: a scam warning's lead says it best itself
    "missing person": "{who} need help to find {name}.",
    "witness appeal": "{who} want to hear from anyone who saw what happened.",
}
# An opener says only what the release itself says: one of its sentences must make the same ask or warning.
BACKING = {
    "missing person": r"\b(?:help (?:us |police )?(?:to )?(?:find|trace|locate)|whereabouts|have you seen|"
    r"(?:appeal\w*|searching|looking) (?:for (?:help|information)|to (?:find|trace))|concern\w* for)\b",
    "witness appeal": r"\b(?:appeal\w*|asking|ask|urg\w+|want to (?:hear|speak)|encourag\w+)\b[^.]*"
    r"\b(?:witness\w*|anyone who (?:saw|was|has|may|might|heard|witnessed)|information|footage)\b",
}


def release_kind(release: Release) -> str:
    """The kind of release, from its title and first paragraph; 'news' when none fits."""
    lead = release.title + " " + (release.paragraphs[0] if release.paragraphs else "")
    for kind, pattern in KINDS:
        if re.search(pattern, lead, re.IGNORECASE):
            return kind
    return "news"


def who(release: Release) -> str:
    """The organisation in the reader's words: 'Police', 'The fire service', 'The council', 'The NHS'."""
    source = release.source or ""
    for pattern, plain_name in (
        (r"commissioner", ""),  # a PCC's office is not the police
        (r"police|constabulary|crime agency", "Police"),
        (r"fire", "The fire service"),
        (r"council", "The council"),
        (r"nhs|trust|hospital", "The NHS"),
    ):
        if re.search(pattern, source, re.IGNORECASE):
            return plain_name
    return source or ""


def opener(release: Release, kind: str, *, nlp) -> str | None:
    """The sentence the summary opens with for this kind of release; None when the lead sentence is enough."""
    template, org = OPENERS.get(kind), who(release)
    if not template or not org:
        return None
    if not re.search(BACKING[kind], release.body, re.IGNORECASE):
        return None
    lead = release.paragraphs[0] if release.paragraphs else ""
    if kind in SAID_ALREADY and re.search(SAID_ALREADY[kind], lead.split(". ")[0], re.IGNORECASE):
        return None
    name = ""
    if "{name}" in template:
        lead = release.title + ". " + (release.paragraphs[0] if release.paragraphs else "")
        people = [e.text for e in nlp(lead).ents if e.label_ == "PERSON" and len(e.text.split()) >= 2]
        if not people:
            return None  # "a missing person" would claim someone is missing where the release may not say so
        name = people[0]
    sentence = template.format(who=org, name=name)
    if org != "Police":  # one organisation takes a singular verb; "Police" is plural in British English
        for plural, singular in (("are", "is"), ("need", "needs"), ("want", "wants")):
            sentence = sentence.replace(f"{org} {plural} ", f"{org} {singular} ")
    return sentence


def drop_echoes(sentences: list[str], kind: str) -> list[str]:
    """Leave out short sentences that only say again what the opener says."""
    pattern = ECHOES.get(kind)
    if not pattern:
        return sentences
    return [s for s in sentences if not (re.search(pattern, s, re.IGNORECASE) and len(s.split()) <= ECHO_WORDS)]
