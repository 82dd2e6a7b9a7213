"""`summarise run` on the real corpus with Piper: 1 worker, 2 local workers and a 2-worker Dask LocalCluster.

    .venv/bin/python benchmarks/scale.py [--corpus DIR] [--out BENCHMARKS.md]

Each run starts with an empty audio cache of its own, so every sentence is synthesised. The three runs
happen one after another in one call, with the machine's load average noted before each. The result
replaces the "Scale" section of BENCHMARKS.md (benchmarks/run.py keeps that section when it rewrites the file)
and goes to BENCHMARKS-scale.json.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus"
HEADING = "## Scale: the real corpus with Piper, on 1 and 2 workers and on a Dask cluster"
SPEEDUP_TARGET = 1.25  # 2 workers on 2 cores against 1
CLUSTER_MARGIN = 0.15  # the cluster path within this fraction of the local 2-worker path


def busy_seconds() -> float:
    """CPU seconds the whole machine has been busy since boot (all processes, all cores), from /proc/stat."""
    try:
        fields = [int(x) for x in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    except OSError:
        return 0.0
    user, nice, system, _idle, _iowait, irq, softirq, steal = fields[:8]
    return (user + nice + system + irq + softirq + steal) / os.sysconf("SC_CLK_TCK")


def run(src: Path, out: Path, cache: Path, *args: str) -> dict:
    """Time one `summarise run`; CPU seconds are this command's own and those of the processes it started."""
    load = os.getloadavg()[0]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    busy = busy_seconds()
    t0 = time.perf_counter()
    command = [sys.executable, "-m", "summarise", "run", str(src), "-o", str(out), "-q", "--voice", "piper"]
    done = subprocess.run(command + ["--audio-cache", str(cache), *args], capture_output=True, text=True)
    seconds = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    machine_busy = busy_seconds() - busy
    counts = re.search(r"\d+ items: (\d+) done, (\d+) unchanged, (\d+) failed", done.stderr)
    return {
        "seconds": seconds,
        "load_before": load,
        "load_after": os.getloadavg()[0],  # the run's own processes count: about its worker count on a quiet machine
        "cpu_s": (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime),
        "machine_busy_s": machine_busy,  # every process's CPU seconds meanwhile, this run's included
        "summary": counts.group(0) if counts else done.stderr.strip()[-300:],
        "rc": done.returncode,
    }


