"""How good the public texts are, measured the way `../shared/eval/score.py` measures them, with baselines.

For each release: help contacts and references kept word-for-word, key facts kept, media contacts and
page debris kept out, numbers not in the release, reading grade, sentence lengths and words. What to
expect comes from a spec file (the format of `../shared/eval/spec.yaml`) or, for releases it does not
name, from the facts the project itself finds. Baselines are scored the same way: the full release,
its first three sentences and, when a checkpoint is present, the seq2seq model run as a plain
summarizer would run it (truncated input, one generation, no guard). Transformers 5 no longer has a
summarization pipeline, so that run goes through the same generation code as the seq2seq engine.
"""

from __future__ import annotations

import re
import statistics
from pathlib import Path

import yaml

from . import readability
from .errors import InputError
from .facts import help_contacts, media_contacts, references
from .guard import numbers
from .records import Fact, Release
from .text import split_sentences

LEAD_SENTENCES = 3  # sentences in the "first sentences" baseline
SPEC_FACT_KINDS = ("figure", "money", "percent", "operation")  # facts expected when no spec names them
MAX_OWN_FACTS = 4  # facts expected per release when no spec names them
DEBRIS = re.compile(r"\.(?:png|jpe?g|gif|svg|webp)\b|\[email\s*protected\]|cookie|share this|follow us", re.I)


def load_spec(path: Path | None) -> dict[str, dict]:
    """The expectations per release file name; {} without a file."""
    if path is None:
        return {}
    try:
        data = yaml.safe_load(Path(path).read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError) as exc:
        raise InputError(f"{path}: cannot read the spec ({exc})") from exc
    if not isinstance(data, dict):
        raise InputError(f"{path}: a spec maps release file names to {{help, refs, facts, avoid}}")
    return data


def expectations(release: Release, facts: list[Fact], spec: dict | None) -> dict:
    """What a good text keeps and avoids: the spec's entry, else what the project found in the release."""
    if spec is not None:
        return {key: list(spec.get(key) or []) for key in ("help", "refs", "facts", "avoid")}
    own = []
    for fact in facts:
        if fact.kind in SPEC_FACT_KINDS and fact.text not in own and len(own) < MAX_OWN_FACTS:
            own.append(fact.text)
    return {
        "help": [f.text for f in help_contacts(facts)],
        "refs": [f.text for f in references(facts)],
        "facts": own,
        "avoid": [f.text for f in media_contacts(facts)],
    }


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def score_text(text: str, *, source: str, want: dict) -> dict:
    """One text scored against what it should keep and avoid, and for how easy it is to read."""
    flat = _norm(text)
    row = {key: [sum(_norm(i) in flat for i in want[key]), len(want[key])] for key in ("help", "refs", "facts")}
    row["avoid"] = sum(a in flat for a in want["avoid"]) + len(DEBRIS.findall(flat))
    row["invented"] = sorted(numbers(flat) - numbers(_norm(source)))
    scores = readability.text_scores(text) if text.strip() else {}
    row["fk_grade"] = scores.get("fk_grade", float("nan"))
    row["mean_sentence_words"] = scores.get("mean_sentence_words", 0)
    row["longest_sentence_words"] = scores.get("longest_sentence_words", 0)
    row["words"] = len(text.split())
    return row


def lead_sentences(release: Release, n: int = LEAD_SENTENCES) -> str:
    """The baseline a hurried editor would publish: the title and the first sentences."""
    sentences = [s for p in release.paragraphs for s in split_sentences(p)]
    return release.title + "\n\n" + " ".join(sentences[:n])


def full_text(release: Release) -> str:
    return release.title + "\n\n" + release.body


class RawSeq2Seq:
    """The seq2seq checkpoint as a plain summarizer would run it: the release truncated to the model's
    window, one generation, no chunking, no plain-English step and no guard."""

    name = "seq2seq, no guard"

    def __init__(self, path: Path) -> None:
        from .condense import Seq2Seq

        self.engine = Seq2Seq(path)

    def __call__(self, release: Release) -> str:
        return release.title + "\n\n" + self.engine.generate(release.body)


