"""Stage 6, compose: the public text (summary, key facts, how to get help) and the spoken script.

The script says the same words as the text, written to be heard: phone numbers digit by
digit in their groups, web addresses with "dot" and "slash", references slowly and exactly.
"""

from __future__ import annotations

import functools
import re
from importlib import resources
from pathlib import Path

import yaml

from .errors import InputError
from .facts import CONTACT_KINDS, KNOWN_SHORT_CODES, help_contacts, references, sentence_around
from .records import Fact, Release
from .text import split_sentences, words

MAX_KEY_FACTS = 4  # items in the key facts list at most
KEY_FACT_WORDS = 25  # words; longer clauses are not used as key facts
WHEN_WORDS = 8  # words; a key fact may be this much longer to keep the time it is true for
KEY_FACT_KINDS = ("figure", "money", "percent", "operation")

SPOKEN_CODES = {"999": "nine nine nine", "101": "one oh one", "111": "one one one", "112": "one one two"}
SPOKEN_PARTS = {"www": "w w w", "uk": "u k", "nhs": "n h s", "gov": "gov", "co": "co", "org": "org"}


def digits(text: str) -> str:
    """'0412' -> '0 4 1 2': each digit on its own so it is read one at a time."""
    return " ".join(text)


def speak_number(text: str) -> str:
    """A phone or service number, digit by digit, with a pause between its written groups."""
    if text in SPOKEN_CODES:
        return SPOKEN_CODES[text]
    text = text.replace("+", "plus ")
    groups = [g for g in re.split(r"[\s-]+", text) if g]
    return ", ".join(digits(g) if g.isdigit() else g for g in groups)


def speak_address(text: str) -> str:
    """A web or e-mail address: 'www.111.nhs.uk/x' -> 'w w w dot 1 1 1 dot n h s dot u k slash x'."""
    text = re.sub(r"^https?://", "", text).rstrip("/")
    out = []
    for part in re.split(r"([./@_-])", text):
        symbol = {".": "dot", "/": "slash", "@": "at", "_": "underscore", "-": "dash"}.get(part)
        if symbol:
            out.append(symbol)
        elif part:
            spoken = SPOKEN_PARTS.get(part.lower(), part)
            out.append(re.sub(r"\d+", lambda m: " " + digits(m.group(0)) + " ", spoken).strip())
    return " ".join(out)


def speak_reference(text: str) -> str:
    """A reference: its code read character by character, the words and date as written."""

    def code(m: re.Match) -> str:
        token = m.group(0)
        return " ".join("slash" if c == "/" else "dash" if c == "-" else c for c in token)

    first_code = re.compile(r"\b(?=[A-Z/-]*\d)[A-Z]*[/-]?\d[\w/-]*")
    return first_code.sub(code, text, count=1)


def spoken(fact: Fact) -> str:
    """How a contact or reference is said in the script."""
    if fact.kind in ("phone", "shortcode", "textnumber"):
        return speak_number(fact.text)
    if fact.kind in ("url", "email"):
        return speak_address(fact.text)
    if fact.kind == "handle":
        return "at " + fact.text[1:]
    if fact.kind == "reference":
        return speak_reference(fact.text)
    return fact.text


def help_lines(release: Release, facts: list[Fact], *, given: list[str] = ()) -> list[str]:
    """One plain line per help contact that the lines `given` (the release's own sentences) do not already
    give, saying what it is for; references go with their contact."""
    lines, quoted = [], {r.text for r in references(facts) if any(r.text in g for g in given)}
    refs = references(facts)
    for contact in help_contacts(facts):
        if any(contact.text in g for g in given):
            continue
        sentence = sentence_around(release.body, contact.start)
        with_refs = [r.text for r in refs if r.text in sentence and r.text not in quoted]
        quoted.update(with_refs)
        name = "" if contact.purpose else name_for(contact, sentence, release.body, source=release.source)
        online = bool(re.search(rf"\b{re.escape(contact.text)} online\b", sentence))  # "use 111 online"
        line = _help_line(
            contact, with_refs, what_for=_purpose_of(contact, release, sentence), name=name, online=online
        )
        option = re.search(
            rf"{re.escape(contact.text)}\W+(?:and |then )?((?:select|press|choose) option \d+)", sentence
        )
        if option:  # "call 101 and select option 2": the option is part of the number to dial
            line = line.replace(contact.text, f"{contact.text} and {option.group(1)}", 1)
        lines.append(line)
    for ref in refs:
        if ref.text not in quoted:
            lines.append(f"Quote {ref.text} when you get in touch.")
    return lines


