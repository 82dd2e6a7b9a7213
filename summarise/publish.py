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
from .records import Release, Summary

log = logging.getLogger(__name__)


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
    data["passed"] = all(c.passed for c in summary.checks if not c.name.startswith("summary "))
    data["processed"] = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    data["version"] = __version__
    data["key"] = key  # hash of the input, the options and the code; an unchanged item is not redone
    return data


def write_item(
    out_dir: Path, stem: str, release: Release, summary: Summary, *, key: str, mp3: bytes | None, audio: dict | None
) -> dict:
    """Write `<stem>.txt`, `<stem>.mp3` (when there is audio) and, last, `<stem>.json`; return the report.

    The report goes last because it carries the item's key: an item cut off before it is redone by the next run.
    """
    atomic_write(out_dir / f"{stem}.txt", summary.text.encode("utf-8"))
    if mp3 is not None:
        finish = lambda tmp: tag_mp3(tmp, release=release, transcript=summary.script)  # noqa: E731
        atomic_write(out_dir / f"{stem}.mp3", mp3, finish=finish)
    else:
        (out_dir / f"{stem}.mp3").unlink(missing_ok=True)  # audio of an older run would not match the new text
    data = report(release, summary, stem=stem, key=key, audio=audio)
    atomic_write(out_dir / f"{stem}.json", json.dumps(data, indent=1, ensure_ascii=False).encode("utf-8"))
    return data


def write_if_changed(path: Path, data: bytes) -> bool:
    """Write `data` atomically unless the file already holds exactly it; True when written."""
    try:
        if path.read_bytes() == data:
            return False
    except OSError:
        pass
    atomic_write(path, data)
    return True


def read_reports(out_dir: Path) -> list[dict]:
    """The item reports in a results folder, newest release first; unreadable or foreign JSON files are skipped."""
    from .feed import release_time

    reports = []
    for path in sorted(out_dir.glob("*.json")):
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            log.warning("%s: not a readable report; left out of the index and feed", path)
            continue
        if isinstance(data, dict) and data.get("stem") == path.stem and "release" in data and "key" in data:
            reports.append(data)
    return sorted(reports, key=release_time, reverse=True)


def batch_title(reports: list[dict]) -> str:
    """A title for the index and feed: the one organisation's name when every item comes from it."""
    sources = {r["release"].get("source") for r in reports}
    return (
        f"{sources.pop()}: news in plain English"
        if len(sources) == 1 and None not in sources and "" not in sources
        else "News in plain English"
    )


def publish_batch(out_dir: Path, *, title: str = "", base_url: str = "") -> list[Path]:
    """(Re)write each item's web page, `index.html` and `feed.xml` from the reports; return the files changed."""
    from .feed import build_feed
    from .pages import render_index, render_page

    reports = read_reports(out_dir)
    title = title or batch_title(reports)
    changed = []
    for data in reports:
        page = out_dir / f"{data['stem']}.html"
        if write_if_changed(page, render_page(data, base_url=base_url).encode("utf-8")):
            changed.append(page)
    index, feed = out_dir / "index.html", out_dir / "feed.xml"
    if write_if_changed(index, render_index(reports, title=title, base_url=base_url).encode("utf-8")):
        changed.append(index)
    if write_if_changed(feed, build_feed(reports, out_dir=out_dir, title=title, base_url=base_url)):
        changed.append(feed)
    return changed
