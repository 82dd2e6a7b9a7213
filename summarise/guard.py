"""Stage 5, guard: enforce the fact contract; repair or drop rather than publish a wrong sentence.

Every check is recorded as a `Check`, so the report shows what was verified.
"""

from __future__ import annotations

import functools
import re

from .asks import starts_with_instruction
from .facts import help_contacts, media_contacts, references
from .plain import SAID, drop_quote_marks, lexicon, stand_alone
from .records import Check, Fact, Release
from .text import LEANS_BACK, norm_space

NUMBER = re.compile(r"\d+(?:[.,:/]\d+)*")  # as the evaluation reads numbers
FIGURE = re.compile(r"(?<![\w.,:/£-])(\d+(?:,\d{3})*(?:\.\d+)?)\s+([A-Za-z][\w-]*)")
NOUN_WINDOW = 4  # words after a number in the release within which its noun must stand
DEBRIS = re.compile(r"\.(?:png|jpe?g|gif|svg|webp)\b|\[email\s*protected\]|cookie", re.IGNORECASE)
FINITE = frozenset({"VBD", "VBZ", "VBP", "MD"})  # Penn tags of verbs that can carry a sentence
SPEAKERS_I = re.compile(r"\b(?:I|me|my|mine|myself)\b")  # a person's own words
ORG_WE = re.compile(r"\b(?:[Ww]e|[Oo]ur|[Oo]urs|ourselves|us)\b")  # an organisation's (or a person's) own words
DOUBLE_VERB = re.compile(r"\b(?:had|has|have) (?:was|were|is|are)\b|\b(?:was|were|is|are) (?:is|are|was|were)\b")
_SKIP_AFTER_NUMBER = {"and", "or", "of", "to", "in", "on", "at", "by", "for", "a", "an", "the", "more", "than", "per"}


def numbers(text: str) -> set[str]:
    """The numbers in a text, thousands separators removed."""
    return {n.replace(",", "") for n in NUMBER.findall(text)}


@functools.lru_cache(maxsize=8)  # asked once per sentence checked; a release is immutable
def source_text(release: Release) -> str:
    """Everything the release states: title, organisation, date and body."""
    return norm_space(" ".join([release.title, release.source, release.date, release.body]))


@functools.lru_cache(maxsize=8)
def allowed_words(release: Release) -> frozenset[str]:
    """Capitalised words a sentence may use: those of the release and of the plain-words lexicon."""
    found = re.findall(r"[\w'’-]+", source_text(release))
    allowed = set(found) | {re.sub(r"[’']s?$", "", w) for w in found}  # "John’s" allows "John"
    for plain in lexicon()["replace"].values():
        allowed.update(w.capitalize() for w in plain.split())
    return frozenset(allowed | {"I", "The"})


def sentence_problems(
    sentence: str, release: Release, facts: list[Fact], *, nlp=None, own_voice: bool = False
) -> list[str]:
    """What is wrong with one public sentence against the release; empty when it is safe.

    With a spaCy pipeline, each number is also parsed for the noun it counts and compared
    with the figures found in the release, and the sentence is checked for being whole
    (`grammar_problems`; `own_voice` allows the release's own "we/our").
    """
    source = source_text(release)
    problems = [f"number {n} is not in the release" for n in sorted(numbers(sentence) - numbers(source))]
    problems += _figure_problems(sentence, source)
    doc = nlp(sentence) if nlp is not None else None
    if doc is not None:
        problems += _counted_noun_problems(doc, facts)
    allowed = allowed_words(release)
    tokens = [re.sub(r"[’']s?$", "", t) for t in re.findall(r"[\w'’-]+", sentence)]  # "Council’s" is "Council"
    for word in tokens[1:]:
        if word[:1].isupper() and word not in allowed:
            problems.append(f"name or place {word!r} is not in the release")
    for fact in media_contacts(facts):
        if fact.text in sentence:
            problems.append(f"media-only contact {fact.text!r}")
    if DEBRIS.search(sentence):
        problems.append("page debris")
    if doc is not None:
        problems += grammar_problems(sentence, nlp, doc=doc, own_voice=own_voice)
    return problems