HELP_SENTENCE_WORDS = 20  # words; a longer sentence of the release is not used as a help line


def help_sentences(release: Release, facts: list[Fact]) -> list[str]:
    """The release's own sentences that give its help contacts, in order: each says, in the release's words,
    whom to contact and what for. Long sentences, quotes and lead-ins to lists are left to `help_lines`."""
    out = []
    for contact in help_contacts(facts) + [f for f in facts if f.kind == "reference"]:
        sentence = sentence_around(release.body, contact.start)
        start = release.body.find(sentence)
        if (
            sentence in out
            or start + len(sentence) > release.usable_end
            or re.search(r"[“”\"]", sentence)
            or not sentence.rstrip().endswith((".", "!"))
            or len(words(sentence)) > HELP_SENTENCE_WORDS
            or not _SAYS_WHAT_FOR.search(sentence)
            and not what_for(sentence)
        ):
            continue  # "You can also call us on 0800 40 50 40.": the template line says what it is for
        out.append(sentence)
    return out


# Words by which a release's own help sentence says what its contact is for
_SAYS_WHAT_FOR = re.compile(r"^(?:If|To)\b|\b(?:emergency|information|report\w*|advice|available|help)\b", re.I)


def _purpose_of(contact: Fact, release: Release, sentence: str) -> str:
    """What a contact is for: said where it is given, or where the release mentions it again ("the 61016
    number allows passengers to report non-emergency incidents")."""
    said = _what_for_around(release.body, sentence)
    for m in re.finditer(re.escape(contact.text), release.body[: release.usable_end]):
        if said:
            break
        said = what_for(sentence_around(release.body, m.start()))
    return said


_WHAT_FOR = (  # in the order they are tried: what the reader can do there comes before a condition
    # "you can still book a free home safety visit", "Parents can find out more about the nasal flu vaccine on",
    # "Report unattended bags ... to a police officer": what the reader can do there, said with "to"
    re.compile(
        r"(?:^|\b(?:you|parents|people|residents|anyone|[Yy]ou can|can|please)(?: still| also)? )"
        r"((?:report|book|arrange|request|submit|apply for|find out(?: more)? about|get advice (?:on|about))"
        r"(?! to\b)(?: (?!(?:immediately|now|online|via|at|on|to|by|using|through|please)\b)[^\s,.;:–()]+){1,12})",
        re.I,
    ),
    re.compile(r"\b(if you\b(?: [^\s,.;:–()]+){3,16})", re.I),
    re.compile(
        r"\b(to (?:report|book|arrange|pass on|give|speak to|find out|get|check|apply|request)(?: [^\s,.;:–()]+){1,14})",
        re.I,
    ),
    re.compile(r"\b((?:arrange|book|report|request)\b[^,.;:–()]{3,60}?) by (?:calling|phoning|visiting)", re.I),
    re.compile(
        r"\b((?:for|with) (?:more )?(?:information|advice|help|support) (?:about|on)(?: [^\s,.;:–()]+){1,14})", re.I
    ),
    # "All information is updated regularly on our website at ...": what is kept there
    re.compile(r"^(?:all |the latest |more )?((?:information|news) (?:is|are) updated regularly)\b", re.I),
    # "Information on current scams ... is available from", "Find more information on how to check ..."
    re.compile(
        r"(?:^|\bfind )((?:more )?(?:information|advice) (?:on|about)(?: (?!(?:is|are|can|on the|at)\b)[^\s,.;:–()]+){1,16})"
        r"(?= (?:is|are|can be) (?:available|found)| on the| at\b)",
        re.I,
    ),
)
# "for free advice", "for more information": short, but enough to say what a web address is for
_SHORT_PURPOSE = re.compile(r"\b(for (?:free |more |further )?(?:advice|information))(?= ?[.,;]|$)", re.I)
_NEXT_CLAUSE = re.compile(r"\s(?:you can|you should|please)\b.*$|\s(?:call|contact|ring|dial|text)\s.*$", re.I)
_ANYONE_WHO = re.compile(
    r"\b(?:anyone|people|those) (who|with) ([^,.;:–()]{3,100}?),? (?:is|are|should|can|to|may)\b", re.I
)
_TO_THE_READER = {"they": "you", "their": "your", "them": "you", "themselves": "yourself", "he or she": "you"}


