"""Review: check a reviewer's edit of a public text against the release, and record an approval.

The review app (`app.py`) is a thin shell over these functions. An edit is checked by the same guard
as the pipeline's own text; an edit that breaks the contract (a changed help number, an invented
figure, a media-only contact) can only be approved with a written reason, which goes in the record.
"""

from __future__ import annotations

import datetime as dt
import difflib
import json
import re
from dataclasses import dataclass, field
from html import escape
from pathlib import Path

from . import compose, guard, readability
from .errors import InputError
from .publish import atomic_write, publish_batch, read_reports, release_dict, tag_mp3
from .records import Check, Fact, Release
from .sources import safe_stem

HIGHLIGHT = {"help": "help contact", "media": "media only", "reference": "reference", "figure": "figure"}


@dataclass
class Item:
    """What the reviewer is working on: the release, the facts found, and the texts."""

    stem: str
    release: Release
    facts: list[Fact]
    original_text: str  # the public text as the pipeline wrote it
    report: dict = field(default_factory=dict)  # the pipeline's report (or the batch's)


def item_from_report(report: dict) -> Item:
    """An item rebuilt from a batch report (`<stem>.json`)."""
    r = report["release"]
    release = Release(
        title=r["title"],
        paragraphs=tuple(r.get("paragraphs") or ()),
        source=r.get("source", ""),
        date=r.get("date", ""),
        url=r.get("url", ""),
        path=r.get("path", ""),
    )
    facts = [Fact(**f) for f in report["facts"]]
    return Item(stem=report["stem"], release=release, facts=facts, original_text=report["text"], report=report)


def check_edit(item: Item, text: str, *, nlp=None, lexicon: dict | None = None) -> tuple[list[Check], str]:
    """The contract checks of an edited public text, and the script it would be spoken from."""
    script = compose.script(text, item.facts, lexicon=lexicon)
    checks = guard.check_public_text(text, script, release=item.release, facts=item.facts, spoken=compose.spoken)
    title = item.release.title
    for sentence in compose.sentences_of(text):
        if sentence.rstrip(".:") in (title, "Key facts", "How to get help"):
            continue
        problems = guard.sentence_problems(sentence, item.release, item.facts, nlp=nlp)
        checks.append(Check(f"sentence: {sentence}", not problems, "; ".join(problems)))
    return checks, script


def broken(checks: list[Check]) -> list[Check]:
    """The failed checks that break the contract (reading targets are advice, not contract)."""
    return [c for c in checks if not c.passed and not c.name.startswith("summary ")]


def checks_in_words(checks: list[Check]) -> str:
    """Markdown: what failed first, then what passed."""
    failed = [c for c in checks if not c.passed]
    lines = [f"**{len(failed)} of {len(checks)} checks failed.**" if failed else f"All {len(checks)} checks passed."]
    for c in failed + [c for c in checks if c.passed]:
        lines.append(f"- {'FAILED' if not c.passed else 'Passed'}: {c.name}" + (f" — {c.detail}" if c.detail else ""))
    return "\n".join(lines)


def sources_in_words(item: Item, text: str) -> str:
    """Markdown: for each sentence of the public text, the release sentence behind it and whether it was
    rewritten, so a reviewer sees why each sentence is there."""
    known = {s["text"]: s for s in item.report.get("sources") or []}
    lines = ["**Why each sentence is there**"]
    for line in text.strip().splitlines()[1:]:  # the first line is the title
        line = line.strip().lstrip("-* ").strip()
        if not line or line.endswith(":"):
            continue
        for sentence in compose.sentences_of(line):
            source = known.get(sentence)
            if source is None:
                why = "not a sentence of the release: a help line made from a contact, or your edit"
            else:
                how = "rewritten in plain English" if source["rewritten"] else "as the release says it"
                why = f"{source['part']}, {how}, from: “{source['from']}”"
            lines.append(f"- “{sentence}” ({why})")
    return "\n".join(lines)


def scores_table(release: Release, text: str) -> str:
    """Markdown: reading scores of the original release and of the public text, against the targets."""
    before = readability.scores([s for p in release.paragraphs for s in compose.sentences_of(p)])
    after = readability.text_scores(text)
    rows = [
        ("Reading grade (Flesch-Kincaid)", "fk_grade", f"{readability.GRADE_TARGET:g} or lower"),
        ("Reading ease (Flesch)", "reading_ease", "60 or higher"),
        ("Words per sentence, average", "mean_sentence_words", f"{readability.MEAN_WORDS_TARGET} or fewer"),
        ("Longest sentence, words", "longest_sentence_words", f"{readability.LONGEST_TARGET} or fewer"),
        ("Words", "words", ""),
    ]
    lines = ["| Measure | Original release | Public text | Target |", "|---|---|---|---|"]
    lines += [f"| {name} | {before[key]} | {after[key]} | {target} |" for name, key, target in rows]
    return "\n".join(lines)


