"""Speed and memory of summarise, written to BENCHMARKS.md with the machine it ran on.

    .venv/bin/python benchmarks/run.py [--quick] [--out BENCHMARKS.md]

Measures: cold start (imports and model loads, in a fresh process); each stage per release after a
warm-up (median and p95); the voices' real-time factor with and without the audio cache; how the time
per release grows with its length; and `summarise run` on a batch of 100 releases made from the samples,
with 1 and 2 workers, text only and with Piper, and an unchanged second run. Peak memory is the largest
resident set of any one process (ru_maxrss).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
CORPUS = ROOT.parent / "shared" / "corpus"
SUMMARISE = Path(sys.executable).with_name("summarise")
ROUNDS = 5  # timed passes over the releases after one warm-up pass
BATCH = 100  # releases in the throughput batch
SIZES = (100, 300, 1000, 3000)  # words per release in the growth test
TARGETS = {
    "text stages per release, warm (ms, median)": 300,
    "cold start (s)": 5,
    "batch of 100 with Piper, 2 workers (s)": 180,
    "unchanged re-run of 100 (s)": 5,
    "peak memory of one process (MB)": 1536,
}

NOTES = """
- Peak memory is the largest resident set of any one process (`ru_maxrss`). With `--workers 2`
  there are two worker processes of about that size, plus a small parent.
- The Piper batches start with an empty audio cache; 100 releases made from 9 samples share most
  sentences, so most audio after the first few items comes from the cache, as it would for a
  force's daily releases that share help lines. That hides what the voice costs: the Scale section
  (`benchmarks/scale.py`) measures distinct real releases, where every sentence is synthesised.
- The unchanged re-run reads each item's report, finds its key unchanged, and does no work.
- The Scale section was run twice on a quiet machine on 2026-11-25 (other processes under 5 CPU s
  per run): 2 local workers were 1.21x and 1.18x faster than 1, short of the 1.25x aimed for, and
  the Dask cluster was 9% and 1% slower than 2 local workers. Two one-thread workers keep both
  cores busy (157 CPU s in 80 s); one worker already keeps 1.77 cores busy, because onnxruntime
  spreads Piper's network over both, so on 2 cores the gain is bounded near 2 / 1.77 plus what
  one-thread sessions save (2.7 CPU s per release against 3.2). Piper is 80% of a worker's time.
- The same batch on the code before per-worker thread limits, on the same quiet machine: 2 local
  workers 78.9 s (155 CPU s), as fast as with them: on this machine, quiet, the limits did not
  make 2 workers faster, and an earlier report of 82 s for 2 workers against 70 s for 1 was not
  reproduced (1 worker takes 95 s here now). A first attempt at the Scale section while other
  processes ran (130 to 186 CPU s of theirs per run) gave 1.08x and +17%; the old code was not
  measured under that load.
