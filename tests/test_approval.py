"""Publishing only what a reviewer approved: drafts, the review queue, approvals, re-runs, and the podcast feed."""

import json
import multiprocessing
import shutil
from pathlib import Path
from xml.etree import ElementTree

import feedparser
import pytest
from conftest import SAMPLES, run_cli
from PIL import Image

from summarise import review
from summarise.models import load_spacy
from summarise.options import Options
from summarise.speech import decode_mp3, load_voice, speak

BASE = "https://news.example.org/plain/"
NAMES = ("01_northvale-witness-appeal-assault.md", "05_bridge-road-closure.txt")
CUT_OFF = """---
title: Appeal after van stolen from Elm Grove
source: Northvale Police
---
Northvale Police are appealing for information after a white van was stolen from Elm Grove, Ashby, overnight on \
Tuesday 3 March. Anyone with information should call 101, quoting log 0233 of 4 March 2026.

Information can also be given anonymously to Crimestoppers on 0800 555 111. Officers would also like to speak to the
"""  # cut off mid-sentence: the report flags it, so the item fails a check


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    """A `--require-approval` batch: two samples and a release cut off mid-sentence, spoken by espeak."""
    src, out = tmp_path_factory.mktemp("src"), tmp_path_factory.mktemp("out")
    for name in NAMES:
        shutil.copy(SAMPLES / name, src / name)
    (src / "van-theft.md").write_text(CUT_OFF, encoding="utf-8")
    done = run_batch(src, out)
    assert done.returncode == 0, done.stderr
    return src, out


def run_batch(src: Path, out: Path, *extra: str):
    return run_cli(
        "run", str(src), "-o", str(out), "--voice", "espeak", "--require-approval", "--base-url", BASE, *extra
    )


def feed_links(out: Path) -> list[str]:
    feed = feedparser.parse(str(out / "feed.xml"))
    assert not feed.bozo, feed.get("bozo_exception")
    return [e.link for e in feed.entries]


def index_links(out: Path) -> list[str]:
    index = (out / "index.html").read_text(encoding="utf-8")
    return [link for link in _hrefs(index) if link.endswith(".html")]


def _hrefs(html: str) -> list[str]:
    import re

    return re.findall(r'href="([^"]+)"', html)


def status(out: Path) -> dict[str, dict]:
    done = run_cli("status", str(out), "--json")
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    return {item["stem"]: item for item in data["items"]}


def test_nothing_is_published_before_approval_and_drafts_are_marked(folder):
    _, out = folder
    assert json.loads((out / ".summarise" / "settings.json").read_text())["require_approval"] is True
    assert feed_links(out) == [] and index_links(out) == []
    queue = status(out)
    assert queue["van-theft"]["status"] == "failing"
    assert any(c.startswith("release ends mid-sentence") for c in queue["van-theft"]["failing"])
    assert queue["05_bridge-road-closure"]["status"] == "needs review"
    assert not any(item["published"] for item in queue.values())
    for stem in queue:
        page = (out / f"{stem}.html").read_text(encoding="utf-8")
        assert "Draft, not yet approved" in page and 'name="robots" content="noindex' in page
        assert f"{stem}.html" not in (out / "index.html").read_text(encoding="utf-8")
        assert f"{stem}.html" not in (out / "feed.xml").read_text(encoding="utf-8")


def test_approving_puts_exactly_that_item_on_the_index_and_in_the_feed(folder):
    src, out = folder
    stem = "05_bridge-road-closure"
    done = run_cli("approve", str(out), stem, "--reviewer", "Ann Reviewer")
    assert done.returncode == 0 and "approved 05_bridge-road-closure by Ann Reviewer" in done.stderr, done.stderr
    assert feed_links(out) == [f"{BASE}{stem}.html"] and index_links(out) == [f"{BASE}{stem}.html"]
    assert "Draft, not yet approved" not in (out / f"{stem}.html").read_text(encoding="utf-8")
    record = json.loads((out / f"{stem}.review.json").read_text(encoding="utf-8"))
    assert record["reviewer"] == "Ann Reviewer" and record["edited"] is False
    assert status(out)[stem]["status"] == "approved" and status(out)[stem]["published"] is True
    # a failing item needs a written reason; without one nothing is approved
    refused = run_cli("approve", str(out), "van-theft", "--reviewer", "Ann Reviewer")
    assert refused.returncode == 2 and "write the reason" in refused.stderr
    assert status(out)["van-theft"]["status"] == "failing" and not (out / "van-theft.review.json").exists()
    missing = run_cli("approve", str(out), "../05_bridge-road-closure", "--reviewer", "Ann Reviewer")
    assert missing.returncode == 2 and "no item" in missing.stderr
    # a re-run without the flag follows the folder: still only the approved item is published
    done = run_cli("run", str(src), "-o", str(out), "--voice", "espeak")
    assert done.returncode == 0 and "0 done, 3 unchanged" in done.stderr, done.stderr
    assert feed_links(out) == [f"{BASE}{stem}.html"]


