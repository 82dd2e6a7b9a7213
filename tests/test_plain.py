from summarise.guard import numbers
from summarise.load import parse_release
from summarise.plain import acronym_definitions, make_plain, replace_jargon, split_long, we_to

RELEASE = parse_release(
    "---\ntitle: Arrests\nsource: Northvale Police\n---\n"
    "We have commenced enquiries with the Crown Prosecution Service (CPS) and 12 individuals were safeguarded.\n"
)


def test_jargon_becomes_plain_words():
    assert replace_jargon("Officers commenced the search prior to dawn.") == "Officers started the search before dawn."


def test_a_counted_noun_is_never_replaced():
    assert replace_jargon("12 individuals were safeguarded.") == "12 individuals were kept safe."


def test_we_and_our_become_the_organisation():
    assert (
        we_to("Northvale Police")("We arrested two men in our area.")
        == "Northvale Police arrested two men in the area."
    )


def test_long_sentence_is_split_at_a_clause_boundary():
    sentence = "During the week of action officers executed warrants across the county, and they arrested several people who were later released on bail."
    parts = split_long(sentence)
    assert len(parts) == 2
    assert all(len(p.split()) < len(sentence.split()) for p in parts)


def test_acronyms_are_defined_from_the_release():
    assert acronym_definitions(RELEASE.body) == {"CPS": "Crown Prosecution Service"}


def test_plain_adds_no_numbers():
    groups = make_plain([RELEASE.paragraphs[0]], release=RELEASE)
    out = " ".join(s for g in groups for s in g)
    assert numbers(out) <= numbers(RELEASE.body)
    assert "Northvale Police" in out and "kept safe" in out