def grammar_problems(sentence: str, nlp, *, doc=None, own_voice: bool = False) -> list[str]:
    """Whether one sentence is whole and correct on its own: a verb that can carry it (or an instruction),
    nobody's own 'I/we/our' left in it (with `own_voice`, the release's own 'we/our' is allowed), no two
    verbs run together ("had was"). `doc` is the sentence already parsed, when there is one."""
    problems = []
    unquoted = re.sub(r"[“\"][^”\"]*[”\"]", "", sentence)
    for own in (SPEAKERS_I,) if own_voice else (SPEAKERS_I, ORG_WE):
        if own.search(unquoted):
            problems.append(f"someone's own words ({own.search(unquoted).group(0)!r}) with nobody named")
    if DOUBLE_VERB.search(sentence):
        problems.append(f"two verbs run together ({DOUBLE_VERB.search(sentence).group(0)!r})")
    doc = doc if doc is not None else nlp(sentence)
    perfect = [
        t
        for t in doc
        if t.tag_ == "VBG"
        and {a.lower_ for a in t.lefts if a.dep_ == "aux"} & _HAVE
        and not {a.lower_ for a in t.lefts if a.dep_ == "aux"} & {"been", "be"}
    ]
    if perfect:  # "the fires it has attending": 'has' needs 'attended'
        problems.append(f"'has' with an -ing verb ({perfect[0].text!r})")
    names = re.findall(r"\b(?:[A-Z][\w-]+ )*(?:[Pp]olice|[Cc]ouncil|[Ss]ervice)\b", sentence)
    if any(names.count(n) >= 3 for n in set(names)):
        problems.append("the same name three times in one sentence")
    long_names = re.findall(r"\b[A-Z][\w-]+(?: (?:and |of |for |the )?[A-Z][\w-]+){2,}", sentence)
    if len(long_names) > len(set(long_names)):  # "... Commissioner for West Yorkshire must do all ... can"
        problems.append("a long name twice in one sentence")
    instruction = any(t.dep_ == "ROOT" and t.tag_ == "VB" for t in doc) or starts_with_instruction(sentence)
    if not instruction and not any(t.tag_ in FINITE and t.dep_ != "amod" for t in doc):
        problems.append("not a whole sentence (no verb to carry it)")
    if sentence[:1] in "‘'" and not re.search(r"[’'](?![A-Za-z])", sentence[1:]):
        problems.append("a quote that ends in another sentence, with nobody named")
    if _modal_with_no_subject(doc):
        problems.append("no subject ('Always will be, but ...')")
    if re.match(r"(?:While|Whilst|Because|Although|Though|Whereas|Unless)\b[^,]*$", sentence):
        problems.append("only the 'while/because' part of a sentence")
    reported = _REPORTED.match(sentence)
    if reported and not any(t.tag_ in FINITE and t.dep_ not in ("amod", "acl") for t in doc if t.idx >= reported.end()):
        problems.append("what was said is not a whole sentence ('X said a woman aged 40.')")
    if re.match(r"(?:more than |over |about |just )?\d[\d,]* (?:were|was|are|is|have|had|held)\b", sentence):
        problems.append("a number with nothing it counts ('13 were ...')")
    if re.search(r"[–-]\s*\.?$|\b(?:and|or|but|the|a|of|to|with)\.?$", sentence.strip()):
        problems.append("ends before it is finished")
    return problems


_SUBJECTS = frozenset({"nsubj", "nsubjpass", "expl", "csubj", "csubjpass"})


