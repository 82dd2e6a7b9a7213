"""Stage 4, plain: rewrite chosen sentences into plain English.

A list of small `str -> str` rewrites run in order (see `rewrites`), then long sentences
are split at clause boundaries. No rewrite adds a number, name or place.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable
from importlib import resources

import yaml

from .readability import grade
from .records import Release
from .text import ADDS_TO_BEFORE, LEANS_BACK, split_sentences, words

SPLIT_OVER = 15  # words; longer sentences are split at a clause boundary where one exists
LONGEST = 25  # words; a sentence still longer loses a trailing detail ("while ...", ", including ...")
MIN_PART = 5  # words; neither side of a split may be shorter


@functools.lru_cache(maxsize=1)
def lexicon() -> dict:
    """The plain-words lexicon kept as data in the package."""
    text = resources.files("summarise").joinpath("data/plain_words.yaml").read_text(encoding="utf-8")
    data = yaml.safe_load(text) or {}
    return {"replace": dict(data.get("replace") or {}), "drop": list(data.get("drop") or [])}


def _keep_case(original: str, replacement: str) -> str:
    return replacement[:1].upper() + replacement[1:] if original[:1].isupper() and replacement else replacement


TERM_WORDS = 4  # words; a quoted phrase this short inside a sentence is a term or an ironic word, not a quote
_QUOTED = re.compile(r"(?<=\w )[“\"]([^“”\"\n]{1,40}?)([.,!?]?)[”\"]")


def drop_quote_marks(text: str) -> str:
    """Remove double quotation marks; what was said stays. A short quoted phrase inside a sentence keeps single
    marks (simply ‘no thanks’, victims told they are ‘helping’): without them it says something else."""

    def term(m: re.Match) -> str:
        before = m.string[: m.start()]
        if len(m.group(1).split()) > TERM_WORDS or re.search(rf"\b{SAID}\s*$", before):
            return m.group(0)
        return f"‘{m.group(1)}’{m.group(2)}"

    return re.sub(r"[“”\"]", "", _QUOTED.sub(term, text))


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
        "some",
        "what",
        "everyone",
        "people",
        "anyone",
        "no",
        "many",
        "most",
        "one",
        "thankfully",
        "sadly",
        "so",
        "but",
        "and",
        "however",
    ]
)


def said_colon(text: str, common: frozenset[str] = frozenset()) -> str:
    """'X said: We ...' -> 'X said we ...'; names keep their capital, and so does any word that `common`
    (the words the release writes in lower case) does not hold."""

    def lower(m: re.Match) -> str:
        word = m.group(2)
        plain = word.lower() in _COMMON_OPENERS or word.lower() in common
        return f"{m.group(1)} {word.lower() if plain else word}"

    return re.sub(r"\b(said|added|says|explained):?\s+(?=[A-Z])(\w+)", lower, text)


_COUNTED = re.compile(r"\d[\d,]*\s+(?:[a-z-]+\s+)?$")  # text ending in a number and perhaps one adjective


# The next word is one a describing word stands before ("elderly residents", "people"), not "and", "to", ...
_BEFORE_A_NOUN = re.compile(
    r" (?!(?:and|or|but|to|of|from|in|on|at|for|with|without|by|as|than|because|if|when|who|which|that|is|are|was|"
    r"were|so|after|before|until|while|unless|since|then|again|too)\b)"
    r"[a-z]"
)


def _words_in(text: str) -> set[str]:
    """The words of a text, in lower case."""
    return set(re.findall(r"[a-z]+", text.lower()))


def replace_jargon(text: str) -> str:
    """Official words -> plain words, from the lexicon; a noun counted by a number is left as it is."""

    def swap(m: re.Match, plain: str) -> str:
        if _COUNTED.search(m.string[: m.start()]) and not m.group(0).endswith("ed"):  # "164 children safeguarded"
            return m.group(0)
        if plain.split()[0].endswith("ing") and re.search(r"\b(?:has|have|had)\s+$", m.string[: m.start()]):
            return m.group(0)  # "has attended" must not become "has going to"
        if " " not in plain and plain.lower() in _words_in(m.string[: m.start()] + " " + m.string[m.end() :]):
            return m.group(0)  # "Wanted individuals are people who ..." must not become "people are people"
        if re.search(r" (?:to|of|on|for)$", plain) and not re.match(r"\s+[\w£]", m.string[m.end() :]):
            return m.group(0)  # "call before attending." must not become "call before going to."
        if plain.startswith("linked ") and re.search(r"(?:ed|for|sought|held|wanted)\s+$", m.string[: m.start()]):
            return m.group(0)  # "searched for in connection with crime": after a verb, "linked to" does not fit
        if plain.startswith(("at ", "in ")) and _BEFORE_A_NOUN.match(m.string[m.end() :]):
            plain = plain.replace(" ", "-")  # "vulnerable elderly residents" -> "at-risk elderly residents"
        return _keep_case(m.group(0), plain)

    for word, plain in sorted(lexicon()["replace"].items(), key=lambda kv: -len(kv[0])):
        text = re.sub(rf"\b{re.escape(word)}\b", lambda m, p=plain: swap(m, p), text, flags=re.IGNORECASE)
    return _ENABLE.sub(lambda m: f"{m.group(1)}let {m.group(2)}", text)


# "to enable the Roads Section to complete ..." -> "to let the Roads Section complete ...": the plainer verb
_ENABLE = re.compile(
    r"\b(to |will |can |would )enable ((?:the |a |an |our |their |your )?(?:[\w’'-]+ ){1,3}?)to (?=[a-z])"
)


_NOTED = re.compile(r"^(?:Please )?(?:be advised|note) that ", re.IGNORECASE)


def what_is_above(release: Release) -> Callable[[str], str]:
    """'Please be advised that the above road is due to be closed' -> 'A road is due to be closed': "please
    note that" says nothing, and in the release's first sentence what is "above" is a heading or an attached
    notice the text cannot show."""
    first = split_sentences(release.paragraphs[0])[0] if release.paragraphs else ""

    def rewrite(text: str) -> str:
        text = _NOTED.sub("", text)
        text = text[:1].upper() + text[1:]
        if not first or text.strip('“”" ')[:30].lower() != _NOTED.sub("", first)[:30].lower():
            return text
        return re.sub(r"\b([Tt])he above (?=[a-z])", lambda m: "A " if m.start() == 0 else "a ", text)

    return rewrite


def drop_announced(text: str) -> str:
    """'The council has announced that Bridge Road will close' -> 'Bridge Road will close'."""
    m = re.match(r"[A-Z][\w'’ ]{0,60}? (?:has|have) (?:announced|confirmed) that (\w)", text)
    return text[m.start(1) :][:1].upper() + text[m.start(1) + 1 :] if m else text


_PERSON_AGE_ADDRESS = re.compile(
    r"^((?:[A-Z][\w'’-]+ ){1,3}[A-Z][\w'’-]+), (\d{1,3}), of ([^,]+(?:, [A-Z][\w'’ -]+)?), ([a-z].{20,})$"
)


def person_first(text: str) -> str:
    """'Dean Carver, 41, of Orchard Close, Milbrook, pleaded guilty ...' -> 'Dean Carver pleaded guilty ...
    Dean Carver is 41 and from Orchard Close, Milbrook.': what happened first, who they are after."""
    m = _PERSON_AGE_ADDRESS.match(text)
    if not m:
        return text
    name, age, place, rest = m.groups()
    if re.fullmatch(r"no fixed (?:address|abode)", place.strip(), re.I):
        return f"{name} {rest.rstrip('.')}. {name} is {age} and has no fixed address."
    return f"{name} {rest.rstrip('.')}. {name} is {age} and from {place}."


