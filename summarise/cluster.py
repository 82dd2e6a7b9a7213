"""Run a batch's items on a Dask cluster: the workers summarise and voice, this process writes.

A worker plugin loads the toolkit and voice once on each Dask worker, its thread pools limited to its
share of that machine's cores. Each item goes to the scheduler as one task; the worker sends back the
text, report and MP3 (a `Made`), and this process writes them with the batch's atomic writes and keys,
so the workers need nothing but the scheduler's address. Only a bounded number of items is in flight,
so a batch of any size keeps this process's memory flat.

A worker that dies mid-item has its item run again on another worker by the scheduler (up to its
`allowed-failures`, 3 by default); a task that raises is tried once more (RETRIES), then its item is
reported as failed by name and the batch goes on. A model that cannot be loaded stops the batch.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import logging
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

from distributed import Client, WorkerPlugin, as_completed, get_worker
from distributed.comm import get_address_host

from .batch import Made, Outcome, Worker, attempt, write_made
from .cores import cpu_count, fair_share, limit_threads
from .errors import SummariseError
from .options import Options
from .sources import Item

log = logging.getLogger(__name__)

RETRIES = 1  # further tries of an item whose task raised, on any worker
CONNECT_TIMEOUT = 15  # seconds to reach the scheduler
WORKERS_TIMEOUT = 120  # seconds to wait for a first worker when the cluster has none
IN_FLIGHT_PER_THREAD = 4  # items queued per worker thread: enough to keep each busy, few enough to stay small
MIN_IN_FLIGHT = 8  # items in flight however small the cluster is when the batch starts


def carried_files(options: Options) -> dict[str, dict[str, bytes]]:
    """The files the options name that a worker must read (pronunciations, a Piper voice), by option field,
    as name -> bytes: they travel with the plugin, so workers need no shared folder."""
    wanted = {"lexicon": [options.lexicon], "piper_voice": [options.piper_voice, f"{options.piper_voice}.json"]}
    files = {}
    for field, paths in wanted.items():
        if not paths[0]:
            continue
        try:
            files[field] = {Path(p).name: Path(p).read_bytes() for p in paths}
        except OSError as exc:
            raise SummariseError(f"{exc.filename}: cannot read it ({exc.strerror})") from exc
    return files


def plugin_name(options: Options, files: dict) -> str:
    """The plugin's name on the workers: one per set of options, so two batches with different options can
    share a cluster."""
    digest = hashlib.sha256(json.dumps(dataclasses.asdict(options), sort_keys=True, default=str).encode())
    for field, named in sorted(files.items()):
        for name, data in sorted(named.items()):
            digest.update(f"\0{field}\0{name}\0".encode() + data)
    return f"summarise-{digest.hexdigest()[:16]}"


class LoadOnWorker(WorkerPlugin):
    """A Dask worker plugin: loads the toolkit and voice once on each worker, for every item it runs."""

    def __init__(self, options: Options, files: dict[str, dict[str, bytes]], name: str) -> None:
        self.options, self.files, self.name = options, files, name
        self.worker: Worker | None = None
        self.folder: Path | None = None  # where this worker keeps the carried files

    async def setup(self, worker) -> None:
        """Limit this worker's thread pools to its share of its machine's cores, then load (errors go to the
        client that registered the plugin, which stops its batch)."""
        import asyncio

        identity = await worker.scheduler.identity()
        host = get_address_host(worker.address)
        threads_on_host = sum(w["nthreads"] for w in identity["workers"].values() if w["host"] == host)
        threads = fair_share(max(threads_on_host, worker.state.nthreads), cores=cpu_count())
        options = self._with_files(Path(worker.local_directory))
        self.worker = await asyncio.to_thread(_load, options, threads)

    def teardown(self, worker) -> None:
        self.worker = None
        if self.folder is not None:
            shutil.rmtree(self.folder, ignore_errors=True)

    def _with_files(self, folder: Path) -> Options:
        """The options, with each carried file written under `folder` and named there."""
        if not self.files:
            return self.options
        target = self.folder = Path(tempfile.mkdtemp(prefix="summarise-", dir=folder))
        changes = {}
        for field, named in self.files.items():
            for name, data in named.items():
                (target / name).write_bytes(data)
            changes[field] = str(target / next(iter(named)))
        return dataclasses.replace(self.options, **changes)


def _load(options: Options, threads: int) -> Worker:
    limit_threads(threads)
    return Worker(options, threads=threads)


def summarise_on_worker(item: Item, name: str) -> Made | Outcome:
    """A cluster task: one item summarised and voiced by the worker's loaded plugin.

    A fault of the item itself (a bad release, a voice error) is its failed outcome; anything else raises,
    so that Dask tries the item again."""
    plugin = get_worker().plugins.get(name)
    if plugin is None or plugin.worker is None:
        raise RuntimeError("this worker has not loaded summarise (its plugin setup failed); see the worker's log")
    try:
        return plugin.worker.make(item)
    except SummariseError as exc:
        return Outcome(item.name, item.stem, "failed", str(exc))


def connect(address: str):
    """A Dask client of the scheduler at `address`, with at least one worker."""
    try:
        client = Client(address, timeout=CONNECT_TIMEOUT, set_as_default=False)
    except (OSError, TimeoutError, ValueError) as exc:
        raise SummariseError(
            f"cannot reach the Dask scheduler at {address} ({exc}); start one with `dask scheduler` "
            "and check the address (tcp://host:8786)"
        ) from exc
    try:
        client.wait_for_workers(1, timeout=WORKERS_TIMEOUT)
    except TimeoutError as exc:
        client.close()
        raise SummariseError(
            f"the Dask scheduler at {address} has no workers; start some with `dask worker {address} --nthreads 1`"
        ) from exc
    return client


def run_on_cluster(pending: list[tuple[Item, str]], out_dir: Path, *, options: Options) -> Iterator[Outcome]:
    """Yield an outcome per pending (item, key), each item done on the cluster at `options.cluster` and
    written here."""
    files = carried_files(options)
    name = plugin_name(options, files)
    client = connect(options.cluster)
    try:
        threads = client.nthreads()
        log.info("Dask cluster at %s: %d workers, %d threads", options.cluster, len(threads), sum(threads.values()))
        _register(client, LoadOnWorker(options, files, name))
        yield from _outcomes(client, pending, out_dir, name)
    finally:
        _unregister(client, name)
        client.close()


def _register(client, plugin: LoadOnWorker) -> None:
    """Load on every worker; a load error (a model or voice that cannot be loaded) stops the batch."""
    try:
        client.register_plugin(plugin, name=plugin.name)
    except SummariseError:
        raise
    except Exception as exc:  # noqa: BLE001 - whatever stopped the workers loading, said in one line
        raise SummariseError(f"the Dask workers could not load summarise: {type(exc).__name__}: {exc}") from exc


def _unregister(client, name: str) -> None:
    """Free the workers' models once the batch is over (a shared cluster runs other work too)."""
    try:
        client.unregister_worker_plugin(name)
    except Exception as exc:  # noqa: BLE001 - the batch's results are written; a cluster gone by now is fine
        log.debug("plugin %s not unregistered: %s", name, exc)


