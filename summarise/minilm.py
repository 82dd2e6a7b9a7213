"""all-MiniLM-L6-v2 sentence embeddings in a few lines of torch, read straight from the model's files.

The model is a 6-layer BERT encoder; its sentence embedding is the mean of the last hidden states
over the real tokens, scaled to unit length. Running it here rather than through transformers' model
classes saves seconds at start-up (transformers' imports) and memory; tests check that both give the
same vectors.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np

MAX_TOKENS = 256  # tokens per sentence at most, as sentence-transformers configures this model


class MiniLM:
    """A BERT encoder with mean pooling; `embed(texts)` gives unit-length rows."""

    def __init__(self, folder: str | Path) -> None:
        import torch
        from safetensors.torch import load_file
        from tokenizers import Tokenizer

        folder = Path(folder)
        self.config = json.loads((folder / "config.json").read_text(encoding="utf-8"))
        self.weights = {k: v.to(torch.float32) for k, v in load_file(str(folder / "model.safetensors")).items()}
        self.tokenizer = Tokenizer.from_file(str(folder / "tokenizer.json"))
        self.tokenizer.enable_truncation(max_length=MAX_TOKENS)
        self.tokenizer.enable_padding(pad_id=self.config.get("pad_token_id", 0), pad_token="[PAD]")

    def hidden_states(self, ids, mask):
        """The last hidden states of the encoder for token ids (batch, length) and their 0/1 mask."""
        import torch.nn.functional as F

        w, c = self.weights, self.config
        heads, size, eps = c["num_attention_heads"], c["hidden_size"], c["layer_norm_eps"]
        length = ids.shape[1]
        x = (
            w["embeddings.word_embeddings.weight"][ids]
            + w["embeddings.position_embeddings.weight"][:length]
            + w["embeddings.token_type_embeddings.weight"][0]
        )
        x = F.layer_norm(x, (size,), w["embeddings.LayerNorm.weight"], w["embeddings.LayerNorm.bias"], eps)
        attend = mask.bool()[:, None, None, :]  # padding is never attended to

        def split(t):
            return t.view(t.shape[0], length, heads, size // heads).transpose(1, 2)

        for i in range(c["num_hidden_layers"]):
            p = f"encoder.layer.{i}."
            q, k, v = (
                split(F.linear(x, w[p + f"attention.self.{n}.weight"], w[p + f"attention.self.{n}.bias"]))
                for n in ("query", "key", "value")
            )
            att = F.scaled_dot_product_attention(q, k, v, attn_mask=attend).transpose(1, 2).reshape(x.shape)
            att = F.linear(att, w[p + "attention.output.dense.weight"], w[p + "attention.output.dense.bias"])
            x = F.layer_norm(
                att + x,
                (size,),
                w[p + "attention.output.LayerNorm.weight"],
                w[p + "attention.output.LayerNorm.bias"],
                eps,
            )
            h = F.gelu(F.linear(x, w[p + "intermediate.dense.weight"], w[p + "intermediate.dense.bias"]))
            h = F.linear(h, w[p + "output.dense.weight"], w[p + "output.dense.bias"])
            x = F.layer_norm(h + x, (size,), w[p + "output.LayerNorm.weight"], w[p + "output.LayerNorm.bias"], eps)
        return x

    def embed(self, texts: list[str]) -> np.ndarray:
        """Unit-length mean-pooled embeddings, one row per text."""
        import torch

        encoded = self.tokenizer.encode_batch(texts)
        ids = torch.tensor([e.ids for e in encoded])
        mask = torch.tensor([e.attention_mask for e in encoded])
        with torch.inference_mode():
            hidden = self.hidden_states(ids, mask)
            m = mask.unsqueeze(-1).float()
            pooled = (hidden * m).sum(1) / m.sum(1).clamp(min=1e-9)
            return torch.nn.functional.normalize(pooled, dim=1).numpy()
