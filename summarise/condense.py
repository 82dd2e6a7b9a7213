"""Stage 3, condense: choose or write the few sentences that carry the news.

Engines share one interface, `engine.condense(release, facts, max_sentences=...) -> list[str]`:
- `Extractive`, the embedded default: picks sentences with all-MiniLM-L6-v2 embeddings,
  position and fact coverage; works offline on any machine.
- `Seq2Seq`: any local T5 / BART / Pegasus checkpoint through transformers.
- `Chat`: a local instruction-tuned causal LM through its chat template.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from . import models
from .errors import ModelError
from .records import Fact, Release
from .text import ADDS_TO_BEFORE, split_sentences, words

log = logging.getLogger(__name__)

ENGINES = ("auto", "extractive", "seq2seq", "chat")
MIN_WORDS = 6  # words; shorter sentences are headings or fragments
LONG_WORDS = 20  # words; longer sentences are penalised (plain splits them, but less is safer)
REDUNDANT = 0.82  # cosine similarity above which two sentences say the same thing
SEQ2SEQ_WINDOW = 512  # tokens of input per generation call at most
SEQ2SEQ_NEW_TOKENS = 96  # tokens generated per call at most
CHAT_WINDOW = 2048  # tokens of release given to a chat model at most
CHAT_NEW_TOKENS = 160  # tokens a chat model may write
CHAT_INSTRUCTIONS = (
    "Summarise this public release for someone who finds reading hard. Write {n} short sentences in plain "
    "English, each under 15 words: what happened, to whom, where, when, and what the reader should do. "
    "Use only facts, names and numbers from the release. Do not give phone numbers or web addresses."
)


@dataclass(frozen=True)
class Candidate:
    text: str
    position: int  # order in the release
    figures: int  # figures, money and operation names it carries
    contacts: int  # help or media contacts it carries
    start: int = -1  # offset in the release body


_NAME_HEADING = re.compile(
    r"^(?:[A-Z][\w’'&-]*|and|of|the|upon|on|\(\w[\w ]*\))(?: (?:[A-Z][\w’'&-]*|and|of|the|upon|on|\(\w[\w ]*\))){0,5}$"
)
SECTIONS = 3  # name headings ("Caithness", "Easter Ross") from which a release is a list of sections


def _in_named_sections(paragraphs: list[str]) -> list[bool]:
    """For each paragraph, whether it sits under one of several name headings ("Caithness", "Skye and Raasay"):
    what it says holds for that place or part only, and said in a summary it would read as if it held for all."""
    heading = [bool(_NAME_HEADING.match(p.strip())) and len(words(p)) <= 6 for p in paragraphs]
    if sum(heading) < SECTIONS:
        return [False] * len(paragraphs)
    under, out = False, []
    for is_heading in heading:
        under = under or is_heading
        out.append(under and not is_heading)
    return out


def candidates(release: Release, facts: list[Fact]) -> list[Candidate]:
    """Sentences of the body that could stand in a summary, in order; none from under one of several name
    headings while enough sentences stand outside them."""
    found = _candidates(release, facts, skip=_in_named_sections(release.paragraphs))
    return found if len(found) >= SECTIONS else _candidates(release, facts, skip=[False] * len(release.paragraphs))


def _candidates(release: Release, facts: list[Fact], *, skip: list[bool]) -> list[Candidate]:
    out, offset = [], 0
    body = release.body
    for paragraph, skipped in zip(release.paragraphs, skip, strict=True):
        p_start = body.find(paragraph, offset)
        offset = p_start + len(paragraph)
        if skipped:
            continue
        for sentence in split_sentences(paragraph):
            s_start = body.find(sentence, p_start)
            s_end = s_start + len(sentence)
            inside = [f for f in facts if s_start <= f.start < s_end]
            if not _usable(sentence):
                continue
            out.append(
                Candidate(
                    text=sentence,
                    position=len(out),
                    figures=sum(f.kind in ("figure", "money", "percent", "operation") for f in inside),
                    contacts=sum(f.role in ("help", "media") for f in inside),
                    start=s_start,
                )
            )
    return out


MEDIA_ONLY = re.compile(r"\b(?:press office|media (?:enquiries|team|office)|journalists?)\b", re.IGNORECASE)


def _usable(sentence: str) -> bool:
    """A full sentence for the public: not a heading, a question, a lead-in to a list or a note for journalists."""
    stripped = sentence.rstrip("”\"’' ")
    return (
        len(words(sentence)) >= MIN_WORDS
        and stripped[-1:] in ".!"
        and not re.search(r"\bsaid:?$", stripped)
        and not MEDIA_ONLY.search(sentence)
        and not sentence.lstrip().startswith(("*", "†"))  # a footnote to a table or a list of figures
    )


class Extractive:
    """The embedded default: sentence selection with sentence embeddings."""

    name = "extractive"

    def __init__(self, embedder=None) -> None:
        self.embedder = embedder or models.load_embedder()

    def embed(self, texts: list[str]) -> np.ndarray:
        """Unit-length sentence embeddings, one row per text."""
        return self.embedder.embed(texts)

    def condense(self, release: Release, facts: list[Fact], *, max_sentences: int = 3) -> list[str]:
        cands = candidates(release, facts)
        if not cands:
            return []
        vectors = self.embed([release.title] + [c.text for c in cands])
        title, sents = vectors[0], vectors[1:]
        centroid = sents.mean(0)
        centroid /= np.linalg.norm(centroid) or 1.0
        scores = np.array([_score(c, s @ centroid, s @ title) for c, s in zip(cands, sents, strict=True)])
        chosen = _select(scores, sents @ sents.T, max_sentences, lead=_lead(cands))
        return [cands[i].text for i in sorted(_with_antecedents(chosen, cands, release.body, max_sentences + 1))]


# needs the sentence before: a pronoun, or an 'also' that adds to what it said (text.ADDS_TO_BEFORE)
LEANS_ON_BEFORE = re.compile(rf"^(?:(?:He|She|They|His|Her|Their|This|These)\b|{ADDS_TO_BEFORE.pattern[1:]})")


def _with_antecedents(chosen: list[int], cands: list[Candidate], body: str, most: int) -> set[int]:
    """'He pleaded guilty ...' comes with the sentence just before it in the release ('John Lamport, 33, was
    sentenced ...'), which says who he is; without room for it (or when it is long), the leaning sentence is
    left out."""
    out = set(chosen)
    for i in sorted(chosen):
        if not LEANS_ON_BEFORE.match(cands[i].text) or i == 0 or i - 1 in out:
            continue
        before = cands[i - 1]
        if (
            not body[before.start + len(before.text) : cands[i].start].strip()  # right before it in the release
            and len(out) < most
            and len(words(before.text)) <= LONG_WORDS + 10  # a long, hard sentence is not worth it for one pronoun
        ):
            out.add(i - 1)
        else:
            out.discard(i)
    return out


def _score(cand: Candidate, centrality: float, to_title: float) -> float:
    """How well a sentence carries the news: meaning, position and facts."""
    n_words = len(words(cand.text))
    score = 0.45 * centrality + 0.35 * to_title + 0.3 / (1 + 0.5 * cand.position)
    score += 0.06 * min(cand.figures, 3)
    score -= 0.15 * min(cand.contacts, 1)  # contacts go in "How to get help"
    score -= 0.02 * max(0, n_words - LONG_WORDS)
    if re.search(r"[“”\"]", cand.text):
        score -= 0.05  # quotes are opinions more often than news
    if OUTCOME.search(cand.text):
        score += 0.08  # what came of it: arrests, sentences, injuries, closures
    return float(score)


# What happened to people and places, or what is new: the outcome a reader asks about first
OUTCOME = re.compile(
    r"\b(?:(?:has|have|had|was|were|been) (?:been )?(?:arrested|charged|convicted|jailed|sentenced|fined|"
    r"injured|killed|rescued|seized|closed|suspended|cancelled|restricted|evacuated|launched|awarded|opened|"
    r"introduced|joined|signed up)"
    r"|(?:has|have) now \w+(?:ed|en)\b"  # "The four forces have now signed up": the news of an announcement
    r"|(?:died|pleaded guilty|was found guilty|were found guilty)"
    r"|(?:jailed|sentenced|fined|ordered to pay) (?:for|to)\b)",
    re.I,
)


def _lead(cands: list[Candidate]) -> int | None:
    """The release's lead sentence (its first usable one), when it opens the body: the news as its writer put it."""
    return 0 if cands and cands[0].position == 0 and not cands[0].contacts else None


def _select(scores: np.ndarray, similarity: np.ndarray, k: int, *, lead: int | None = None) -> list[int]:
    """Greedy maximal marginal relevance, starting from the lead when there is one; near-duplicates are never
    chosen twice."""
    chosen: list[int] = [] if lead is None else [lead]
    while len(chosen) < min(k, len(scores)):
        best, best_value = -1, -np.inf
        for i in range(len(scores)):
            if i in chosen:
                continue
            overlap = max((similarity[i, j] for j in chosen), default=0.0)
            if overlap > REDUNDANT:
                continue
            value = scores[i] - 0.5 * overlap
            if value > best_value:
                best, best_value = i, value
        if best < 0:
            break
        chosen.append(best)
    return chosen


class Seq2Seq:
    """A local seq2seq checkpoint; long inputs are chunked, then the chunk summaries condensed."""

    name = "seq2seq"

    def __init__(self, path: str | Path) -> None:
        self.path = str(path)
        self.tokenizer, self.model = models.load_seq2seq(self.path)
        params = (getattr(self.model.config, "task_specific_params", None) or {}).get("summarization", {})
        default_prefix = "summarize: " if self.model.config.model_type == "t5" else ""
        self.prefix = params.get("prefix", default_prefix)
        self.window = min(int(getattr(self.tokenizer, "model_max_length", SEQ2SEQ_WINDOW)), SEQ2SEQ_WINDOW)

    def generate(self, text: str) -> str:
        """One summary of text that fits the model's window."""
        import torch

        batch = self.tokenizer(self.prefix + text, truncation=True, max_length=self.window, return_tensors="pt")
        with torch.inference_mode():
            ids = self.model.generate(**batch, max_new_tokens=SEQ2SEQ_NEW_TOKENS, num_beams=2, do_sample=False)
        return self.tokenizer.decode(ids[0], skip_special_tokens=True).strip()

    def chunks(self, sentences: list[str]) -> list[str]:
        """Group sentences into pieces that each fit the model's window."""
        budget = self.window - len(self.tokenizer(self.prefix)["input_ids"]) - 8
        pieces, current, size = [], [], 0
        for sentence in sentences:
            n = len(self.tokenizer(sentence, add_special_tokens=False)["input_ids"])
            if current and size + n > budget:
                pieces.append(" ".join(current))
                current, size = [], 0
            current.append(sentence)
            size += n
        if current:
            pieces.append(" ".join(current))
        return pieces

    def condense(self, release: Release, facts: list[Fact], *, max_sentences: int = 3) -> list[str]:
        sentences = [s for p in release.paragraphs for s in split_sentences(p)]
        pieces = self.chunks(sentences)
        summaries = [self.generate(piece) for piece in pieces]
        summary = self.generate(" ".join(summaries)) if len(summaries) > 1 else (summaries[0] if summaries else "")
        return split_sentences(summary)[:max_sentences]


class Chat:
    """A local instruction-tuned causal LM, asked through its chat template for a few plain sentences.
    What it writes goes through plain English and the guard like any other engine's output."""

    name = "chat"

    def __init__(self, path: str | Path) -> None:
        self.path = str(path)
        self.tokenizer, self.model = models.load_causal(self.path)

    def condense(self, release: Release, facts: list[Fact], *, max_sentences: int = 3) -> list[str]:
        import torch

        body = self.tokenizer.decode(
            self.tokenizer(release.body, add_special_tokens=False)["input_ids"][:CHAT_WINDOW], skip_special_tokens=True
        )
        messages = [
            {"role": "system", "content": CHAT_INSTRUCTIONS.format(n=max_sentences)},
            {"role": "user", "content": f"{release.title}\n\n{body}"},
        ]
        batch = self.tokenizer.apply_chat_template(
            messages, add_generation_prompt=True, return_tensors="pt", return_dict=True
        )
        with torch.inference_mode():
            ids = self.model.generate(**batch, max_new_tokens=CHAT_NEW_TOKENS, do_sample=False)
        text = self.tokenizer.decode(ids[0][batch["input_ids"].shape[1] :], skip_special_tokens=True)
        return [s for s in split_sentences(" ".join(text.split())) if s][: max_sentences + 2]


def load_engine(name: str = "auto", *, model: str | None = None):
    """An engine by name: auto, extractive, seq2seq or chat (`model` names a checkpoint folder).

    `auto` uses the checkpoint named or the first in models/ (seq2seq or chat, by its config), else the
    embedded extractive engine.
    """
    if name not in ENGINES:
        raise ModelError(f"unknown engine {name!r}; choose one of: {', '.join(ENGINES)}")
    if name == "extractive":
        return Extractive()
    checkpoints = models.available_checkpoints()
    path = models.resolve_checkpoint(model) if model else (models.MODELS_DIR / checkpoints[0] if checkpoints else None)
    if path is not None:
        kind = models.checkpoint_kind(path)
        if name != "auto" and kind != name:
            raise ModelError(f"the checkpoint at {path} is a {kind} model, not a {name} one; use --engine {kind}")
        return Chat(path) if kind == "chat" else Seq2Seq(path)
    if name in ("seq2seq", "chat"):
        raise ModelError(
            f"--engine {name} needs a checkpoint: pass --model PATH or put one in {models.MODELS_DIR} "
            "(see models/README.md)"
        )
    log.info("no seq2seq checkpoint in %s; using the embedded extractive engine", models.MODELS_DIR)
    return Extractive()
