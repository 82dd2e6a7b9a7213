"""Stage 8, publish: write each item's text, MP3 and JSON report, atomically.

Every file is written to a temporary file in the same folder and then renamed, so an
interrupted run never leaves a half-written file where a good one was expected.
"""

from __future__ import annotations

import json
import os
import re
import tempfile
from pathlib import Path

from .records import Release, Summary


def safe_stem(name: str) -> str:
    """A file stem that is safe in any folder: no path parts, no odd characters."""
    stem = Path(name.replace("\\", "/")).name
    stem = re.sub(r"\.[A-Za-z0-9]{1,5}$", "", stem)
    stem = re.sub(r"[^A-Za-z0-9._-]+", "-", stem).strip(".-")
    return stem or "release"


def atomic_write(path: Path, data: bytes, *, finish=None) -> None:
    """Write bytes to `path` through a temporary file in the same folder; `finish(tmp)` may edit it first."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
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


def report(release: Release, summary: Summary, *, audio: dict | None) -> dict:
    """The JSON report of one item: the release, the public text, facts, checks, scores, timings."""
    data = summary.to_dict()
    data["release"] = {
        "title": release.title,
        "source": release.source,
        "date": release.date,
        "url": release.url,
        "path": release.path,
    }
    data["audio"] = audio
    data["passed"] = all(c.passed for c in summary.checks if not c.name.startswith("summary "))
    return data


def write_item(
    out_dir: Path, stem: str, release: Release, summary: Summary, *, mp3: bytes | None, audio: dict | None
) -> list[Path]:
    """Write `<stem>.txt`, `<stem>.mp3` (when there is audio) and `<stem>.json`; return the paths."""
    written = []
    txt = out_dir / f"{stem}.txt"
    atomic_write(txt, summary.text.encode("utf-8"))
    written.append(txt)
    if mp3 is not None:
        mp3_path = out_dir / f"{stem}.mp3"
        atomic_write(mp3_path, mp3, finish=lambda tmp: tag_mp3(tmp, release=release, transcript=summary.script))
        written.append(mp3_path)
    js = out_dir / f"{stem}.json"
    atomic_write(js, json.dumps(report(release, summary, audio=audio), indent=1, ensure_ascii=False).encode("utf-8"))
    written.append(js)
    return written
