"""A results folder's own settings (publishing needs approval, public address, feed owner) and its locks.

The settings live in the folder (`.summarise/settings.json`), so a later run, `summarise approve` and the review app
all publish the folder the same way without being told again. Locks are files locked with `fcntl.flock`:
they hold across processes (two app servers, the command line and the app) and are released by the kernel
if the process holding them dies.
"""

from __future__ import annotations

import fcntl
import json
import os
import re
import time
from contextlib import contextmanager
from dataclasses import asdict, dataclass, fields, replace
from pathlib import Path

from .errors import ConflictError, InputError
from .options import Options

OWN = ".summarise"  # the folder's own files: settings and locks (hidden, and not `*.json` of the folder)
SETTINGS = f"{OWN}/settings.json"
LOCK_WAIT = 30.0  # seconds to wait for another process to finish with an item
LOCK_POLL = 0.05  # seconds between tries


@dataclass(frozen=True)
class FolderSettings:
    """How a results folder is published; each field is kept from the run (or option) that last set it."""

    require_approval: bool = False  # index and feed list only items a reviewer approved
    base_url: str = ""  # public address of the folder; the feed is only fit for podcast apps with one
    title: str = ""  # title of the index page and feed; by default from the organisation
    author: str = ""  # the feed's author; by default the organisation
    owner_email: str = ""  # the feed owner's e-mail address; by default the releases' press office
    artwork: str = ""  # the name of the feed's artwork in the folder (the user's, copied in); made when empty


def read_settings(out_dir: Path) -> FolderSettings:
    """The folder's settings; a folder without a settings file has the defaults (every item public)."""
    path = out_dir / SETTINGS
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return FolderSettings()
    except (OSError, ValueError) as exc:
        raise InputError(f"{path}: not a readable settings file ({exc}); fix or delete it") from exc
    known = {f.name for f in fields(FolderSettings)}
    return FolderSettings(**{k: v for k, v in data.items() if k in known})


def settle(out_dir: Path, options: Options) -> FolderSettings:
    """The folder's settings with whatever `options` sets over them, saved back into the folder."""
    from .publish import write_if_changed

    current = read_settings(out_dir)
    given = {f.name: getattr(options, f.name) for f in fields(FolderSettings) if getattr(options, f.name) is not None}
    if "base_url" in given:
        given["base_url"] = check_base_url(given["base_url"])
    if given.get("owner_email") and not re.fullmatch(r"[^@\s]+@[^@\s]+\.[^@\s]+", given["owner_email"]):
        raise InputError(f"--owner-email {given['owner_email']!r} is not an e-mail address")
    out_dir.mkdir(parents=True, exist_ok=True)
    if given.get("artwork"):
        from .artwork import take_artwork

        given["artwork"] = take_artwork(given["artwork"], out_dir)
    settings = replace(current, **given)
    write_if_changed(out_dir / SETTINGS, json.dumps(asdict(settings), indent=1).encode("utf-8") + b"\n")
    return settings


def check_base_url(url: str) -> str:
    """The public address as given, if it is absolute (http or https); podcast apps cannot fetch anything else."""
    if url and not re.match(r"https?://[^/\s]+", url, re.IGNORECASE):
        raise InputError(f"--base-url {url!r} must be an absolute http(s) address, e.g. https://example.org/news/")
    return url


@contextmanager
def locked(out_dir: Path, name: str, *, wait: float = LOCK_WAIT):
    """Hold the lock `name` of the folder (one writer at a time, across processes) for the `with` block."""
    (out_dir / OWN).mkdir(parents=True, exist_ok=True)
    fd = os.open(out_dir / OWN / f"{name}.lock", os.O_RDWR | os.O_CREAT, 0o644)
    try:
        deadline = time.monotonic() + wait
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() > deadline:
                    raise ConflictError(f"{name} is being written by another process; try again in a moment") from None
                time.sleep(LOCK_POLL)
        yield
    finally:
        os.close(fd)  # closing the file releases the lock


def item_lock(out_dir: Path, stem: str, *, wait: float = LOCK_WAIT):
    """The lock of one item: taken by a run writing it and by an approval of it."""
    return locked(out_dir, f"item-{stem}", wait=wait)
