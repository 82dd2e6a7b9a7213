"""One function that runs a release through every stage, and the parts it needs loaded once."""

from __future__ import annotations

import functools
import logging
import time
from contextlib import contextmanager
from dataclasses import dataclass

from . import asks, compose, facts, guard, kinds, plain, readability
from .condense import load_engine
from .models import load_spacy
from .options import DEFAULT, Options
from .records import Check, Release, Summary

log = logging.getLogger(__name__)


@dataclass
class Toolkit:
    """What a run loads once and passes to every release: the engine and the spaCy pipeline."""

    engine: object
    nlp: object

    @classmethod
    def load(cls, options: Options) -> Toolkit:
        return cls(engine=load_engine(options.engine, model=options.model), nlp=load_spacy())


@contextmanager
def _timed(timings: dict, stage: str):
    start = time.perf_counter()
    yield
    timings[stage] = round((time.perf_counter() - start) * 1000, 2)  # milliseconds


def summarise_release(release: Release, *, toolkit: Toolkit, options: Options = DEFAULT) -> Summary:
    """Facts, condense, plain, guard and compose for one release; the text and script, checked."""
    timings: dict = {}
    getattr(toolkit.nlp, "forget", lambda: None)()  # parses are kept for one release at a time
    with _timed(timings, "facts"):
        found, cut = facts.cut_off_facts(release, facts.find_facts(release, nlp=toolkit.nlp))
    with _timed(timings, "condense"):
        chosen = toolkit.engine.condense(release, found, max_sentences=options.max_sentences)
        wanted = asks.find_asks(release, found)
        asked = {a.text for a in wanted}
        chosen = [c for c in chosen if c not in asked] or chosen  # an ask is said once, under "What you can do"
    with _timed(timings, "plain"):
        kind = kinds.release_kind(release)
        opener = kinds.opener(release, kind, nlp=toolkit.nlp)
        plain_groups = plain.make_plain(chosen, release=release, nlp=toolkit.nlp)
        if opener:
            plain_groups = [kinds.drop_echoes(group, kind) for group in plain_groups]
            chosen, plain_groups = [opener, *chosen], [[opener], *plain_groups]
        kept = plain.drop_hardest(
            plain_groups,
            keep=2 if opener else 1,
            min_words=readability.MIN_WORDS_TARGET + 5,
            target=readability.GRADE_TARGET,
        )
        chosen, plain_groups = [chosen[i] for i in kept], [plain_groups[i] for i in kept]
    with _timed(timings, "guard"):
        sources: list[dict] = []
        summary, checks = guard.guard_sentences(
            plain_groups, chosen, release=release, facts=found, label="summary", nlp=toolkit.nlp, sources=sources
        )
        summary = fit_length(summary)
        sources = [s for s in sources if s["text"] in summary]
        steps = plain.rewrites(release, toolkit.nlp)
        alone = [plain.stand_alone, *plain.rewrites(release, toolkit.nlp, attribute=False)]  # said to the reader
        checked = functools.partial(_plain_and_checked, release=release, facts=found, nlp=toolkit.nlp, sources=sources)
        # points next to each other in the release may lean on each other, as they do there
        ask_points, ask_checks = checked(
            [a.said for a in wanted], [a.text for a in wanted], alone, label="what you can do", split=False
        )
        checks += ask_checks
        clauses = compose.key_fact_clauses(release, found, summary)
        key_facts, key_checks = checked(clauses, clauses, steps, label="key fact", standalone=True)
        said = guard.numbers(" ".join(summary + ask_points))
        key_facts = [k for k in key_facts if not guard.numbers(k) <= said]  # nothing the summary already gives
        before = summary + ask_points + key_facts
        people = [f.text for f in found if f.kind == "person"]
        spelled = plain.spell_out_acronyms(before, release)
        after = plain.full_names_first(spelled, release, toolkit.nlp, people=people)
        renamed = dict(zip(before, after, strict=True))
        for source in sources:
            source["text"] = renamed.get(source["text"], source["text"])
        n, m = len(summary), len(summary) + len(ask_points)
        summary, ask_points, key_facts = after[:n], after[n:m], after[m:]
        helpful = [h for h in compose.help_sentences(release, found) if h not in asked]
        given, help_checks = checked(helpful, helpful, alone, label="how to get help", split=False, standalone=True)
        checks += help_checks
    with _timed(timings, "compose"):
        help_lines = given + compose.help_lines(release, found, given=given)
        help_lines += compose.named_services(release, " ".join(summary + ask_points + key_facts + help_lines))
        ask_points = compose.more_than_contacts(ask_points, help_lines, found)
        text = compose.public_text(release.title, summary, key_facts, help_lines, asks=ask_points)
        spoken_script = compose.script(text, found, lexicon=compose.pronunciations(options.lexicon))
    with _timed(timings, "check"):
        checks = (
            checks
            + key_checks
            + guard.check_public_text(text, spoken_script, release=release, facts=found, spoken=compose.spoken)
        )
        scores = {"summary": readability.scores(summary), "public_text": readability.text_scores(text)}
        shown = {"key fact": key_facts, "what you can do": ask_points}
        backed = [s for s in sources if s["part"] not in shown or s["text"] in shown[s["part"]]]
        backed = _with_rewrites(backed, release, toolkit.nlp)
        checks += _reading_checks(scores["summary"])
        if release.cut_off:
            left_out = "; ".join(f"{f.kind} {f.text!r}" for f in cut) or "nothing"
            checks.append(
                Check(
                    "release ends mid-sentence",
                    False,
                    f"its unfinished last sentence is not used ({release.cut_off!r}); left out: {left_out}",
                )
            )
    return Summary(
        title=release.title,
        sentences=summary,
        key_facts=key_facts,
        help_lines=help_lines,
        text=text,
        script=spoken_script,
        facts=found,
        checks=checks,
        scores=scores,
        engine=toolkit.engine.name,
        kind=kind,
        asks=ask_points,
        sources=backed,
        timings=timings,
    )


