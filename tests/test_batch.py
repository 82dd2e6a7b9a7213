"""Batch behaviour: every kind of input, parallel workers, and a run killed part-way that resumes."""

import functools
import json
import os
import shutil
import signal
import subprocess
import threading
import time
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from conftest import SAMPLES, SUMMARISE, run_cli

from summarise.speech import decode_mp3

RSS = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Northvale Police news</title><link>https://northvale.example/news</link>
<description>News</description>
<item><title>Appeal after garden shed fire in Ashby</title>
<link>https://northvale.example/news/shed-fire-appeal</link><pubDate>Tue, 03 Mar 2026 10:00:00 GMT</pubDate>
<description>&lt;p&gt;Northvale Police are appealing for witnesses after a garden shed was set on fire in Elm Grove, Ashby,
at about 11pm on Monday 2 March.&lt;/p&gt;&lt;p&gt;Anyone with information should call 101, quoting log 1180 of
2 March 2026.&lt;/p&gt;</description></item>
<item><title>Man charged with theft from vans</title>
<link>https://northvale.example/news/van-thefts-charge</link><pubDate>Wed, 04 Mar 2026 09:30:00 GMT</pubDate>
<description>&lt;p&gt;A 41-year-old man from Kingsford has been charged with six counts of theft from vans in the
town centre.&lt;/p&gt;&lt;p&gt;He will appear at Kingsford Magistrates' Court on Friday 6 March.&lt;/p&gt;</description></item>
</channel></rss>
"""


def texts(out: Path) -> dict[str, str]:
    return {p.name: p.read_text(encoding="utf-8") for p in out.glob("*.txt")}


def test_stdin_feed_file_and_broken_feed_in_one_batch(tmp_path):
    (tmp_path / "news.rss").write_text(RSS, encoding="utf-8")
    (tmp_path / "broken.rss").write_text("<rss><channel><item><title>cut off", encoding="utf-8")
    release = (SAMPLES / "02_missing-teenager-ellie-marsh.txt").read_bytes()
    out = tmp_path / "out"
    done = subprocess.run(
        [str(SUMMARISE), "run", "-", str(tmp_path / "news.rss"), str(tmp_path / "broken.rss"), "-o", str(out)]
        + ["--voice", "none"],
        input=release,
        capture_output=True,
        timeout=600,
    )
    stderr = done.stderr.decode()
    assert done.returncode == 1, stderr
    assert "broken.rss: the feed" in stderr and "3 done" in stderr and "1 failed" in stderr
    written = texts(out)
    assert set(written) == {"stdin.txt", "shed-fire-appeal.txt", "van-thefts-charge.txt"}
    assert "101" in written["shed-fire-appeal.txt"] and "log 1180 of 2 March 2026" in written["shed-fire-appeal.txt"]
    assert "Ellie" in written["stdin.txt"]
    report = json.loads((out / "shed-fire-appeal.json").read_text(encoding="utf-8"))
    assert report["release"]["source"] == "Northvale Police news"
    assert report["release"]["url"] == "https://northvale.example/news/shed-fire-appeal"
    assert not list(out.glob("broken*"))


@pytest.fixture
def feed_server(tmp_path):
    (tmp_path / "news.rss").write_text(RSS, encoding="utf-8")
    handler = functools.partial(SimpleHTTPRequestHandler, directory=str(tmp_path))
    handler.log_message = lambda *args: None
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()


def test_feed_url_and_a_missing_feed_url(feed_server, tmp_path):
    out = tmp_path / "out"
    done = run_cli("run", f"{feed_server}/news.rss", f"{feed_server}/gone.rss", "-o", str(out), "--voice", "none")
    assert done.returncode == 1
    assert "gone.rss: cannot fetch the feed" in done.stderr and "2 done" in done.stderr
    assert set(texts(out)) == {"shed-fire-appeal.txt", "van-thefts-charge.txt"}


def test_huge_file_is_refused_by_name(tmp_path):
    (tmp_path / "huge.txt").write_bytes(b"Police appeal. " * 80_000)
    done = run_cli("run", str(tmp_path / "huge.txt"), "-o", str(tmp_path / "out"), "--voice", "none")
    assert done.returncode == 1 and "huge.txt: file is 1,200,000 bytes" in done.stderr


def test_two_workers_write_what_one_worker_writes(tmp_path):
    src = tmp_path / "src"
    src.mkdir()
    for path in sorted(SAMPLES.iterdir())[:4]:
        shutil.copy(path, src / path.name)
    one = run_cli("run", str(src), "-o", str(tmp_path / "one"), "--voice", "none", "-q")
    two = run_cli("run", str(src), "-o", str(tmp_path / "two"), "--voice", "none", "--workers", "2", "-q")
    assert one.returncode == two.returncode == 0, two.stderr
    assert len(texts(tmp_path / "two")) == 4
    assert texts(tmp_path / "one") == texts(tmp_path / "two")


def test_killed_run_leaves_nothing_half_written_and_the_next_run_finishes(tmp_path):
    src, out = tmp_path / "src", tmp_path / "out"
    src.mkdir()
    for path in sorted(SAMPLES.iterdir())[:6]:
        shutil.copy(path, src / path.name)
    args = [str(SUMMARISE), "run", str(src), "-o", str(out), "--voice", "espeak"]
    proc = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline and len(list(out.glob("*.json"))) < 2:
        time.sleep(0.05)
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    finished = {p.stem for p in out.glob("*.json")}
    assert 2 <= len(finished) < 6, "the run should have been killed part-way"
    for path in out.glob("*.mp3"):  # any MP3 in place is whole: it decodes to its full length
        assert decode_mp3(path.read_bytes()).seconds > 5
    for stem in finished:
        report = json.loads((out / f"{stem}.json").read_text(encoding="utf-8"))
        assert (out / f"{stem}.txt").read_text(encoding="utf-8") == report["text"]

    done = run_cli("run", str(src), "-o", str(out), "--voice", "espeak")
    assert done.returncode == 0, done.stderr
    assert f"{6 - len(finished)} done, {len(finished)} unchanged" in done.stderr
    assert not list(out.glob(".*part"))
    assert len(list(out.glob("*.json"))) == 6 and len(list(out.glob("*.mp3"))) == 6
    for path in out.glob("*.mp3"):
        assert decode_mp3(path.read_bytes()).seconds > 5
