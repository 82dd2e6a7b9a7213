"""Run a batch of items through the pipeline: incremental, resumable, optionally on several processes.

An item is redone only when its key changes: a hash of its bytes, the options that shape the output and
the code itself. Its report (`<stem>.json`, which holds the key) is written last, so an item cut off by
Ctrl-C or a kill is simply redone by the next run. Web pages, index and feed are rebuilt from the reports.
"""

from __future__ import annotations

import concurrent.futures as cf
import hashlib
import json
import logging
import multiprocessing
import time
from dataclasses import asdict, dataclass
from functools import lru_cache
from pathlib import Path

from . import __version__
from .cores import fair_share, limit_threads
from .errors import SummariseError, VoiceError
from .folder import settle
from .load import release_from_bytes
from .options import Options
from .pipeline import Toolkit, summarise_release
from .publish import DRAFT, publish_batch, read_json, remove_draft, write_item
from .records import Release, Summary
from .sources import Item
from .speech import audio_cache, load_voice, offline_voice, speak

log = logging.getLogger(__name__)

OUTPUT_OPTIONS = (
    "engine",
    "model",
    "voice",
    "max_sentences",
    "gtts_tld",
    "lexicon",
    "piper_voice",
)  # options that change the output
PACKAGE = Path(__file__).resolve().parent


@dataclass(frozen=True)
class Outcome:
    """What happened to one item: done, unchanged or failed (with the reason)."""

    name: str
    stem: str
    status: str
    detail: str = ""
    seconds: float = 0.0


@lru_cache(maxsize=1)
def code_version() -> str:
    """A hash of the package's code and data: a new version of either redoes every item."""
    digest = hashlib.sha256(__version__.encode())
    for path in sorted(PACKAGE.rglob("*")):
        if path.is_file() and path.suffix in (".py", ".yaml", ".yml", ".txt", ".json"):
            digest.update(path.relative_to(PACKAGE).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:16]


def run_settings(options: Options) -> str:
    """What every item's key shares: the code, the options that change the output and the pronunciation file.
    Computed once per run."""
    settings = json.dumps({k: v for k, v in asdict(options).items() if k in OUTPUT_OPTIONS}, sort_keys=True)
    digest = hashlib.sha256(f"{code_version()}\0{settings}".encode())
    if options.lexicon:  # an edited pronunciation file changes the audio
        digest.update(Path(options.lexicon).read_bytes() if Path(options.lexicon).is_file() else b"missing")
    return digest.hexdigest()


def item_key(item: Item, settings: str) -> str:
    """The hash that says whether an item must be redone: its stem and bytes under the run's settings."""
    return hashlib.sha256(f"{settings}\0{item.stem}\0".encode() + item.data).hexdigest()[:32]


def release_hash(item: Item) -> str:
    """A hash of the release alone: what a reviewer approved stays until this changes."""
    return hashlib.sha256(item.data).hexdigest()[:32]


def is_current(out_dir: Path, stem: str, key: str, *, release: str = "") -> bool:
    """True when the item needs no work: its report has this key and every file it names is in place, or a
    reviewer approved it and its release has not changed since (whatever the options or code now are).

    A draft made beside an approved item is current when it has this key; one whose release went back to
    the approved version is deleted.
    """
    data = read_json(out_dir / f"{stem}.json")
    if data and data.get("review"):
        if release and data.get("release_hash") == release:
            remove_draft(out_dir, stem)
            return True
        return _complete(out_dir, read_json(out_dir / f"{stem}{DRAFT}.json"), key, f"{stem}{DRAFT}")
    return _complete(out_dir, data, key, stem)


def _complete(out_dir: Path, data: dict | None, key: str, name: str) -> bool:
    """True when a report has this key and its text (and audio, if it has some) are in place."""
    if not data:
        return False
    wanted = [f"{name}.txt"] + ([f"{name}.mp3"] if data.get("audio") else [])
    return data.get("key") == key and all((out_dir / n).is_file() for n in wanted)


@dataclass(frozen=True)
class Made:
    """One item summarised and voiced but not yet written: what a worker on a cluster sends back."""

    release: Release
    summary: Summary
    mp3: bytes | None
    audio: dict | None
    seconds: float  # the work it took


class Worker:
    """What one process loads once and uses for every item: the summary toolkit and the voice.

    `threads` limits the voice's thread pool (0: one thread per core); see cores.py.
    """

    def __init__(self, options: Options, *, threads: int = 0) -> None:
        self.options, self.threads = options, threads
        self.toolkit = Toolkit.load(options)
        self.voice = None if options.voice == "none" else load_voice(options.voice, options=options, threads=threads)
        self.cache = audio_cache(options)
        log.info("engine: %s; voice: %s", self.toolkit.engine.name, self.voice.name if self.voice else "none")

    def make(self, item: Item) -> Made:
        """Summarise and voice one item; raises on failure."""
        start = time.perf_counter()
        release = release_from_bytes(item.data, name=item.name)
        summary = summarise_release(release, toolkit=self.toolkit, options=self.options)
        mp3, audio = self._audio(summary.script)
        return Made(release, summary, mp3, audio, time.perf_counter() - start)

    def process(self, item: Item, out_dir: Path, key: str) -> Outcome:
        """Summarise, voice and write one item; any failure becomes a failed outcome, never an exception."""
        return attempt(item, lambda: write_made(out_dir, item, key, self.make(item)))

    def _audio(self, script: str) -> tuple[bytes | None, dict | None]:
        """MP3 of the script; under `auto`, an offline voice takes over for good if Google's service fails."""
        if self.voice is None:
            return None, None
        try:
            mp3, seconds = speak(script, voice=self.voice, cache=self.cache)
        except VoiceError as exc:
            if self.options.voice != "auto" or self.voice.name != "gtts":
                raise
            log.warning("Google's voice failed (%s); using an offline voice from now on", exc)
            self.voice = offline_voice(self.options, threads=self.threads)
            mp3, seconds = speak(script, voice=self.voice, cache=self.cache)
        return mp3, {"voice": self.voice.name, "seconds": round(seconds, 2), "bytes": len(mp3)}