def _plain_and_checked(
    texts: list[str],
    originals: list[str],
    steps: list,
    *,
    release: Release,
    facts: list,
    nlp,
    sources: list[dict],
    label: str,
    split: bool = True,
    standalone: bool = False,
) -> tuple[list[str], list[Check]]:
    """One part of the public text: each text through the plain rewrites, then the guard against its original."""
    groups = [plain.plain_sentence(t, steps, nlp=nlp, split=split) for t in texts]
    return guard.guard_sentences(
        groups, originals, release=release, facts=facts, label=label, nlp=nlp, standalone=standalone, sources=sources
    )


def _with_rewrites(sources: list[dict], release: Release, nlp) -> list[dict]:
    """Each public sentence's source with the rewrites that made it from the release's sentence, in words."""
    for source in sources:
        alone = source["part"] in ("what you can do", "how to get help")
        steps = (
            [plain.stand_alone, *plain.rewrites(release, nlp, attribute=False)]
            if alone
            else plain.rewrites(release, nlp)
        )
        changed = source["rewritten"] or source["text"] != source["from"]
        source["rewrites"] = (
            plain.rewrites_applied(source["from"], source["text"], steps, part=source["part"]) if changed else []
        )
    return sources


def fit_length(sentences: list[str], *, limit: int = readability.MAX_WORDS_TARGET) -> list[str]:
    """The sentences in order, stopping before the one that would take the summary past `limit` words."""
    kept, count = [], 0
    for sentence in sentences:
        n = len(sentence.split())
        if kept and count + n > limit:
            break
        kept.append(sentence)
        count += n
    return kept


def _reading_checks(s: dict) -> list[Check]:
    return [
        Check(
            "summary reading grade",
            s["fk_grade"] <= readability.GRADE_TARGET,
            f"grade {s['fk_grade']} (target {readability.GRADE_TARGET} or lower)",
        ),
        Check(
            "summary sentence length",
            s["mean_sentence_words"] <= readability.MEAN_WORDS_TARGET
            and s["longest_sentence_words"] <= readability.LONGEST_TARGET,
            f"mean {s['mean_sentence_words']} words, longest {s['longest_sentence_words']} "
            f"(targets {readability.MEAN_WORDS_TARGET} and {readability.LONGEST_TARGET})",
        ),
    ]
