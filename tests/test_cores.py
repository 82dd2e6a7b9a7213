"""A worker process keeps every thread pool it starts to its share of the machine's cores."""

import json
import os
import subprocess
import sys

from conftest import ROOT

from summarise.cores import fair_share

POOLS = """
import json
from summarise.cores import limit_threads
limit_threads(1)
import torch
from threadpoolctl import threadpool_info
from summarise.speech import Piper
print(json.dumps({
    "torch": torch.get_num_threads(),
    "pools": [p["num_threads"] for p in threadpool_info()],
    "piper": Piper(threads=1).voice.session.get_session_options().intra_op_num_threads,
}))
"""


def test_fair_share_divides_the_cores_and_never_gives_none():
    assert fair_share(2, cores=2) == 1
    assert fair_share(2, cores=8) == 4
    assert fair_share(3, cores=8) == 2
    assert fair_share(4, cores=2) == 1
    assert fair_share(1, cores=2) == 2


def test_a_limited_worker_runs_one_thread_in_torch_blas_openmp_and_piper():
    env = {**os.environ, "OMP_NUM_THREADS": "", "OPENBLAS_NUM_THREADS": ""}
    done = subprocess.run(
        [sys.executable, "-c", POOLS], cwd=ROOT, capture_output=True, text=True, timeout=120, env=env, check=True
    )
    seen = json.loads(done.stdout.strip().splitlines()[-1])
    assert seen["torch"] == 1 and seen["piper"] == 1
    assert seen["pools"] and set(seen["pools"]) == {1}  # numpy's OpenBLAS and torch's OpenMP