_SUSPECTED = re.compile(
    r"\b(arrested|detained) (.{3,80}?),? (?:who |whom |that )?(?:we|police|officers|they) (?:suspect|suspected|believe) "
    r"(?:to have been |to be )?(?:involved in |of )(?:the (?:crime|offence) of )?"
)


def on_suspicion(text: str) -> str:
    """'arrested 22 people we suspect of having ...' -> 'arrested 22 people on suspicion of having ...'."""
    return _SUSPECTED.sub(lambda m: f"{m.group(1)} {m.group(2)} on suspicion of ", text)


_COUNT = r"(?:\d[\d,]*|two|three|four|five|six|seven|eight|nine|ten)"  # a number, in digits or words


def kept_safe_order(text: str) -> str:
    """'have kept safe 32 local children' -> 'have kept 32 local children safe'."""
    np = rf"(?:{_COUNT}|the|their|his|her|a|an)(?: [a-z-]+){{1,2}}"
    return re.sub(rf"\b(kept|keep|keeping) safe ({np})([.,;]?)$", r"\1 \2 safe\3", text)


def gapped_verbs(text: str) -> str:
    """'225 warrants were carried out, 164 children kept safe' -> '..., 164 children were kept safe': a list
    item that leaves out the verb it shares with the one before gets it back (as `_fill_gap` does for a split)."""
    for m in re.finditer(r", (?=(?:more than |over |about )?\d)", text):
        left, right = text[: m.start()], text[m.end() :]
        filled = _fill_gap(left, right)
        if filled != right:
            return f"{left}, {filled}"
    return text


_LEADS_AN_EXAMPLE = frozenset({"particularly", "especially", "in particular"})


SAID = r"(?:said|says|added|explained|commented|stated)"  # verbs that give what a person said
_LEADS_A_NUMBER = frozenset({"a total of"})


def drop_filler(text: str) -> str:
    """Drop filler and hedges that add length but no meaning."""
    for phrase in lexicon()["drop"]:
        # ", particularly dashcam footage": after a comma the word leads an example, which needs it
        guard = r"(?<!,)(?<!, )" if phrase in _LEADS_AN_EXAMPLE else ""
        guard = r"(?<=\w)" if phrase in _LEADS_A_NUMBER else guard  # "A total of 22 people": no sentence opens on 22
        text = re.sub(rf"{guard}\s*\b{re.escape(phrase)}\b", "", text, flags=re.IGNORECASE)
    return text


# Words that tie a sentence to the one before it: "As a result, the service is asking people to ..."
POINTS_BACK = re.compile(
    r"^(?:Alternatively|Also|In addition|Additionally|As a result|However|Therefore|Meanwhile|Instead|Furthermore|"
    r"Moreover|As such|Because of this|With this in mind|In light of this|In turn|Again|So),?\s+(?=[A-Za-z£\d])"
)


def stand_alone(text: str) -> str:
    """'You can also call ...' -> 'You can call ...': a point or help line follows no other sentence."""
    text = POINTS_BACK.sub("", text)
    text = text[:1].upper() + text[1:]
    if re.search(r"\bnot only\b", text, re.IGNORECASE):
        return text  # "you not only divert doctors ..., you may also spread ...": the 'also' answers 'not only'
    said = re.match(rf"^[^,;:]{{0,80}}?\b{SAID}\s+(?:that\s+)?", text)  # "Dr Gjini said reports also show ..."
    at = said.end() if said else 0
    # near the start of the sentence (or of what was said), where it adds to the sentence before
    # ("Katie Ball, of Leighton Court, was also fined": an aside between the subject and its verb is skipped)
    near = r"^((?:[^\s,]+\s+){0,3}[^\s,]+,\s+)?((?:[^\s,]+\s+){0,3}?[^\s,]+(?:,[^,]{1,60},)?\s+(?:\S+\s+){0,2}?)also\s+"
    return text[:at] + re.sub(near, r"\1\2", text[at:], count=1)


_LIST_LABEL = re.compile(r"^[A-Z]{2,}(?: [A-Z]{2,}){0,2}\s*[-–:]\s+(?=[A-Z])")  # "CHECK - Only let callers in"


def drop_label(text: str) -> str:
    """'CHECK - Only let callers in ...' -> 'Only let callers in ...': a list item's label is not part of it."""
    return _LIST_LABEL.sub("", text)


_ROLE = (
    r"(?:Commissioner|Constable|Inspector|Superintendent|Sergeant|Officer|Manager|Director|Leader|Councillor|"
    r"Mayor|Minister|Chair|Chairman|Chairwoman|Executive|Coordinator|Co-ordinator|Head|Lead)"
)
_TITLE_COMMA = re.compile(
    rf"^((?:[A-Z][\w’'-]*,? |and |of |for |the ){{0,8}}{_ROLE}), ((?:[A-Z][\w’'-]+ ){{1,3}})({SAID})\b"
)


_OPEN_ASIDE = re.compile(rf"^((?:[A-Z][\w’'-]+ ){{1,3}}[A-Z][\w’'-]+, (?:from|of) [A-Z][^,;:()]{{2,80}}?) ({SAID})\b")


def close_aside(text: str) -> str:
    """'Jo Hartley, from Northvale Trading Standards said ...' -> '..., from Northvale Trading Standards, said':
    the aside that says who the speaker is closes before the verb."""
    return _OPEN_ASIDE.sub(r"\1, \2", text)


def title_comma(text: str) -> str:
    """'Durham Police and Crime Commissioner, Joy Allen said ...' -> '... Commissioner Joy Allen said ...': a title
    joined to the name it comes before, not cut off from it by a comma that nothing closes."""
    return _TITLE_COMMA.sub(lambda m: f"{m.group(1)} {m.group(2)}{m.group(3)}", text)


def tidy(text: str) -> str:
    """Fix spacing and punctuation left by other rewrites; capital first letter, full stop at the end."""
    text = re.sub(r"\s+", " ", text).strip()
    text = re.sub(r"\s+([,.;:!?])", r"\1", text)
    text = re.sub(r"^[,;:\s]+|[,;:\s]+$", "", text)
    text = re.sub(r"^[–-]\s+|(?<=\bsaid) [–-](?= )", "", text)  # a dash left before what a dropped phrase led
    if text and text[-1] not in ".!?":
        text += "."
    return text[:1].upper() + text[1:]


# "our team" says whose team only with the organisation's name: "North Lanarkshire Council's Trading Standards team"
_OUR_PEOPLE = (  # "our officers" are the organisation's; "our eyes and ears" too ("You are our eyes and ears")
    r"(?:[A-Z][\w-]+ )*(?:team|teams|officers|firefighters|crews|detectives|staff|services|offices|website|"
    r"eyes and ears)\b"
)
# Names a sentence gives with "the": "the National Crime Agency", "the Police Service of Northern Ireland"
_TAKES_THE = re.compile(
    r"^(?:National|Crown|Regional|Metropolitan|Environment|Department|Ministry|Office|Police Service)\b| of "
)


def with_article(org: str) -> str:
    """The organisation's name as the subject of a sentence: with "the" where the name takes one (a name
    with "of", or one that starts with a generic word)."""
    if not org or org.lower().startswith("the "):
        return org
    return "the " + org if _TAKES_THE.search(org) else org


def possessive(name: str) -> str:
    """'Northvale Police' -> 'Northvale Police’s'; 'the council' -> 'the council’s'."""
    return name + ("’" if name.endswith("s") and not name.endswith("ss") else "’s")


_WE_CONTRACTIONS = {"re": "are", "ve": "have", "ll": "will", "d": "would"}


THEY_WITHIN = 8  # words after "we" within which a third "we" of one sentence is "they" (police, police, they)


