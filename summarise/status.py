"""The review queue of a results folder: each item's status, worked out from the files the folder holds.

An item's own files (`<stem>.json`, `.txt`, `.mp3`) hold what is published, or what waits for a first
approval; a report with a `review` was approved. A new version of an approved item (its release changed)
waits beside it as `<stem>.draft.*`, and the approved version stays published until that is approved too.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass
from pathlib import Path

from .publish import DRAFT, is_public, read_json, read_reports
from .records import breaks_contract

NEEDS_REVIEW = "needs review"
FAILING = "failing"  # needs review, and fails a contract check
CHANGED = "changed"  # approved, but its release changed since: a new draft waits beside it
APPROVED = "approved"
WAITING = (FAILING, CHANGED, NEEDS_REVIEW)  # the statuses a reviewer still has to act on
FILTERS = {  # the review app's filters: which statuses each shows
    "needs review": WAITING,
    "failing": (FAILING,),
    "approved": (APPROVED, CHANGED),
    "all": (FAILING, CHANGED, NEEDS_REVIEW, APPROVED),
}
LABELS = {
    NEEDS_REVIEW: "Needs review",
    FAILING: "Fails a check",
    CHANGED: "Approved, release changed since",
    APPROVED: "Approved",
}


@dataclass(frozen=True)
class ItemStatus:
    """Where one item stands in the review queue."""

    stem: str
    title: str
    status: str  # one of NEEDS_REVIEW, FAILING, CHANGED, APPROVED
    failing: tuple[str, ...]  # the contract checks the version waiting for review fails
    made: str  # when the version waiting for review (or the approved one) was made, ISO 8601 UTC
    published: bool  # whether the item's own version is on the index and in the feed
    approved_by: str = ""
    approved_at: str = ""

    def age(self, now: dt.datetime | None = None) -> dt.timedelta:
        """How long ago the version in question was made."""
        return (now or dt.datetime.now(dt.UTC)) - dt.datetime.fromisoformat(self.made)

    def to_dict(self) -> dict:
        return {**asdict(self), "failing": list(self.failing), "age_seconds": int(self.age().total_seconds())}


def failed_checks(report: dict) -> tuple[str, ...]:
    """The contract checks a report's version fails (reading targets are advice, not contract)."""
    return tuple(
        f"{c['name']}: {c['detail']}" if c.get("detail") else c["name"]
        for c in report.get("checks", ())
        if breaks_contract(c["name"], c["passed"])
    )


def item_status(out_dir: Path, report: dict, *, settings) -> ItemStatus:
    """The status of the item whose own report is `report`."""
    stem, review = report["stem"], report.get("review") or {}
    draft = read_json(out_dir / f"{stem}{DRAFT}.json") if review else None
    waiting = draft or report
    failing = () if review and not draft else failed_checks(waiting)
    return ItemStatus(
        stem=stem,
        title=waiting.get("title") or report["title"],
        status=_status(approved=bool(review), draft=draft is not None, failing=bool(failing)),
        failing=failing,
        made=waiting.get("processed") or report["processed"],
        published=is_public(report, settings),
        approved_by=review.get("reviewer", ""),
        approved_at=review.get("approved", ""),
    )


def _status(*, approved: bool, draft: bool, failing: bool) -> str:
    if approved:
        return CHANGED if draft else APPROVED
    return FAILING if failing else NEEDS_REVIEW


def review_queue(out_dir: Path) -> list[ItemStatus]:
    """Every item of the folder: failing first, then the others waiting for review, then approved; newest first."""
    from .folder import read_settings

    settings = read_settings(out_dir)
    items = [item_status(out_dir, r, settings=settings) for r in read_reports(out_dir)]
    items.sort(key=lambda s: s.made, reverse=True)
    order = {FAILING: 0, CHANGED: 1, NEEDS_REVIEW: 1, APPROVED: 2}
    return sorted(items, key=lambda s: order[s.status])  # sorted() is stable: newest first within each group


def next_waiting(queue: list[ItemStatus], *, after: str = "") -> ItemStatus | None:
    """The first item still waiting for review, other than `after` (the one just approved)."""
    return next((s for s in queue if s.status in WAITING and s.stem != after), None)


def age_in_words(age: dt.timedelta) -> str:
    """A short age: 40 s, 12 min, 5 h, 3 d."""
    seconds = max(0, int(age.total_seconds()))
    for unit, size in (("d", 86400), ("h", 3600), ("min", 60)):
        if seconds >= size:
            return f"{seconds // size} {unit}"
    return f"{seconds} s"


def queue_table(queue: list[ItemStatus]) -> str:
    """The queue as plain text, one item a line, for `summarise status`."""
    if not queue:
        return "No items in this folder yet."
    width = max(len(s.stem) for s in queue)
    lines = []
    for s in queue:
        label = LABELS[s.status] + (f" by {s.approved_by}" if s.approved_by and s.status == APPROVED else "")
        lines.append(f"{s.stem:<{width}}  {label:<32}  {age_in_words(s.age()):>7} old  {s.title}")
        lines += [f"{'':<{width}}    fails: {check}" for check in s.failing]
    counts = {status: sum(s.status == status for s in queue) for status in LABELS}
    lines.append(
        f"{len(queue)} items: {counts[FAILING]} failing, {counts[NEEDS_REVIEW]} needing review, "
        f"{counts[CHANGED]} changed since approval, {counts[APPROVED]} approved"
    )
    return "\n".join(lines)
