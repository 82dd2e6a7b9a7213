"""Review: check a reviewer's edit of a public text against the release, and record an approval.

The review app (`app.py`) is a thin shell over these functions. An edit is checked by the same guard
as the pipeline's own text; an edit that breaks the contract (a changed help number, an invented
figure, a media-only contact) can only be approved with a written reason, which goes in the record.
"""

from __future__ import annotations

import datetime as dt
import difflib
import hashlib
import re
from dataclasses import dataclass, field
from html import escape
from pathlib import Path

from . import compose, guard, readability
from .errors import ConflictError, InputError
from .folder import item_lock
from .publish import (
    DRAFT,
    atomic_write,
    dump,
    item_files,
    publish_batch,
    read_json,
    read_reports,
    release_dict,
    remove_draft,
    tag_mp3,
)
from .records import Check, Fact, Release, breaks_contract
from .sources import safe_stem
from .status import LABELS, ItemStatus, age_in_words, review_queue

HIGHLIGHT = {"help": "help contact", "media": "media only", "reference": "reference", "figure": "figure"}


@dataclass
class Item:
    """What the reviewer is working on: the release, the facts found, and the texts."""

    stem: str
    release: Release
    facts: list[Fact]
    original_text: str  # the public text as the pipeline wrote it
    report: dict = field(default_factory=dict)  # the pipeline's report (or the batch's)
    draft: bool = False  # a new version of an approved item, waiting beside it (`<stem>.draft.*`)
    revision: str = ""  # the folder's version of the item when it was opened ("" when not from a folder)


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
    return checks + carried_checks(item), script


def carried_checks(item: Item) -> list[Check]:
    """A failure the pipeline recorded that no check of the text can see again (a release cut off mid-sentence,
    whose last fact was not published): it stays on the item, so approving it needs a reason, as its status says."""
    return [
        Check(c["name"], False, c.get("detail", ""))
        for c in item.report.get("checks") or ()
        if not c["passed"] and c["name"] == "release ends mid-sentence"
    ]


def broken(checks: list[Check]) -> list[Check]:
    """The failed checks that break the contract (reading targets are advice, not contract)."""
    return [c for c in checks if breaks_contract(c.name, c.passed)]


def checks_in_words(checks: list[Check]) -> str:
    """Markdown: what failed first, then what passed."""
    failed = [c for c in checks if not c.passed]
    lines = [f"**{len(failed)} of {len(checks)} checks failed.**" if failed else f"All {len(checks)} checks passed."]
    for c in failed + [c for c in checks if c.passed]:
        lines.append(f"- {'FAILED' if not c.passed else 'Passed'}: {c.name}" + (f" — {c.detail}" if c.detail else ""))
    return "\n".join(lines)


def sources_in_words(item: Item, text: str) -> str:
    """Markdown: for each sentence of the public text, the release sentence behind it and the rewrites that
    made it, so a reviewer sees why each sentence is there."""
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
                steps = "; ".join(source.get("rewrites") or [])
                how = "as the release says it" if not steps else f"rewritten: {steps}"
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
    checks: list[Check],
    script: str,
    reason: str = "",
    mp3: bytes | None = None,
    voice: str = "",
    seconds: float = 0.0,
) -> dict:
    """Write the approved text, audio and review record into `out_dir`, then rebuild its pages and feed.

    Refuses (InputError) an approval without a reviewer's name, or one that breaks the contract without
    a written reason. Only `<stem>.*` files inside `out_dir` are written, whatever the stem claims to be.
    The item is locked while it is written; if it changed since it was opened (another reviewer approved
    it, or a run remade it), nothing is written and ConflictError says what changed.
    """
    reviewer, reason = reviewer.strip(), reason.strip()
    if not reviewer:
        raise InputError("write your name before approving")
    failed = broken(checks)
    if failed and not reason:
        raise InputError(f"{len(failed)} checks fail ({failed[0].name}); write the reason for approving anyway")
    stem = safe_stem(item.stem)
    with item_lock(out_dir, stem):
        if item.revision and revision(out_dir, stem) != item.revision:
            raise ConflictError(changed_since(out_dir, stem))
        record = _record(item, text, reviewer=reviewer, reason=reason, failed=failed)
        earlier = read_json(out_dir / f"{stem}.review.json")
        if earlier:  # every approval of the item is kept, newest first
            record["earlier"] = [{k: v for k, v in earlier.items() if k != "earlier"}, *earlier.get("earlier", [])]
        report = _approved_report(item, text, stem=stem, record=record, checks=checks, script=script)
        mp3, report["audio"] = _approved_audio(out_dir, item, script, mp3=mp3, voice=voice, seconds=seconds)
        _write_approved(out_dir, item, stem=stem, text=text, script=script, mp3=mp3, record=record, report=report)
    publish_batch(out_dir)
    return record


