"""Review functions behind the app: checking an edit, parsing it back, and approving safely."""

import json

import pytest
from conftest import SAMPLES

from summarise import review
from summarise.compose import parse_public_text
from summarise.errors import InputError
from summarise.load import read_release
from summarise.pipeline import summarise_release


@pytest.fixture(scope="module")
def item(toolkit):
    release = read_release(SAMPLES / "01_northvale-witness-appeal-assault.md")
    summary = summarise_release(release, toolkit=toolkit)
    return review.Item(
        "01_northvale", release, summary.facts, summary.text, {**summary.to_dict(), "stem": "01_northvale"}
    )


def test_the_pipelines_own_text_passes_every_check(item, nlp):
    checks, script = review.check_edit(item, item.original_text, nlp=nlp)
    assert not review.broken(checks), [c for c in checks if not c.passed]
    assert "0 8 0 0, 5 5 5, 1 1 1" in script


@pytest.mark.parametrize(
    ("old", "new", "failed"),
    [
        ("0800 555 111", "0800 555 112", "help contact kept: 0800 555 111"),
        ("A 34-year-old man", "A 43-year-old man", "no invented numbers"),
        (
            "How to get help:",
            "How to get help:\n- Call the press office on 0113 496 0750.",
            "media-only contact left out",
        ),
    ],
)
def test_edits_that_break_the_contract_are_caught(item, nlp, old, new, failed):
    assert old in item.original_text
    checks, _ = review.check_edit(item, item.original_text.replace(old, new), nlp=nlp)
    assert any(c.name.startswith(failed) for c in review.broken(checks))


def test_public_text_parses_back_into_its_parts(item):
    title, sentences, key_facts, help_lines = parse_public_text(item.original_text)
    assert title == item.release.title
    assert sentences and all(s.endswith(".") for s in sentences)
    assert any("0800 555 111" in line for line in help_lines) and not any("How to get help" in s for s in sentences)


def test_approval_needs_a_name_and_a_reason_for_a_broken_text_and_stays_in_its_folder(item, nlp, tmp_path):
    checks, script = review.check_edit(item, item.original_text, nlp=nlp)
    with pytest.raises(InputError, match="your name"):
        review.approve(tmp_path, item, item.original_text, reviewer=" ", checks=checks, script=script)
    bad_text = item.original_text.replace("0800 555 111", "0800 555 112")
    bad_checks, bad_script = review.check_edit(item, bad_text, nlp=nlp)
    with pytest.raises(InputError, match="reason"):
        review.approve(tmp_path, item, bad_text, reviewer="Jo", checks=bad_checks, script=bad_script)
    sneaky = review.Item("../../escape", item.release, item.facts, item.original_text, dict(item.report))
    review.approve(tmp_path / "out", sneaky, item.original_text, reviewer="Jo", checks=checks, script=script)
    written = sorted(p.name for p in (tmp_path / "out").iterdir())
    assert "escape.txt" in written and "escape.review.json" in written and "index.html" in written
    assert not (tmp_path / "escape.txt").exists()
    record = json.loads((tmp_path / "out" / "escape.review.json").read_text(encoding="utf-8"))
    assert record["reviewer"] == "Jo" and record["edited"] is False and record["changes"] == []


def test_only_items_the_folder_holds_can_be_opened(tmp_path):
    (tmp_path / "secret.txt").write_text("not a report")
    with pytest.raises(InputError, match="no item"):
        review.load_item(tmp_path, "../secret")
    with pytest.raises(InputError, match="no item"):
        review.load_item(tmp_path, "secret")


def test_a_sentence_the_guard_left_out_is_shown_but_does_not_break_the_contract():
    from summarise.records import breaks_contract

    assert not breaks_contract("summary: sentence dropped", False)  # the guard at work: the text that went out is whole
    assert not breaks_contract("summary reading grade", False)  # advice
    assert breaks_contract("help contact kept: 0800 555 111", False)
    assert breaks_contract("release ends mid-sentence", False)
    assert not breaks_contract("help contact kept: 0800 555 111", True)
