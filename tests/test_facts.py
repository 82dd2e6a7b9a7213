import string

import pytest
from conftest import CORPUS, needs_corpus
from hypothesis import given
from hypothesis import strategies as st

from summarise.facts import find_facts, help_contacts, media_contacts, references
from summarise.load import parse_release, read_release


def facts_of(body: str, nlp=None):
    release = parse_release(f"Title of the release\n\n{body}\n")
    return release, find_facts(release, nlp=nlp)


@pytest.mark.parametrize(
    "number", ["0800 555 111", "020 8597 4874", "01482 615 166", "07803 903686", "+44 20 7946 0991", "0300 123 2040"]
)
def test_uk_phone_numbers_are_help_contacts(number):
    release, facts = facts_of(f"Anyone with information should call {number} as soon as they can.")
    contacts = help_contacts(facts)
    assert [f.text for f in contacts] == [number]
    assert release.body[contacts[0].start : contacts[0].end] == number


@pytest.mark.parametrize(
    ("sentence", "code"),
    [
        ("In an emergency always dial 999.", "999"),
        ("Call 101 to report it.", "101"),
        ("Use NHS 111 if you are unsure.", "111"),
        ("Call Samaritans on 116 123 at any time.", "116 123"),
        ("Call your bank on 159 now.", "159"),
    ],
)
def test_service_numbers(sentence, code):
    _, facts = facts_of(sentence)
    assert code in [f.text for f in help_contacts(facts)]


def test_text_number_and_counts_are_told_apart():
    _, facts = facts_of("Text 61016 to report it. Officers made 111 arrests and 999 people were spoken to.")
    contacts = help_contacts(facts)
    assert [(f.text, f.kind) for f in contacts] == [("61016", "textnumber")]


def test_media_contacts_are_not_help():
    _, facts = facts_of(
        "For media enquiries call 020 3276 3803 or 07803 903686 for urgent out of hours enquiries.\n\nTo report a crime call 101."
    )
    assert {f.text for f in media_contacts(facts)} == {"020 3276 3803", "07803 903686"}
    assert [f.text for f in help_contacts(facts)] == ["101"]


@pytest.mark.parametrize(
    ("sentence", "ref"),
    [
        ("Call 101 quoting log 24 of 14/09/17.", "log 24 of 14/09/17"),
        ("Call 101 quoting incident number 1563 of 2 February 2020.", "incident number 1563 of 2 February 2020"),
        ("Please quote crime reference NN32830/17 when you call.", "crime reference NN32830/17"),
        ("Call 101 quoting reference 13200559871 or go online.", "reference 13200559871"),
        ("Quote the reference IML 167131 when you call 101.", "reference IML 167131"),
    ],
)
def test_references_are_found_word_for_word(sentence, ref):
    _, facts = facts_of(sentence)
    assert ref in [f.text for f in references(facts)]


def test_figures_keep_their_nouns(nlp):
    _, facts = facts_of(
        "Officers arrested 22 people and 32 children have been safeguarded. They seized £52,400 and 39% more drugs.",
        nlp,
    )
    found = {(f.kind, f.text) for f in facts}
    assert {("figure", "22 people"), ("figure", "32 children"), ("money", "£52,400"), ("percent", "39%")} <= found


def test_operation_names():
    _, facts = facts_of("Op Galaxy and Operation Digpark both led to arrests across the region.")
    assert [f.text for f in facts if f.kind == "operation"] == ["Op Galaxy", "Operation Digpark"]


@needs_corpus
def test_corpus_release_with_media_block(nlp):
    release = read_release(next(CORPUS.glob("025_*")))
    facts = find_facts(release, nlp=nlp)
    assert {"020 3276 3803", "07803 903686"} <= {f.text for f in media_contacts(facts)}
    assert not help_contacts(facts)
    assert {"131 arrests", "164 children", "225 warrants"} <= {f.text for f in facts}


domains = st.lists(st.text(alphabet=string.ascii_lowercase, min_size=2, max_size=10), min_size=1, max_size=3)
paths = st.lists(st.text(alphabet=string.ascii_lowercase + string.digits, min_size=1, max_size=8), max_size=3)


@given(
    domains,
    st.sampled_from(["co.uk", "org.uk", "gov.uk", "com", "nhs.uk"]),
    paths,
    st.sampled_from(["", "https://", "http://", "www."]),
    st.sampled_from([".", ",", ")", ";", "!", "?", "”", ":"]),
)
def test_urls_never_take_trailing_punctuation(parts, tld, path, scheme, after):
    url = scheme + ".".join(parts) + "." + tld + "".join("/" + p for p in path)
    _, facts = facts_of(f"For advice (see {url}{after} today) visit the site.")
    urls = [f.text for f in facts if f.kind == "url"]
    assert urls == [url]


@given(
    st.sampled_from(["01", "02", "03", "07", "08"]),
    st.integers(min_value=0, max_value=10**8),
    st.sampled_from([" ", ""]),
    st.sampled_from([".", ",", ")", ";", " or online."]),
)
def test_phone_formats_are_kept_exactly(prefix, rest, sep, after):
    digits = prefix + f"{rest:09d}"[: 11 - len(prefix)]
    number = digits[:5] + sep + digits[5:]
    _, facts = facts_of(f"To get help call us on {number}{after} We will answer.")
    phones = [f.text for f in facts if f.kind == "phone"]
    assert phones in ([number], [])  # an impossible number may be left alone, but never cut or changed