def _modal_with_no_subject(doc) -> bool:
    """'Always will be, but ...', 'Will be open on Monday.': a sentence led by 'will/can ...' with nobody doing it."""
    for root in (t for t in doc if t.dep_ == "ROOT"):
        modal = next((c for c in root.children if c.dep_ == "aux" and c.tag_ == "MD" and c.i < root.i), None)
        if modal is None or any(c.dep_ in _SUBJECTS for c in root.children):
            continue
        if not any(t.pos_ in ("NOUN", "PROPN", "PRON", "NUM") for t in doc[: modal.i]):
            return True
    return False


def _figure_problems(sentence: str, source: str) -> list[str]:
    """Each number keeps the noun it counts in the release ("22 people", never "22 children")."""
    source_words = re.findall(r"[\w£%'’.,:/-]+", source)
    cleaned = [w.rstrip(".,:;").replace(",", "") for w in source_words]
    problems = []
    for m in FIGURE.finditer(sentence):
        number, noun = m.group(1).replace(",", ""), m.group(2).lower()
        if noun in _SKIP_AFTER_NUMBER:
            continue
        at = [i for i, w in enumerate(cleaned) if w == number or number in _range_ends(w)]
        if not any(noun in _nouns_near(source_words[i + 1 : i + 1 + NOUN_WINDOW]) for i in at):
            problems.append(f"{m.group(0)!r}: the release does not attach {m.group(1)} to {noun!r}")
    return problems


RANGE = re.compile(r"(\d+(?:\.\d+)?)[-–](\d+(?:\.\d+)?)")  # "18-24 March": both ends count the noun after it


def _range_ends(word: str) -> tuple[str, ...]:
    m = RANGE.fullmatch(word)
    return m.groups() if m else ()


def _nouns_near(window: list[str]) -> set[str]:
    """The words after a number in the release, and the lexicon's plain word for each ("disseminations": "reports")."""
    plain = lexicon()["replace"]
    said = {w.lower().rstrip(".,:;") for w in window}
    return said | {plain[w].split()[-1] for w in said if plain.get(w)}


def _counted_noun_problems(doc, facts: list[Fact]) -> list[str]:
    """A number the release uses to count something must count the same thing here."""
    counted: dict[str, set[str]] = {}
    for fact in facts:
        parts = fact.text.split()
        if fact.kind == "figure" and len(parts) >= 2:  # "two-storey" is one word: nothing counted
            counted.setdefault(parts[0].replace(",", ""), set()).add(parts[-1].lower())
    plain = lexicon()["replace"]
    for nouns in counted.values():  # "1,600 disseminations" may be said "1,600 reports"
        nouns.update(plain[n].split()[-1] for n in list(nouns) if plain.get(n))
    problems = []
    for tok in doc:
        number = tok.text.replace(",", "")
        if tok.dep_ == "nummod" and number in counted and tok.head.text.lower() not in counted[number]:
            problems.append(
                f"{tok.text} {tok.head.text}: the release counts {', '.join(sorted(counted[number]))} with {tok.text}"
            )
    return problems


