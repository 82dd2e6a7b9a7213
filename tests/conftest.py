"""Shared fixtures: the real models, loaded once per test session."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
SHARED = ROOT.parent / "shared"
CORPUS = SHARED / "corpus"
SUMMARISE = Path(sys.executable).with_name("summarise")  # the installed console script


@pytest.fixture(scope="session")
def toolkit():
    from summarise.options import Options
    from summarise.pipeline import Toolkit

    return Toolkit.load(Options(engine="extractive"))


@pytest.fixture(scope="session")
def nlp():
    from summarise.models import load_spacy

    return load_spacy()


def run_cli(*args: str, cwd: Path = ROOT, timeout: float = 600) -> subprocess.CompletedProcess:
    """Run the `summarise` console script as a user would."""
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    return subprocess.run([str(SUMMARISE), *args], cwd=cwd, capture_output=True, text=True, timeout=timeout, env=env)


needs_corpus = pytest.mark.skipif(not CORPUS.is_dir(), reason="../shared/corpus is not beside this checkout")
