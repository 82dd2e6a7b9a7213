"""The batch's published outputs: web pages, index, podcast feed, and the accessibility of the pages."""

import json
import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import feedparser
import pytest
from conftest import ROOT, SAMPLES, run_cli

from summarise.pages import contact_href

BASE = "https://news.example.org/plain/"
NAMES = (
    "01_northvale-witness-appeal-assault.md",
    "04_courier-fraud-warning.md",
    "05_bridge-road-closure.txt",
)
PAGE = """<!DOCTYPE html><html lang="en"><head><title>Library hours change | Kingsford Council</title></head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li></ul></nav>
<main><article><h1>Library opening hours change from Monday</h1><p>Published 3 March 2026</p>
<p>Kingsford Council will open Ashby Library until 8pm on Thursdays from Monday 9 March after a review of visitor numbers.</p>
<p>The library will close at 1pm on Saturdays instead of 4pm, as fewer than 20 people used it in the afternoon.</p>
<p>For questions about the new hours, call 01632 960 123 or visit www.kingsford.gov.uk/libraries.</p>
</article></main>
<footer><p>Share this page on Facebook</p><p>Cookie settings: accept all cookies</p></footer></body></html>
"""


@pytest.fixture(scope="module")
def published(tmp_path_factory):
    src = tmp_path_factory.mktemp("src")
    for name in NAMES:
        shutil.copy(SAMPLES / name, src / name)
    (src / "library-hours.html").write_text(PAGE, encoding="utf-8")
    out = tmp_path_factory.mktemp("out")
    done = run_cli("run", str(src), "-o", str(out), "--voice", "espeak", "--base-url", BASE)
    assert done.returncode == 0, done.stderr
    return src, out