def guard_sentences(
    groups: list[list[str]],
    originals: list[str],
    *,
    release: Release,
    facts: list[Fact],
    label: str,
    nlp=None,
    standalone: bool = False,
    sources: list[dict] | None = None,
) -> tuple[list[str], list[Check]]:
    """Keep each rewritten sentence that passes; else the release's own sentence; else drop it.

    A sentence that leans on the one before it ("This was ...", "the above road") passes only where the
    sentence before it in the public text is the one before it in the release; with `standalone` (list
    points) it never does. `sources`, when given, gets one entry per kept sentence: the release sentence
    behind it and whether it was rewritten."""
    kept, checks = [], []
    body = release.body
    previous_end = None  # where the last kept original ends in the release body
    for group, original in zip(groups, originals, strict=True):
        at = body.find(original)
        follows = not standalone and previous_end is not None and at >= 0 and not body[previous_end:at].strip(" \n")
        if not follows:  # "was also fined", "As a result, ...": with the sentence before it gone, they point at nothing
            group = [stand_alone(group[0]), *group[1:]]
        lean = [] if follows else _leans_back(group[:1], nlp)
        problems = lean + [p for s in group for p in sentence_problems(s, release, facts, nlp=nlp)]
        problems += _repeated_by_rewrite(group, original)
        if not problems:
            kept.extend(group)
            checks.append(Check(f"{label}: facts match the release", True, " ".join(group)))
            _record(sources, group, original, label, rewritten=group != [original])
            previous_end = at + len(original) if at >= 0 else None
            continue
        fallback = norm_space(drop_quote_marks(original))
        # The release's own narrative "we" is the organisation that publishes it: allowed in its own words.
        own = sentence_problems(fallback, release, facts, nlp=nlp, own_voice=True)
        # someone's quoted words, which the rewrite gave as theirs ("X said ..."), are never published as fact
        theirs = any(re.search(rf"\b{SAID}\b", g) for g in group) and not re.search(rf"\b{SAID}\b", original)
        if not (lean or _leans_back([fallback], nlp) and not follows) and not own and not theirs:
            kept.append(fallback)
            checks.append(Check(f"{label}: repaired with the release's own words", True, "; ".join(problems)))
            _record(sources, [fallback], original, label, rewritten=False)
            previous_end = at + len(original) if at >= 0 else None
        else:
            checks.append(Check(f"{label}: sentence dropped", False, f"{'; '.join(problems)}: {original}"))
    return kept, checks


def _repeated_by_rewrite(group: list[str], original: str) -> list[str]:
    """'considered at risk and potentially at risk': a plain word that says again what the sentence says."""
    before = _pairs(original)
    for sentence in group:
        pairs = _pairs(sentence)
        twice = [p for p in dict.fromkeys(pairs) if pairs.count(p) > 1 and before.count(p) < 2]
        if twice:
            return [f"the rewrite says {twice[0]!r} twice"]
    return []


_SMALL_WORDS = frozenset(
    [
        "a",
        "an",
        "the",
        "of",
        "to",
        "in",
        "on",
        "at",
        "and",
        "or",
        "for",
        "by",
        "with",
        "from",
        "as",
        "is",
        "are",
        "was",
        "were",
        "be",
        "it",
    ]
)


def _pairs(text: str) -> list[str]:
    """Word pairs in lower case that say something ("at risk"; not "of the", not a name as "Dyfed-Powys Police")."""
    pairs = re.findall(r"(?=\b([a-z][\w’'-]* [a-z][\w’'-]*)\b)", text)
    return [p for p in pairs if not set(p.split()) <= _SMALL_WORDS]


_PLURAL_SPEAKER = re.compile(r"\b(?:people|residents|victims|parents|officers|families|customers|users|many)$", re.I)
_HAVE = frozenset({"has", "have", "had"})
_NEEDS_BEFORE = frozenset({"they", "them", "he", "she", "him", "these", "those"})
_REPORTED = re.compile(rf"^([^.,“”\"]{{3,80}}?) {SAID}(?: that)? (?=[a-z])")


def _leans_back(sentences: list[str], nlp=None) -> list[str]:
    """Why the first sentence cannot stand without the one before it: 'This was ...', 'the above road', or
    (with a parse) a 'they/he/she' or 'these calls' before any noun it could stand for."""
    if not sentences:
        return []
    reported = _REPORTED.match(sentences[0])
    if reported:  # "Jo Hart said they give early warning": what was said leans as the quote did
        said = sentences[0][reported.end() :]
        if re.match(r"(?:they|their)\b", said) and _PLURAL_SPEAKER.search(reported.group(1)):
            said = said.split(" ", 1)[-1]  # "Many people said they had been targeted": they are the speakers
        return _leans_back([said], nlp) or _leans_back([reported.group(1)], nlp)
    hit = LEANS_BACK.search(sentences[0])
    if hit:
        return [f"leans on a sentence that is not there ({hit.group(0)!r})"]
    if nlp is not None:
        doc = nlp(sentences[0])
        for tok in doc:
            if tok.pos_ in ("NOUN", "PROPN") and tok.lower_ not in ("one", "ones"):
                break  # a noun first: what follows may stand for it
            if tok.lower_ in _NEEDS_BEFORE and tok.dep_ in ("nsubj", "nsubjpass", "det", "dobj", "pobj"):
                return [f"leans on a sentence that is not there ({tok.text!r})"]
            if tok.lower_ == "it" and tok.dep_ in ("dobj", "pobj"):  # "how to use it safely": 'it' is no dummy here
                return [f"leans on a sentence that is not there ({tok.text!r})"]
        thing = next((t for t in doc if t.lower_ == "it" and t.dep_ == "nsubj" and _is_a_thing(t.head)), None)
        if thing is not None:  # "figures suggest it is a £73 billion crime": 'it' is something said before
            return [f"leans on a sentence that is not there ('it' {thing.head.text} ...)"]
        their = _they_with_nobody(doc)
        if their:
            return [f"leans on a sentence that is not there ({their!r}: nobody before it to stand for)"]
    return []


