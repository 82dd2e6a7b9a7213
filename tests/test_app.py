"""The review app, launched for real on localhost: driven through gradio_client, then in headless Chromium."""

import json
import os
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import feedparser
import pytest
from conftest import ROOT, SAMPLES, run_cli

gradio_client = pytest.importorskip("gradio_client")

AXE = ROOT / "tests" / "browser"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def results(tmp_path_factory):
    """A results folder with one batch item in it, as `summarise run` writes it."""
    src, out = tmp_path_factory.mktemp("src"), tmp_path_factory.mktemp("results")
    shutil.copy(SAMPLES / "05_bridge-road-closure.txt", src)
    done = run_cli("run", str(src), "-o", str(out), "--voice", "none", "-q")
    assert done.returncode == 0, done.stderr
    return out


@pytest.fixture(scope="module")
def app_url(results):
    yield from _serve(results)


def _serve(results: Path):
    port = _free_port()
    env = {**os.environ, "GRADIO_SERVER_PORT": str(port), "GRADIO_ANALYTICS_ENABLED": "False"}
    env.pop("GRADIO_SERVER_NAME", None)
    proc = subprocess.Popen(
        [sys.executable, "app.py", "--output", str(results)],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    deadline = time.time() + 120
    while time.time() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            break
        except OSError:
            if proc.poll() is not None:
                pytest.fail(proc.stdout.read().decode())
            time.sleep(0.5)
    yield f"http://127.0.0.1:{port}/"
    proc.terminate()
    proc.wait(timeout=20)


@pytest.fixture
def client(app_url):
    return gradio_client.Client(app_url, verbose=False)


def _open_sample(client, name: str, voice: str = "espeak"):
    original, public, checks, scores, why, player, transcript, files, status = client.predict(
        "", None, name, voice, api_name="/open_release"
    )
    return {
        "original": original,
        "public": public,
        "checks": checks,
        "scores": scores,
        "why": why,
        "player": player,
        "transcript": transcript,
        "files": files,
        "status": status,
    }


def test_a_sample_opens_with_marked_facts_checks_scores_audio_and_downloads(client):
    shown = _open_sample(client, "04_courier-fraud-warning.md")
    assert '<mark class="fact help-contact"' in shown["original"] and "0300 123 2040" in shown["original"]
    assert '<mark class="fact media-only"' in shown["original"]  # the press office, marked as kept out
    assert "0300 123 2040" in shown["public"] and "0113 496 0750" not in shown["public"]
    assert shown["checks"].startswith("All ") and "checks passed" in shown["checks"]
    assert "| Reading grade (Flesch-Kincaid) |" in shown["scores"]
    # each sentence says which release sentence backs it
    assert "Why each sentence is there" in shown["why"] and "from: “" in shown["why"]
    assert "rewritten: " in shown["why"] or "as the release says it" in shown["why"]  # and which rewrites made it
    assert "<audio controls" in shown["player"] and "autoplay" not in shown["player"]
    assert "zero, three, zero, zero" not in shown["transcript"]  # the transcript is the script as written
    assert "0 3 0 0, 1 2 3, 2 0 4 0" in shown["transcript"]
    paths = [f if isinstance(f, str) else f["path"] for f in shown["files"]]
    assert sorted(os.path.splitext(p)[1] for p in paths) == [".mp3", ".txt"]
    assert os.path.getsize(next(p for p in paths if p.endswith(".mp3"))) > 10_000


def test_pasted_and_uploaded_releases(client):
    text = (SAMPLES / "07_court-result-burglar-jailed.md").read_text(encoding="utf-8")
    _, public, *_ = client.predict(text, None, None, "none", api_name="/open_release")
    assert "How to get help:" in public
    upload = gradio_client.handle_file(str(SAMPLES / "02_missing-teenager-ellie-marsh.txt"))
    _, public, *_ = client.predict("", upload, None, "none", api_name="/open_release")
    assert "incident number 887 of 3 November" in public


def test_an_edit_that_breaks_the_contract_needs_a_reason(client, results):
    shown = _open_sample(client, "02_missing-teenager-ellie-marsh.txt", voice="none")
    broken = shown["public"].replace("887", "888")
    checks, _, note = client.predict(broken, api_name="/check")
    assert "FAILED: reference kept: incident number 887 of 3 November" in checks
    assert "FAILED: no invented numbers" in checks and "written reason" in note
    with pytest.raises(Exception, match="write the reason"):
        client.predict(broken, "Sam Reviewer", "", "none", api_name="/approve")
    message = client.predict(
        broken, "Sam Reviewer", "Log number corrected by the control room", "none", api_name="/approve"
    )
    assert "Approved with your edits by Sam Reviewer" in message
    record = json.loads((results / "02_missing-teenager-ellie-marsh.review.json").read_text(encoding="utf-8"))
    assert record["reviewer"] == "Sam Reviewer" and record["reason"].startswith("Log number corrected")
    assert any("888" in line for line in record["changes"]) and record["failed_checks"]
    assert "888" in (results / "02_missing-teenager-ellie-marsh.txt").read_text(encoding="utf-8")


def test_a_batch_item_is_revoiced_and_approved_into_the_pages_and_feed(client, results):
    choices, _ = client.predict(api_name="/refresh_items")
    stem = "05_bridge-road-closure"
    original, public, checks, *_ = client.predict(stem, "none", api_name="/open_item")
    assert "Bridge Road" in original and checks.startswith("All ")
    summary = public.split("\n\n")[1]
    edited = public.replace(summary, summary.split(". ", 1)[1])  # the reviewer cuts the first sentence
    assert edited != public
    player, transcript, files, status = client.predict(edited, "espeak", api_name="/revoice")
    assert "<audio controls" in player and "New audio" in status
    assert not (results / f"{stem}.mp3").exists()  # nothing is published before approval
    message = client.predict(edited, "Ali Reviewer", "", "espeak", api_name="/approve")
    assert "Approved with your edits by Ali Reviewer" in message
    assert (results / f"{stem}.mp3").stat().st_size > 10_000
    report = json.loads((results / f"{stem}.json").read_text(encoding="utf-8"))
    assert report["review"]["reviewer"] == "Ali Reviewer" and report["audio"]["voice"] == "espeak"
    page = (results / f"{stem}.html").read_text(encoding="utf-8")
    assert 'href="tel:' in page and f'src="{stem}.mp3"' in page and "warning people about a road closure" not in page
    feed = feedparser.parse(str(results / "feed.xml"))
    entry = next(e for e in feed.entries if e.link == f"{stem}.html")
    (enclosure,) = [link for link in entry.links if link.rel == "enclosure"]
    assert int(enclosure.length) == (results / f"{stem}.mp3").stat().st_size


def test_paths_from_the_browser_are_not_trusted(client, results):
    with pytest.raises(Exception, match="no item|not in the list of choices"):
        client.predict("../../etc/passwd", "none", api_name="/open_item")
    with pytest.raises(Exception, match="Paste a release|not in the list of choices"):
        client.predict("", None, "../../etc/passwd", "none", api_name="/open_release")
    assert not any(p.name.startswith("passwd") for p in results.iterdir())


def test_bad_input_is_a_clear_error(client):
    with pytest.raises(Exception, match="Paste a release"):
        client.predict("", None, None, "none", api_name="/open_release")
    with pytest.raises(Exception, match="bad front matter"):
        client.predict(
            "---\ntitle: [x\n---\nSome body text for the release here.", None, None, "none", api_name="/open_release"
        )


def test_the_app_listens_on_localhost_only(app_url):
    """The listening socket is bound to 127.0.0.1, not to every interface (read from /proc/net/tcp)."""
    port = int(app_url.rstrip("/").rsplit(":", 1)[1])
    listening = []
    tables = [Path("/proc/net/tcp"), Path("/proc/net/tcp6")]
    for line in [row for t in tables if t.exists() for row in t.read_text().splitlines()[1:]]:
        local, state = line.split()[1], line.split()[3]
        address, hex_port = local.split(":")
        if state == "0A" and int(hex_port, 16) == port:  # 0A: LISTEN
            listening.append(address)
    assert listening == ["0100007F"], listening  # 127.0.0.1, little-endian hex


needs_browser = pytest.mark.skipif(
    not (shutil.which("chromium") and (AXE / "node_modules" / "playwright-core").is_dir()),
    reason="Chromium or playwright-core is not installed (scripts/setup.sh installs both)",
)


def _browser_check(script: str, *args: str) -> dict:
    """Run one of the keyboard-only Chromium scripts of tests/browser on the app; what it found, as JSON."""
    done = subprocess.run(["node", str(AXE / script), *args], capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert "error" not in result, result
    return result


@needs_browser
def test_keyboard_only_review_in_chromium_with_no_serious_accessibility_violations(app_url, tmp_path):
    shot = tmp_path / "app.png"
    result = _browser_check("app.mjs", app_url, str(shot))
    assert result["steps"][:3] == [
        "input:01_northvale-witness-appeal-assault.md",
        "button:Summarise this release",
        "summary shown",
    ]
    assert result["approved"].startswith("Approved")
    serious = [v for v in result["violations"] if v["impact"] in ("serious", "critical")]
    assert not serious, serious
    assert shot.stat().st_size > 20_000


CUT_OFF = """---
title: Appeal after van stolen from Elm Grove
source: Northvale Police
---
Northvale Police are appealing for information after a white van was stolen from Elm Grove, Ashby, overnight on \
Tuesday 3 March. Anyone with information should call 101, quoting log 0233 of 4 March 2026.

Officers would also like to speak to the
"""  # ends mid-sentence: the item fails a check


@pytest.fixture(scope="module")
def queue_folder(tmp_path_factory):
    """A results folder that publishes only approved items: three items waiting, one of them failing a check."""
    src, out = tmp_path_factory.mktemp("queue-src"), tmp_path_factory.mktemp("queue")
    for name in ("04_courier-fraud-warning.md", "05_bridge-road-closure.txt"):
        shutil.copy(SAMPLES / name, src)
    (src / "van-theft.md").write_text(CUT_OFF, encoding="utf-8")
    done = run_cli("run", str(src), "-o", str(out), "--voice", "none", "--require-approval", "-q")
    assert done.returncode == 0, done.stderr
    return out


@pytest.fixture(scope="module")
def queue_url(queue_folder):
    yield from _serve(queue_folder)


def _status(folder: Path) -> dict[str, str]:
    done = run_cli("status", str(folder), "--json")
    assert done.returncode == 0, done.stderr
    return {item["stem"]: item["status"] for item in json.loads(done.stdout)["items"]}


def test_two_reviewers_approving_one_item_one_is_told_it_changed(queue_url, queue_folder):
    first, second = (gradio_client.Client(queue_url, verbose=False) for _ in range(2))
    stem = "05_bridge-road-closure"
    for client in (first, second):
        choices, note = client.predict("Needs review", api_name="/refresh_items")
        assert "3 items, 3 waiting for review" in note
        _, public, *_ = client.predict(stem, "none", api_name="/open_item")
    message = first.predict(public, "Fay Reviewer", "", "none", api_name="/approve")
    assert message.startswith("Approved as written by Fay Reviewer")
    message = second.predict(public, "Gus Reviewer", "", "none", api_name="/approve")
    assert "Not approved" in message and "changed after you opened it: Fay Reviewer approved it" in message
    record = json.loads((queue_folder / f"{stem}.review.json").read_text(encoding="utf-8"))
    assert record["reviewer"] == "Fay Reviewer" and "earlier" not in record
    feed = feedparser.parse(str(queue_folder / "feed.xml"))
    assert [e.link for e in feed.entries] == [f"{stem}.html"]


@needs_browser
def test_keyboard_only_queue_filter_next_approve_in_chromium(queue_url, queue_folder):
    waiting = [stem for stem, state in _status(queue_folder).items() if state != "approved"]
    assert len(waiting) >= 2, waiting
    result = _browser_check("queue.mjs", queue_url)
    assert result["steps"][:3] == [
        "input:Failing a check",
        "input:Needs review",
        "button:Open the next item that needs review",
    ], result["steps"]
    assert len(result["failing"]) == 1 and result["failing"][0].startswith("Fails a check; fails 1 check")
    assert len(result["listed"]) == len(waiting) and result["listed"][0].startswith("Fails a check")
    assert result["first"] == "Appeal after van stolen from Elm Grove"  # failing items come first
    assert result["approved"].startswith("Approved as written by Queue Reviewer")
    assert result["next"] and result["next"] != result["first"]
    states = _status(queue_folder)
    assert states["van-theft"] == "approved"
    record = json.loads((queue_folder / "van-theft.review.json").read_text(encoding="utf-8"))
    assert record["reviewer"] == "Queue Reviewer" and record["reason"].startswith("Checked against the original")
    links = [e.link for e in feedparser.parse(str(queue_folder / "feed.xml")).entries]
    assert "van-theft.html" in links and len(links) == sum(s == "approved" for s in states.values())
    assert result["violations"] == [], result["violations"]
