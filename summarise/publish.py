"""Stage 8, publish: write each item's text, MP3 and JSON report, then the batch's web pages and feed.

Every file is written to a temporary file in the same folder and then renamed, so an
interrupted run never leaves a half-written file where a good one was expected.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import os
import tempfile
from pathlib import Path

from . import __version__
from .records import Release, Summary, breaks_contract

log = logging.getLogger(__name__)

DRAFT = ".draft"  # `<stem>.draft.*`: a new version of an approved item, waiting for a reviewer


def _file_mode() -> int:
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


FILE_MODE = _file_mode()  # what open() would give a new file under the user's umask


def atomic_write(path: Path, data: bytes, *, finish=None) -> None:
    """Write bytes to `path` through a temporary file in the same folder; `finish(tmp)` may edit it first."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.chmod(tmp, FILE_MODE)  # mkstemp makes files only the owner can read; results are meant to be published
        if finish is not None:
            finish(tmp)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def tag_mp3(path: str, *, release: Release, transcript: str) -> None:
    """ID3 tags: title, organisation, date and the transcript as lyrics."""
    from mutagen.id3 import COMM, ID3, TALB, TIT2, TPE1, TXXX, USLT

    tags = ID3()
    tags.add(TIT2(encoding=3, text=release.title))
    if release.source:
        tags.add(TPE1(encoding=3, text=release.source))
        tags.add(TALB(encoding=3, text=f"{release.source}: news in plain English"))
    if release.date:
        tags.add(TXXX(encoding=3, desc="release date", text=release.date))
    tags.add(COMM(encoding=3, lang="eng", desc="", text="Plain-English summary of a public release"))
    tags.add(USLT(encoding=3, lang="eng", desc="transcript", text=transcript))
    tags.save(path)


def release_dict(release: Release) -> dict:
    """The release as the report keeps it: enough to show the original and link to it."""
    return {
        "title": release.title,
        "source": release.source,
        "date": release.date,
        "url": release.url,
        "path": release.path,
        "paragraphs": list(release.paragraphs),
    }


def report(release: Release, summary: Summary, *, stem: str, key: str, audio: dict | None) -> dict:
    """The JSON report of one item: the release, the public text, facts, checks, scores, timings."""
    data = summary.to_dict()
    data["stem"] = stem
    data["release"] = release_dict(release)
    data["audio"] = audio
    data["passed"] = not any(breaks_contract(c.name, c.passed) for c in summary.checks)
    data["processed"] = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    data["version"] = __version__
    data["key"] = key  # hash of the input, the options and the code; an unchanged item is not redone
    return data


def item_files(stem: str, *, draft: bool = False) -> dict[str, str]:
    """The file names of an item's version: its own (what is published) or the draft made beside it."""
    name = f"{stem}{DRAFT}" if draft else stem
    return {kind: f"{name}.{kind}" for kind in ("txt", "mp3", "json", "html")}


def write_item(
    out_dir: Path,
    stem: str,
    release: Release,
    summary: Summary,
    *,
    key: str,
    mp3: bytes | None,
    audio: dict | None,
    release_hash: str = "",
) -> dict:
    """Write `<stem>.txt`, `<stem>.mp3` (when there is audio) and, last, `<stem>.json`; return the report.

    The report goes last because it carries the item's key: an item cut off before it is redone by the next run.
    An item a reviewer approved is never overwritten: the new version is written beside it as a draft
    (`<stem>.draft.*`) until a reviewer approves that too. The item's lock is held while its files are written.
    """
    from .folder import item_lock

    data = report(release, summary, stem=stem, key=key, audio=audio)
    data["release_hash"] = release_hash  # what a reviewer approved is kept until the release itself changes
    with item_lock(out_dir, stem):
        names = item_files(stem, draft=is_approved(out_dir, stem))
        atomic_write(out_dir / names["txt"], summary.text.encode("utf-8"))
        if mp3 is not None:
            finish = lambda tmp: tag_mp3(tmp, release=release, transcript=summary.script)  # noqa: E731
            atomic_write(out_dir / names["mp3"], mp3, finish=finish)
        else:
            (out_dir / names["mp3"]).unlink(missing_ok=True)  # audio of an older run would not match the new text
        atomic_write(out_dir / names["json"], dump(data))
    return data


def dump(data: dict) -> bytes:
    """A report or record as the folder keeps it."""
    return json.dumps(data, indent=1, ensure_ascii=False).encode("utf-8")


