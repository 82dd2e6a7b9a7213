"""A fair share of the machine's cores for each worker process, for every thread pool it starts.

Each library that computes in parallel (torch, onnxruntime for Piper, OpenBLAS under numpy, OpenMP)
starts a pool of one thread per core. N worker processes on N cores then run N x N threads that
fight over the cores, and two workers end up slower than one. A worker limits its pools to its share.
"""

from __future__ import annotations

import os

THREAD_VARIABLES = (
    "OMP_NUM_THREADS",
    "OPENBLAS_NUM_THREADS",
    "MKL_NUM_THREADS",
    "BLIS_NUM_THREADS",
)  # read by these libraries when they load: they cover a library a worker loads after its limits are set


def cpu_count() -> int:
    """The cores this process may run on (its CPU affinity), at least 1."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def fair_share(processes: int, *, cores: int | None = None) -> int:
    """Threads each of `processes` worker processes may use on a machine of `cores` cores (at least 1)."""
    return max(1, (cores or cpu_count()) // max(1, processes))


def limit_threads(threads: int) -> None:
    """Limit this process's thread pools (torch, OpenMP, BLAS, and those loaded later) to `threads` threads.

    onnxruntime takes its count per session: a Piper voice is given it when it is loaded.
    """
    from threadpoolctl import threadpool_limits

    for name in THREAD_VARIABLES:
        os.environ[name] = str(threads)
    threadpool_limits(threads)  # OpenBLAS and OpenMP already loaded (numpy, torch's libgomp)
    import torch

    torch.set_num_threads(threads)