"""

COLD = """
import json, resource, time
t0 = time.perf_counter()
from summarise.options import Options
from summarise.pipeline import Toolkit
from summarise.speech import Piper
t1 = time.perf_counter()
toolkit = Toolkit.load(Options(engine="extractive"))
t2 = time.perf_counter()
Piper()
t3 = time.perf_counter()
print(json.dumps({"import": t1 - t0, "models": t2 - t1, "piper": t3 - t2,
                  "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def machine() -> str:
    try:
        lines = Path("/proc/cpuinfo").read_text().splitlines()
        cpu = next(line.split(":", 1)[1].strip() for line in lines if line.startswith("model name"))
    except (OSError, StopIteration):
        cpu = platform.processor()
    mem = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    import torch

    return (
        f"{cpu}, {os.cpu_count()} cores, {mem:.0f} GiB; {platform.system()} {platform.release()}; "
        f"Python {platform.python_version()}, torch {torch.__version__}"
    )


def pct(values: list[float], q: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, round(q * (len(values) - 1)))]


def cold_start() -> dict:
    runs = [json.loads(subprocess.check_output([sys.executable, "-c", COLD], text=True)) for _ in range(2)]
    return min(runs, key=lambda r: r["import"] + r["models"])  # the second usually has a warm file cache


def releases() -> list[Path]:
    return sorted(SAMPLES.iterdir()) + (sorted(CORPUS.iterdir()) if CORPUS.is_dir() else [])


def stages(rounds: int) -> dict:
    """Per-stage milliseconds per release: median and p95 over `rounds` passes after a warm-up."""
    from summarise.load import read_release
    from summarise.options import Options
    from summarise.pages import render_page
    from summarise.pipeline import Toolkit, summarise_release
    from summarise.publish import write_item

    toolkit = Toolkit.load(Options(engine="extractive"))
    paths = releases()
    times: dict[str, list[float]] = {}
    out = Path(tempfile.mkdtemp(prefix="bench-publish-"))
    for n in range(rounds + 1):
        for path in paths:
            t0 = time.perf_counter()
            release = read_release(path)
            t1 = time.perf_counter()
            summary = summarise_release(release, toolkit=toolkit)
            t2 = time.perf_counter()
            report = write_item(out, path.stem, release, summary, key="bench", mp3=None, audio=None)
            render_page(report)
            t3 = time.perf_counter()
            if n == 0:
                continue  # warm-up
            row = {"load": (t1 - t0) * 1000, **summary.timings, "publish": (t3 - t2) * 1000}
            row["text stages"] = (t2 - t0) * 1000
            for stage, ms in row.items():
                times.setdefault(stage, []).append(ms)
    shutil.rmtree(out)
    return {s: {"median": statistics.median(v), "p95": pct(v, 0.95), "n": len(v)} for s, v in times.items()}


def voices(n_releases: int) -> dict:
    """Real-time factor (seconds of work per second of audio) of each offline voice, cold and cached."""
    from summarise.load import read_release
    from summarise.options import Options
    from summarise.pipeline import Toolkit, summarise_release
    from summarise.speech import AudioCache, Espeak, Piper, speak

    toolkit = Toolkit.load(Options(engine="extractive"))
    scripts = [summarise_release(read_release(p), toolkit=toolkit).script for p in sorted(SAMPLES.iterdir())]
    scripts = scripts[:n_releases]
    out = {}
    for voice in (Piper(), Espeak()):
        cache = AudioCache(tempfile.mkdtemp(prefix="bench-audio-"))
        speak("Warm up.", voice=voice)
        for label, use in (("no cache", None), ("cache, first pass", cache), ("cache, second pass", cache)):
            work = audio = 0.0
            for script in scripts:
                t0 = time.perf_counter()
                _, seconds = speak(script, voice=voice, cache=use)
                work += time.perf_counter() - t0
                audio += seconds
            out[f"{voice.name}, {label}"] = {"rtf": work / audio, "audio_s": audio, "work_s": work}
        shutil.rmtree(cache.folder)
    return out


def growth() -> dict:
    """Median ms per release for releases of SIZES words, built from the samples' paragraphs."""
    from summarise.load import parse_release, read_release
    from summarise.options import Options
    from summarise.pipeline import Toolkit, summarise_release

    toolkit = Toolkit.load(Options(engine="extractive"))
    paragraphs = [p for path in sorted(SAMPLES.iterdir()) for p in read_release(path).paragraphs]
    out = {}
    for size in SIZES:
        body, i = [], 0
        while sum(len(p.split()) for p in body) < size:
            body.append(paragraphs[i % len(paragraphs)] + ("" if i < len(paragraphs) else f" (part {i})"))
            i += 1
        text = f"---\ntitle: A release of {size} words\nsource: Northvale Police\n---\n" + "\n\n".join(body)
        release = parse_release(text, name=f"{size} words")
        summarise_release(release, toolkit=toolkit)  # warm-up
        runs = []
        for _ in range(3):
            t0 = time.perf_counter()
            summarise_release(release, toolkit=toolkit)
            runs.append((time.perf_counter() - t0) * 1000)
        words = len(release.body.split())
        out[size] = {
            "words": words,
            "ms": statistics.median(runs),
            "ms_per_100_words": statistics.median(runs) / words * 100,
        }
    return out


def make_batch(folder: Path, n: int) -> None:
    """n releases from the samples, each with its own title so that none is a copy of another."""
    samples = sorted(SAMPLES.iterdir())
    for i in range(n):
        src = samples[i % len(samples)]
        text = src.read_text(encoding="utf-8")
        suffix = f" (bulletin {i // len(samples) + 1})"
        if re.search(r"^title:", text, re.MULTILINE):
            text = re.sub(r"^(title:.*)$", lambda m, s=suffix: m.group(1) + s, text, count=1, flags=re.MULTILINE)
        else:
            first, _, rest = text.partition("\n")
            text = first + suffix + "\n" + rest
        (folder / f"{i:03d}_{src.name}").write_text(text, encoding="utf-8")


def batch_run(src: Path, out: Path, *args: str) -> dict:
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    t0 = time.perf_counter()
    done = subprocess.run(
        [str(SUMMARISE), "run", str(src), "-o", str(out), "-q", *args], capture_output=True, text=True
    )
    seconds = time.perf_counter() - t0
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    counts = re.search(r"(\d+) done, (\d+) unchanged, (\d+) failed", done.stderr)
    return {
        "seconds": seconds,
        "summary": counts.group(0) if counts else done.stderr.strip()[-200:],
        "peak_mb": max(peak, before) / 1024,  # the largest process so far: a lower bound for this run's own peak
        "rc": done.returncode,
    }


def batches(n: int) -> dict:
    work = Path(tempfile.mkdtemp(prefix="bench-batch-"))
    src = work / "in"
    src.mkdir()
    make_batch(src, n)
    env_cache = os.environ.get("SUMMARISE_CACHE")
    out = {}
    try:
        for label, args in (
            ("text only, 1 worker", ["--voice", "none"]),
            ("text only, 2 workers", ["--voice", "none", "--workers", "2"]),
            ("Piper, 1 worker", ["--voice", "piper"]),
            ("Piper, 2 workers", ["--voice", "piper", "--workers", "2"]),
        ):
            os.environ["SUMMARISE_CACHE"] = str(work / f"cache-{len(out)}")  # each run starts with no audio cached
            out[label] = batch_run(src, work / f"out-{len(out)}", *args)
        last = len(out) - 1
        out["unchanged re-run (Piper, 2 workers)"] = batch_run(
            src, work / f"out-{last}", "--voice", "piper", "--workers", "2"
        )
    finally:
        if env_cache is None:
            os.environ.pop("SUMMARISE_CACHE", None)
        else:
            os.environ["SUMMARISE_CACHE"] = env_cache
        shutil.rmtree(work)
    return out


def report(results: dict) -> str:
    st, cold, bt = results["stages"], results["cold"], results["batches"]
    text_ms = st["text stages"]["median"]
    peak = max([cold["rss_mb"], results["stages_rss_mb"]] + [b["peak_mb"] for b in bt.values()])
    measured = {
        "text stages per release, warm (ms, median)": text_ms,
        "cold start (s)": cold["import"] + cold["models"],
        "batch of 100 with Piper, 2 workers (s)": bt.get("Piper, 2 workers", {}).get("seconds"),
        "unchanged re-run of 100 (s)": bt.get("unchanged re-run (Piper, 2 workers)", {}).get("seconds"),
        "peak memory of one process (MB)": peak,
    }
    lines = [
        "# Benchmarks",
        "",
        f"Run with `.venv/bin/python benchmarks/run.py` on {results['date']}.",
        f"Machine: {results['machine']}.",
        "",
        "## Against the targets",
        "",
        "| measure | target | measured | met |",
        "|---|---|---|---|",
    ]
    for name, target in TARGETS.items():
        value = measured[name]
        shown = "not run" if value is None else f"{value:.1f}" if value < 100 else f"{value:.0f}"
        met = "" if value is None else ("yes" if value <= target else "**no**")
        lines.append(f"| {name} | {target} | {shown} | {met} |")
    lines += ["", "## Cold start (fresh process)", "", "| part | seconds |", "|---|---|"]
    lines += [f"| imports | {cold['import']:.2f} |", f"| models (MiniLM, spaCy) | {cold['models']:.2f} |"]
    lines += [f"| Piper voice | {cold['piper']:.2f} |", f"| peak memory | {cold['rss_mb']:.0f} MB |"]
    lines += [
        "",
        f"## Stages per release, warm ({st['text stages']['n']} runs: {results['rounds']} passes over "
        f"{st['text stages']['n'] // results['rounds']} releases)",
        "",
        "| stage | median ms | p95 ms |",
        "|---|---|---|",
    ]
    for stage, v in st.items():
        lines.append(f"| {stage} | {v['median']:.1f} | {v['p95']:.1f} |")
    lines += [
        "",
        "## Voices (real-time factor: seconds of work per second of audio)",
        "",
        "| voice | RTF | audio s | work s |",
        "|---|---|---|---|",
    ]
    for name, v in results["voices"].items():
        lines.append(f"| {name} | {v['rtf']:.3f} | {v['audio_s']:.0f} | {v['work_s']:.1f} |")
    lines += [
        "",
        "## Growth with release length (text stages)",
        "",
        "| words | ms | ms per 100 words |",
        "|---|---|---|",
    ]
    for v in results["growth"].values():
        lines.append(f"| {v['words']} | {v['ms']:.0f} | {v['ms_per_100_words']:.1f} |")
    lines += [
        "",
        f"## `summarise run` on {BATCH} releases made from the samples",
        "",
        "| run | seconds | per release | result | largest process MB |",
        "|---|---|---|---|---|",
    ]
    for name, v in bt.items():
        lines.append(
            f"| {name} | {v['seconds']:.1f} | {v['seconds'] / BATCH:.2f} | {v['summary']} | {v['peak_mb']:.0f} |"
        )
    lines += ["", "## Notes", "", NOTES.strip()]
    return "\n".join(lines) + "\n"


def scale_section(path: Path) -> str:
    """The Scale section of an existing BENCHMARKS.md (written by scale.py), to keep when rewriting it."""
    from scale import HEADING

    text = path.read_text(encoding="utf-8") if path.is_file() else ""
    found = re.search(re.escape(HEADING) + r".*?(?=^## |\Z)", text, re.DOTALL | re.MULTILINE)
    return found.group(0).rstrip("\n") + "\n" if found else ""


def main() -> int:
    from scale import replace_section

    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="fewer passes and a batch of 20, for a smoke test")
    parser.add_argument("--out", type=Path, default=ROOT / "BENCHMARKS.md")
    args = parser.parse_args()
    global BATCH
    rounds = 1 if args.quick else ROUNDS
    BATCH = 20 if args.quick else BATCH
    results = {"machine": machine(), "date": time.strftime("%Y-%m-%d"), "rounds": rounds}
    results["cold"] = cold_start()
    results["stages"] = stages(rounds)
    results["voices"] = voices(2 if args.quick else 4)
    results["growth"] = growth()
    results["stages_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    results["batches"] = batches(BATCH)
    kept = scale_section(args.out)
    args.out.write_text(replace_section(report(results), kept) if kept else report(results), encoding="utf-8")
    (args.out.with_suffix(".json")).write_text(json.dumps(results, indent=1), encoding="utf-8")
    print(args.out.read_text(encoding="utf-8"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
