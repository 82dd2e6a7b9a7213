import json
import shutil
from pathlib import Path

import pytest
from conftest import CORPUS, SAMPLES, needs_corpus, run_cli

from summarise.speech import decode_mp3


@pytest.fixture(scope="module")
def batch(tmp_path_factory):
    """Two samples and three bad files in one folder, run through the real entry point with espeak."""
    src = tmp_path_factory.mktemp("in")
    for name in ("01_northvale-witness-appeal-assault.md", "02_missing-teenager-ellie-marsh.txt"):
        shutil.copy(SAMPLES / name, src / name)
    (src / "empty.md").write_bytes(b"")
    (src / "binary.txt").write_bytes(b"\x00\x01\x02 not text")
    (src / "broken.md").write_text("---\ntitle: [broken\n---\nBody text of the release goes here.\n", encoding="utf-8")
    out = tmp_path_factory.mktemp("out")
    return out, run_cli("run", str(src), "-o", str(out), "--voice", "espeak")


def test_good_files_are_written_with_text_audio_and_report(batch):
    out, done = batch
    for stem in ("01_northvale-witness-appeal-assault", "02_missing-teenager-ellie-marsh"):
        text = (out / f"{stem}.txt").read_text(encoding="utf-8")
        assert "How to get help:" in text
        report = json.loads((out / f"{stem}.json").read_text(encoding="utf-8"))
        assert report["audio"]["voice"] == "espeak"
        assert report["facts"] and report["checks"] and report["scores"]["summary"]["fk_grade"] > 0
        assert set(report["timings"]) >= {"facts", "condense", "plain", "guard", "compose"}
        assert decode_mp3((out / f"{stem}.mp3").read_bytes()).seconds > 5
    assert "0800 555 111" in (out / "01_northvale-witness-appeal-assault.txt").read_text(encoding="utf-8")
    assert "0113 496 0750" not in (out / "01_northvale-witness-appeal-assault.txt").read_text(encoding="utf-8")


def test_bad_files_get_one_line_errors_and_a_failing_exit_code(batch):
    out, done = batch
    assert done.returncode == 1
    errors = [line for line in done.stderr.splitlines() if line.startswith("summarise: error:")]
    assert len(errors) == 3
    for name in ("empty.md", "binary.txt", "broken.md"):
        assert sum(name in line for line in errors) == 1
        assert not list(out.glob(Path(name).stem + ".*"))
    assert not list(out.glob(".*part"))  # no temporary files left


def test_missing_input_and_unknown_voice(tmp_path):
    done = run_cli("run", str(tmp_path / "nothing-here"), "-o", str(tmp_path / "out"), "--voice", "none")
    assert done.returncode == 1 and "nothing-here" in done.stderr
    done = run_cli("run", str(SAMPLES), "-o", str(tmp_path / "out"), "--voice", "robot")
    assert done.returncode == 2 and "invalid choice" in done.stderr


@needs_corpus
def test_corpus_text_only_run_writes_every_release(tmp_path):
    done = run_cli("run", str(CORPUS), "-o", str(tmp_path), "--voice", "none", "-q")
    assert done.returncode == 0, done.stderr
    stems = {p.stem for p in CORPUS.iterdir()}
    assert {p.stem for p in tmp_path.glob("*.txt")} == stems
    assert {p.stem for p in tmp_path.glob("*.json")} == stems
    assert not list(tmp_path.glob("*.mp3"))


def test_same_stem_from_two_folders_both_survive(tmp_path):
    for folder in ("a", "b"):
        (tmp_path / folder).mkdir()
        shutil.copy(SAMPLES / "04_courier-fraud-warning.md", tmp_path / folder / "release.md")
    done = run_cli(
        "run", str(tmp_path / "a"), str(tmp_path / "b"), "-o", str(tmp_path / "out"), "--voice", "none", "-q"
    )
    assert done.returncode == 0, done.stderr
    assert sorted(p.name for p in (tmp_path / "out").glob("*.txt")) == ["release-2.txt", "release.txt"]
