"""Part of stage 3, condense: what the release asks of the public (its advice, asks and the top tips of its lists).

An ask is a sentence (or list item) of the release that tells the reader to do something: an instruction
("Test your smoke alarm once a week."), advice to a group ("Anyone with information should call 101."), or an
organisation asking people to act ("Police have urged people to warn their elderly relatives."). The last is
said to the reader directly ("Warn your elderly relatives.") where that needs no guess about who is meant.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .records import Fact, Release
from .text import split_sentences, words

MAX_ASKS = 6  # points in "What you can do" at most
ASK_WORDS = (3, 45)  # words; shorter is a heading, longer is too much for one point
SAME_ASK = 0.6  # share of words two asks have in common above which the later one is left out

# Verbs an instruction starts with ("Call ...", "Do not leave ...", "If you ..., hang up ...").
_IMPERATIVE = (
    r"(?:please |always |never |also |then |and )?(?:do not|don[’']t|never|call|report|contact|check|make sure|make|"
    r"keep|test|fit|book|use|avoid|hang up|lock|stop|take|plan|stay|be|ask|tell|look|visit|get|ensure|dispose|"
    r"leave|remember|warn|share|follow|switch|unplug|charge|protect|go|seek|speak|talk|text|download|sign up|"
    r"consider|think|save|store|put|install|close|turn|clear|wear|drink|wash|pay|trust|report|obey|drive|walk|"
    r"allow|let|phone|ring|dial|register|apply|find|give|bring|wait|keep|treat|try|watch|listen|read|send|"
    r"come forward|refuse|delete|block|verify|choose|prepare|carry|tell)\b"
)
_INSTRUCTION = re.compile(  # "If you are contacted by phone, email or letter, never give ...": a condition may list
    rf"^(?:if [^.;:]{{3,120}}?, |when [^,]{{3,90}}, |to [^,]{{3,60}}, )?{_IMPERATIVE}", re.I
)
_AUDIENCE = (
    r"(?:people|residents|the public|members of the public|everyone|anyone|anybody|drivers|motorists|parents|"
    r"carers|families|visitors|owners|homeowners|passengers|road users|you|communities|businesses|patients|"
    r"young people|students|customers|householders|landlords|tenants|users|those travelling|us all|all of us)"
)
_ACT = (  # what "can" lets the reader do that is an ask ("you can report it online"), not a chance ("could spread")
    r"(?:call|report|contact|visit|book|find|get|use|text|go|apply|email|ring|phone|speak|talk|ask|check|help|"
    r"arrange|request|sign|register|download|keep|protect|reduce|make)"
)
_DOING = r"(?:planning|wishing|hoping|intending|thinking of)"  # "anyone planning to visit"
_ADVISED = re.compile(
    rf"\b{_AUDIENCE}\b[^,.;]{{0,60}}?\b(?:should|must|can (?:also )?{_ACT}|need to|are (?:being )?(?:asked|urged|advised|"
    r"encouraged|reminded|told) to|is (?:being )?(?:asked|urged|advised|encouraged|reminded) to)\b",
    re.I,
)
_ASKING = re.compile(
    rf"\b(?:urg|ask|advis|encourag|remind|appeal|call)\w*(?: on| to)? (?P<who>(?:all |any |local )?(?:[a-z]+ )??{_AUDIENCE}\b"
    r"[^.;]{0,140}?) to "
    r"(?P<act>(?!be\b(?! (?:vigilant|aware|careful|alert|cautious|wary|on (?:their|your) guard)\b))[a-z].+)$",
    re.I,
)
_ASKED = re.compile(
    rf"^(?P<who>(?:all |local )?{_AUDIENCE}(?: (?:who|with|in|from|living in|{_DOING}) [^,.;]{{2,60}}?)?) (?:are|is) (?:being )?(?:asked|urged|advised|encouraged|reminded) to "
    r"(?P<act>(?!be\b(?! (?:vigilant|aware|careful|alert|cautious|wary)\b))[a-z].+)$",
    re.I,
)
_MUST = re.compile(  # an audience that should do something, at the start of the sentence or of its last clause
    rf"(?:^|,\s+(?:and |but |so )?|\s(?:and|but|so)\s+)(?P<who>(?:all |local )?{_AUDIENCE}) "
    r"(?:should|must|need to) (?P<neg>not |never )?(?P<act>[a-z][^;:]+)$",
    re.I,
)
_NOT_AN_ASK = re.compile(
    r"^follow (?:us|[A-Z])|^please (?:be advised|note) that\b|\b(?:make no mistake|take a look|press (?:office|enquir\w*|release)|media|journalists?|archive)\b|,\s*here\.?$"
    rf"|^\W*(?:{_IMPERATIVE})(?: \w+)? (?:it|them|this|these|those)\b",  # "Get it removed": 'it' stands for nothing
    re.I,
)
_TELLS_YOU = re.compile(r"\b(?:ask|asking|tell|telling|want|wanting|get|getting) you\b|\bsigns?\b", re.I)
_NOT_THE_READER = re.compile(
    r"\b(?:scammers?|fraudsters?|criminals?|offenders?|con ?men|suspects?|the victim|victims are)\b", re.I
)
_OWN_WORDS = re.compile(r"\b(?:I|we|our|us|my|me)\b")  # the speaker's own words, which an ask must not carry
_HEDGED = re.compile(r"\b(?:could|can) (?:be|have|become|cause|spread|lead|result)\b", re.I)


@dataclass(frozen=True)
class Ask:
    text: str  # the sentence of the release, as written
    said: str  # the same ask said to the reader ("Warn your ...") when that is safe; else the sentence itself
    start: int  # offset in the release body
    strength: float  # how plainly it asks the reader to act


def find_asks(release: Release, facts: list[Fact], *, max_asks: int = MAX_ASKS) -> list[Ask]:
    """What the release asks the public to do, strongest first as chosen, in the order of the release."""
    found = [a for a in _candidates(release, facts) if a.strength > 0]
    help_spans = [(f.start, f.end) for f in facts if f.role == "help"]
    with_contact = [a for a in found if any(a.start <= s < a.start + len(a.text) for s, _ in help_spans)]
    # the ask that says whom to contact keeps a place, however many tips the release lists
    first = sorted(with_contact, key=lambda a: (-a.strength, a.start))[:1]
    chosen: list[Ask] = []
    for ask in first + sorted(found, key=lambda a: (-a.strength, a.start)):
        if ask in chosen:
            continue
        if len(chosen) >= max_asks:
            break
        if any(_overlap(ask.text, c.text) > SAME_ASK for c in chosen):
            continue
        if ask.said.startswith(REMEMBER) and any(c.said.startswith(REMEMBER) for c in chosen):
            continue  # one sign of a scam to remember is enough
        chosen.append(ask)
    return _one_use_list(sorted(chosen, key=lambda a: a.start))


_USE_TO = re.compile(r"^Use [^.]{2,80}? to (?=\w)")


def _one_use_list(asks: list[Ask]) -> list[Ask]:
    """'Use LiveChat to report a crime.', 'Use LiveChat to ask an advisor ...' -> 'Use LiveChat to report a
    crime or ask an advisor ...': the points of one list of what a service is for, said once."""
    runs: list[tuple[str, list[Ask]]] = []  # (lead, the asks said with it), in order
    for ask in asks:
        lead = _USE_TO.match(ask.said)
        if lead and runs and runs[-1][0] == lead.group(0):
            runs[-1][1].append(ask)
        else:
            runs.append((lead.group(0) if lead else "", [ask]))
    out = []
    for lead, run in runs:
        if len(run) == 1:
            out.append(run[0])
            continue
        tails = [a.said[len(lead) :].rstrip(".") for a in run]
        said = f"{lead}{', '.join(tails[:-1])} or {tails[-1]}."
        out.append(Ask(" ".join(a.text for a in run), said, run[0].start, max(a.strength for a in run)))
    return out


