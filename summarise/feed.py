"""The batch's podcast feed (RSS 2.0 with iTunes and Podcasting 2.0 tags), built with feedgen."""

from __future__ import annotations

import datetime as dt
import logging
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from feedgen.ext.base import BaseEntryExtension, BaseExtension
from feedgen.feed import FeedGenerator
from feedgen.util import xml_elem

from .pages import href

log = logging.getLogger(__name__)

PODCAST_NS = "https://podcastindex.org/namespace/1.0"
ITUNES_NS = "http://www.itunes.com/dtds/podcast-1.0.dtd"
CATEGORY = "News"  # Apple Podcasts category of the feed


@dataclass(frozen=True)
class FeedInfo:
    """What the feed's channel says about itself: the fields podcast apps and directories ask for."""

    title: str
    base_url: str = ""  # absolute address of the folder; without it the feed's links are relative
    author: str = ""
    owner_email: str = ""
    artwork: str = ""  # file name of the artwork in the folder

    @classmethod
    def of(cls, settings, *, title: str, reports: list[dict], artwork: str) -> FeedInfo:
        """The channel's fields from the folder's settings, else from the releases themselves."""
        sources = Counter(r["release"].get("source") for r in reports if r["release"].get("source"))
        emails = Counter(
            f["text"] for r in reports for f in r.get("facts", ()) if f["kind"] == "email" and f["role"] == "media"
        )
        author = settings.author or (sources.most_common(1)[0][0] if sources else title)
        email = settings.owner_email or (emails.most_common(1)[0][0] if emails else "")
        return cls(title=title, base_url=settings.base_url, author=author, owner_email=email, artwork=artwork)


class PodcastIndexExtension(BaseExtension):
    """Declares the Podcasting 2.0 namespace on the feed."""

    def __init__(self) -> None:
        self.explicit = "false"

    def extend_ns(self):
        return {"podcast": PODCAST_NS}

    def extend_rss(self, rss_feed):
        # Apple's current values are true/false; feedgen only writes the older yes/no/clean.
        channel = rss_feed[0]
        xml_elem(f"{{{ITUNES_NS}}}explicit", channel).text = self.explicit
        return rss_feed


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


def build_feed(reports: list[dict], *, out_dir: Path, info: FeedInfo) -> bytes:
    """RSS bytes for the items (newest first), with enclosures whose lengths are the real MP3 file sizes."""
    fg = _channel(info)
    base_url = info.base_url
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


def _channel(info: FeedInfo) -> FeedGenerator:
    """The feed's channel: title, links, language, artwork, author, owner, category."""
    fg = FeedGenerator()
    fg.load_extension("podcast")
    fg.register_extension("podcastindex", PodcastIndexExtension, PodcastIndexEntryExtension, atom=False)
    fg.title(info.title)
    fg.link(href=href("index.html", info.base_url), rel="alternate")
    if info.base_url:  # podcast apps find the feed again by this; it must be absolute
        fg.link(href=href("feed.xml", info.base_url), rel="self", type="application/rss+xml")
    else:
        log.warning(
            "feed.xml has relative links, which podcast apps cannot fetch: "
            "give --base-url with the folder's public address before publishing the feed"
        )
    fg.description(f"{info.title}: public releases summarised in plain English, with every help number kept.")
    fg.language("en-GB")
    fg.generator("summarise")
    fg.podcast.itunes_category(CATEGORY)
    fg.podcast.itunes_type("episodic")
    fg.podcast.itunes_author(info.author)
    if info.owner_email:
        fg.podcast.itunes_owner(name=info.author, email=info.owner_email)
    else:
        log.warning("feed.xml has no owner e-mail, which podcast directories ask for: give --owner-email")
    if info.artwork:
        image = href(info.artwork, info.base_url)
        fg.podcast.itunes_image(image)
        fg.image(url=image, title=info.title, link=href("index.html", info.base_url))
    return fg