# A pronoun whose noun a help line would lose, or someone's own words: a purpose with one is not used.
_LEANING_WORD = re.compile(r"\b(?:we|us|our|I|me|my|he|she|him|her|they|them|their|it)\b")
_HAS_INFORMATION = re.compile(
    r"\b(?:anyone|anybody|people|those|members of the public|you)\b(?: in (?:the |our |your )?\w+)?"
    r"(?: who (?:believes?|thinks?|feels?) "
    r"(?:they|you|he or she) (?:may |might |could )?(?:have|has)| who (?:may |might )?(?:have|has)| with)"
    r" (?:any )?information\b(?: (?:about|on|regarding|relating to) "
    r"((?:(?!(?:should|is|are|can|to|please|call|contact|may|must|or|and|who|which)\b)[^\s,.;:–()]+ ?){1,8}))?",
    re.IGNORECASE,
)


def what_for(sentence: str) -> str:
    """What a contact is for, in the words of the sentence that gives it ("if you saw the crash",
    "to report a fire"); '' when the sentence does not say, or says it in someone's own words."""
    info = _HAS_INFORMATION.search(sentence)
    if info:  # "anyone who believes they may have information which could assist us" -> "if you have information"
        about = info.group(1) or ""
        clean = about and not _LEANING_WORD.search(about)
        return "if you have information" + (f" about {about.strip()}" if clean else "")
    m = _ANYONE_WHO.search(sentence)
    if m:
        link, rest = m.groups()
        said = f"if you have {rest}" if link.lower() == "with" else f"if you {rest}"
        said = re.sub(
            r"^if you (has|is|was|thinks|believes|feels)\b",
            lambda v: "if you " + {"has": "have", "is": "are", "was": "were"}.get(v.group(1), v.group(1)[:-1]),
            said,
        )  # "people who think they have been a victim" -> "if you think you have been a victim"
        said = re.sub(r"\b(?:they|their|them|themselves|he or she)\b", lambda v: _TO_THE_READER[v.group(0)], said)
        return _purpose(said)
    for pattern in _WHAT_FOR:  # "If you missed us, you can still book a visit": the booking, not the condition
        found = pattern.search(sentence)
        said = _purpose(found.group(1).strip()) if found else ""
        if said:
            return said
    short = _SHORT_PURPOSE.search(sentence)
    if short:
        return short.group(1)
    return "if you have information" if re.search(r"\bwith (?:any )?information\b", sentence, re.I) else ""