_USED_FOR = re.compile(
    r"^(?:you can use (?P<what2>[^:]{2,40}?)|(?P<what>[A-Z][\w’' ]{1,40}?) can be used)(?P<when> [^:]{2,60}?)? to:$",
    re.I,
)
REASON_OVER = 30  # words; a longer ask loses a trailing reason clause
HEADING_WORDS = 12  # words; a line this short with no full stop is a heading or a list item


def _candidates(release: Release, facts: list[Fact]):
    body, offset = release.body, 0
    help_spans = [(f.start, f.end) for f in facts if f.role == "help"]
    paragraphs = release.paragraphs
    bare = [not p.rstrip().endswith((".", "!", "?", ":")) and len(words(p)) <= HEADING_WORDS for p in paragraphs]
    scam_list = False  # inside a list of what criminals do or ask ("They may ask you to:")
    use = ""  # inside a list of what a service can be used for: each point says "Use <service> to ..."
    yours = False  # inside a list whose lead-in names the reader's group ("Passengers can use it to:")
    for i, paragraph in enumerate(paragraphs):
        p_start = body.find(paragraph, offset)
        offset = p_start + len(paragraph)
        if paragraph.endswith(":"):
            scam_list = bool(_NOT_THE_READER.search(paragraph) or _TELLS_YOU.search(paragraph))
            yours = bool(re.search(rf"\b{_AUDIENCE}\b|\bcan be used\b", paragraph, re.I))
            used = _USED_FOR.match(paragraph)  # "LiveChat can be used between 8am and midnight to:"
            use = f"Use {used.group('what') or used.group('what2')}{used.group('when') or ''} to " if used else ""
            continue
        prev_item = i > 0 and bare[i - 1] and bool(re.search(r"\b[a-z]{3,}\b", paragraphs[i - 1]))  # not a date line
        listed = i > 0 and (paragraphs[i - 1].endswith(":") or prev_item) or i + 1 < len(bare) and bare[i + 1]
        if bare[i] and not listed:
            continue  # a heading ("Protect yourself against courier fraud"), not a point of a list
        if not bare[i]:
            scam_list = scam_list and len(words(paragraph)) <= 25
            yours = yours and len(words(paragraph)) <= 25
            use = use if len(words(paragraph)) <= 25 else ""
        for ask in _sentence_asks(release, paragraph, p_start, help_spans, scam_list=scam_list, yours=yours):
            if use and bare[i]:
                ask = Ask(
                    text=ask.text,
                    said=use + ask.said[:1].lower() + ask.said[1:],
                    start=ask.start,
                    strength=ask.strength,
                )
            yield ask