def we_to(org: str, short: str = "", *, nlp=None) -> Callable[[str], str]:
    """'we' / 'us' -> the organisation, then its short name ('police', 'the council'); 'our' -> 'the'.

    With a spaCy pipeline, the verb agrees with a name that takes a singular verb ("We welcome" ->
    "Hull City Council welcomes"); "Police" names keep the plural of British English."""
    named = [False]  # whether the full name has been used yet, across the sentences of one release

    def name(m: re.Match) -> str:
        before = m.string[: m.start()]
        near = re.search(rf"\b(?:[Ww]e|us)\b(?:\W+\w+){{0,{THEY_WITHIN}}}\W+$", before)
        if short == "police" and near and len(re.findall(r"\b(?:[Ww]e|us)\b", before)) >= 2:
            return "they" if m.group(0).lower() == "we" else "them"  # "... that police can change how they work"
        if (named[0] or org.lower() in before.lower()) and short:  # never the full name twice in one
            return short if m.start() else short[:1].upper() + short[1:]
        named[0] = True
        return org if m.start() else org[:1].upper() + org[1:]

    def rewrite(text: str) -> str:
        if not org or re.search(
            r"\b[Ww]e (?:all|each|must all|should all|can all)\b|\ball of us\b|\bus all\b"
            r"|\b(?:impact|effect|influence)s? on us\b|\b(?:affects?|around) us\b",  # "an impact on us": everyone
            text,
        ):
            return text  # the "we" of everyone ("we all need to act"), not the organisation's
        text = re.sub(
            r"\b([Ww]e)[’']([a-z]{1,2})\b",
            lambda m: f"{m.group(1)} {_WE_CONTRACTIONS.get(m.group(2), m.group(2))}",
            text,
        )
        if nlp is not None and re.search(r"\b[Ww]e\b", text):
            text = _we_agrees(text, nlp)
        text = re.sub(r"\b[Ww]e\b|\bus\b", name, text)
        text = re.sub(rf"\b[Oo]ur (?={_OUR_PEOPLE})", lambda m: possessive(_owner(name(m))) + " ", text)
        return re.sub(r"\b([Oo])ur\b", lambda m: "The" if m.group(1) == "O" else "the", text)

    def _we_agrees(text: str, nlp) -> str:
        doc = nlp(text)
        swap: dict[int, str] = {}
        for tok in doc:
            if tok.lower_ == "we" and tok.dep_.startswith("nsubj"):
                said = org if not named[0] or not short else short
                if not re.search(r"\b[Pp]olice$", said):
                    swap.update(_third_person_verbs(tok))
        return "".join(swap.get(t.i, t.text) + t.whitespace_ for t in doc) if swap else text

    return rewrite


def _owner(name: str) -> str:
    """A short name as the owner of something: 'police' -> 'the police' ("the police’s eyes and ears")."""
    return "the police" if name == "police" else name


def _third_person_verbs(subject) -> dict[int, str]:
    """The verbs of `subject` ('I', 'we') as a singular name takes them: {token index: new form}."""
    swap = {}
    verb = subject.head
    for v in [verb] + [c for c in verb.children if c.dep_ == "conj" and c.pos_ in ("VERB", "AUX")]:
        if v is not verb and any(c.dep_.startswith("nsubj") for c in v.children):
            continue  # a verb with a subject of its own
        auxes = [c for c in v.children if c.dep_ in ("aux", "auxpass") and c.i < v.i]
        finite = auxes[0] if auxes else v
        if finite.tag_ in ("VBP", "VB") or finite.lower_ in _THIRD or finite.lower_ == "were":
            swap[finite.i] = "was" if finite.lower_ == "were" else third_person(finite.text)
    return swap


def expand_acronyms(definitions: dict[str, str]) -> Callable[[list[str]], list[str]]:
    """Spell out an acronym on its first use in the summary, as the release defines it."""

    def rewrite(sentences: list[str]) -> list[str]:
        seen, out = set(), []
        for sentence in sentences:
            for abbr, long in definitions.items():
                if abbr in seen or not re.search(rf"\b{abbr}\b", sentence):
                    continue
                owner = re.search(rf"\b{abbr}(?=[’']s\b)", sentence)
                if owner and long not in sentence:  # "BTP’s service" -> "British Transport Police’s service"
                    sentence = sentence[: owner.start()] + long + sentence[owner.end() :]
                    if not re.search(rf"\b{abbr}\b", sentence):
                        continue
                seen.add(abbr)
                if f"({abbr})" not in sentence and long not in sentence:
                    sentence = re.sub(rf"\b{abbr}\b", f"{long} ({abbr})", sentence, count=1)
            out.append(sentence)
        return out

    return rewrite


def acronym_definitions(body: str, context: str = "") -> dict[str, str]:
    """'Crown Prosecution Service (CPS)' -> {'CPS': 'Crown Prosecution Service'}. An acronym the body uses without
    defining it is spelled out where the release (or `context`: its title and publisher) has the words whose
    initials it is ('British Transport Police' for BTP, 'child sexual abuse and exploitation' for CSAE)."""
    found = {}
    for m in re.finditer(r"((?:[A-Z][\w'’-]*\s(?:(?:of|and|the|for)\s)?){2,8})\(([A-Z]{2,6})\)", body):
        long, abbr = m.group(1).strip(), m.group(2)
        initials = "".join(w[0] for w in long.split() if w[0].isupper())
        if initials.endswith(abbr) or abbr[0] == initials[:1]:
            found.setdefault(abbr, " ".join(long.split()[-len(abbr) - 2 :]) if len(long.split()) > 6 else long)
    text = f"{context}\n{body}"
    for abbr in dict.fromkeys(re.findall(r"\b[A-Z]{3,6}\b", body)):
        if abbr not in found:
            long = _spelled_out(abbr, text)
            if long:
                found[abbr] = long
    return found


_LINK_WORDS = frozenset({"and", "of", "the", "for", "&"})  # words inside a name that give no initial


def _spelled_out(abbr: str, text: str) -> str:
    """The words of `text` whose initials are `abbr`, all capitalised (three letters or more) or all lower
    case (four or more: "child sexual abuse and exploitation"); '' when no such words are there."""
    tokens = re.findall(r"[A-Za-z][\w'’-]*|&", text)
    for i, first in enumerate(tokens):
        if first[0].upper() != abbr[0] or first.lower() in _LINK_WORDS:
            continue
        upper, taken, j = first[0].isupper(), [first], i + 1
        for letter in abbr[1:]:
            while j < len(tokens) and tokens[j].lower() in _LINK_WORDS:
                taken.append(tokens[j])
                j += 1
            if j >= len(tokens) or tokens[j][0] != (letter if upper else letter.lower()):
                break
            taken.append(tokens[j])
            j += 1
        else:
            if (upper or len(abbr) >= 4) and not (upper and first.isupper()):
                return " ".join(taken)
    return ""


_CLAUSE = re.compile(
    r";\s+|,\s+(?:and|but|so)\s+(?=[A-Za-z£\d])|\s+and\s+(?=(?:more than |over |around )?\d)|,\s+(?=which\b)"
)


FRONTED_STAYS = 4  # words; a fronted phrase this short stays where the writer put it
FRONTED = frozenset({"during", "after", "under", "following", "since"})  # fronted phrases that move after the clause
CONNECTORS = {"after": "", "because": "This is because ", "although": "But ", "though": "But "}  # advcl markers