def _purpose(said: str) -> str:
    """A purpose phrase made ready for a help line: "if ..."/"to ..."; '' when it is cut off, vague or leaning."""
    said = _NEXT_CLAUSE.sub("", said)  # "if you'd prefer ... you can call X": the condition only
    said = re.sub(r"\s+(?:and|or|but|then)$", "", said)
    said = said[:1].lower() + said[1:]
    said = re.sub(r"^(information|news) (is|are) ", r"\1 that \2 ", said)  # "for information that is updated ..."
    if said.startswith(("information ", "advice ", "more information ")):
        said = "for " + said
    elif said and not said.startswith(("if ", "to ", "for ", "with ")):
        said = "to " + said
    if re.search(r"\b(?:the|a|an|of|on|to|in|at|for|and|or|with|by|from)$", said):
        return ""  # cut off before its noun
    if len(said.split()) < 4 or re.search(r"\d", said) or _LEANING_WORD.search(said):
        return ""  # too vague to help, a number of its own, a pronoun that would lose its noun, or someone's words
    return said


_NAMED_SERVICE = re.compile(
    r"\b(?:on|via|through|use|using|download|accessing|access|try)\s+(?:the\s+)?"
    r"((?:NHS|[A-Z][\w&]*)(?:\s[A-Z0-9][\w&]*){0,3}\s(?:App|app|online|LiveChat|Live Chat))\b"
)
MAX_NAMED = 2  # help lines for services named without a number, at most


_CONTACT_WORDS = frozenset(
    [
        "you",
        "can",
        "also",
        "call",
        "text",
        "phone",
        "ring",
        "visit",
        "go",
        "to",
        "or",
        "and",
        "on",
        "at",
        "by",
        "us",
        "the",
        "contact",
        "centre",
        "email",
        "online",
        "number",
    ]
)


def more_than_contacts(points: list[str], help_lines: list[str], facts: list[Fact]) -> list[str]:
    """The points of "What you can do" without those that only give contacts ("You can call X on 0800 ... or
    text 61016.") which "How to get help" gives with what each is for."""
    listed = " ".join(help_lines)
    out = []
    for point in points:
        contacts = [f.text for f in help_contacts(facts) if f.text in point]
        rest = point
        for text in contacts:
            rest = rest.replace(text, " ")
        left = [w for w in re.findall(r"[\w’'-]+", rest) if w.lower() not in _CONTACT_WORDS and not w[:1].isupper()]
        if contacts and not left and all(text in listed for text in contacts):
            continue
        out.append(point)
    return out


def named_services(release: Release, shown: str) -> list[str]:
    """Help lines for services the release tells people to use but gives no number for ("via the NHS App",
    "NHS 111 online"), when the public text does not name them yet; in the release's own names."""
    lines: list[str] = []
    for paragraph in release.paragraphs:
        for sentence in split_sentences(paragraph):
            if release.body.find(sentence) + len(sentence) > release.usable_end:
                continue
            for m in _NAMED_SERVICE.finditer(sentence):
                name = m.group(1)
                if name in shown or any(name in line for line in lines) or len(lines) >= MAX_NAMED:
                    continue
                article = "the " if re.search(r"\bthe\s+$", sentence[: m.start(1)]) else ""
                lines.append(f"Use {article}{name}.")
    return lines


def _what_for_around(body: str, sentence: str) -> str:
    """What a contact is for, from its sentence or the one before it in the same paragraph ("Anyone with
    information is asked to get in touch. Call 101 ...")."""
    said = what_for(sentence)
    start = body.find(sentence)
    if said or start < 2 or body[start - 2 : start] == "\n\n":
        return said
    return what_for(sentence_around(body, start - 2))