# "LOCK - Keep front and back doors locked": a list item's label before its instruction
_LABEL = re.compile(r"^[A-Z]{2,}(?: [A-Z]{2,}){0,2}\s*[-–:]\s+(?=[A-Z])")
# "The police or your bank will never ask for your PIN": what the people a scammer pretends to be never do
REMEMBER = "Remember, "
_NEVER_DO = re.compile(
    r"^(?:The |Your |A |Genuine |Real )?(?:police|banks?|NHS|council|HMRC|DVLA|[A-Z][\w ]{2,30}? Police|"
    r"(?:the )?police or your bank|your bank or the police|trading standards)\b[^.]{0,20}? "
    r"(?:will|would) never (?:ask|request|send|call|phone|text|email|collect|contact|need|come)\b",
    re.I,
)


def _sentence_asks(release: Release, paragraph: str, p_start: int, help_spans, *, scam_list: bool, yours: bool):
    body = release.body
    quoted = False
    for sentence in split_sentences(paragraph):
        start = body.find(sentence, p_start)
        label = _LABEL.match(sentence)
        if label:
            start, sentence = start + label.end(), sentence[label.end() :]
        inside_quote = quoted or bool(re.search(r"[“”\"]", sentence))
        quoted = (quoted + sentence.count("“") + sentence.count('"') - sentence.count("”")) % 2 == 1
        unfinished = sentence.endswith(("?", ":", ";", "–", "-")) or sentence[:1].islower()
        if scam_list or start >= release.usable_end or unfinished:
            continue  # unfinished, a question, a lead-in to a list, or a list of scam signs
        original = sentence
        if len(words(sentence)) > REASON_OVER:  # "..., as scammers stay on the line": the point, without its reason
            sentence = re.split(r",\s+(?:as|because|since|so that|which means)\s+", sentence)[0]
        n = len(words(sentence))
        addressed = re.search(r"\byou\b", sentence, re.I)
        if not ASK_WORDS[0] <= n <= ASK_WORDS[1] or _NOT_AN_ASK.search(sentence):
            continue
        if _NOT_THE_READER.search(sentence) and not addressed:
            continue
        if inside_quote:  # someone's words: a plain instruction of theirs, or "I would urge people to X" as "X"
            bare_words = re.sub(r"[“”\"]", "", sentence).strip()
            own = _OWN_WORDS.search(bare_words)
            if _INSTRUCTION.match(bare_words) and not own:
                sentence = bare_words
            else:
                said, strength = _as_ask(bare_words)
                if not strength or said == bare_words.rstrip(".") + "." or _OWN_WORDS.search(said):
                    continue  # only an ask that can be said to the reader without the speaker's own words
                yield Ask(text=original, said=said, start=start, strength=strength - 0.1 - 0.01 * n)
                continue
        said, strength = _as_ask(sentence)
        if strength and yours and said.startswith(sentence[:1].upper()):
            said = re.sub(r"\b(?:their|they|them|themselves|theirs)\b", lambda m: _THEIR[m.group(0)], said)
        if strength:
            strength += 0.3 * any(start <= s < start + len(sentence) for s, _ in help_spans)
            strength -= 0.01 * n + 0.1 * inside_quote  # shorter points read better; the release's own voice first
            yield Ask(text=original, said=said, start=start, strength=strength)