def test_an_edited_approval_survives_reruns_and_a_changed_release_waits_as_a_draft(folder, tmp_path):
    src, out = folder
    stem = "01_northvale-witness-appeal-assault"
    item = review.load_item(out, stem)
    summary = item.original_text.split("\n\n")[1]
    edited = item.original_text.replace(summary, summary.split(". ", 1)[1])  # the reviewer cuts a sentence
    assert edited != item.original_text
    checks, script = review.check_edit(item, edited, nlp=load_spacy())
    mp3, seconds = speak(script, voice=load_voice("espeak", options=Options(voice="espeak")))
    review.approve(
        out, item, edited, reviewer="Bo", checks=checks, script=script, mp3=mp3, voice="espeak", seconds=seconds
    )
    text, audio = (out / f"{stem}.txt").read_bytes(), (out / f"{stem}.mp3").read_bytes()
    assert text == edited.encode("utf-8")

    # unchanged release: same options, then other options (no voice) - the edit and its audio are kept
    for extra in ((), ("--voice", "none")):
        done = run_batch(src, out, *extra)
        assert done.returncode == 0 and f"-> {stem} (" not in done.stderr, done.stderr  # not redone
        assert (out / f"{stem}.txt").read_bytes() == text and (out / f"{stem}.mp3").read_bytes() == audio
    assert status(out)[stem]["status"] == "approved"

    # the release changes: a new draft is made beside it, the approved version stays published
    release = src / NAMES[0]
    release.write_text(release.read_text(encoding="utf-8").replace("34-year-old", "35-year-old"), encoding="utf-8")
    done = run_batch(src, out)
    assert done.returncode == 0 and f"-> {stem} (" in done.stderr, done.stderr
    assert (out / f"{stem}.txt").read_bytes() == text and (out / f"{stem}.mp3").read_bytes() == audio
    assert "35-year-old" in (out / f"{stem}.draft.txt").read_text(encoding="utf-8")
    assert decode_mp3((out / f"{stem}.draft.mp3").read_bytes()).seconds > 5
    draft_page = (out / f"{stem}.draft.html").read_text(encoding="utf-8")
    assert "Draft, not yet approved" in draft_page and f'src="{BASE}{stem}.draft.mp3"' in draft_page
    assert f"{BASE}{stem}.html" in feed_links(out) and not any("draft" in link for link in feed_links(out))
    feed = feedparser.parse(str(out / "feed.xml"))
    entry = next(e for e in feed.entries if e.link == f"{BASE}{stem}.html")
    (enclosure,) = [link for link in entry.links if link.rel == "enclosure"]
    assert int(enclosure.length) == len(audio)
    assert status(out)[stem]["status"] == "changed"

    # approving the new draft publishes it, removes the draft and keeps both review records
    done = run_cli("approve", str(out), stem, "--reviewer", "Cy")
    assert done.returncode == 0, done.stderr
    assert "35-year-old" in (out / f"{stem}.txt").read_text(encoding="utf-8")
    assert not list(out.glob(f"{stem}.draft.*"))
    record = json.loads((out / f"{stem}.review.json").read_text(encoding="utf-8"))
    assert record["reviewer"] == "Cy" and [r["reviewer"] for r in record["earlier"]] == ["Bo"]
    assert status(out)[stem]["status"] == "approved"


def _approve_in_a_process(out: str, item, checks, script, name: str, start, results) -> None:
    start.wait()
    try:
        record = review.approve(Path(out), item, item.original_text, reviewer=name, checks=checks, script=script)
        results.put(("approved", name, record["approved"]))
    except review.ConflictError as exc:
        results.put(("conflict", name, str(exc)))