def name_for(contact: Fact, sentence: str, body: str, *, source: str = "") -> str:
    """The name the release gives a contact that its own sentence leaves unnamed: a web address's name written
    out in the release ("www.firestoppersreport.co.uk" -> "FireStoppers"), for it and any number beside it."""
    if source and re.search(r"\b(?:call|contact|text|ring|phone|email|message) us\b", sentence, re.I):
        return source  # "You can also call us on ...": the publisher
    theirs = re.search(  # "the Citizens Advice website or call their consumer helpline on 0808 ...": whose line
        rf"\b(?:their|its) ((?:[a-z-]+ ){{0,3}}(?:helpline|advice line|phone line|contact centre))"
        rf" (?:on|at) {re.escape(contact.text)}",
        sentence,
    )
    owners = re.findall(
        r"\b[A-Z][\w’'&]*(?: (?:of |and |for )?[A-Z][\w’'&]*)+", sentence[: theirs.start()] if theirs else ""
    )
    if theirs and owners:
        return f"the {owners[-1]} {theirs.group(1)}"
    urls = [contact.text] if contact.kind == "url" else re.findall(r"(?:www\.|https?://)\S+", sentence)
    for url in urls:
        label = re.sub(r"^(?:https?://)?(?:www\.)?", "", url).split(".")[0].lower()
        for m in re.finditer(r"\b[A-Z][\w’']*(?:\s(?:[A-Z][\w’']*|and|of|for|against))*", body):
            joined = re.sub(r"[^a-z]", "", m.group(0).lower())
            spelled = len(joined) >= 6 and label.startswith(joined)
            if (spelled or _shortened(label, m.group(0))) and m.group(0) not in source:
                return m.group(0)  # not a place in the publisher's own name ("West Yorkshire")
    return ""


def _shortened(label: str, name: str) -> bool:
    """Whether a web address's label is its name shortened word by word: "tsscot" is T(rading) S(tandards)
    Scot(land); every word gives the start of it, in order, and nothing else is left."""
    parts = [w.lower() for w in re.findall(r"[A-Za-z]+", name) if w[:1].isupper()]
    if len(parts) < 2 or len(label) < 5:
        return False

    def fits(rest: str, i: int) -> bool:
        if i == len(parts):
            return not rest
        return any(rest[:n] == parts[i][:n] and fits(rest[n:], i + 1) for n in range(1, len(parts[i]) + 1))

    return fits(label, 0)


def _help_line(contact: Fact, refs: list[str], *, what_for: str = "", name: str = "", online: bool = False) -> str:
    verb = {"textnumber": "Text", "url": "Go to", "email": "Email", "handle": "Message"}.get(contact.kind, "Call")
    said = f"{contact.text} online" if online else contact.text  # "Use 111 online", not "Call 111"
    verb = "Use" if online else verb
    purpose = contact.purpose
    if name and not (purpose and purpose[:1].isupper()):
        purpose = name
    if purpose and purpose[:1].isupper() and not purpose.startswith("NHS 111"):
        name, _, rest = purpose.partition(", ")
        line = f"{verb} {name} on {said}" if verb in ("Call", "Text") else f"{verb} {said} ({name})"
        line += f", {rest}" if rest else ""
    elif purpose.startswith(("in ", "to ", "for ", "if ")):
        line = f"{verb} {said} {purpose}"
    elif purpose:
        line = f"{verb} {said}, {purpose}" if contact.kind in ("shortcode",) else f"{verb} {purpose} on {said}"
    else:
        line = f"{verb} {said}"
    if contact.text in KNOWN_SHORT_CODES and not what_for.startswith(("if ", "to report ")):
        what_for = ""  # "Call 999 in an emergency" says what it is for; only a condition of the release adds to it
    if (
        what_for
        and what_for not in line
        and not (purpose.startswith(("to ", "for ", "if ")) and contact.kind != "shortcode")
    ):
        line += f", {what_for}"
    if refs:
        line += ", quoting " + " and ".join(refs)
    return line + "."