def highlighted_release(item: Item) -> str:
    """The original release as HTML, with help contacts, media contacts, references and figures marked."""
    body = item.release.body
    marks = sorted(
        (f for f in item.facts if f.role in ("help", "media") or f.kind in ("reference", "figure", "money")),
        key=lambda f: (f.start, -f.end),
    )
    out, pos = [], 0
    for f in marks:
        if f.start < pos:
            continue  # inside a fact already marked
        label = HIGHLIGHT.get(f.role if f.role in ("help", "media") else f.kind, "figure")
        css = label.replace(" ", "-")
        out += [escape(body[pos : f.start]), f'<mark class="fact {css}" title="{label}">{escape(f.text)}</mark>']
        pos = f.end
    out.append(escape(body[pos:]))
    paragraphs = "".join(f"<p>{p}</p>" for p in "".join(out).split("\n\n"))
    legend = (
        '<p class="legend">Marked: <mark class="fact help-contact">help contact</mark> '
        '<mark class="fact media-only">media only (kept out)</mark> <mark class="fact reference">reference</mark> '
        '<mark class="fact figure">figure</mark></p>'
    )
    return f'<div class="release" lang="en-GB"><h3>{escape(item.release.title)}</h3>{legend}{paragraphs}</div>'


def approve(
    out_dir: Path,
    item: Item,
    text: str,
    *,
    reviewer: str,
    reason: str = "",
    checks: list[Check],
    script: str,
    mp3: bytes | None = None,
    voice: str = "",
    seconds: float = 0.0,
) -> dict:
    """Write the approved text, audio and review record into `out_dir`, then rebuild its pages and feed.

    Refuses (InputError) an approval without a reviewer's name, or one that breaks the contract without
    a written reason. Only `<stem>.*` files inside `out_dir` are written, whatever the stem claims to be.
    """
    reviewer, reason = reviewer.strip(), reason.strip()
    if not reviewer:
        raise InputError("write your name before approving")
    failed = broken(checks)
    if failed and not reason:
        raise InputError(f"{len(failed)} checks fail ({failed[0].name}); write the reason for approving anyway")
    stem = safe_stem(item.stem)
    out_dir.mkdir(parents=True, exist_ok=True)
    record = {
        "reviewer": reviewer,
        "approved": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "edited": text.strip() != item.original_text.strip(),
        "changes": list(
            difflib.unified_diff(
                item.original_text.splitlines(), text.splitlines(), "pipeline", "approved", lineterm=""
            )
        ),
        "reason": reason,
        "failed_checks": [f"{c.name}: {c.detail}" if c.detail else c.name for c in failed],
    }
    report = dict(item.report)
    report.setdefault("facts", [f.__dict__ for f in item.facts])
    report.setdefault("key", "reviewed")  # not from a batch run: a later run of the same input redoes it
    title, sentences, key_facts, help_lines = compose.parse_public_text(text, fallback_title=item.release.title)
    report.update(
        stem=stem,
        title=title,
        sentences=sentences,
        asks=compose.parse_asks(text),
        key_facts=key_facts,
        help_lines=help_lines,
        text=text,
        script=script,
        checks=[c.__dict__ for c in checks],
        scores={"summary": readability.scores(sentences), "public_text": readability.text_scores(text)},
        review=record,
        release={**release_dict(item.release), **(item.report.get("release") or {})},
        processed=report.get("processed") or record["approved"],
    )
    atomic_write(out_dir / f"{stem}.txt", text.encode("utf-8"))
    if mp3 is not None:
        finish = lambda tmp: tag_mp3(tmp, release=item.release, transcript=script)  # noqa: E731
        atomic_write(out_dir / f"{stem}.mp3", mp3, finish=finish)
        report["audio"] = {"voice": voice, "seconds": round(seconds, 2), "bytes": len(mp3)}
    elif not (out_dir / f"{stem}.mp3").is_file():
        report["audio"] = None
    atomic_write(out_dir / f"{stem}.review.json", json.dumps(record, indent=1, ensure_ascii=False).encode("utf-8"))
    atomic_write(out_dir / f"{stem}.json", json.dumps(report, indent=1, ensure_ascii=False).encode("utf-8"))
    publish_batch(out_dir)
    return record


def batch_items(out_dir: Path) -> list[tuple[str, str]]:
    """(label, stem) for each item of a results folder, newest first."""
    return [(f"{r['title']} ({r['stem']})", r["stem"]) for r in read_reports(out_dir)]


def load_item(out_dir: Path, stem: str) -> Item:
    """An item of a results folder by its stem; only names the folder really holds are accepted."""
    known = {s for _, s in batch_items(out_dir)}
    if stem not in known or not re.fullmatch(r"[A-Za-z0-9._-]+", stem):
        raise InputError(f"no item {stem!r} in the results folder")
    return item_from_report(json.loads((out_dir / f"{stem}.json").read_text(encoding="utf-8")))