def read_json(path: Path) -> dict | None:
    """A JSON object from a file; None when it is missing or not a readable object."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def is_approved(out_dir: Path, stem: str) -> bool:
    """True when the item's own version is one a reviewer approved."""
    data = read_json(out_dir / f"{stem}.json")
    return bool(data and data.get("review"))


def remove_draft(out_dir: Path, stem: str) -> None:
    """Delete the draft made beside an approved item (approved in its turn, or no longer needed)."""
    for name in item_files(stem, draft=True).values():
        (out_dir / name).unlink(missing_ok=True)


def write_if_changed(path: Path, data: bytes) -> bool:
    """Write `data` atomically unless the file already holds exactly it; True when written."""
    try:
        if path.read_bytes() == data:
            return False
    except OSError:
        pass
    atomic_write(path, data)
    return True


def read_reports(out_dir: Path, *, drafts: bool = False) -> list[dict]:
    """The item reports in a results folder, newest release first; unreadable or foreign JSON files are skipped.

    With `drafts`, the reports of the drafts made beside approved items instead.
    """
    from .feed import release_time

    reports = []
    for path in sorted(out_dir.glob(f"*{DRAFT}.json" if drafts else "*.json")):
        data = read_json(path)
        if data is None:
            log.warning("%s: not a readable report; left out of the index and feed", path)
            continue
        stem = path.stem.removesuffix(DRAFT) if drafts else path.stem
        if data.get("stem") == stem and "release" in data and "key" in data:
            reports.append(data)
    return sorted(reports, key=release_time, reverse=True)


def is_public(report: dict, settings) -> bool:
    """Whether an item's own version is published: always, unless the folder publishes only approved items."""
    return not settings.require_approval or bool(report.get("review"))


def batch_title(reports: list[dict]) -> str:
    """A title for the index and feed: the one organisation's name when every item comes from it."""
    sources = {r["release"].get("source") for r in reports}
    return (
        f"{sources.pop()}: news in plain English"
        if len(sources) == 1 and None not in sources and "" not in sources
        else "News in plain English"
    )


def publish_batch(out_dir: Path) -> list[Path]:
    """(Re)write each item's web page, `index.html` and `feed.xml` from the reports; return the files changed.

    The index and feed list only public items (see `is_public`); a draft's page is written, marked as a draft,
    and linked from nowhere. The folder's settings say how (`folder.read_settings`).
    """
    from .folder import locked, read_settings

    settings = read_settings(out_dir)
    with locked(out_dir, "publish"):
        reports = read_reports(out_dir)
        public = [r for r in reports if is_public(r, settings)]
        changed = _pages(out_dir, reports, settings=settings, public={r["stem"] for r in public})
        changed += _batch_files(out_dir, reports, public, settings=settings)
    return changed


def _pages(out_dir: Path, reports: list[dict], *, settings, public: set[str]) -> list[Path]:
    """Each item's page, and each draft's; draft pages left by drafts that are gone are removed."""
    from .pages import render_page

    changed = []
    versions = [(r, r["stem"] not in public, False) for r in reports]
    versions += [(d, True, True) for d in read_reports(out_dir, drafts=True)]
    for data, draft, beside in versions:
        names = item_files(data["stem"], draft=beside)
        page = out_dir / names["html"]
        html = render_page(data, base_url=settings.base_url, draft=draft, name=names["html"].removesuffix(".html"))
        if write_if_changed(page, html.encode("utf-8")):
            changed.append(page)
    for page in out_dir.glob(f"*{DRAFT}.html"):
        if not (out_dir / page.name.replace(".html", ".json")).is_file():
            page.unlink(missing_ok=True)
    return changed


def _batch_files(out_dir: Path, reports: list[dict], public: list[dict], *, settings) -> list[Path]:
    """`index.html`, the feed's artwork and `feed.xml`, for the public items."""
    from .artwork import ensure_artwork
    from .feed import FeedInfo, build_feed
    from .pages import render_index

    title = settings.title or batch_title(reports)
    changed = []
    index, feed = out_dir / "index.html", out_dir / "feed.xml"
    if write_if_changed(index, render_index(public, title=title, base_url=settings.base_url).encode("utf-8")):
        changed.append(index)
    artwork = ensure_artwork(out_dir, settings=settings, title=title)
    info = FeedInfo.of(settings, title=title, reports=reports, artwork=artwork)
    if write_if_changed(feed, build_feed(public, out_dir=out_dir, info=info)):
        changed.append(feed)
    return changed