def _outcomes(client, pending: list[tuple[Item, str]], out_dir: Path, name: str) -> Iterator[Outcome]:
    """Submit items a window at a time, and write each result as it comes back."""
    todo = iter(pending)
    window = max(MIN_IN_FLIGHT, IN_FLIGHT_PER_THREAD * sum(client.nthreads().values()))
    submitted: dict = {}
    running = as_completed(loop=client.loop)

    def submit_next() -> None:
        for item, key in todo:
            future = client.submit(summarise_on_worker, item, name, retries=RETRIES, pure=False)
            submitted[future.key] = (item, key)
            running.add(future)
            return

    for _ in range(window):
        submit_next()
    for future in running:
        item, key = submitted.pop(future.key)
        yield _written(future, item, key, out_dir)
        future.release()
        submit_next()


def _written(future, item: Item, key: str, out_dir: Path) -> Outcome:
    """Write what a worker sent back; a task that failed twice or lost its workers fails its item."""
    try:
        made = future.result()
    except Exception as exc:  # noqa: BLE001 - one item's crash on the cluster never stops the batch
        detail = f"{item.name}: failed on the cluster, and again when retried ({type(exc).__name__}: {exc})"
        return Outcome(item.name, item.stem, "failed", detail)
    if isinstance(made, Outcome):
        return made
    return attempt(item, lambda: write_made(out_dir, item, key, made), seconds=made.seconds)