def key_fact_clauses(release: Release, facts: list[Fact], summary: list[str]) -> list[str]:
    """Short clauses of the release that carry figures the summary does not already give."""
    shown = " ".join(summary)
    contact_spans = [(f.start, f.end) for f in facts if f.kind in CONTACT_KINDS]
    results = results_list(release)
    out = [results] if results and not all(n in shown for n in re.findall(r"\d[\d,.]*", results)) else []
    for fact in facts:
        if fact.kind not in KEY_FACT_KINDS or fact.text in shown or len(out) >= MAX_KEY_FACTS:
            continue
        sentence = sentence_around(release.body, fact.start)
        clause = _clause_with(sentence, fact.text)
        near_contact = any(s <= fact.start < e for s, e in contact_spans)
        if (
            clause
            and clause not in out
            and not near_contact
            and 4 <= len(words(clause)) <= KEY_FACT_WORDS + WHEN_WORDS * bool(_WHEN_FIRST.match(clause))
        ):
            out.append(clause)
            shown += " " + clause
    return out


_RESULTS_LEAD = re.compile(r"\b(?:results?|totals?|headlines|outcomes?|figures|achievements)\b[^:]*:$", re.I)
_RESULT_ITEM = re.compile(r"^(?:over |more than |almost |nearly )?£?\d[\d,.]*\+?(?: [^\W\d]+)")
_SCOPE = re.compile(
    r"^((?:Across|In|For|Within) [A-Z][^:]{2,140}?),\s+(?=(?!and\b|or\b)[a-z])"
)  # up to the comma before the rest
RESULT_ITEMS = 3  # items of a results list given in one key fact


def results_list(release: Release) -> str:
    """'Early totals: 110 arrests, £38,000+ in cash seized, 15 deal lines closed, ...' -> one key fact with the
    first items of a list of results, each as the release writes it."""
    paragraphs = release.paragraphs
    for i, lead in enumerate(paragraphs):
        if not lead.endswith(":") or not _RESULTS_LEAD.search(lead):
            continue
        items = []
        for line in paragraphs[i + 1 :]:
            item = re.sub(r"^[-•*]\s*", "", line).strip().rstrip(",.;*").strip()
            if len(words(item)) > 8 or not _RESULT_ITEM.match(item):
                break
            items.append(item)
        if len(items) >= 2:
            shown = items[:RESULT_ITEMS]
            scope = _SCOPE.match(lead)  # "Across Derbyshire, ... and Lincolnshire, early totals ...": where they hold
            where = f"{scope.group(1)}, the results" if scope else "The results"
            return f"{where} include {', '.join(shown[:-1])} and {shown[-1]}."
    return ""


_LIST_GOES_ON = (  # the next item of a list: "Kingsford, Ashby and Milbrook", "£52,400 in cash, 7 knives and ..."
    r"(?!(?:[A-Z0-9£]|(?:a|an|the|two|three|four|five|six|seven|eight|nine|ten)\s)"
    r"(?:[^,.]|[,.](?=\d)){0,30}?(?:,\s|\s(?:and|or)\s))"
)
_ASIDE = re.compile(r"\s+[–-]\s+[^–.]{3,80}?\s+[–-]\s+")  # "130 suspects – including five teachers – were"
_SUBJECT_START = re.compile(r"(?:officers|police|detectives|crews|firefighters|the|a|an|he|she|they|we|it|\d)\b", re.I)


_WHEN_FIRST = re.compile(  # "Between 14 May and 14 June,", "In 2015,", "Over the past three years,"
    r"(?:Between|From|In|During|Since|Over|Throughout|Last|This|Up (?:to|until)) "
    r"(?=[^,]{0,40}(?:\d|January|February|March|April|May|June|July|August|September|October|November|December|"
    r"week|month|year|winter|spring|summer|autumn))[^,]{2,40},"
)