def _record(item: Item, text: str, *, reviewer: str, reason: str, failed: list[Check]) -> dict:
    """The review record: who approved, when, the changes as a diff, the reason and the checks that failed."""
    return {
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


def _approved_report(item: Item, text: str, *, stem: str, record: dict, checks: list[Check], script: str) -> dict:
    """The item's report as approved: the approved text in its parts, its checks and scores, and the record."""
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
    return report


def _approved_audio(
    out_dir: Path, item: Item, script: str, *, mp3: bytes | None, voice: str, seconds: float
) -> tuple[bytes | None, dict | None]:
    """The audio to publish with the approved text and its record: the reviewer's new recording, else the
    version's own MP3 when it says exactly this script, else none (audio must say what the text says)."""
    if mp3 is not None:
        return mp3, {"voice": voice, "seconds": round(seconds, 2), "bytes": len(mp3)}
    own = out_dir / item_files(safe_stem(item.stem), draft=item.draft)["mp3"]
    if item.report.get("audio") and item.report.get("script") == script and own.is_file():
        return own.read_bytes(), item.report["audio"]
    return None, None


def _write_approved(
    out_dir: Path, item: Item, *, stem: str, text: str, script: str, mp3: bytes | None, record: dict, report: dict
) -> None:
    """Write the approved version as the item's own files, the record, and last the report; drop its draft."""
    atomic_write(out_dir / f"{stem}.txt", text.encode("utf-8"))
    if mp3 is not None:
        finish = lambda tmp: tag_mp3(tmp, release=item.release, transcript=script)  # noqa: E731
        atomic_write(out_dir / f"{stem}.mp3", mp3, finish=finish)
    else:
        (out_dir / f"{stem}.mp3").unlink(missing_ok=True)
    atomic_write(out_dir / f"{stem}.review.json", dump(record))
    atomic_write(out_dir / f"{stem}.json", dump(report))
    remove_draft(out_dir, stem)


def revision(out_dir: Path, stem: str) -> str:
    """A hash of the item's reports as the folder holds them now: any approval or new run changes it."""
    digest = hashlib.sha256()
    for name in (f"{stem}.json", f"{stem}{DRAFT}.json"):
        path = out_dir / name
        digest.update(path.read_bytes() if path.is_file() else b"-")
        digest.update(b"\0")
    return digest.hexdigest()[:16]


def changed_since(out_dir: Path, stem: str) -> str:
    """What a reviewer is told when the item changed after they opened it."""
    record = read_json(out_dir / f"{stem}.review.json") or {}
    report = read_json(out_dir / f"{stem}.json") or {}
    if report.get("review") and record.get("approved"):
        who = f"{record['reviewer']} approved it at {record['approved']}"
    else:
        who = "a new run remade it"
    return f"{stem} changed after you opened it: {who}. Nothing of yours was written; open the current version."


def batch_items(out_dir: Path) -> list[tuple[str, str]]:
    """(label, stem) for each item of a results folder: failing first, then waiting for review; newest first."""
    return [(queue_label(s), s.stem) for s in review_queue(out_dir)]


def queue_label(s: ItemStatus) -> str:
    """One line of the review queue: status, title, stem, failing checks."""
    fails = f"; fails {len(s.failing)} check{'s' if len(s.failing) != 1 else ''}" if s.failing else ""
    return f"{LABELS[s.status]}{fails}: {s.title} ({s.stem}, {age_in_words(s.age())} old)"


def load_item(out_dir: Path, stem: str) -> Item:
    """An item of a results folder by its stem: the version waiting for review (its draft, if it has one).

    Only names the folder really holds are accepted.
    """
    known = {r["stem"] for r in read_reports(out_dir)}
    if stem not in known or not re.fullmatch(r"[A-Za-z0-9._-]+", stem):
        raise InputError(f"no item {stem!r} in the results folder")
    with item_lock(out_dir, stem):
        current = revision(out_dir, stem)
        draft = read_json(out_dir / f"{stem}{DRAFT}.json")
        report = draft or read_json(out_dir / f"{stem}.json")
    if report is None:
        raise InputError(f"item {stem!r} is not readable; run the batch again")
    item = item_from_report(report)
    item.draft, item.revision = draft is not None, current
    return item
