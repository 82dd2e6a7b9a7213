from pathlib import Path

import pytest
from conftest import CORPUS, SAMPLES, needs_corpus

from summarise.errors import InputError
from summarise.load import MAX_BYTES, parse_release, read_release


def test_every_sample_loads_with_title_and_body():
    files = sorted(SAMPLES.iterdir())
    assert len(files) >= 8
    for path in files:
        release = read_release(path)
        assert release.title, path
        assert len(release.body.split()) > 80, path
        assert release.title not in release.paragraphs  # repeated titles are removed


def test_samples_cover_the_three_input_formats():
    heads = [p.read_text(encoding="utf-8").lstrip()[:7] for p in SAMPLES.iterdir()]
    assert any(h.startswith("---") for h in heads)
    assert any(h.startswith("```yaml") for h in heads)
    assert any(not h.startswith(("---", "```")) for h in heads)


def test_dash_front_matter():
    release = parse_release(
        "---\ntitle: Road closed\nsource: Kingsford Council\ndate: 1 May 2026\n---\nThe road is closed today for repairs to the bridge.\n"
    )
    assert (release.title, release.source, release.date) == ("Road closed", "Kingsford Council", "1 May 2026")
    assert release.paragraphs == ("The road is closed today for repairs to the bridge.",)


@needs_corpus
def test_fenced_yaml_front_matter_and_title_suffix():
    release = read_release(next(CORPUS.glob("000_*")))
    assert release.title == "32 children safeguarded as Op Galaxy targets internet sex offenders"
    assert release.source == "Humberside Police"
    assert release.date == "21 Jul 2020"
    assert not any(p.startswith("**") for p in release.paragraphs)


@needs_corpus
def test_plain_text_with_repeated_title():
    release = read_release(next(CORPUS.glob("001_*")))
    assert release.title == "Internet sex offenders targeting local children"
    assert release.title not in release.body
    assert release.source == "Humberside Police"


@needs_corpus
def test_page_debris_is_removed():
    body = read_release(next(CORPUS.glob("018_*"))).body
    assert ".png" not in body
    btp = read_release(next(CORPUS.glob("011_*"))).body
    assert "61016The" not in btp


def test_saved_html_page():
    page = (
        "<!DOCTYPE html><html><head><title>Bridge reopens | Kingsford Council</title></head><body>"
        "<nav><a href='/'>Home</a> News</nav><h1>Bridge reopens</h1>"
        "<p>The Bridge Road crossing reopened on Monday after six weeks of flood defence work.</p>"
        "<footer>Cookie settings</footer></body></html>"
    )
    release = parse_release(page, name="page.html")
    assert release.title == "Bridge reopens"
    assert release.source == "Kingsford Council"
    assert release.paragraphs == ("The Bridge Road crossing reopened on Monday after six weeks of flood defence work.",)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "empty"),
        (b"   \n\n", "empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00", "binary"),
        (b"caf\xe9 au lait is served here every day of the week", "not UTF-8"),
        (b"---\ntitle: [unclosed\n---\nBody text of the release goes here.\n", "line 2"),
        (b"---\ntitle: x\nBody text with no closing line\n", "never closed"),
        (b"---\n- a\n- b\n---\nBody text of the release goes here.\n", "key: value"),
        (b"Title only\n", "no body text"),
    ],
)
def test_bad_files_raise_clear_errors(tmp_path: Path, content: bytes, message: str):
    path = tmp_path / "bad.md"
    path.write_bytes(content)
    with pytest.raises(InputError) as err:
        read_release(path)
    assert str(path) in str(err.value)
    assert message in str(err.value)


def test_huge_file_is_refused(tmp_path: Path):
    path = tmp_path / "huge.txt"
    path.write_text("Title\n\n" + "word " * (MAX_BYTES // 4), encoding="utf-8")
    with pytest.raises(InputError, match="refused"):
        read_release(path)
