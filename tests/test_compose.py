import pytest

from summarise.compose import help_lines, public_text, script, speak_address, speak_number, speak_reference
from summarise.facts import find_facts
from summarise.load import parse_release


@pytest.mark.parametrize(
    ("written", "said"),
    [
        ("0800 555 111", "0 8 0 0, 5 5 5, 1 1 1"),
        ("101", "one oh one"),
        ("999", "nine nine nine"),
        ("111", "one one one"),
        ("61016", "6 1 0 1 6"),
        ("+44 20 7946 0991", "plus, 4 4, 2 0, 7 9 4 6, 0 9 9 1"),
    ],
)
def test_numbers_are_spoken_digit_by_digit(written, said):
    assert speak_number(written) == said


def test_addresses_are_spoken_with_dot_and_slash():
    assert speak_address("www.thinkuknow.co.uk") == "w w w dot thinkuknow dot co dot u k"
    assert speak_address("https://www.111.nhs.uk/help/") == "w w w dot 1 1 1 dot n h s dot u k slash help"
    assert speak_address("report@northvale.police.uk") == "report at northvale dot police dot u k"


def test_references_are_spoken_exactly():
    assert speak_reference("log 0412 of 14 March 2026") == "log 0 4 1 2 of 14 March 2026"
    assert speak_reference("crime reference NV/26/14522") == "crime reference N V slash 2 6 slash 1 4 5 2 2"


def test_help_lines_and_script_keep_every_contact():
    release = parse_release(
        "Title line\n\nAnyone with information should call 101, quoting log 0412 of 14 March 2026, or Crimestoppers on 0800 555 111. "
        "Advice is at www.thinkuknow.co.uk.\n"
    )
    facts = find_facts(release)
    lines = help_lines(release, facts)
    # the line says what the number is for, in the release's words ("Anyone with information ...")
    assert (
        lines[0]
        == "Call 101, the police non-emergency number, if you have information, quoting log 0412 of 14 March 2026."
    )
    text = public_text(release.title, ["A summary sentence."], [], lines)
    for contact in ("101", "0800 555 111", "www.thinkuknow.co.uk", "log 0412 of 14 March 2026"):
        assert contact in text
    spoken = script(text, facts)
    for said in (
        "one oh one",
        "0 8 0 0, 5 5 5, 1 1 1",
        "w w w dot thinkuknow dot co dot u k",
        "log 0 4 1 2 of 14 March 2026",
    ):
        assert said in spoken


def test_phone_menu_option_stays_with_its_number():
    release = parse_release(
        "Title line\n\nTo report a scam call 0300 123 2040 and select option 2 to speak to an adviser.\n"
    )
    lines = help_lines(release, find_facts(release))
    assert lines == ["Call 0300 123 2040 and select option 2, to report a scam."]  # what it is for, too


def test_pronunciation_lexicon_says_titles_acronyms_and_places():
    from summarise.compose import pronunciations, say_words

    said = say_words("Det Insp Jo Hart of BTP said A&E in Leicester is busy; see www.nhs.uk.", pronunciations())
    assert said == "Detective Inspector Jo Hart of B T P said A and E in Lester is busy; see www.nhs.uk."


def test_a_users_lexicon_wins_and_a_broken_one_is_refused(tmp_path):
    import pytest

    from summarise.compose import pronunciations, say_words
    from summarise.errors import InputError

    mine = tmp_path / "mine.yaml"
    mine.write_text("words:\n  Kingsford: Kings ford\n  BTP: British Transport Police\n", encoding="utf-8")
    said = say_words("BTP officers in Kingsford.", pronunciations(str(mine)))
    assert said == "British Transport Police officers in Kings ford."
    bad = tmp_path / "bad.yaml"
    bad.write_text("- just a list\n", encoding="utf-8")
    with pytest.raises(InputError, match="bad.yaml"):
        pronunciations(str(bad))


def test_a_lexicon_that_breaks_a_help_number_fails_the_spoken_check(toolkit, tmp_path):
    from conftest import SAMPLES

    from summarise.load import read_release
    from summarise.options import Options
    from summarise.pipeline import summarise_release

    release = read_release(SAMPLES / "01_northvale-witness-appeal-assault.md")
    fine = tmp_path / "fine.yaml"
    fine.write_text("words:\n  Crimestoppers: Crime Stoppers\n", encoding="utf-8")
    summary = summarise_release(release, toolkit=toolkit, options=Options(lexicon=str(fine)))
    assert "Crime Stoppers on 0 8 0 0, 5 5 5, 1 1 1" in summary.script
    assert all(c.passed for c in summary.checks if c.name.startswith("help contact spoken"))
    bad = tmp_path / "bad.yaml"
    bad.write_text("words:\n  oh: zero\n", encoding="utf-8")  # "one oh one" would no longer be said
    summary = summarise_release(release, toolkit=toolkit, options=Options(lexicon=str(bad)))
    failed = [c.name for c in summary.checks if not c.passed]
    assert "help contact spoken: 101" in failed


def test_script_says_dates_and_pounds_in_words():
    from summarise.compose import script
    from summarise.records import Fact

    ref = Fact("reference", "log 24 of 14/09/17", 0, 18)
    said = script("Quote log 24 of 14/09/17. Losses of £61,500, and £1 was left on 31/12/2024.", [ref])
    assert "log 2 4 of 14 September 2017" in said
    assert "61,500 pounds" in said and "1 pound was" in said and "31 December 2024" in said
    assert script("Version 45/13/20 stays.", []).startswith("Version 45/13/20")  # not a date


def test_key_facts_keep_lists_whole_and_lose_asides(nlp):
    from summarise.compose import key_fact_clauses

    body = (
        "Police arrested 41 people in a week of action against drug dealing across the county.\n\n"
        "Officers carried out 19 warrants at addresses across Kingsford, Ashby and Milbrook between Monday 21 "
        "and Sunday 27 September. As well as the drugs, officers seized £52,400 in cash, 7 knives and 3 imitation "
        "firearms.\n\n"
        "More than 130 suspects – including a former police officer and five teachers – were arrested in a "
        "crackdown, as the tech industry was asked for help.\n"
    )
    release = parse_release(f"---\ntitle: Week of action\nsource: Northvale Police\n---\n{body}")
    found = find_facts(release, nlp=nlp)
    clauses = key_fact_clauses(release, found, ["Police arrested 41 people in a week of action."])
    assert clauses[:3] == [
        "Officers carried out 19 warrants at addresses across Kingsford, Ashby and Milbrook between Monday 21 "
        "and Sunday 27 September.",
        "Officers seized £52,400 in cash, 7 knives and 3 imitation firearms.",
        "More than 130 suspects were arrested in a crackdown.",
    ]