def split_long(sentence: str, *, nlp=None, reorder: bool = True) -> list[str]:
    """Split a long sentence at clause boundaries into sentences of at least MIN_PART words.

    Punctuation boundaries (";", ", and", ", which") always; with a spaCy pipeline also the parse's
    clause boundaries: a clause after "after"/"because", a new clause joined by "and"/"but", and a
    relative clause (", who ...") whose "who" becomes the person or thing it stands for.
    """
    if len(words(sentence)) <= SPLIT_OVER:
        return [sentence]
    if nlp is not None and len(words(sentence)) > LONGEST:
        sentence = trim_long(sentence, nlp)
    doc = nlp(sentence) if nlp is not None else None
    moved = _fronted_last(doc) if doc is not None and reorder else ""
    if moved and len(words(moved)) <= LONGEST:  # the same sentence, main clause first, then split as any other
        return split_long(tidy(moved), nlp=nlp, reorder=False)
    options = _clause_splits(sentence, doc) + _rephrased_splits(sentence)
    options += _parse_splits(doc) if doc is not None else []
    options = [(left, right) for left, right in options if min(len(words(left)), len(words(right))) >= MIN_PART]
    if nlp is not None:  # "... 12 young people and 4 adults who ..." must not become a sentence without a verb
        options = [(left, _fill_gap(left, right)) for left, right in options]
        options = [(lt, rt) for lt, rt in options if _has_finite_verb(lt, nlp) and _has_finite_verb(rt, nlp)]
    if not options:
        return [sentence]
    left, right = min(options, key=lambda lr: abs(len(words(lr[0])) - len(words(lr[1]))))
    return split_long(tidy(and_before_last(left)), nlp=nlp) + split_long(tidy(right), nlp=nlp)


_LAST_ITEM = re.compile(r", ((?:more than |over |about )?\d[\d,]* [^,]*?\b(?:were|was|have been|has been)\b[^,]*)$")


def and_before_last(text: str) -> str:
    """'225 warrants were carried out, 164 children were kept safe' -> '... carried out and 164 children ...':
    a list cut by a split gets back the 'and' before its last item."""
    m = _LAST_ITEM.search(text)
    if m and re.search(r"\b(?:were|was|have been|has been)\b", text[: m.start()]):
        return f"{text[: m.start()]} and {m.group(1)}"
    return text


_PEOPLE = r"(?:people|men|women|boys|girls|teenagers|youths|suspects|adults)"
_MANY = re.compile(rf"\b{_COUNT} (?:[\w-]+ ){{0,3}}?{_PEOPLE}\b")
_ONE = re.compile(r"\b(man|woman|boy|girl|teenager)\b")


def _arrested(text: str) -> str | None:
    """Who the text says was arrested, as a subject that needs no pronoun: 'Those arrested', 'The man'."""
    if _MANY.search(text):
        return "Those arrested are"
    one = _ONE.search(text)
    return f"The {one.group(1)} is" if one else None


_SUSPICION = re.compile(r"^(.*\barrested\b.*?),? on suspicion of (.+)$")
_REPORTS = re.compile(r"^(.*\b\d[\d,]* (?:[a-z-]+ )?(reports|calls|complaints|referrals)) (?:of|about) (.+)$")


def _clause_splits(sentence: str, doc=None) -> list[tuple[str, str]]:
    """Splits at ";", ", and", ", but": with a parse, only where the part before holds a whole clause of its own
    ("A woman in her 40s, and two men, have been arrested" has none)."""
    out = []
    for m in _CLAUSE.finditer(sentence):
        right = sentence[m.end() :]
        if not right.startswith("which") and (doc is None or _own_clause(doc, m.start())):
            out.append((sentence[: m.start()], right))
    return out


def _rephrased_splits(sentence: str) -> list[tuple[str, str]]:
    out = []
    m = _SUSPICION.match(sentence)  # "... arrested 22 people on suspicion of X" -> "Those arrested are suspected of X"
    if m:
        subject = _arrested(m.group(1))
        if subject:
            out.append((m.group(1), f"{subject} suspected of {m.group(2)}"))
    m = _REPORTS.match(sentence)  # "... received 96 reports of children being contacted ..."
    if m:
        out.append((m.group(1), f"The {m.group(2)} were about {m.group(3)}"))
    return out


def _fronted_last(doc) -> str:
    """'During the week of action, police arrested 22 people.' -> 'Police arrested 22 people during the week
    of action.': a long fronted phrase of a sentence about the past moves after its main clause; '' otherwise."""
    end = len(doc) - 1 if doc[-1].is_punct else len(doc)
    first = doc[0]
    fronted_words = first.right_edge.i - first.i + 1  # "During that time," is short enough to stay in front
    if not (
        fronted_words > FRONTED_STAYS
        and first.dep_ == "prep"
        and first.lower_ in FRONTED
        and first.head.dep_ == "ROOT"
        and _past(first.head)
    ):
        return ""
    last = first.right_edge.i
    rest = doc[last + 2 if last + 1 < end and doc[last + 1].text == "," else last + 1 : end].text
    if not rest:
        return ""
    phrase = doc[: last + 1].text
    return rest[:1].upper() + rest[1:].rstrip(" .") + " " + phrase[:1].lower() + phrase[1:] + "."