class Page(HTMLParser):
    """Headings, links, the html lang and audio elements of a page."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.lang, self.headings, self.links, self.audio = None, [], [], []
        self._heading = None
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "html":
            self.lang = attrs.get("lang")
        elif re.fullmatch(r"h[1-6]", tag):
            self._heading = [int(tag[1]), ""]
        elif tag == "a":
            self.links.append(attrs.get("href", ""))
        elif tag == "audio":
            self.audio.append(attrs)

    def handle_data(self, data):
        if self._heading is not None:
            self._heading[1] += data

    def handle_endtag(self, tag):
        if re.fullmatch(r"h[1-6]", tag) and self._heading is not None:
            self.headings.append(tuple(self._heading))
            self._heading = None


def reports(out: Path) -> list[dict]:
    return [json.loads(p.read_text(encoding="utf-8")) for p in sorted(out.glob("*.json"))]


def test_item_pages_have_language_headings_help_links_audio_and_original(published):
    _, out = published
    assert len(reports(out)) == 4
    for report in reports(out):
        page = Page((out / f"{report['stem']}.html").read_text(encoding="utf-8"))
        assert page.lang == "en-GB"
        levels = [level for level, _ in page.headings]
        assert levels[0] == 1 and levels.count(1) == 1
        assert all(b - a <= 1 for a, b in zip(levels, levels[1:], strict=False)), page.headings
        assert {"Summary", "How to get help", "Listen", "Transcript", "Original release"} <= {
            t for _, t in page.headings
        }
        help_phones = {
            f["text"] for f in report["facts"] if f["role"] == "help" and f["kind"] in ("phone", "shortcode")
        }
        assert help_phones, report["stem"]
        for number in help_phones:
            assert contact_href("phone", number) in page.links, (report["stem"], number)
        media = {f["text"] for f in report["facts"] if f["role"] == "media" and f["kind"] == "phone"}
        assert not {contact_href("phone", m) for m in media} & set(page.links)
        assert len(page.audio) == 1 and "controls" in page.audio[0] and "autoplay" not in page.audio[0]
        assert page.audio[0]["src"] == f"{BASE}{report['stem']}.mp3"
        if report["release"]["url"]:
            assert report["release"]["url"] in page.links


def test_tel_links_dial_the_digits():
    assert contact_href("phone", "0800 555 111") == "tel:0800555111"
    assert contact_href("phone", "+44 20 7946 0123") == "tel:+442079460123"
    assert contact_href("shortcode", "101") == "tel:101"
    assert contact_href("textnumber", "61016") == "sms:61016"
    assert contact_href("url", "www.example.gov.uk/report") == "https://www.example.gov.uk/report"


def test_saved_web_page_loses_its_menus_and_footer(published):
    _, out = published
    text = (out / "library-hours.txt").read_text(encoding="utf-8")
    assert "01632 960 123" in text
    report = json.loads((out / "library-hours.json").read_text(encoding="utf-8"))
    body = " ".join(report["release"]["paragraphs"])
    assert report["release"]["source"] == "Kingsford Council"
    assert not re.search(r"\bHome\b|Facebook|cookies|Published 3 March", body)


def test_index_lists_every_item_newest_first(published):
    _, out = published
    index = Page((out / "index.html").read_text(encoding="utf-8"))
    assert index.lang == "en-GB"
    items = [link for link in index.links if link.endswith(".html")]
    assert len(items) == 4 and all(link.startswith(BASE) for link in items)
    feed = feedparser.parse(str(out / "feed.xml"))
    assert [e.link for e in feed.entries] == items  # the same order as the feed, which is by date
    dates = [e.published_parsed for e in feed.entries]
    assert dates == sorted(dates, reverse=True)


def test_feed_reads_back_with_real_enclosures_durations_and_transcripts(published):
    _, out = published
    feed = feedparser.parse(str(out / "feed.xml"))
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.feed.language == "en-GB" and len(feed.entries) == 4
    for entry in feed.entries:
        stem = entry.link.removeprefix(BASE).removesuffix(".html")
        report = json.loads((out / f"{stem}.json").read_text(encoding="utf-8"))
        assert entry.title == report["title"]
        (enclosure,) = [link for link in entry.links if link.rel == "enclosure"]
        assert enclosure.href == f"{BASE}{stem}.mp3" and enclosure.type == "audio/mpeg"
        assert int(enclosure.length) == (out / f"{stem}.mp3").stat().st_size
        assert int(entry.itunes_duration) == round(report["audio"]["seconds"]) > 5
        assert entry.podcast_transcript["url"] == f"{BASE}{stem}.txt"
        assert entry.published_parsed is not None


def test_unchanged_second_run_does_no_work_and_an_edit_is_redone(published):
    src, out = published
    before = {p.name: p.stat().st_mtime_ns for p in out.iterdir()}
    done = run_cli("run", str(src), "-o", str(out), "--voice", "espeak", "--base-url", BASE)
    assert done.returncode == 0 and "0 done, 4 unchanged" in done.stderr, done.stderr
    assert {p.name: p.stat().st_mtime_ns for p in out.iterdir()} == before
    edited = src / "05_bridge-road-closure.txt"
    edited.write_text(edited.read_text(encoding="utf-8").replace("six weeks", "eight weeks"), encoding="utf-8")
    done = run_cli("run", str(src), "-o", str(out), "--voice", "espeak", "--base-url", BASE)
    assert "1 done, 3 unchanged" in done.stderr, done.stderr
    assert "eight weeks" in (out / "05_bridge-road-closure.txt").read_text(encoding="utf-8")
    assert (out / "05_bridge-road-closure.mp3").stat().st_mtime_ns > before["05_bridge-road-closure.mp3"]
    assert (out / "01_northvale-witness-appeal-assault.mp3").stat().st_mtime_ns == before[
        "01_northvale-witness-appeal-assault.mp3"
    ]


AXE = ROOT / "tests" / "browser"
needs_browser = pytest.mark.skipif(
    not (shutil.which("chromium") and (AXE / "node_modules" / "axe-core").is_dir()),
    reason="Chromium or axe-core is not installed (scripts/setup.sh installs both)",
)


def axe(*urls: str) -> dict:
    done = subprocess.run(["node", str(AXE / "axe.mjs"), *urls], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


@needs_browser
def test_pages_pass_axe_in_headless_chromium(published, tmp_path):
    _, out = published
    bad = tmp_path / "bad.html"  # a page with known faults: the check must be able to fail
    bad.write_text('<html><body><img src="x.png"><a href="#"></a><p style="color:#ccc">faint</p></body></html>')
    pages = sorted(out.glob("*.html"))
    found = axe(bad.as_uri(), *(p.as_uri() for p in pages))
    assert {"html-has-lang", "image-alt", "link-name"} <= {v["id"] for v in found[bad.as_uri()]}
    for page in pages:
        serious = [v for v in found[page.as_uri()] if v["impact"] in ("serious", "critical")]
        assert not serious, (page.name, serious)
