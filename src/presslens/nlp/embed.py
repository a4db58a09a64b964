"""Sentence embeddings shared by the stories and compare stages: all-MiniLM-L6-v2 as int8 ONNX (``nlp/model/``)."""

from __future__ import annotations

from collections.abc import Sequence
from functools import cached_property, lru_cache
from pathlib import Path

import numpy as np

from ..cpu import default_threads

MODEL_DIR = Path(__file__).parent / "model"
TOKENIZER = Path(__file__).parents[1] / "quotes" / "model" / "tokenizer.json"
MAX_TOKENS = 128
MAX_CHARS = 4_000  # a text is cut here before tokenizing: 128 word pieces never need more (a headline of 1 MB)
BATCH = 64


class SentenceEncoder:
    """Unit-length 384-dimensional embeddings of short texts (headlines, leads)."""

    def __init__(self, model_dir: Path = MODEL_DIR, threads: int | None = None):
        from tokenizers import Tokenizer

        self.model_dir = Path(model_dir)
        self.tokenizer = Tokenizer.from_file(str(TOKENIZER))
        self.tokenizer.enable_truncation(MAX_TOKENS)
        self.tokenizer.enable_padding()
        self.threads = threads or default_threads()

    @cached_property
    def session(self):
        import onnxruntime

        options = onnxruntime.SessionOptions()
        options.intra_op_num_threads = self.threads
        return onnxruntime.InferenceSession(str(self.model_dir / "encoder.int8.onnx"), options,
                                            providers=["CPUExecutionProvider"])

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """One row per text."""
        rows = []
        for start in range(0, len(texts), BATCH):
            encodings = self.tokenizer.encode_batch([t[:MAX_CHARS] or " " for t in texts[start:start + BATCH]])
            ids = np.array([e.ids for e in encodings], dtype=np.int64)
            mask = np.array([e.attention_mask for e in encodings], dtype=np.int64)
            rows.append(self.session.run(["embeddings"], {"input_ids": ids, "attention_mask": mask})[0])
        return np.concatenate(rows) if rows else np.zeros((0, 384), dtype=np.float32)


@lru_cache(maxsize=1)
def shared_encoder() -> SentenceEncoder:
    """The process's one encoder: its ONNX session loads on first use and stays loaded."""
    return SentenceEncoder()