def _parse_splits(doc) -> list[tuple[str, str]]:
    """(left, right) sentence pairs at the clause boundaries of spaCy's parse; each right part ends the sentence."""
    end = len(doc) - 1 if doc[-1].is_punct else len(doc)
    last = end  # the last word: closing quote marks before the full stop do not count
    while last > 1 and doc[last - 1].is_punct and doc[last - 1].text in "’'”\")":
        last -= 1
    out = []
    first = doc[0]
    if first.lower_ == "with":
        split = _fronted_with(doc, end)
        if split:
            out.append(split)
    for tok in doc:
        if tok.right_edge.i < last - 1:
            continue  # only clauses that run to the end of the sentence
        if tok.dep_ == "advcl":
            marks = [c for c in tok.children if c.dep_ == "mark" and c.lower_ in CONNECTORS]
            if marks and marks[0].i == tok.left_edge.i and marks[0].i > 0:
                m = marks[0]
                out.append((doc[: m.i].text, CONNECTORS[m.lower_] + doc[m.i + 1 : end].text))
        elif tok.dep_ == "conj" and tok.pos_ in ("VERB", "AUX") and (tok.head.dep_ == "ROOT" or _said_clause(tok.head)):
            has_subject = any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in tok.children)
            cc = doc[tok.left_edge.i - 1] if tok.left_edge.i > 0 else None
            if cc is not None and any(t.lower_ in _CONDITIONS and t.dep_ == "mark" for t in doc[: cc.i]):
                continue  # "Only let callers in if they have an appointment and you have checked ...": one condition
            if has_subject and cc is not None and cc.dep_ == "cc" and cc.lower_ in ("and", "but"):
                prefix = "But " if cc.lower_ == "but" else ""
                out.append((doc[: cc.i].text, prefix + doc[cc.i + 1 : end].text))
            elif _finite(tok) and cc is not None and cc.dep_ == "cc" and cc.lower_ == "and" and _ends_whole(doc, cc):
                # "X has had a briefing and fully supports ..." -> "X fully supports ...": the subject, repeated
                subject = next((c for c in tok.head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
                plural = subject is not None and (
                    (subject.tag_ == "NNS" and subject.left_edge.i != subject.i)
                    or any(c.dep_ == "conj" for c in subject.children)  # "Ashley Grundy and Ball ... and were found"
                )
                if subject is not None and (plural or subject.right_edge.i - subject.left_edge.i < 4):
                    said = doc[subject.left_edge.i : subject.right_edge.i + 1].text
                    said = "They" if plural else said  # "Two crews from Grays attended. They found ...": said once
                    out.append((doc[: cc.i].text, f"{said} {doc[cc.i + 1 : end].text}"))
        elif tok.lower_ == "with" and tok.dep_ == "prep" and tok.i > 0 and doc[tok.i - 1].text == ",":
            split = _with_clause(doc, tok, end)
            if split:
                out.append(split)
        elif tok.dep_ == "relcl" and tok.head.pos_ in ("NOUN", "PROPN"):
            first = tok.left_edge
            # only "who": a "which" too often stands for a whole clause or a noun the parser misplaces
            if first.lower_ != "who" or not first.dep_.startswith("nsubj") or first.i == 0:
                continue
            if tok.head.tag_ in ("NNS", "NNPS") and any(c.tag_ == "VBZ" or c.lower_ == "was" for c in tok.subtree):
                continue  # "one of the men who was in the car": 'who' is not all of them
            if doc[first.i - 1].text == ",":  # "Ellie Marsh, who has been missing" -> "Ellie Marsh has been missing"
                out.append((doc[: first.i - 1].text, f"{_antecedent(tok.head)} {doc[first.i + 1 : end].text}"))
            elif any(c.dep_ == "nummod" for c in tok.head.children):  # "32 children who were targeted"
                out.append((doc[: first.i].text, f"{_antecedent(tok.head)} {doc[first.i + 1 : end].text}"))
    return out


_CONDITIONS = frozenset({"if", "unless", "until", "once", "provided", "when"})


def _said_clause(tok) -> bool:
    """'X said [Halton Moor is a strong community] and ...': the clause of what was said, whose next clause
    can stand as a sentence that says who said it again (`said_by`)."""
    return tok.dep_ == "ccomp" and tok.head.dep_ == "ROOT" and tok.head.lemma_ in _SAY_LEMMAS and tok.head.i < tok.i


_SAY_LEMMAS = frozenset({"say", "add", "explain", "comment", "state"})
TRAILING_MARKS = frozenset({"while", "as", "since", "so", "although", "though", "whilst"})
TRAILING_PREPS = frozenset({"with", "including", "following", "despite"})


def trim_long(sentence: str, nlp) -> str:
    """Drop a trailing detail from an over-long sentence: an 'as/while' clause, ', with/including ...', or a
    description after a dash ("... signed up to Action Fraud - a UK-wide scheme which will ...")."""
    aside = re.search(r"\s[–-]\s(?:a|an)\s(?:(?!\s[–-]\s).)+$", sentence)
    if aside and len(words(sentence[: aside.start()])) >= MIN_PART and _has_finite_verb(sentence[: aside.start()], nlp):
        return sentence[: aside.start()].rstrip(" ,") + "."
    doc = nlp(sentence)
    end = len(doc) - 1 if doc[-1].is_punct else len(doc)
    for tok in doc:
        if tok.right_edge.i < end - 1 or tok.left_edge.i < MIN_PART:
            continue
        first = tok.left_edge
        trailing_clause = tok.dep_ == "advcl" and first.dep_ == "mark" and first.lower_ in TRAILING_MARKS
        trailing_phrase = first.lower_ in TRAILING_PREPS and first.i > 0 and doc[first.i - 1].text == ","
        if trailing_clause or trailing_phrase:
            kept = doc[: first.i].text.rstrip(" ,")
            if _has_finite_verb(kept, nlp):
                return kept + "."
    return sentence


_GAPPED = re.compile(
    r"^((?:more than |over |about )?\d[\d,]*(?: (?!(?:were|was|are|is|have|has|had)\b)[a-z-]+){1,2}?) "
    r"([a-z]+ed|kept|made|held|seen|taken|found|seized|given|brought|caught|sent)\b"
)


def _fill_gap(left: str, right: str) -> str:
    """'225 warrants were carried out, and 131 arrests made' -> the right part gets its 'were' back."""
    aux = re.search(r"\b(were|was)\s+(?:\w+ly\s+)?\w+(?:ed|en|made|out)\b", left)
    m = _GAPPED.match(right)
    return f"{m.group(1)} {aux.group(1)} {right[m.start(2) :]}" if aux and m else right


PAST_TIME = re.compile(r"\b(?:yesterday|last|ago|(?:mon|tues|wednes|thurs|fri|satur|sun)day)\b", re.IGNORECASE)


def _with_clause(doc, with_tok, end: int) -> tuple[str, str] | None:
    """', with more than 420 patients attending on Monday' -> 'More than 420 patients were attending on Monday'."""
    said = _with_sentence(doc, with_tok, end)
    return (doc[: with_tok.i - 1].text, said) if said else None


def _fronted_with(doc, end: int) -> tuple[str, str] | None:
    """'With the school holidays starting, police are asking ...' -> 'The school holidays are starting.' first."""
    with_tok = doc[0]
    stop = with_tok.right_edge.i + 1
    if with_tok.dep_ != "prep" or stop >= end or doc[stop].text != ",":
        return None
    said = _with_sentence(doc, with_tok, stop)
    return (said, doc[stop + 1 : end].text) if said else None


def _with_sentence(doc, with_tok, stop: int) -> str | None:
    """The phrase 'with <subject> <verb>ing ...' (up to `stop`) said as a sentence of its own."""
    verb = next((c for c in with_tok.children if c.dep_ == "pcomp" and c.tag_ == "VBG"), None)
    if verb is None:
        noun = next((c for c in with_tok.children if c.dep_ == "pobj" and c.pos_ in ("NOUN", "PROPN")), None)
        verb = (
            next((c for c in noun.children if c.dep_ == "acl" and c.tag_ == "VBG"), None) if noun is not None else None
        )
    if verb is None or verb.i <= with_tok.i + 1:
        return None
    subject = doc[with_tok.i + 1 : verb.i]
    head = subject.root
    plural = head.tag_ in ("NNS", "NNPS") or any(c.dep_ == "nummod" and c.text != "1" for c in head.children)
    anchor = with_tok.head
    past = (
        anchor.tag_ == "VBD"
        or any(c.tag_ == "VBD" for c in anchor.children)
        or PAST_TIME.search(doc[verb.i : stop].text)
    )
    be = ("were" if plural else "was") if past else ("are" if plural else "is")
    return f"{subject.text} {be} {doc[verb.i : stop].text}"


def _past(verb) -> bool:
    """Whether a main verb tells of the past ('were carried out', 'have arrested'), not of what is done now."""
    verbs = [verb] + [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    return any(v.tag_ == "VBD" or v.lower_ in ("has", "have", "had") for v in verbs)


FINITE = frozenset({"VBD", "VBZ", "VBP", "MD"})  # Penn tags of verbs that can carry a sentence


def _own_clause(doc, end: int) -> bool:
    """Whether the text before character `end` holds a whole clause of the sentence: a verb with its subject
    whose object or what-was-said is not left after it ("said a woman in her 40s" lacks what was said)."""
    return any(
        tok.idx < end
        and tok.pos_ in ("VERB", "AUX")
        and tok.dep_ in ("ROOT", "conj", "ccomp")
        and any(c.dep_ in ("nsubj", "nsubjpass", "expl") and c.idx < end for c in tok.children)
        and not any(c.dep_ in _NEEDED and c.idx >= end for c in tok.children)
        for tok in doc
    )


_NEEDED = frozenset({"ccomp", "xcomp", "dobj", "attr", "acomp", "oprd"})  # what a verb cannot stand without


def _finite(verb) -> bool:
    """Whether a verb carries a tense of its own: 'supports', or 'were found' through its auxiliary."""
    return verb.tag_ in FINITE or any(c.dep_ in ("aux", "auxpass") and c.tag_ in FINITE for c in verb.children)


def _ends_whole(doc, cc) -> bool:
    """Whether the words before the 'and' end whole: 'were targeted by and have become ...' leave 'by' open."""
    return cc.i > 0 and doc[cc.i - 1].pos_ not in ("ADP", "DET", "CCONJ", "SCONJ", "PART")


def _has_finite_verb(text: str, nlp) -> bool:
    return any(tok.tag_ in FINITE and tok.dep_ != "amod" for tok in nlp(text))


def _antecedent(noun) -> str:
    """What a relative pronoun stands for, as a short subject: 'Ellie Marsh', 'The courier'."""
    if noun.pos_ == "PROPN":
        names = [c for c in noun.lefts if c.dep_ == "compound" and c.pos_ == "PROPN"]
        return " ".join([t.text for t in names] + [noun.text])
    return f"The {noun.text}"


_SPEAKER = re.compile(  # a name, perhaps an aside ("..., responding on the new Bill, commented:"), then the verb
    rf"((?:[A-Z][\w'’-]+\s){{1,5}}[A-Z][\w'’-]+)(?:,([^:“\"\n]{{3,200}}?),?)?\s{SAID}\b"
)
# who a speaker is, in the aside the release names them with: "Ben Newell, from Devon ... Trading Standards said"
_WHO_THEY_ARE = re.compile(r"^(?:from|of) (?:the )?[A-Z][^;()]{2,80}$")
_SPEAKER_NEXT_TO = re.compile(rf"(?<=, )((?:[A-Z][\w'’-]+\s){{1,3}}[A-Z][\w'’-]+)\s{SAID}\b")
_NOT_A_PERSONS_NAME = frozenset(
    [
        "Police",
        "Council",
        "Service",
        "Services",
        "Team",
        "Unit",
        "Office",
        "Trust",
        "Agency",
        "Authority",
        "Government",
        "Department",
        "Fire",
        "Rescue",
        "Crime",
        "NHS",
        "Board",
        "Force",
        "Partnership",
        "Standards",
        "Court",
        "Centre",
        "Group",
        "Hospital",
        "University",
        "Health",
        "Care",
        "County",
        "Borough",
        "City",
        "District",
        "Parish",
        "National",
        "Regional",
        "Network",
        "Campaign",
        "Week",
        "Day",
        "Month",
    ]
)
ROLE_WORDS = 10  # words of an aside that says who a speaker is, at most
PRONOUN_REACH = 600  # characters before "She said" in which the person she stands for is named
_UNCHANGED = frozenset(
    {"was", "had", "will", "would", "can", "could", "should", "must", "may", "might", "did", "shall"}
)
_THIRD = {"am": "is", "'m": "is", "’m": "is", "have": "has", "'ve": "has", "’ve": "has", "do": "does", "are": "is"}


def third_person(verb: str) -> str:
    """The verb 'I' takes, as a named person takes it: 'support' -> 'supports', 'have' -> 'has'."""
    low = verb.lower()
    if low in _UNCHANGED:
        return verb
    if low in _THIRD:
        return _THIRD[low] if low.startswith(("'", "’")) else _keep_case(verb, _THIRD[low])
    if re.search(r"(?:s|sh|ch|x|z|o)$", low):
        return verb + "es"
    if re.search(r"[^aeiou]y$", low):
        return verb[:-1] + "ies"
    return verb + "s"


class Speakers:
    """Who says each quoted sentence of a release: whoever the nearest "said" before it belongs to, when the
    parse reads a person's name there ("Detective Superintendent X who is leading ... said" names nobody).
    Named in full the first time, by surname after, across the sentences of one release."""

    def __init__(self, release: Release, nlp) -> None:
        self.body, self.nlp = release.body, nlp
        self.named: set[str] = set()  # the people already named in full in the text so far
        self.people: dict[str, bool] = {}  # name -> whether the parse reads it as a person
        found = list(_SPEAKER.finditer(self.body))
        self.speakers = {m.end(): m.group(1) for m in found}  # where "said" ends -> who
        self.roles = {
            m.group(1): m.group(2).strip()
            for m in found
            if m.group(2) and _WHO_THEY_ARE.match(m.group(2).strip()) and len(m.group(2).split()) <= ROLE_WORDS
        }
        # "Police and Crime Commissioner, Joy Allen said": the name right before the verb, after a title and comma
        self.next_to = {m.end(): m.group(1) for m in _SPEAKER_NEXT_TO.finditer(self.body)}
        self.saids = [m.end() for m in re.finditer(rf"\b{SAID}\b", self.body)]
        # "She said:" names her by a pronoun: she is the person the release named last before it
        self.pronouns = {m.end(): m.start() for m in re.finditer(rf"\b(?:He|She) {SAID}\b", self.body)}

    def at(self, text: str) -> int:
        """Where a sentence of the release starts in its body (-1 when it is not one)."""
        return self.body.find(text.strip('“”" ')[:40])

    def who(self, here: int) -> str:
        """The person quoted at offset `here` of the body; '' when nobody can be named."""
        last = max((end for end in self.saids if end < here), default=None)
        if self.nlp is None:
            return ""
        named = [self.next_to.get(last, ""), self.speakers.get(last, "")]
        if last in self.pronouns:
            named.append(self._named_before(self.pronouns[last]))
        # a title ("Police and Crime Commissioner") is not a name; "Fire Crime Paul Mason" is Paul Mason
        for full in filter(None, named):
            for start in range(len(full.split()) - 1):
                name = " ".join(full.split()[start:])
                if self._is_person(name):
                    return name
        return ""

    @functools.lru_cache(maxsize=32)  # noqa: B019 -- one Speakers per release; a handful of pronoun "said"s
    def _named_before(self, at: int) -> str:
        """The last person named in full (two words or more) in the paragraphs just before offset `at`."""
        window = self.body[max(0, at - PRONOUN_REACH) : at]
        people = [e.text for e in self.nlp(window).ents if e.label_ == "PERSON" and len(e.text.split()) >= 2]
        return people[-1] if people else ""

    def pronouns_by_surname(self) -> dict[str, str]:
        """Surname -> "He"/"She", for each person the release itself calls by that pronoun ("She said: ...")."""
        if self.nlp is None:
            return {}
        out = {}
        for start in self.pronouns.values():
            full = self._named_before(start)
            if full:
                out[full.split()[-1]] = self.body[start : start + 3].strip()
        return out

    def _is_person(self, full: str) -> bool:
        if full not in self.people:  # asked once per quoted sentence; parsed once per name
            ents = self.nlp(full + " said.").ents
            self.people[full] = any(e.label_ == "PERSON" and full.endswith(e.text) for e in ents) or (
                # "Paul Mason", which the tagger may take for an organisation: two or three name words, none a
                # title or an organisation's word, none a place
                2 <= len(full.split()) <= 3
                and not any(w in _NOT_A_PERSONS_NAME or re.fullmatch(_ROLE, w) for w in full.split())
                and not any(e.label_ in ("GPE", "LOC") for e in ents)
            )
        return self.people[full]

    def name(self, full: str, text: str = "") -> str:
        """`full` the first time, by surname after; by surname also where `text` already names them in full."""
        said = full.split()[-1] if full in self.named or full in text else full
        if said == full and full in self.roles:
            said = f"{full}, {self.roles[full]},"  # who they are, the first time: "Ben Newell, from ... Standards,"
        self.named.add(full)
        return said

    def notice(self, text: str) -> str:
        """A rewrite step that changes nothing: it records the speakers a sentence names in full."""
        known = {*self.speakers.values(), *self.next_to.values()}
        known.update(self._named_before(at) for at in self.pronouns.values())
        self.named.update(full for full in known if full and full in text)
        return text

    def quoted(self, text: str) -> bool:
        """Whether a sentence of the release stands inside quotation marks."""
        at = self.at(text)
        if at < 0:
            return False
        if text.lstrip()[:1] in '“"':
            return True
        before = self.body[self.body.rfind("\n\n", 0, at) + 1 : at]
        single = re.search(rf"\b{SAID}:\s*‘(?P<rest>.*)$", before, re.S)  # "Paul Mason said: ‘One or two bags ..."
        if single and not re.search(r"’(?=\s|$)", single.group("rest")):
            return True
        return before.count("“") > before.count("”") or before.count('"') % 2 == 1


def first_person(release: Release, nlp, speakers: Speakers | None = None) -> Callable[[str], str]:
    """'I have had a briefing and fully support ...' -> 'Mark Burns-Williamson has had a briefing and fully
    supports ...': inside a quote, 'I' becomes the person quoted, by full name first and by surname after."""
    speakers = speakers or Speakers(release, nlp)

    def rewrite(text: str) -> str:
        if nlp is None or not re.search(r"\bI\b|\bI[’']", text):
            return text
        at = speakers.at(text)
        lead = len(text) - len(text.lstrip('“”" '))
        first_i = re.search(r"\bI\b|\bI[’']", text)
        full = speakers.who(at + max(0, first_i.start() - lead)) if at >= 0 else ""  # who says this "I"
        if not full:
            return text  # 'I' stays and the guard decides
        doc = nlp(text)
        swap = {}
        for tok in doc:
            if tok.text != "I" or not tok.dep_.startswith("nsubj"):
                continue
            swap[tok.i] = speakers.name(full, text)
            swap.update({i: v for i, v in _third_person_verbs(tok).items() if v != "was"})
        if not swap:
            return text
        return "".join(swap.get(t.i, t.text) + t.whitespace_ for t in doc)

    return rewrite


def say_who_said_it(speakers: Speakers, common: frozenset[str]) -> Callable[[str], str]:
    """'“This behaviour will not be tolerated.”' -> 'Mark Burns-Williamson said this behaviour will not be
    tolerated.': what one person says is given as theirs, never as plain fact."""

    def rewrite(text: str) -> str:
        if not speakers.quoted(text) or re.search(rf"\b{SAID}\b|\bI\b|\bI[’']", text):
            return text  # already says who; or 'I', which becomes the speaker's name
        full = speakers.who(speakers.at(text))
        bare = POINTS_BACK.sub("", text.strip('“”" '))  # "So, how to use it ..." -> "how to use it ..."
        if not full or bare.startswith((full, full.split()[-1])):
            return text
        first = re.sub(r"\W+$", "", bare.split(" ", 1)[0]).lower()
        if first in _COMMON_OPENERS or first in common:
            bare = bare[:1].lower() + bare[1:]
        said, role = speakers.name(full), speakers.roles.get(full, "")
        if said.startswith(f"{full}, ") and role.startswith("from "):  # who they are, as a sentence of its own
            return f"{full} is {role}. {full.split()[-1]} said {bare}"
        return f"{said} said {bare}"

    return rewrite


def _name_in_full(sentence: str, surname: str, full: str) -> str:
    """The first use of `surname` on its own given as `full`; 'Lisa Dorrian' is another person's full name."""
    for m in re.finditer(rf"(?<![\w-]){re.escape(surname)}\b", sentence):
        if not re.search(r"[A-Z][\w’'-]*\s$", sentence[: m.start()]):
            return sentence[: m.start()] + full + sentence[m.end() :]
    return sentence


_MONTHS = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*"
_DAY = re.compile(rf"\b(\d{{1,2}}(?:st|nd|rd|th)? {_MONTHS},? \d{{4}}|{_MONTHS} \d{{1,2}},? \d{{4}})\b")
_RELATIVE_DAY = {"today": "on {}", "this morning": "on the morning of {}", "tonight": "on the night of {}"}


def dated(date: str) -> Callable[[str], str]:
    """'today' -> 'on 04 September 2023', in the release's own words for its date: a public text is read
    later than the release was written. Only where the release gives one whole day."""
    day = _DAY.search(date or "")

    def rewrite(text: str) -> str:
        if not day:
            return text

        def on_the_day(m: re.Match) -> str:
            said = _RELATIVE_DAY[m.group(1).lower()].format(day.group(1))
            return said[:1].upper() + said[1:] if m.group(1)[0].isupper() else said

        return re.sub(
            r"\b([Tt]oday|[Tt]his morning|[Tt]onight)\b(?!\s*\(|,? \w+day\b|,? \d)",
            on_the_day,
            text,
        )

    return rewrite


def full_names_first(sentences: list[str], release: Release, nlp, *, people: Iterable[str] = ()) -> list[str]:
    """The first time the public text names a person quoted, it gives the full name ("Ian Pilling", then
    "Pilling"): a sentence that named them first may have been left out. A person the release names in full
    (`people`) and the text by first name or surname only ("Lisa’s body", "Grundy and Ball") is named in full
    the first time too."""
    speakers = Speakers(release, nlp)
    names = {speakers.who(end + 1) for end in speakers.saids} - {""}
    named = [p for p in people if _a_persons_name(p, release.body)]
    out, seen = [], set()
    for sentence in sentences:
        for full in names:
            surname = full.split()[-1]
            if full in sentence:
                seen.add(full)
            elif full not in seen and re.search(rf"\b{re.escape(surname)}\b", sentence):
                sentence = _name_in_full(sentence, surname, full)
                seen.add(full)
        for full in named:
            first, surname = full.split()[0], full.split()[-1]
            alone = re.search(rf"(?<![\w-]){re.escape(first)}\b(?![\s-]+[A-Z])", sentence)
            if full in sentence or any(full in n for n in names):
                seen.add(full)
            elif full not in seen and alone:
                sentence = sentence[: alone.start()] + full + sentence[alone.end() :]
                seen.add(full)
            elif full not in seen and _name_in_full(sentence, surname, full) != sentence:
                sentence = _name_in_full(sentence, surname, full)  # "Grundy and Ball both failed ..."
                seen.add(full)
        out.append(sentence)
    return out


TITLES = frozenset({"Mr", "Mrs", "Ms", "Miss", "Dr", "Sir", "Dame", "Lord", "Lady", "Judge", "The"})


def _a_persons_name(name: str, body: str) -> bool:
    """Whether a name the parser took for a person's reads as one in the release: two or three words, a first
    name that is not a title or capitals ("NHS Humber"), never inside a longer name ("Devon and Somerset Fire
    and Rescue Service")."""
    parts = name.split()
    if not 2 <= len(parts) <= 3 or parts[0] in TITLES or parts[0].isupper():
        return False
    alone = rf"(?<![A-Z][\w’'-] )(?<!\band ){re.escape(name)}(?![ -](?:[A-Z]|and [A-Z]))"
    return bool(re.search(alone, body))


def rewrites(
    release: Release, nlp=None, *, attribute: bool = True, speakers: Speakers | None = None
) -> list[Callable[[str], str]]:
    """The sentence rewrites for one release, in the order they run; with `attribute`, what a person says is
    given as theirs ("X said ..."); points of advice and help lines are said to the reader instead. `speakers`
    is the release's `Speakers` when the caller has one already."""
    from .kinds import who

    short = {"Police": "police", "The fire service": "the fire service", "The council": "the council"}
    common = frozenset(re.findall(r"\b[a-z][a-z'-]*\b", release.body)) | _only_first(release.body)
    speakers = speakers or Speakers(release, nlp)
    return [
        speakers.notice,
        *([say_who_said_it(speakers, common), dated(release.date)] if attribute else []),
        first_person(release, nlp, speakers),
        drop_label,
        drop_quote_marks,
        functools.partial(said_colon, common=common),
        on_suspicion,
        we_to(with_article(spoken_name(release.source)), short.get(who(release), ""), nlp=nlp),
        the_publisher(release.source),
        what_is_above(release),
        drop_announced,
        person_first,
        gapped_verbs,
        title_comma,
        close_aside,
        replace_jargon,
        drop_filler,
        tidy,
    ]


_SHORT_FOR_PUBLISHER = re.compile(r"\b[Tt]he (Service|Council|Trust|Board|Agency|Authority|Force)\b")


def _only_first(body: str) -> frozenset[str]:
    """Words the release capitalises only where a sentence starts ("Reports show ..."): not names, so a
    sentence that is given after "X said" writes them in lower case."""
    starts = set(re.findall(r"(?:^|[.!?:]\s+|[“\"]|\n)([A-Z][a-z'-]+)\b", body))
    within = set(re.findall(r"(?<=[a-z,;] )([A-Z][a-z'-]+)\b", body))
    return frozenset(w.lower() for w in starts - within)


def the_publisher(source: str) -> Callable[[str], str]:
    """'the Service' -> 'Essex County Fire and Rescue Service' at its first mention, where the publisher's
    name ends in that word: a reader of one sentence does not know which service."""
    names = [n.strip() for n in re.split(r"[/()]", source or "") if n.strip()]
    named: set[str] = set()

    def rewrite(text: str) -> str:
        def name(m: re.Match) -> str:
            full = next((n for n in names if n.split()[-1] == m.group(1)), "")
            if not full or m.group(1) in named:
                return m.group(0)
            named.add(m.group(1))
            said = with_article(full)
            said = "the" + said[3:] if said.lower().startswith("the ") else said
            return said[:1].upper() + said[1:] if m.group(0)[0] == "T" else said

        return _SHORT_FOR_PUBLISHER.sub(name, text)

    return rewrite


def spoken_name(org: str) -> str:
    """The organisation's name as a sentence uses it: 'Riverside University Hospitals NHS Trust' ->
    'Riverside University Hospitals'; a name that is only 'X NHS Trust' keeps it all."""
    short = re.sub(r"\s+NHS(?:\s+Foundation)?\s+Trust$", "", org or "")
    return short if len(short.split()) >= 2 else org


# What each rewrite does, in words a reviewer reads beside the sentence (steps that only tidy are not named)
REWRITE_NAMES = {
    "say_who_said_it": "said as the words of the person quoted",
    "dated": "'today' given as the release's date",
    "first_person": "'I' given as the speaker's name",
    "drop_label": "a list label dropped",
    "drop_quote_marks": "quote marks dropped",
    "said_colon": "'said:' joined to what was said",
    "on_suspicion": "'on suspicion of' said plainly",
    "we_to": "'we/our' given as the organisation",
    "the_publisher": "'the Service' named in full",
    "drop_announced": "'has announced that' dropped",
    "person_first": "the person's age and address moved after the news",
    "gapped_verbs": "a verb left out by the writer put back",
    "title_comma": "a title joined to the name it comes before",
    "close_aside": "the aside saying who the speaker is closed with a comma",
    "what_is_above": "'please note that' dropped; 'the above' of a notice said as 'a'",
    "replace_jargon": "plain words for official ones",
    "drop_filler": "filler words dropped",
    "stand_alone": "'also' and words pointing back dropped",
}


def rewrites_applied(original: str, said: str, steps: list[Callable[[str], str]], *, part: str = "") -> list[str]:
    """In words, the rewrites that turned the release's `original` into the public sentence `said`: each step
    that changes it, then a split, or names, acronyms and the reader's 'you' put in after the steps."""
    text, applied = original, []
    for step in steps:
        new = step(text)
        name = getattr(step, "func", step).__qualname__.split(".<locals>")[0].split(".")[-1]
        if new != text and name in REWRITE_NAMES:
            applied.append(REWRITE_NAMES[name])
        text = new
    stepped, now = set(re.findall(r"\w+", text.lower())), set(re.findall(r"\w+", said.lower()))
    if now < stepped:
        applied.append("split into shorter sentences")
    elif now != stepped:
        applied.append("said to the reader" if part == "what you can do" else "names and acronyms given in full")
    return list(dict.fromkeys(applied))


def plain_sentence(
    sentence: str, steps: list[Callable[[str], str]], *, nlp=None, split: bool = True, pronouns: dict | None = None
) -> list[str]:
    """One sentence through every rewrite, then split if still long (unless `split` is off: a point or help
    line whose parts lean on each other, as "If you saw it, ..., call 101", stays whole)."""
    for step in steps:
        sentence = step(sentence)
    if not split:
        return [kept_safe_order(tidy(s)) for s in split_sentences(sentence)]
    parts = [s for part in split_sentences(sentence) for s in split_long(part, nlp=nlp)]
    return [kept_safe_order(tidy(s)) for s in said_by(parts, nlp=nlp, pronouns=pronouns or {})]


_PRONOUNS = ("He", "She", "They", "His", "Her", "Their")  # "Allen said she was murdered" would read as Allen
_SAYS = re.compile(
    rf"\b((?:[A-Z][\w'’-]+ ){{0,5}}[A-Z][\w'’-]+|He|She)(?:, (?:from|of) [^;()]{{2,80}}?,?)? {SAID} (?:that )?"
)
SAYS_WITHIN = 140  # characters from the start of a sentence within which it says who is speaking


def said_by(parts: list[str], *, nlp=None, pronouns: dict | None = None) -> list[str]:
    """'X said police will help peaceful protests. The behaviour ... crossed the line.' -> '... Hayward-Melen
    said the behaviour ... crossed the line.': each part of what one person said, split in two, stays theirs;
    said "She said ..." where the release itself calls that person "she" (`pronouns`: surname -> He/She)."""
    out: list[str] = []
    surname = who = ""
    for part in parts:
        m = _SAYS.search(part[:SAYS_WITHIN])
        if m:  # a part that says who is speaking: the parts after it are theirs
            surname = m.group(1).split()[-1]
            who = surname if m.group(1) in ("He", "She") else (pronouns or {}).get(surname, surname)
            out.append(part)
            continue
        first = part.split(" ", 1)[0]
        if not who or not first[:1].isupper() or first in ("You", "Please", surname, *_PRONOUNS):
            out.append(part)
            continue
        if nlp is not None and nlp(part)[0].tag_ == "VB":  # "Wait five minutes ...": advice to the reader
            out.append(part)
            continue
        named = first.lower() not in _COMMON_OPENERS and (nlp is None or nlp(part)[0].pos_ == "PROPN")
        out.append(f"{who} said {first if named else first.lower()}{part[len(first) :]}")
    return out


def make_plain(sentences: list[str], *, release: Release, nlp=None) -> list[list[str]]:
    """Each chosen sentence as one or more plain sentences (a list per input sentence)."""
    speakers = Speakers(release, nlp)
    steps, pronouns = rewrites(release, nlp, speakers=speakers), speakers.pronouns_by_surname()
    return [plain_sentence(s, steps, nlp=nlp, pronouns=pronouns) for s in sentences]


def spell_out_acronyms(sentences: list[str], release: Release) -> list[str]:
    """The public text's sentences with each acronym spelled out at its first use, as the release has it."""
    return expand_acronyms(acronym_definitions(release.body, f"{release.title}\n{release.source}"))(sentences)


_REFERS_BACK = re.compile(r"^(?:this|these|those|they|he|she|it|his|her|their|its|the same)\b", re.IGNORECASE)


def drop_hardest(groups: list[list[str]], *, keep: int, min_words: int, target: float) -> list[int]:
    """Indices of the groups to keep: while the summary reads above `target` (Flesch-Kincaid grade),
    the group whose loss lowers the grade most goes, as long as the summary keeps `min_words` words.

    The first `keep` groups (the opener and the lead) always stay, and so does any group that the next
    one leans on ("They ...", "This was ..."). The figures a dropped group gave come back in the key facts.
    """
    kept = list(range(len(groups)))

    def text(indices: list[int]) -> str:
        return " ".join(s for i in indices for s in groups[i])

    now = grade(text(kept))
    while now > target:
        options = []
        for pos, i in enumerate(kept):
            after = groups[kept[pos + 1]][0] if pos + 1 < len(kept) else ""
            rest = [j for j in kept if j != i]
            leans = _REFERS_BACK.match(after) or LEANS_BACK.search(after) or ADDS_TO_BEFORE.match(after)
            if i < keep or leans or len(text(rest).split()) < min_words:
                continue
            options.append((grade(text(rest)), i))
        if not options or min(options)[0] >= now:
            break
        now, dropped = min(options)
        kept.remove(dropped)
    return kept