def test_two_reviewers_approving_at_once_one_wins_and_the_other_is_told(tmp_path):
    src, out = tmp_path / "src", tmp_path / "out"
    src.mkdir()
    shutil.copy(SAMPLES / NAMES[1], src)
    done = run_cli("run", str(src), "-o", str(out), "--voice", "none", "--require-approval")
    assert done.returncode == 0, done.stderr
    item = review.load_item(out, "05_bridge-road-closure")
    checks, script = review.check_edit(item, item.original_text, nlp=load_spacy())
    context = multiprocessing.get_context("spawn")
    start, results = context.Barrier(2), context.Queue()
    workers = [
        context.Process(target=_approve_in_a_process, args=(str(out), item, checks, script, name, start, results))
        for name in ("Dee", "Eve")
    ]
    for worker in workers:
        worker.start()
    outcomes = sorted(results.get(timeout=120) for _ in workers)
    for worker in workers:
        worker.join(timeout=60)
    (won,), (lost,) = [o for o in outcomes if o[0] == "approved"], [o for o in outcomes if o[0] == "conflict"]
    assert f"changed after you opened it: {won[1]} approved it" in lost[2] and "Nothing of yours was written" in lost[2]
    record = json.loads((out / "05_bridge-road-closure.review.json").read_text(encoding="utf-8"))
    assert record["reviewer"] == won[1] and record["approved"] == won[2] and "earlier" not in record
    report = json.loads((out / "05_bridge-road-closure.json").read_text(encoding="utf-8"))
    assert report["review"] == record
    assert not list(out.glob(".*.part"))
    # the one who lost reopens the current version and can approve it
    again = review.load_item(out, "05_bridge-road-closure")
    review.approve(out, again, again.original_text, reviewer=lost[1], checks=checks, script=script)
    record = json.loads((out / "05_bridge-road-closure.review.json").read_text(encoding="utf-8"))
    assert record["reviewer"] == lost[1] and record["earlier"][0]["reviewer"] == won[1]


def test_the_feed_carries_what_podcast_directories_require(folder):
    _, out = folder
    feed = feedparser.parse(str(out / "feed.xml"))
    assert not feed.bozo, feed.get("bozo_exception")
    channel = feed.feed
    assert channel.language == "en-GB"
    assert channel.author == "Northvale Police"  # the organisation of the releases
    assert channel.publisher_detail.name == "Northvale Police"
    assert channel.publisher_detail.email == "press.office@northvale.police.example"  # its press office
    assert [t.term for t in channel.tags] == ["News"]
    itunes = "{http://www.itunes.com/dtds/podcast-1.0.dtd}"
    raw = ElementTree.parse(out / "feed.xml").getroot().find("channel")
    assert raw.findtext(f"{itunes}explicit") == "false"  # Apple's values are true/false (feedparser reads yes/no)
    assert [link.href for link in channel.links if link.rel == "self"] == [f"{BASE}feed.xml"]
    assert channel.image.href == f"{BASE}artwork.png"
    with Image.open(out / "artwork.png") as image:
        assert image.format == "PNG" and image.mode == "RGB" and image.size == (1400, 1400)
    assert feed.entries
    for entry in feed.entries:
        (enclosure,) = [link for link in entry.links if link.rel == "enclosure"]
        assert enclosure.href.startswith(BASE) and enclosure.href.endswith(".mp3")


def test_the_feed_owner_and_artwork_can_be_given_and_bad_artwork_is_refused(folder, tmp_path):
    src, out = folder
    Image.new("RGB", (800, 600), "navy").save(tmp_path / "small.png")
    before = (out / "feed.xml").read_bytes()
    done = run_batch(src, out, "--artwork", str(tmp_path / "small.png"))
    assert done.returncode == 2 and "800x600 px; it must be square, 1400 to 3000 px" in done.stderr
    assert (out / "feed.xml").read_bytes() == before  # nothing lost
    Image.new("RGB", (1600, 1600), "navy").save(tmp_path / "cover.jpg", quality=90)
    done = run_batch(src, out, "--artwork", str(tmp_path / "cover.jpg"), "--owner-email", "podcast@northvale.example")
    assert done.returncode == 0, done.stderr
    (tmp_path / "cover.jpg").unlink()  # the folder keeps its own copy
    done = run_batch(src, out)
    assert done.returncode == 0, done.stderr
    channel = feedparser.parse(str(out / "feed.xml")).feed
    assert channel.image.href == f"{BASE}cover.jpg" and channel.publisher_detail.email == "podcast@northvale.example"
    with Image.open(out / "cover.jpg") as image:
        assert image.size == (1600, 1600)


def test_a_feed_without_a_public_address_warns_and_has_no_self_link(tmp_path):
    src = tmp_path / "src"
    src.mkdir()
    shutil.copy(SAMPLES / NAMES[1], src)
    done = run_cli("run", str(src), "-o", str(tmp_path / "out"), "--voice", "none")
    assert done.returncode == 0 and "relative links, which podcast apps cannot fetch" in done.stderr
    channel = feedparser.parse(str(tmp_path / "out" / "feed.xml")).feed
    assert not [link for link in channel.links if link.rel == "self"]
    bad = run_cli("run", str(src), "-o", str(tmp_path / "out"), "--voice", "none", "--base-url", "news/")
    assert bad.returncode == 2 and "must be an absolute http(s) address" in bad.stderr