def write_made(out_dir: Path, item: Item, key: str, made: Made) -> None:
    """Write an item's text, MP3 and (last) report, atomically, with its key."""
    write_item(
        out_dir,
        item.stem,
        made.release,
        made.summary,
        key=key,
        mp3=made.mp3,
        audio=made.audio,
        release_hash=release_hash(item),
    )


def attempt(item: Item, work, *, seconds: float = 0.0) -> Outcome:
    """Run `work()` for one item: a done outcome, or a failed one with the reason, never an exception.

    `seconds`: work already done for the item elsewhere (on a cluster worker), added to its time.
    """
    start = time.perf_counter() - seconds
    try:
        work()
    except SummariseError as exc:
        return Outcome(item.name, item.stem, "failed", str(exc), time.perf_counter() - start)
    except Exception as exc:  # noqa: BLE001 - one bad item must never stop the batch
        log.debug("traceback", exc_info=True)
        detail = f"{item.name}: unexpected {type(exc).__name__}: {exc}"
        return Outcome(item.name, item.stem, "failed", detail, time.perf_counter() - start)
    return Outcome(item.name, item.stem, "done", "", time.perf_counter() - start)


_WORKER: Worker | SummariseError | None = None  # one per worker process, made by _start_worker


def _start_worker(options: Options, threads: int) -> None:
    """Load the toolkit and voice in a worker process, its thread pools limited to its share of the cores;
    a load error is kept and raised by the first item."""
    global _WORKER
    limit_threads(threads)
    try:
        _WORKER = Worker(options, threads=threads)
    except SummariseError as exc:
        _WORKER = exc


def _work(item: Item, out_dir: Path, key: str) -> Outcome:
    if isinstance(_WORKER, SummariseError):
        raise _WORKER
    return _WORKER.process(item, out_dir, key)


def remove_stale_parts(out_dir: Path) -> None:
    """Delete temporary files that a killed run left behind (finished files are never temporary)."""
    for part in out_dir.glob(".*.part"):
        part.unlink(missing_ok=True)


def run_batch(
    items: list[Item],
    out_dir: Path,
    *,
    options: Options,
    on_outcome=None,
    on_start=None,
) -> list[Outcome]:
    """Process every changed item, skip unchanged ones, then rebuild the pages and feed; return the outcomes.

    `on_start(n)` is told how many items need work; `on_outcome(outcome)` hears about each item as it ends.
    """
    if options.cluster and options.workers > 1:
        raise SummariseError("--workers runs processes on this machine and --cluster on a Dask cluster: choose one")
    out_dir.mkdir(parents=True, exist_ok=True)
    settle(out_dir, options)  # the folder keeps how it is published, for later runs and the review app
    remove_stale_parts(out_dir)
    outcomes, pending = [], []
    settings = run_settings(options)
    for item in items:
        if item.error:
            outcomes.append(Outcome(item.name, item.stem, "failed", item.error))
            continue
        key = item_key(item, settings)
        if is_current(out_dir, item.stem, key, release=release_hash(item)):
            outcomes.append(Outcome(item.name, item.stem, "unchanged"))
        else:
            pending.append((item, key))
    for outcome in outcomes:
        if on_outcome:
            on_outcome(outcome)
    if on_start:
        on_start(len(pending))
    for outcome in _process(pending, out_dir, options=options):
        outcomes.append(outcome)
        if on_outcome:
            on_outcome(outcome)
    publish_batch(out_dir)
    return outcomes


def _process(pending: list, out_dir: Path, *, options: Options):
    """Yield an outcome per pending item: on a Dask cluster, in this process, or in `options.workers` processes."""
    if not pending:
        return
    if options.cluster:
        yield from _cluster(pending, out_dir, options=options)
        return
    workers = options.workers
    if workers <= 1 or len(pending) == 1:
        worker = Worker(options)
        for item, key in pending:
            yield worker.process(item, out_dir, key)
        return
    workers = min(workers, len(pending))
    threads = fair_share(workers)
    context = multiprocessing.get_context("spawn")  # fork after torch has started threads can hang
    with cf.ProcessPoolExecutor(
        workers, mp_context=context, initializer=_start_worker, initargs=(options, threads)
    ) as pool:
        futures = {pool.submit(_work, item, out_dir, key): item for item, key in pending}
        try:
            for future in cf.as_completed(futures):
                yield _result(future, futures[future])
        except BaseException:
            pool.shutdown(wait=False, cancel_futures=True)
            raise


def _cluster(pending: list, out_dir: Path, *, options: Options):
    """Yield an outcome per pending item, each done by a worker of the Dask cluster at `options.cluster`."""
    try:
        from .cluster import run_on_cluster
    except ImportError as exc:
        if exc.name not in ("dask", "distributed"):
            raise
        raise SummariseError("--cluster needs Dask: pip install 'summarise[cluster]' (scripts/setup.sh does)") from exc
    yield from run_on_cluster(pending, out_dir, options=options)


def _result(future: cf.Future, item: Item) -> Outcome:
    """The outcome a worker sent back; a worker that died is a failed item, a load error stops the batch."""
    try:
        return future.result()
    except SummariseError:
        raise
    except Exception as exc:  # noqa: BLE001 - a crashed worker process fails its item, not the batch
        return Outcome(item.name, item.stem, "failed", f"{item.name}: worker process failed ({type(exc).__name__})")