_GERUND_ASK = re.compile(
    r"^(?P<verb>[A-Z][a-z]{2,}ing)\b(?P<rest>[^;:]{3,140}?),? (?:can|could|will|would) (?:really |also |all )?"
    r"(?:help|make a (?:real |big )?difference)\b"
    r"|^(?P<verb2>[A-Z][a-z]{2,}ing)\b(?P<rest2>[^;:]{3,140}?) is (?:also )?(?:a|an|the|one of the) (?:[\w-]+ ){0,3}(?:way|ways|thing)\b"
)
_VERBS = frozenset(re.findall(r"[a-z]+", _IMPERATIVE.replace("(?:", " "))) | {"pass", "help", "join", "look"}


class _GerundMatch:
    """The verb and the rest of a gerund ask, whichever of its two shapes matched."""

    def __init__(self, m: re.Match) -> None:
        self.m = m

    def group(self, name: str) -> str:
        return self.m.group(name) or self.m.group(name + "2") or ""


def _imperative_of(gerund: str) -> str:
    """'Passing' -> 'Pass', 'Making' -> 'Make', 'Getting' -> 'Get'; '' when the stem is not a verb known to ask."""
    stem = gerund[:-3].lower()
    for verb in (stem, stem + "e", stem[:-1] if len(stem) > 2 and stem[-1] == stem[-2] else ""):
        if verb and verb in _VERBS:
            return verb.capitalize()
    return ""


