"""The batch's podcast feed (RSS 2.0 with iTunes and Podcasting 2.0 tags), built with feedgen."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from feedgen.ext.base import BaseEntryExtension, BaseExtension
from feedgen.feed import FeedGenerator
from feedgen.util import xml_elem

from .pages import href

PODCAST_NS = "https://podcastindex.org/namespace/1.0"


class PodcastIndexExtension(BaseExtension):
    """Declares the Podcasting 2.0 namespace on the feed."""

    def extend_ns(self):
        return {"podcast": PODCAST_NS}


class PodcastIndexEntryExtension(BaseEntryExtension):
    """`<podcast:transcript url=... type=...>` on an item."""

    def __init__(self) -> None:
        self._transcript: tuple[str, str] | None = None

    def transcript(self, url: str, kind: str = "text/plain") -> None:
        self._transcript = (url, kind)

    def extend_rss(self, entry):
        if self._transcript:
            elem = xml_elem(f"{{{PODCAST_NS}}}transcript", entry)
            elem.attrib["url"], elem.attrib["type"] = self._transcript
            elem.attrib["language"] = "en-GB"
        return entry


def release_time(report: dict) -> dt.datetime:
    """When the release was published (its own date, read day-first as in the UK), else when it was processed."""
    from dateutil import parser

    processed = dt.datetime.fromisoformat(report["processed"])
    text = report["release"].get("date") or ""
    try:
        when = parser.parse(text, dayfirst=True, default=processed.replace(hour=9, minute=0, second=0, microsecond=0))
    except (ValueError, OverflowError):
        return processed
    return when if when.tzinfo else when.replace(tzinfo=dt.UTC)


def build_feed(reports: list[dict], *, out_dir: Path, title: str, base_url: str = "") -> bytes:
    """RSS bytes for the items (newest first), with enclosures whose lengths are the real MP3 file sizes."""
    fg = FeedGenerator()
    fg.load_extension("podcast")
    fg.register_extension("podcastindex", PodcastIndexExtension, PodcastIndexEntryExtension, atom=False)
    fg.title(title)
    fg.link(href=href("index.html", base_url), rel="alternate")
    fg.description(f"{title}: public releases summarised in plain English, with every help number kept.")
    fg.language("en-GB")
    fg.generator("summarise")
    fg.podcast.itunes_category("News")
    fg.podcast.itunes_explicit("no")
    if reports:  # the newest processing time, not now: an unchanged batch gives a byte-identical feed
        fg.lastBuildDate(max(dt.datetime.fromisoformat(r["processed"]) for r in reports))
    for report in reversed(reports):  # feedgen puts each new entry first
        stem = report["stem"]
        fe = fg.add_entry()
        page = href(f"{stem}.html", base_url)
        fe.id(page)
        fe.guid(page, permalink=bool(base_url))
        fe.title(report["title"])
        fe.link(href=page)
        fe.description(" ".join(report["sentences"]) or report["title"])
        fe.pubDate(release_time(report))
        if report.get("audio"):
            mp3 = out_dir / f"{stem}.mp3"
            fe.enclosure(href(mp3.name, base_url), str(mp3.stat().st_size), "audio/mpeg")
            fe.podcast.itunes_duration(round(report["audio"]["seconds"]))
        fe.podcastindex.transcript(href(f"{stem}.txt", base_url), "text/plain")
    return fg.rss_str(pretty=True)
