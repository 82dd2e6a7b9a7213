import pytest
from conftest import CORPUS, needs_corpus

from summarise.compose import spoken
from summarise.facts import find_facts
from summarise.guard import check_public_text, guard_sentences, sentence_problems
from summarise.load import parse_release, read_release

RELEASE = parse_release(
    "---\ntitle: Op Galaxy arrests\nsource: Humberside Police\n---\n"
    "During Op Galaxy we arrested 22 people and 32 children have been safeguarded.\n\n"
    "Report crime to us by calling 101 quoting log 24 of 14/09/17, or Crimestoppers on 0800 555 111.\n\n"
    "For media enquiries call 020 3276 3803.\n"
)


@pytest.fixture(scope="module")
def facts(nlp):
    return find_facts(RELEASE, nlp=nlp)


@pytest.mark.parametrize(
    "bad",
    [
        "Humberside Police arrested 22 children during Op Galaxy.",  # number attached to the wrong thing
        "Officers arrested 23 people during Op Galaxy.",  # changed figure
        "Call Crimestoppers on 0800 555 112.",  # changed digit
        "Call 0800 123 4567 for help.",  # invented phone number
        "Journalists can call 020 3276 3803.",  # media-only number
        "Officers from Leeds arrested 22 people.",  # invented place
        "Use the right service.png for help.",  # page debris
    ],
)
def test_adversarial_sentences_are_caught(bad, facts, nlp):
    assert sentence_problems(bad, RELEASE, facts, nlp=nlp)


@pytest.mark.parametrize(
    "good",
    [
        "During Op Galaxy Humberside Police arrested 22 people.",
        "32 children have been kept safe.",
        "Call Crimestoppers on 0800 555 111.",
    ],
)
def test_faithful_sentences_pass(good, facts, nlp):
    assert sentence_problems(good, RELEASE, facts, nlp=nlp) == []


def test_bad_rewrite_is_repaired_with_the_release_words(facts, nlp):
    original = "During Op Galaxy we arrested 22 people and 32 children have been safeguarded."
    kept, checks = guard_sentences(
        [["Humberside Police arrested 22 children."]],
        [original],
        release=RELEASE,
        facts=facts,
        label="summary",
        nlp=nlp,
    )
    assert kept == [original]
    assert "repaired" in checks[0].name and "22 children" in checks[0].detail


def test_sentence_with_no_safe_version_is_dropped(facts, nlp):
    kept, checks = guard_sentences(
        [["Call 0800 123 4567."]], ["Call 0800 123 4567."], release=RELEASE, facts=facts, label="summary", nlp=nlp
    )
    assert kept == []
    assert checks[0].passed is False


def test_public_text_checks_find_a_dropped_reference_and_a_media_number(facts):
    text = "Call 101. Call Crimestoppers on 0800 555 111. Media: 020 3276 3803."
    checks = {c.name: c.passed for c in check_public_text(text, text, release=RELEASE, facts=facts, spoken=spoken)}
    assert checks["help contact kept: 101"] is True
    assert checks["reference kept: log 24 of 14/09/17"] is False
    assert checks["media-only contact left out: 020 3276 3803"] is False
    assert checks["help contact spoken: 0800 555 111"] is False  # the script says digits, not "0800 555 111"


# Corpus releases the contract does not hold for yet, each with its fault; this list only shrinks.
CONTRACT_NOT_YET: dict[str, str] = {}


@needs_corpus
def test_corpus_public_text_keeps_the_contract(toolkit):
    """help and references word-for-word, nothing media-only, nothing invented, on the real releases."""
    import yaml

    from summarise.pipeline import summarise_release

    spec = yaml.safe_load((CORPUS.parent / "eval" / "spec.yaml").read_text())
    failing = {}
    for name, want in spec.items():
        summary = summarise_release(read_release(CORPUS / name), toolkit=toolkit)
        text = " ".join(summary.text.split())
        missing = [i for i in (want.get("help") or []) + (want.get("refs") or []) if i not in text]
        avoided = [i for i in want.get("avoid") or [] if i in text]
        invented = not all(c.passed for c in summary.checks if c.name == "no invented numbers")
        if missing or avoided or invented:
            failing[name] = (missing, avoided, invented)
    assert set(failing) <= set(CONTRACT_NOT_YET), {n: f for n, f in failing.items() if n not in CONTRACT_NOT_YET}


def test_a_number_before_a_comma_is_not_read_as_counting_the_next_word():
    release = parse_release(
        "---\ntitle: Appeal\nsource: Northvale Police\n---\nCall Crimestoppers on 0800 555 111. 1,200 people came.\n"
    )
    assert (
        sentence_problems("Call Crimestoppers on 0800 555 111, where you do not have to give your name.", release, [])
        == []
    )
    assert sentence_problems("In all, 1,200 people came.", release, []) == []