def _as_ask(sentence: str) -> tuple[str, float]:
    """(the ask said to the reader, its strength) for one sentence; strength 0 when it asks nothing."""
    whole = sentence if sentence[-1:] in ".!" else sentence + "."
    if _INSTRUCTION.match(sentence) or _conditional_instruction(sentence):
        return whole[:1].upper() + whole[1:], 1.0
    if _NEVER_DO.match(sentence):  # a sign to know a scam by: said as something to remember
        first = whole.split(" ", 1)[0]
        return REMEMBER + (
            whole if first in ("NHS", "HMRC", "DVLA") or first[1:2].isupper() else whole[:1].lower() + whole[1:]
        ), 0.75
    gerund = _GERUND_ASK.match(sentence) and _GerundMatch(
        _GERUND_ASK.match(sentence)
    )  # "Passing on information to the police can really help ..."
    if gerund and _imperative_of(gerund.group("verb")) and not _OWN_WORDS.search(gerund.group("rest")):
        act = re.sub(r"\b(?:their|they|them|themselves|theirs)\b", _yours, gerund.group("rest"))
        return f"{_imperative_of(gerund.group('verb'))}{act}.", 0.85
    passive = _ASKED.match(sentence)  # "Residents are being asked to check their smoke alarms"
    if passive and not _HEDGED.search(passive.group("act")):
        direct = _to_reader(passive.group("who"), passive.group("act"))
        if direct:
            return direct, 0.9
    m = _ASKING.search(sentence)
    if m and re.search(r"\b(?:never|not|nor|no)\b|n[’']t\b", sentence[max(0, m.start() - 40) : m.start()]):
        return "", 0.0  # "police would never ask people to transfer money": a warning sign, not an ask
    if m and not _HEDGED.search(m.group("act")):
        who, act = m.group("who"), m.group("act")
        if re.search(
            rf"^{_AUDIENCE} (?:for|of)\b", who
        ):  # "appeal to the public for information that ... to police": not an ask of theirs
            return "", 0.0
        if re.search(r"\bnot$", who):  # "advise people not to walk through flood water"
            who, act = who[: -len("not")].rstrip(), "do not " + act
        direct = _to_reader(who, act)
        return (direct, 0.9) if direct else (whole, 0.8)
    advised = _MUST.search(sentence)  # "It is not meant to imply ... and drivers must be aware ..."
    if advised and not _HEDGED.search(advised.group("act")):
        before = sentence[: advised.start()].strip(" ,")
        neg = {"not ": "do not ", "never ": "never "}.get(advised.group("neg") or "", "")
        direct = _to_reader(advised.group("who"), neg + advised.group("act"))
        if direct and (not before or not re.match(r"(?:if|when|where|while)\b", before, re.I)):
            return direct, 0.75  # the clause that asks, on its own: the one before it asks nothing
        if direct and "," not in before and not re.search(r"\b(?:he|she|they|it|we)\b", before, re.I):
            return f"{before}, {direct[:1].lower()}{direct[1:]}", 0.75  # "If you have information, tell the police"
    if _ADVISED.search(sentence) and not _HEDGED.search(sentence):
        return whole, 0.7
    return "", 0.0


_NOT_A_COMMAND = frozenset(
    {
        "can",
        "could",
        "will",
        "would",
        "to",
        "should",
        "may",
        "might",
        "must",
        "it",
        "they",
        "we",
        "he",
        "she",
        "i",
        "you",
        "has",
        "have",
        "had",
        "not",
        "be",
        "been",
        "is",
        "are",
        "was",
        "were",
        "and",
        "or",
        "the",
        "a",
        "who",
    }
)


def starts_with_instruction(sentence: str) -> bool:
    """Whether a sentence is an instruction to the reader ("Report scams ...", "If you ..., call 101")."""
    return bool(_INSTRUCTION.match(sentence) or _conditional_instruction(sentence))


def _conditional_instruction(sentence: str) -> bool:
    """'If you think you are being targeted by a scammer hang up the phone ...': an instruction after a condition
    with no comma; the verb must not follow a subject or a modal ('if you are asked, they will call')."""
    condition = re.match(r"(?:if|when) you\b", sentence, re.I)
    if not condition:
        return False
    rest = sentence[condition.end() :]
    for m in re.finditer(_IMPERATIVE, rest, re.I):
        before = rest[: m.start()].split()
        if len(before) >= 2 and before[-1].lower() not in _NOT_A_COMMAND:
            return True
    return False


_ANYONE = re.compile(
    rf"^(?:anyone|anybody|those|people)(?: (?:in|from|near|living in) [\w ]{{2,30}}?)? (who|with|that|{_DOING}) (.+)$",
    re.I,
)
_YOU_VERB = {"has": "have", "is": "are", "was": "were", "does": "do"}  # the rest lose their -s in _you_form


