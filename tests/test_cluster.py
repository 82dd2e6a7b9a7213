"""A batch on a real Dask cluster: a LocalCluster of two worker processes on loopback, driven through the CLI."""

import json
import os
import shutil
import signal
import subprocess
import time
from pathlib import Path

import pytest
from conftest import SAMPLES, SUMMARISE, run_cli
from distributed import Client, LocalCluster

from summarise.cluster import LoadOnWorker
from summarise.cores import fair_share
from summarise.options import Options
from summarise.speech import decode_mp3

VARYING = ("timings", "processed")  # report fields that differ from run to run


@pytest.fixture(scope="module")
def cluster():
    """A scheduler and two single-threaded worker processes (restarted by their nannies if killed)."""
    with (
        LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1", dashboard_address=None
        ) as local,
        Client(local) as client,
    ):
        yield local.scheduler_address, client


def releases(tmp_path: Path, n: int) -> Path:
    src = tmp_path / "src"
    src.mkdir()
    for path in sorted(SAMPLES.iterdir())[:n]:
        shutil.copy(path, src / path.name)
    return src


def outputs(out: Path) -> tuple[dict, dict]:
    """The texts, and the reports without their timings, of a results folder."""
    texts = {p.name: p.read_text(encoding="utf-8") for p in out.glob("*.txt")}
    reports = {}
    for path in out.glob("*.json"):
        data = json.loads(path.read_text(encoding="utf-8"))
        reports[path.name] = {k: v for k, v in data.items() if k not in VARYING}
    return texts, reports


def test_cluster_writes_what_a_plain_run_writes_and_an_unchanged_rerun_does_no_work(cluster, tmp_path):
    address, _ = cluster
    src = releases(tmp_path, 4)
    plain = run_cli("run", str(src), "-o", str(tmp_path / "plain"), "--voice", "espeak", "-q")
    on_cluster = run_cli("run", str(src), "-o", str(tmp_path / "cluster"), "--voice", "espeak", "--cluster", address)
    assert plain.returncode == on_cluster.returncode == 0, on_cluster.stderr
    assert "4 items: 4 done, 0 unchanged, 0 failed" in on_cluster.stderr
    assert outputs(tmp_path / "cluster") == outputs(tmp_path / "plain")
    assert len(outputs(tmp_path / "cluster")[0]) == 4
    for mp3 in (tmp_path / "plain").glob("*.mp3"):
        theirs = decode_mp3((tmp_path / "cluster" / mp3.name).read_bytes())
        assert theirs.seconds == decode_mp3(mp3.read_bytes()).seconds > 5
    assert (tmp_path / "cluster" / "index.html").is_file() and (tmp_path / "cluster" / "feed.xml").is_file()

    written = {p.name: p.stat().st_mtime_ns for p in (tmp_path / "cluster").glob("*.json")}
    again = run_cli("run", str(src), "-o", str(tmp_path / "cluster"), "--voice", "espeak", "--cluster", address)
    assert again.returncode == 0, again.stderr
    assert "4 items: 0 done, 4 unchanged, 0 failed" in again.stderr
    assert {p.name: p.stat().st_mtime_ns for p in (tmp_path / "cluster").glob("*.json")} == written


def test_a_pronunciation_file_applies_on_the_workers(cluster, tmp_path):
    address, _ = cluster
    src = tmp_path / "src"
    src.mkdir()
    shutil.copy(SAMPLES / "02_missing-teenager-ellie-marsh.txt", src)
    lexicon = tmp_path / "words.yaml"
    lexicon.write_text("words:\n  Ellie: Elly-ay\n", encoding="utf-8")
    args = ("--voice", "none", "--lexicon", str(lexicon), "-q")
    plain = run_cli("run", str(src), "-o", str(tmp_path / "plain"), *args)
    done = run_cli("run", str(src), "-o", str(tmp_path / "cluster"), *args, "--cluster", address)
    assert plain.returncode == done.returncode == 0, done.stderr
    report = json.loads((tmp_path / "cluster" / "02_missing-teenager-ellie-marsh.json").read_text(encoding="utf-8"))
    assert "Elly-ay" in report["script"] and "Elly-ay" not in report["text"]
    assert outputs(tmp_path / "cluster") == outputs(tmp_path / "plain")


