"""Where releases come from: files, folders, globs, standard input, and RSS/Atom feeds (file or URL).

Each input becomes one or more `Item`s: the bytes of one release and a unique output stem. The bytes are
what the batch hashes to know whether an item changed since the last run.
"""

from __future__ import annotations

import glob
import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from .errors import InputError
from .load import MAX_BYTES, page_text, read_input
from .text import norm_space

RELEASE_SUFFIXES = (".md", ".txt", ".markdown", ".html", ".htm")  # files taken from a folder
FEED_SUFFIXES = (".rss", ".atom", ".xml")  # files read as a feed of releases
FEED_START = re.compile(rb"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:rss|feed|rdf:RDF)\b", re.DOTALL)
FETCH_TIMEOUT = 20.0  # seconds to wait for a feed URL
STEM_WORDS = 8  # words of an entry's title used for its file name


@dataclass(frozen=True)
class Item:
    """One release to summarise: its name for messages, its output stem and its bytes (or why it has none)."""

    name: str
    stem: str
    data: bytes = b""
    error: str = ""


def collect(inputs: list[str], *, stdin=None, fetch_timeout: float = FETCH_TIMEOUT) -> list[Item]:
    """Items for files, folders, globs, `-` (standard input), feed files and feed URLs, in order, each once."""
    raw: list[tuple[str, str, bytes, str]] = []  # name, stem hint, data, error
    seen: set[str] = set()
    for arg in inputs:
        if arg == "-":
            data = (stdin.read(MAX_BYTES + 1) if stdin is not None else b"") or b""
            raw.append(("<stdin>", "stdin", data, ""))
        elif re.match(r"https?://", arg):
            raw += _feed_items(arg, lambda url=arg: _fetch(url, fetch_timeout))
        else:
            paths = _expand(arg)
            if not paths:
                raw.append((arg, arg, b"", f"{arg}: no such file, folder or matching release"))
            for path in paths:
                if str(path.resolve()) in seen:
                    continue
                seen.add(str(path.resolve()))
                raw += _file_items(path)
    stems = unique_stems([hint for _, hint, _, _ in raw])
    return [Item(name=n, stem=s, data=d, error=e) for (n, _, d, e), s in zip(raw, stems, strict=True)]


def _expand(arg: str) -> list[Path]:
    path = Path(arg)
    if path.is_dir():
        suffixes = RELEASE_SUFFIXES + FEED_SUFFIXES
        return sorted(p for p in path.iterdir() if p.is_file() and p.suffix.lower() in suffixes)
    if path.is_file():
        return [path]
    return sorted(Path(p) for p in glob.glob(arg, recursive=True) if Path(p).is_file())


def _file_items(path: Path) -> list[tuple[str, str, bytes, str]]:
    try:
        data = read_input(path)
    except InputError as exc:
        return [(str(path), path.name, b"", str(exc))]
    if path.suffix.lower() in FEED_SUFFIXES or FEED_START.match(data[:4096]):
        return _feed_items(str(path), lambda: data)
    return [(str(path), path.name, data, "")]


def _fetch(url: str, timeout: float) -> bytes:
    import requests

    try:
        reply = requests.get(url, timeout=timeout, headers={"User-Agent": "summarise (plain-English news)"})
        reply.raise_for_status()
    except requests.RequestException as exc:
        raise InputError(f"{url}: cannot fetch the feed ({exc})") from exc
    return reply.content


def _feed_items(name: str, read) -> list[tuple[str, str, bytes, str]]:
    """One item per feed entry; a feed that cannot be read or parsed is one failed item."""
    try:
        entries = feed_releases(read(), name=name)
    except InputError as exc:
        return [(name, Path(name).name, b"", str(exc))]
    return [(f"{name} [{i + 1}: {title}]", hint, data, "") for i, (title, hint, data) in enumerate(entries)]


def feed_releases(data: bytes, *, name: str) -> list[tuple[str, str, bytes]]:
    """(title, stem hint, release text as bytes) for each entry of an RSS or Atom feed."""
    import feedparser

    if len(data) > 20 * MAX_BYTES:
        raise InputError(f"{name}: the feed is {len(data):,} bytes; feeds over {20 * MAX_BYTES:,} bytes are refused")
    parsed = feedparser.parse(data)
    benign = (feedparser.CharacterEncodingOverride, feedparser.NonXMLContentType)  # the text itself is sound
    if parsed.get("bozo") and not isinstance(parsed.get("bozo_exception"), benign):
        # a feed cut off or broken part-way: its entries may be incomplete, so none is published
        raise InputError(f"{name}: the feed does not parse ({parsed.get('bozo_exception')})")
    if not parsed.entries:
        raise InputError(f"{name}: the feed has no entries")
    source = norm_space(parsed.feed.get("title", ""))
    out = []
    for entry in parsed.entries:
        title = norm_space(entry.get("title", "")) or "Untitled release"
        html = entry.content[0].value if entry.get("content") else entry.get("summary", "")
        _, body = page_text(f"<html><body>{html}</body></html>")
        meta = {"title": title, "source": source, "date": entry.get("published") or entry.get("updated") or ""}
        if entry.get("link"):
            meta["url"] = entry.link
        text = "---\n" + yaml.safe_dump(meta, allow_unicode=True, sort_keys=False) + "---\n" + body
        hint = _entry_stem(entry.get("link", ""), title)
        out.append((title, hint, text.encode("utf-8")))
    return out


def _entry_stem(link: str, title: str) -> str:
    """A file name for a feed entry: the last part of its link, else the first words of its title."""
    last = re.sub(r"\.(?:html?|aspx?|php)$", "", link.rstrip("/").rpartition("/")[2])
    if re.search(r"[A-Za-z]{3}", last):
        return last
    return "-".join(re.findall(r"[a-z0-9]+", title.lower())[:STEM_WORDS]) or "entry"


def safe_stem(name: str) -> str:
    """A file stem that is safe in any folder: no path parts, no odd characters."""
    stem = Path(name.replace("\\", "/")).name
    stem = re.sub(r"\.[A-Za-z0-9]{1,5}$", "", stem)
    stem = re.sub(r"[^A-Za-z0-9._-]+", "-", stem).strip(".-")
    return stem[:100] or "release"


def unique_stems(names: list[str]) -> list[str]:
    """Output stems for the inputs; two inputs with the same stem both get a file."""
    stems, used = [], set()
    for name in names:
        stem, n = safe_stem(name), 2
        candidate = stem
        while candidate.lower() in used or _reserved(candidate.lower()):
            candidate, n = f"{stem}-{n}", n + 1
        used.add(candidate.lower())
        stems.append(candidate)
    return stems


RESERVED_STEMS = frozenset({"index", "feed", "artwork", "cover"})  # names the batch itself writes
RESERVED_ENDINGS = (".draft", ".review")  # `<stem>.draft.*` and `<stem>.review.json` belong to another item


def _reserved(stem: str) -> bool:
    return stem in RESERVED_STEMS or stem.endswith(RESERVED_ENDINGS)