def totals(rows: list[dict]) -> dict:
    """Overall figures for one system, as score.py gives them (percentages kept, counts, medians)."""
    out = {}
    for key in ("help", "refs", "facts"):
        kept, n = sum(r[key][0] for r in rows), sum(r[key][1] for r in rows)
        out[key] = round(100.0 * kept / n, 1) if n else 100.0
    out["avoid"] = sum(r["avoid"] for r in rows)
    out["invented"] = sum(len(r["invented"]) for r in rows)
    grades = [r["fk_grade"] for r in rows if r["fk_grade"] == r["fk_grade"]]
    out["fk_grade_median"] = round(statistics.median(grades), 1) if grades else None
    out["longest_sentence_max"] = max((r["longest_sentence_words"] for r in rows), default=0)
    out["words_median"] = statistics.median([r["words"] for r in rows]) if rows else 0
    seconds = [r["audio_seconds"] for r in rows if r.get("audio_seconds")]
    if seconds:
        out["audio_seconds_median"] = round(statistics.median(seconds), 1)
    out["n"] = len(rows)
    return out


def table(report: dict) -> str:
    """The report as a text table: one line per release and system, then one total line per system."""
    lines = [f"{'release':40} {'system':20} help  refs  facts avoid inv  grade  longest words"]
    for row in report["rows"]:
        lines.append(
            f"{row['release'][:40]:40} {row['system'][:20]:20} "
            f"{row['help'][0]}/{row['help'][1]:<3} {row['refs'][0]}/{row['refs'][1]:<3} "
            f"{row['facts'][0]}/{row['facts'][1]:<3} {row['avoid']:<5} {len(row['invented']):<4} "
            f"{row['fk_grade']:<6.1f} {row['longest_sentence_words']:<7} {row['words']}"
        )
    lines.append("")
    for system, t in report["totals"].items():
        lines.append(f"TOTAL {system:20} " + " ".join(f"{k}={v}" for k, v in t.items()))
    return "\n".join(lines)


def evaluate(items, *, toolkit, options, spec: dict, voice=None, baselines: bool = True) -> dict:
    """Run every item through the pipeline (and the baselines); rows per release and system, and totals."""
    from .load import release_from_bytes
    from .pipeline import summarise_release
    from .speech import audio_cache, speak

    raw = _raw_baseline(options) if baselines else None
    rows, failed = [], []
    for item in items:
        name = Path(item.name).name
        try:
            if item.error:
                raise InputError(item.error)
            release = release_from_bytes(item.data, name=item.name)
        except InputError as exc:
            failed.append(str(exc))
            continue
        source = item.data.decode("utf-8", errors="replace")
        summary = summarise_release(release, toolkit=toolkit, options=options)
        want = expectations(release, summary.facts, spec.get(name))
        row = score_text(summary.text, source=source, want=want)
        if voice is not None:
            row["audio_seconds"] = round(speak(summary.script, voice=voice, cache=audio_cache(options))[1], 1)
        rows.append({"release": name, "system": "summarise", "spec": name in spec, **row})
        systems = [("full release", full_text), ("first 3 sentences", lead_sentences)] if baselines else []
        if raw is not None:
            systems.append((raw.name, raw))
        for system, make in systems:
            rows.append(
                {
                    "release": name,
                    "system": system,
                    "spec": name in spec,
                    **score_text(make(release), source=source, want=want),
                }
            )
    by_system: dict[str, list] = {}
    for row in rows:
        by_system.setdefault(row["system"], []).append(row)
    return {"rows": rows, "totals": {s: totals(r) for s, r in by_system.items()}, "failed": failed}


def _raw_baseline(options) -> RawSeq2Seq | None:
    from . import models

    found = models.available_checkpoints()
    path = (
        models.resolve_checkpoint(options.model) if options.model else (models.MODELS_DIR / found[0] if found else None)
    )
    return RawSeq2Seq(path) if path is not None and models.checkpoint_kind(path) == "seq2seq" else None