def _clause_with(sentence: str, text: str) -> str:
    """The comma- or 'and'-separated part of a sentence that holds `text`; a list ("£52,400 in cash,
    7 knives and 3 firearms") is never cut, and a main clause after a fronted phrase ("As well as the
    drugs, officers seized ...") is taken with a capital."""
    sentence = re.sub(r"^[“\"]|[”\"]$", "", sentence.strip())  # a quoted sentence: the rewrites say who said it
    if re.search(r"[“”\"]", sentence) or not sentence.rstrip().endswith((".", "!")):
        return ""  # quotes inside a sentence, questions, headings and lead-ins to lists
    sentence = _ASIDE.sub(" ", sentence)
    if len(words(sentence)) <= KEY_FACT_WORDS + WHEN_WORDS and _WHEN_FIRST.match(sentence):
        return sentence.rstrip(".") + "."  # "Between 14 May and 14 June, 61% of ...": the figure keeps its time
    parts = re.split(rf",\s+{_LIST_GOES_ON}(?:and\s+)?|;\s+|\s+–\s+|\s+-\s+", sentence)
    for i, part in enumerate(p.strip() for p in parts):
        if text in part and (re.match(r"[A-Z0-9£]", part) or (i and _SUBJECT_START.match(part))):
            when = _WHEN_FIRST.match(sentence)
            if (
                i and when and len(words(when.group(0) + part)) <= KEY_FACT_WORDS + WHEN_WORDS
            ):  # the time the figure is true for
                first = part.split(" ", 1)[0]
                lower = first in ("The", "A", "An", "There", "It", "Some", "Most", "All", "More", "Almost", "Nearly")
                return when.group(0) + " " + (part[:1].lower() if lower else part[:1]) + part[1:].rstrip(".") + "."
            return part[:1].upper() + part[1:].rstrip(".") + "."
    return ""


def public_text(
    title: str, summary: list[str], key_facts: list[str], help: list[str], asks: list[str] | None = None
) -> str:
    """Everything the public reads, as plain text: what happened, what you can do, key facts, how to get help."""
    parts = [title, " ".join(summary)]
    if asks:
        parts.append("What you can do:\n" + "\n".join(f"- {a}" for a in asks))
    if key_facts:
        parts.append("Key facts:\n" + "\n".join(f"- {k}" for k in key_facts))
    if help:
        parts.append("How to get help:\n" + "\n".join(f"- {h}" for h in help))
    return "\n\n".join(p for p in parts if p.strip()) + "\n"


MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]


def _spoken_date(m: re.Match) -> str:
    """'14/09/17' -> '14 September 2017': a listener writes down a date said in words more surely."""
    day, month, year = int(m.group(1)), int(m.group(2)), m.group(3)
    if not (1 <= day <= 31 and 1 <= month <= 12):
        return m.group(0)
    if len(year) == 2:
        year = f"20{year}" if int(year) <= 50 else f"19{year}"
    return f"{day} {MONTHS[month - 1]} {year}"


def _spoken_pounds(m: re.Match) -> str:
    amount = m.group(1)
    return f"{amount} pound" if amount == "1" else f"{amount} pounds"


_SCRIPT_RULES = [
    (re.compile(r"\b(\d{1,2})/(\d{1,2})/(\d{4}|\d{2})\b"), _spoken_date),
    (re.compile(r"£(\d+(?:,\d{3})*(?:\.\d{2})?)(?!\d)"), _spoken_pounds),
    (re.compile(r"\bOp\b\.?"), "Operation"),
    (re.compile(r"\b(\d{1,2})[.:](\d{2}) ?([ap])m\b", re.I), r"\1 \2 \3 m"),
    (re.compile(r"\b(\d{1,2}) ?([ap])m\b", re.I), r"\1 \2 m"),
    (re.compile(r"\b(\d{1,2})[.:](\d{2}) ?hrs\b", re.I), r"\1 \2"),
    (re.compile(r"(\d+(?:\.\d+)?)%"), r"\1 per cent"),
    (re.compile(r"(\d)ft ?(\d{1,2}) ?in\b"), r"\1 feet \2 inches"),
    (re.compile(r"^- ", re.M), ""),
]