def _is_a_thing(verb) -> bool:
    """'it is a crime', 'it's an absolute necessity': 'be' with a noun after it, so 'it' stands for a thing."""
    if any(c.dep_ == "mark" and c.lower_ in ("if", "when", "unless") for c in verb.children):
        return False  # "dial 999 if it is an emergency": no thing, only the case
    return verb.lemma_ == "be" and any(c.dep_ == "attr" and c.pos_ == "NOUN" for c in verb.children)


_THEY = frozenset({"they", "them", "their", "theirs", "themselves"})
# Singular words that "they/their" may stand for: people of any one kind, and groups spoken of as "they"
_THEY_FOR = frozenset(
    [
        "anyone",
        "anybody",
        "everyone",
        "everybody",
        "someone",
        "somebody",
        "nobody",
        "each",
        "person",
        "resident",
        "driver",
        "owner",
        "victim",
        "caller",
        "parent",
        "child",
        "user",
        "customer",
        "passenger",
        "member",
        "officer",
        "team",
        "council",
        "police",
        "service",
        "force",
        "family",
        "couple",
        "company",
        "organisation",
        "government",
        "business",
        "household",
        "partner",
        "group",
        "board",
        "trust",
        "public",
        "community",
        "staff",
        "crew",
    ]
)


def _they_with_nobody(doc) -> str:
    """'Call the published number for their company': a 'they/their' with no plural noun, name or group before it."""
    for tok in doc:
        if tok.tag_ in ("NNS", "NNPS") or tok.pos_ == "PROPN" or tok.lemma_.lower() in _THEY_FOR:
            return ""
        if tok.lower_ in _THEY and not (tok.i == 0 and tok.lower_ == "they"):  # a first "They" is judged above
            return tok.text
    return ""


def _record(sources: list[dict] | None, said: list[str], original: str, label: str, *, rewritten: bool) -> None:
    if sources is not None:
        for sentence in said:
            sources.append({"part": label, "text": sentence, "from": original, "rewritten": rewritten})


def check_public_text(text: str, script: str, *, release: Release, facts: list[Fact], spoken) -> list[Check]:
    """Whole-text checks: help contacts and references word-for-word, nothing media-only or invented."""
    checks = []
    flat = norm_space(text)
    for fact in help_contacts(facts):
        checks.append(Check(f"help contact kept: {fact.text}", fact.text in flat, fact.purpose))
        said = spoken(fact)
        checks.append(Check(f"help contact spoken: {fact.text}", said in script, said))
    for fact in references(facts):
        checks.append(Check(f"reference kept: {fact.text}", fact.text in flat))
    for fact in media_contacts(facts):
        checks.append(Check(f"media-only contact left out: {fact.text}", fact.text not in flat))
    invented = sorted(numbers(flat) - numbers(source_text(release)))
    checks.append(Check("no invented numbers", not invented, ", ".join(invented)))
    checks.append(Check("no page debris", not DEBRIS.search(flat)))
    return checks
