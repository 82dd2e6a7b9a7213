"""Release kinds and the opener that tells the reader the one thing to know or do."""

import statistics

import pytest
from conftest import CORPUS, SAMPLES, needs_corpus

from summarise.kinds import drop_echoes, opener, release_kind
from summarise.load import read_release
from summarise.pipeline import fit_length, summarise_release

EXPECTED = {
    "01_northvale-witness-appeal-assault.md": "witness appeal",
    "02_missing-teenager-ellie-marsh.txt": "missing person",
    "03_operation-harbour-county-lines-results.txt": "operation results",
    "04_courier-fraud-warning.md": "scam warning",
    "05_bridge-road-closure.txt": "road notice",
    "06_online-safety-summer-holidays.txt": "safety advice",
    "07_court-result-burglar-jailed.md": "court result",
    "08_fire-service-smoke-alarms.md": "safety advice",
    "09_nhs-winter-services.md": "service advice",
}


@pytest.mark.parametrize(("name", "kind"), EXPECTED.items())
def test_each_sample_is_known_by_its_kind(name, kind):
    assert release_kind(read_release(SAMPLES / name)) == kind


def test_openers_speak_in_the_readers_words(nlp):
    appeal = read_release(SAMPLES / "01_northvale-witness-appeal-assault.md")
    assert opener(appeal, "witness appeal", nlp=nlp) == "Police want to hear from anyone who saw what happened."
    fire = read_release(SAMPLES / "08_fire-service-smoke-alarms.md")
    assert opener(fire, "safety advice", nlp=nlp) is None  # "is giving safety advice" says nothing of its own
    court = read_release(SAMPLES / "07_court-result-burglar-jailed.md")
    assert opener(court, "court result", nlp=nlp) is None  # the lead sentence is the news


def test_an_echo_of_the_opener_is_dropped_but_a_longer_sentence_stays():
    sentences = [
        "Detectives are appealing for witnesses.",
        "Detectives are appealing for information about a red van seen in Mill Lane on Friday night.",
    ]
    assert drop_echoes(sentences, "witness appeal") == sentences[1:]
    assert drop_echoes(sentences, "court result") == sentences


def test_fit_length_keeps_whole_sentences_within_the_limit():
    sentences = ["one two three four five.", "six seven eight.", "nine ten eleven twelve."]
    assert fit_length(sentences, limit=8) == sentences[:2]
    assert fit_length(["a " * 100], limit=8) == ["a " * 100]  # never empty


# Corpus releases whose summary still reads above grade 11.9, each with its fault; this list only shrinks.
HARD_TO_READ_YET = {
    "019_nhs-east-of-england-111-bank-holiday.md": "the asks moved out; long pharmacy sentence is left",
    "c08_cleveland-safer-internet-day-2024.md": "campaign sentence with a long list of who should be safe online",
    "b05_west-yorkshire-pcc-pcsc-bill-statement.md": "bill names and parliamentary terms",
    "d03_northants-arson-warning-corby.md": "long lead with 'could result in police taking action'",
    "b14_rocu-county-lines-week-results.md": "operation jargon ('intensification week', 'deal lines')",
    "c14_northlanarkshire-cost-of-living-scams.md": "trading standards survey sentence with a long subject",
}


@needs_corpus
def test_summaries_open_with_the_opener_and_read_at_a_low_grade(toolkit):
    grades = []
    for path in sorted(SAMPLES.iterdir()) + sorted(CORPUS.iterdir()):
        if path.name in HARD_TO_READ_YET:
            continue
        release = read_release(path)
        summary = summarise_release(release, toolkit=toolkit)
        expected = opener(release, summary.kind, nlp=toolkit.nlp)
        if expected:
            assert summary.sentences[0] == expected
        assert len(" ".join(summary.sentences).split()) <= 90
        grades.append(summary.scores["summary"]["fk_grade"])
    # The target is grade 8; this bound keeps what has been reached from slipping back.
    assert statistics.median(grades) <= 9.0, grades