@functools.lru_cache(maxsize=8)
def pronunciations(extra: str = "") -> dict[str, str]:
    """The pronunciation lexicon kept as data in the package, with a user's file (same format) over it."""
    data = resources.files("summarise").joinpath("data/pronunciation.yaml").read_text(encoding="utf-8")
    words_ = dict((yaml.safe_load(data) or {}).get("words") or {})
    if extra:
        try:
            mine = yaml.safe_load(Path(extra).read_text(encoding="utf-8")) or {}
        except (OSError, yaml.YAMLError) as exc:
            raise InputError(f"{extra}: cannot read the pronunciation lexicon ({exc})") from exc
        if not isinstance(mine, dict) or not isinstance(mine.get("words", {}), dict):
            raise InputError(f"{extra}: a pronunciation lexicon has one mapping, 'words:', of word to spoken form")
        words_.update({str(k): str(v) for k, v in (mine.get("words") or {}).items()})
    return words_


def say_words(text: str, lexicon: dict[str, str]) -> str:
    """Each lexicon word (whole word, as written) replaced by how it is said; longest entries first."""
    if not lexicon:
        return text
    keys = sorted(lexicon, key=len, reverse=True)
    pattern = re.compile(r"(?<![\w.@/])(?:" + "|".join(re.escape(k) for k in keys) + r")(?![\w@/]|\.\w)")
    return pattern.sub(lambda m: lexicon[m.group(0)], text)


def script(text: str, facts: list[Fact], *, lexicon: dict[str, str] | None = None) -> str:
    """The public text written to be spoken: contacts and references in their spoken forms, and the
    pronunciation lexicon applied to the words around them."""
    lexicon = pronunciations() if lexicon is None else lexicon
    contacts = [f for f in facts if f.kind in CONTACT_KINDS or f.kind == "reference"]
    # Longest first, so "0800 555 111" is replaced before a shorter code inside it.
    for fact in sorted({f.text: f for f in contacts}.values(), key=lambda f: -len(f.text)):
        text = re.sub(rf"(?<![\w./@]){re.escape(fact.text)}(?![\w/@]|\.\w)", spoken(fact), text)
    for pattern, replacement in _SCRIPT_RULES:
        text = pattern.sub(replacement, text)
    text = say_words(text, lexicon)
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    return "\n".join(line if line[-1] in ".!?:" else line + "." for line in lines) + "\n"


def parse_public_text(text: str, *, fallback_title: str = "") -> tuple[str, list[str], list[str], list[str]]:
    """(title, summary sentences, key facts, help lines) of a public text in the layout `public_text` writes;
    a reviewer's edit may drop or add parts. The points of "What you can do" are read with `parse_asks`."""
    blocks = [b.strip() for b in re.split(r"\n\s*\n", text.strip()) if b.strip()]
    title, sentences, key_facts, help_lines = fallback_title, [], [], []
    for i, block in enumerate(blocks):
        head, _, rest = block.partition("\n")
        items = [re.sub(r"^[-*•]\s*", "", line).strip() for line in rest.splitlines() if line.strip()]
        if head.strip().lower().rstrip(":") == "what you can do":
            continue
        if head.strip().lower().rstrip(":") == "key facts":
            key_facts += items
        elif head.strip().lower().rstrip(":") == "how to get help":
            help_lines += items
        elif i == 0 and "\n" not in block and not re.search(r"[.!?]$", block):
            title = block
        else:
            sentences += [s for line in block.splitlines() for s in split_sentences(line.strip()) if s]
    return title, sentences, key_facts, help_lines


def parse_asks(text: str) -> list[str]:
    """The points of the "What you can do" part of a public text."""
    for block in re.split(r"\n\s*\n", text.strip()):
        head, _, rest = block.strip().partition("\n")
        if head.strip().lower().rstrip(":") == "what you can do":
            return [re.sub(r"^[-*•]\s*", "", line).strip() for line in rest.splitlines() if line.strip()]
    return []


def sentences_of(text: str) -> list[str]:
    """Sentences of a composed text, by line and then by sentence."""
    return [s for line in text.splitlines() for s in split_sentences(line.lstrip("- ")) if s]
