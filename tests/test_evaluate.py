"""`summarise eval`: the measures, the baselines and the command."""

import json

from conftest import CORPUS, SAMPLES, SHARED, needs_corpus, run_cli

from summarise.evaluate import score_text, totals

WANT = {
    "help": ["101", "0800 555 111"],
    "refs": ["log 24 of 14/09/17"],
    "facts": ["22 people"],
    "avoid": ["0113 496 0750"],
}
SOURCE = "Call 101 quoting log 24 of 14/09/17, or 0800 555 111. 22 people were arrested. Press: 0113 496 0750."


def test_score_text_counts_what_is_kept_avoided_and_invented():
    good = score_text(
        "Police arrested 22 people. Call 101, quoting log 24 of 14/09/17, or 0800 555 111.", source=SOURCE, want=WANT
    )
    assert good["help"] == [2, 2] and good["refs"] == [1, 1] and good["facts"] == [1, 1]
    assert good["avoid"] == 0 and good["invented"] == []
    bad = score_text("Police arrested 23 people. Press office: 0113 496 0750.", source=SOURCE, want=WANT)
    assert bad["help"] == [0, 2] and bad["facts"] == [0, 1] and bad["avoid"] == 1 and bad["invented"] == ["23"]
    t = totals([good, bad])
    assert t["help"] == 50.0 and t["invented"] == 1 and t["avoid"] == 1 and t["n"] == 2


@needs_corpus
def test_eval_command_reports_our_texts_beside_the_baselines():
    names = ["01_northvale-witness-appeal-assault.md", "04_courier-fraud-warning.md"]
    corpus = sorted(CORPUS.iterdir())[0]
    done = run_cli(
        "eval", *(str(SAMPLES / n) for n in names), str(corpus), "--spec", str(SHARED / "eval" / "spec.yaml"), "--json"
    )
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    ours, full, lead = (report["totals"][s] for s in ("summarise", "full release", "first 3 sentences"))
    assert ours["n"] == full["n"] == lead["n"] == 3
    assert ours["help"] == 100.0 and ours["refs"] == 100.0 and ours["avoid"] == 0 and ours["invented"] == 0
    assert full["avoid"] > 0  # the full release carries the press-office numbers
    assert lead["help"] < 100.0  # the first sentences lose the help numbers at the end
    assert ours["fk_grade_median"] < full["fk_grade_median"]
    spec_rows = [r for r in report["rows"] if r["system"] == "summarise" and r["spec"]]
    assert [r["release"] for r in spec_rows] == [corpus.name]  # the samples are judged by their own facts


def test_eval_table_and_a_bad_file(tmp_path):
    (tmp_path / "empty.md").write_text("")
    done = run_cli("eval", str(SAMPLES / "05_bridge-road-closure.txt"), str(tmp_path / "empty.md"), "--no-baselines")
    assert done.returncode == 1 and "empty.md" in done.stderr
    assert "TOTAL summarise" in done.stdout and "full release" not in done.stdout


def test_eval_adds_the_unguarded_seq2seq_baseline_when_a_checkpoint_is_given(tiny_t5):
    done = run_cli("eval", str(SAMPLES / "02_missing-teenager-ellie-marsh.txt"), "--model", str(tiny_t5), "--json")
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    assert set(report["totals"]) == {"summarise", "full release", "first 3 sentences", "seq2seq, no guard"}
    assert report["totals"]["summarise"]["invented"] == 0  # the guard holds even for a model that writes noise
