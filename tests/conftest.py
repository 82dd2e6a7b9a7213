"""Shared fixtures: the real models, loaded once per test session."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
SHARED = ROOT.parent / "shared"
CORPUS = SHARED / "corpus"
SUMMARISE = Path(sys.executable).with_name("summarise")  # the installed console script
# Spoken sentences are cached per user; tests start from an empty cache of their own (the CLI inherits it).
os.environ["SUMMARISE_CACHE"] = tempfile.mkdtemp(prefix="summarise-test-cache-")


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


def sample_tokenizer(*, vocab_size: int, eos: str, **kwargs):
    """A word-level tokenizer trained on the samples, as transformers' fast tokenizer (<pad>, eos, <unk>)."""
    from tokenizers import Tokenizer, models, pre_tokenizers, trainers
    from transformers import PreTrainedTokenizerFast

    text = [p.read_text(encoding="utf-8") for p in SAMPLES.iterdir()]
    tok = Tokenizer(models.WordLevel(unk_token="<unk>"))
    tok.pre_tokenizer = pre_tokenizers.Whitespace()
    tok.train_from_iterator(
        text, trainers.WordLevelTrainer(vocab_size=vocab_size, special_tokens=["<pad>", eos, "<unk>"])
    )
    return PreTrainedTokenizerFast(tokenizer_object=tok, pad_token="<pad>", eos_token=eos, unk_token="<unk>", **kwargs)


@pytest.fixture(scope="session")
def tiny_t5(tmp_path_factory) -> Path:
    """A tiny T5 with a tokenizer trained on the samples, saved as a real checkpoint folder."""
    import torch
    from transformers import T5Config, T5ForConditionalGeneration

    fast = sample_tokenizer(vocab_size=800, eos="</s>", model_max_length=64)
    config = T5Config(
        vocab_size=fast.vocab_size,
        d_model=16,
        d_ff=32,
        d_kv=8,
        num_layers=1,
        num_heads=2,
        decoder_start_token_id=0,
        pad_token_id=0,
        eos_token_id=1,
    )
    torch.manual_seed(0)
    folder = tmp_path_factory.mktemp("tiny-t5")
    T5ForConditionalGeneration(config).save_pretrained(folder)
    fast.save_pretrained(folder)
    return folder