def test_a_bad_release_fails_by_name_and_the_rest_are_written(cluster, tmp_path):
    address, _ = cluster
    src = releases(tmp_path, 2)
    (src / "blank.txt").write_text("   \n\n", encoding="utf-8")
    done = run_cli("run", str(src), "-o", str(tmp_path / "out"), "--voice", "none", "--cluster", address)
    assert done.returncode == 1
    assert "blank.txt: the release is empty" in done.stderr
    assert "3 items: 2 done, 0 unchanged, 1 failed" in done.stderr
    assert len(list((tmp_path / "out").glob("*.txt"))) == 2 and not list((tmp_path / "out").glob("blank*"))


def test_a_model_that_cannot_load_on_the_workers_stops_the_batch(cluster, tmp_path):
    address, _ = cluster
    src = releases(tmp_path, 2)
    missing = tmp_path / "no-such-checkpoint"
    done = run_cli(
        "run",
        *(str(src), "-o", str(tmp_path / "out"), "--voice", "none", "--engine", "seq2seq", "--model", str(missing)),
        *("--cluster", address),
    )
    assert done.returncode == 2, done.stderr
    assert "summarise: error:" in done.stderr and str(missing) in done.stderr
    assert not list((tmp_path / "out").glob("*.txt"))


def test_no_scheduler_and_both_kinds_of_workers_are_clear_errors(tmp_path):
    src = releases(tmp_path, 1)
    gone = run_cli("run", str(src), "-o", str(tmp_path / "out"), "--voice", "none", "--cluster", "tcp://127.0.0.1:9")
    assert gone.returncode == 2
    assert "cannot reach the Dask scheduler at tcp://127.0.0.1:9" in gone.stderr
    env = {**os.environ, "SUMMARISE_CLUSTER": "tcp://127.0.0.1:9"}  # the address may come from the environment
    both = subprocess.run(
        [str(SUMMARISE), "run", str(src), "-o", str(tmp_path / "out"), "--workers", "2"],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
    )
    assert both.returncode == 2 and "--workers runs processes on this machine and --cluster" in both.stderr
    assert not list((tmp_path / "out").glob("*.txt"))


def test_each_worker_limits_its_thread_pools_to_its_share_of_the_cores(cluster):
    _, client = cluster
    plugin = LoadOnWorker(Options(voice="piper", audio_cache="off"), {}, "summarise-pools")
    client.register_plugin(plugin, name=plugin.name)

    def pools(dask_worker):
        import torch

        loaded = dask_worker.plugins["summarise-pools"].worker
        return torch.get_num_threads(), loaded.voice.voice.session.get_session_options().intra_op_num_threads

    try:
        seen = client.run(pools)
    finally:
        client.unregister_worker_plugin(plugin.name)
    assert list(seen.values()) == [(fair_share(2), fair_share(2))] * 2  # two workers share this machine's cores


def test_a_worker_killed_mid_batch_loses_no_item(cluster, tmp_path):
    address, client = cluster
    src, out = releases(tmp_path, 6), tmp_path / "out"
    args = [str(SUMMARISE), "run", str(src), "-o", str(out), "--voice", "espeak", "--cluster", address]
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    proc = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline and not list(out.glob("*.json")) and proc.poll() is None:
        time.sleep(0.05)
    victim = next(iter(client.run(os.getpid).values()))
    os.kill(victim, signal.SIGKILL)  # a worker dies while both work on the remaining items
    assert proc.poll() is None and len(list(out.glob("*.json"))) < 6, "the worker should die mid-batch"
    _, stderr = proc.communicate(timeout=300)
    assert proc.returncode == 0, stderr
    assert "6 items: 6 done, 0 unchanged, 0 failed" in stderr
    assert len(list(out.glob("*.json"))) == 6 and len(list(out.glob("*.mp3"))) == 6
    assert not list(out.glob(".*part"))
    for path in out.glob("*.mp3"):
        assert decode_mp3(path.read_bytes()).seconds > 5
    assert victim not in client.run(os.getpid).values()  # the nanny started a new worker in its place