def cpu_seconds() -> float:
    """CPU seconds this process has used (run on each Dask worker)."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def measure(corpus: Path) -> dict:
    from distributed import Client, LocalCluster

    work = Path(tempfile.mkdtemp(prefix="bench-scale-"))
    results = {"items": len([p for p in corpus.iterdir() if p.is_file()]), "runs": {}}
    try:
        runs = results["runs"]
        runs["1 worker"] = run(corpus, work / "one", work / "cache-one")
        runs["2 local workers"] = run(corpus, work / "two", work / "cache-two", "--workers", "2")
        with (
            LocalCluster(
                n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1", dashboard_address=None
            ) as cluster,
            Client(cluster) as client,
        ):
            # The workers' processes are started (Python and Dask imported); they load the models in the run.
            before = sum(client.run(cpu_seconds).values())
            row = run(corpus, work / "cluster", work / "cache-cluster", "--cluster", cluster.scheduler_address)
            row["client_cpu_s"] = row["cpu_s"]
            row["cpu_s"] += sum(client.run(cpu_seconds).values()) - before
            runs["2-worker Dask LocalCluster"] = row
        mp3s = list((work / "cluster").glob("*.mp3"))
        results["mp3_bytes_per_release"] = sum(p.stat().st_size for p in mp3s) / max(1, len(mp3s))
        same = all(
            (work / "cluster" / p.name).read_text(encoding="utf-8") == p.read_text(encoding="utf-8")
            for p in (work / "one").glob("*.txt")
        )
        results["cluster texts equal 1-worker texts"] = same
    finally:
        shutil.rmtree(work)
    return results


def section(results: dict, machine: str) -> str:
    runs, n = results["runs"], results["items"]
    one, two = runs["1 worker"]["seconds"], runs["2 local workers"]["seconds"]
    cluster = runs["2-worker Dask LocalCluster"]["seconds"]
    lines = [
        HEADING,
        "",
        f"`benchmarks/scale.py` on {results['date']}: {n} distinct real releases (`../shared/corpus`), "
        f"`--voice piper`, each run with an empty audio cache. Machine: {machine}.",
        "",
        "| run | seconds | per release | speed-up over 1 worker | CPU s (all processes) | other processes' CPU s | load before / after | result |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for name, v in runs.items():
        lines.append(
            f"| {name} | {v['seconds']:.1f} | {v['seconds'] / n:.2f} | {one / v['seconds']:.2f}x | "
            f"{v['cpu_s']:.0f} | {max(0.0, v['machine_busy_s'] - v['cpu_s']):.0f} | {v['load_before']:.2f} / {v['load_after']:.2f} | {v['summary']} |"
        )
    lines += [
        "",
        f"- 2 local workers against 1: **{one / two:.2f}x** (target {SPEEDUP_TARGET}x or more: "
        f"{'met' if one / two >= SPEEDUP_TARGET else '**not met**'}).",
        f"- The cluster against 2 local workers: **{(cluster / two - 1) * 100:+.0f}%** (target within "
        f"{CLUSTER_MARGIN:.0%}: {'met' if cluster <= two * (1 + CLUSTER_MARGIN) else '**not met**'}).",
        f"- What limits it: one worker already keeps {runs['1 worker']['cpu_s'] / one:.2f} of the "
        f"{results.get('cores', 2)} cores busy, since onnxruntime runs Piper's network on every core; two "
        "one-thread workers add the single-threaded text stages of one item running beside the other's "
        "synthesis, and lose the cost of threads that wait for each other. Each worker also loads its own "
        "models (a few seconds, at the same time), and the parent or client writes every item.",
        "- CPU s counts this run's processes (for the cluster: the client and both workers); other "
        "processes' CPU s is what else the machine ran meanwhile (from /proc/stat): near 0 on a quiet machine.",
        f"- The cluster's texts equal the 1-worker texts: {'yes' if results['cluster texts equal 1-worker texts'] else 'no'}.",
    ]
    lines += ["", *scaling(results)]
    return "\n".join(lines) + "\n"


def scaling(results: dict) -> list[str]:
    """How the cluster's cost grows with machines, from this run's own figures."""
    n, row = results["items"], results["runs"]["2-worker Dask LocalCluster"]
    client = row["client_cpu_s"] / n
    work = (row["cpu_s"] - row["client_cpu_s"]) / n
    kb = results["mp3_bytes_per_release"] / 1000
    return [
        "### How the cost scales to N machines",
        "",
        f"- Work per release on a worker (text stages and Piper, single-threaded, models loaded once): "
        f"**{work:.2f} CPU s**. N machines of c cores, each running c one-thread workers, do a batch of M "
        f"releases in about M x {work:.2f} / (N x c) seconds, plus a few seconds while each worker loads "
        f"its models (in parallel, once per batch).",
        f"- The client (`summarise run --cluster`) spends **{client * 1000:.0f} ms CPU per release** "
        f"(its start-up, sending each release, receiving about {kb:.0f} KB of MP3, text and report, writing them, "
        f"the pages and feed at the end): one client keeps up with about {1 / max(client, 1e-9):.0f} releases "
        f"per second, so with about {work / max(client, 1e-9):.0f} worker cores the client becomes the limit.",
        f"- The network carries about {kb:.0f} KB per release back to the client: 100,000 releases are about "
        f"{kb * 100_000 / 1e6:.0f} GB, {kb * 100_000 / 125_000 / 60:.0f} minutes of a 1 Gbit/s link, spread "
        "over the batch.",
    ]


def replace_section(document: str, new: str) -> str:
    """The document with its Scale section replaced by `new` (added before the notes if it has none)."""
    pattern = re.compile(re.escape(HEADING) + r".*?(?=^## |\Z)", re.DOTALL | re.MULTILINE)
    if pattern.search(document):
        return pattern.sub(lambda _: new + "\n", document, count=1)
    if "\n## Notes" in document:
        return document.replace("\n## Notes", "\n" + new + "\n## Notes", 1)
    return document.rstrip("\n") + "\n\n" + new


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, default=CORPUS, help="a folder of real releases")
    parser.add_argument("--out", type=Path, default=ROOT / "BENCHMARKS.md")
    parser.add_argument("--report-only", action="store_true", help="rewrite the section from BENCHMARKS-scale.json")
    args = parser.parse_args()
    if not args.corpus.is_dir() and not args.report_only:
        parser.error(f"{args.corpus}: no such folder of releases")
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from run import machine

    saved = args.out.with_name("BENCHMARKS-scale.json")
    if args.report_only:
        results = json.loads(saved.read_text(encoding="utf-8"))
    else:
        results = {"date": time.strftime("%Y-%m-%d"), "cores": os.cpu_count(), **measure(args.corpus)}
    text = section(results, machine())
    document = args.out.read_text(encoding="utf-8") if args.out.is_file() else "# Benchmarks\n"
    args.out.write_text(replace_section(document, text), encoding="utf-8")
    saved.write_text(json.dumps(results, indent=1), encoding="utf-8")
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