def _you_form(verb: str) -> str:
    """'has' -> 'have', 'sees' -> 'see': a verb of 'anyone who ...' said of 'you'."""
    low = verb.lower()
    if low in _YOU_VERB:
        return _YOU_VERB[low]
    if low.endswith(("sses", "shes", "ches", "xes")):  # "passes" -> "pass", "watches" -> "watch"
        return verb[:-2]
    return verb[:-1] if low.endswith("s") and not low.endswith("ss") else verb


_THEIR = {"their": "your", "they": "you", "them": "you", "themselves": "yourself", "theirs": "yours"}


_EMERGENCY = re.compile(r"\bif it(?:[’']s| is) an emergency\b")  # a dummy 'it'


def _yours(m: re.Match) -> str:
    """'their' said to the reader; the police's own number ("Police on their non-emergency number") stays theirs."""
    if re.search(r"\b(?:Police|Council|Service|Trust|Board)\s+(?:on|via|at|through)\s+$", m.string[: m.start()]):
        return m.group(0)
    return _THEIR[m.group(0).lower()]


_WHO_PADDING = re.compile(r"^(?:all |any )?(?:of )?(?:the |our |local )?|\s+(?:out there|everywhere)$", re.I)


def _to_reader(who: str, act: str) -> str:
    """'people' + 'warn their relatives' -> 'Warn your relatives.'; 'anyone who saw it' + 'call 101' ->
    'If you saw it, call 101.'. '' when who is meant is not plain enough to say it to the reader."""
    if re.fullmatch(r"(?:us all|all of us)", who.strip(), re.I):  # "asks us all to trust our gut": the reader's own
        act = re.sub(r"\bour\b", "your", re.sub(r"\bourselves\b", "yourself", act))
    act = re.split(
        r",? (?:after|because|following|since|so that|ahead of|while|whilst) |(?<!as soon)(?<!as long)(?<!as far)(?<!as well),? as (?=(?:they|you|this|it|there|these|we)\b)"
        r"|\s[–-]\s",
        act.rstrip(" .!"),
    )[0]
    # "as soon as they need it": an 'it' that is what they need, said in the same clause, stands for nothing outside
    bare = re.sub(r"\b(?:need|needs|want|wants) it\b", "", _EMERGENCY.sub("", act))
    if re.search(r"\b(?:he|she|his|her|him|it|its|we|us|our|I)\b", bare):
        return ""
    act = re.sub(r"\b(and|or) to (?=[a-z])", r"\1 ", act)  # "use it or to contact us" -> "use it or contact us"
    act = re.sub(r"\b(?:their|they|them|themselves|theirs)\b", _yours, act)
    condition = ""
    who = _WHO_PADDING.sub("", who.strip())  # "all the parents out there" are the reader as "parents" are
    m = _ANYONE.match(who.strip())
    if m:
        link, rest = m.groups()
        rest = rest.rstrip(" ,")
        if link.lower() == "who":  # "who has information ..., or who sees anything suspicious": both said to you
            rest = re.sub(r"(,?) or who (\w+)", lambda w: f"{w.group(1)} or {_you_form(w.group(2))}", rest)
        if re.fullmatch(_DOING, link, re.I):  # "anyone planning to visit" -> "If you are planning to visit, "
            rest, link = f"are {link} {rest}", "who"
        first, _, more = rest.partition(" ")
        if first.lower() in ("may", "might") and more:  # "anyone who may have information" -> "If you have ..."
            first, _, more = more.partition(" ")
        elif first.lower() == "could":  # "anyone who could help" -> "If you can help"
            first = "can"
        if link.lower() == "with":
            condition = f"If you have {rest}, "
        else:
            condition = f"If you {_you_form(first)}{' ' + more if more else ''}, "
        if re.search(r"\b(?:he|she|his|her|him|they|their|them|who)\b", rest, re.I):
            return ""  # a pronoun, or a second "who" that the condition cannot carry
    elif len(who.split()) > 3:
        return ""  # "people in the Kingsford area who ..." is a condition the point would lose
    sentence = condition + act + "."
    return sentence[:1].upper() + sentence[1:]


def _overlap(a: str, b: str) -> float:
    wa, wb = set(words(a.lower())), set(words(b.lower()))
    return len(wa & wb) / (min(len(wa), len(wb)) or 1)
