"""The trained quote tagger at run time: int8 ONNX on CPU, no torch needed."""

from __future__ import annotations

import json
import os
from collections.abc import Sequence
from functools import cached_property
from pathlib import Path

import numpy as np

from ..cpu import default_threads
from .onnx_graph import drop_nan_guards
from .tagging import (
    TaggedSpan,
    decode_tags,
    merge_window_logits,
    normalise_marks,
    snap_to_words,
    span_confidence,
    viterbi_tags,
    windows,
)

MODEL_DIR = Path(__file__).parent / "model"
MODEL_FILE = "model.int8.onnx"
BATCH_TOKENS = 4096
GROUP_CHARS = 400_000
# Windows overlap by window - stride word pieces. A larger stride runs fewer of them through the
# model (222: 12% fewer than the trained 190) and may cost accuracy (PolNeAR dev, all kinds, F1
# content/speaker/cue exact: 190 0.615/0.774/0.658, 214 0.616/0.765/0.651, 222 0.614/0.782/0.661,
# 230 0.614/0.769/0.658, 238 0.609/0.766/0.654). Unset: the stride the tagger was trained with.
STRIDE_VARIABLE = "PRESSLENS_QUOTE_STRIDE"


class QuoteTagger:
    """Tags content, source and cue spans in texts with the committed ONNX model."""

    def __init__(self, model_dir: Path = MODEL_DIR, threads: int | None = None):
        from tokenizers import Tokenizer

        self.model_dir = Path(model_dir)
        self.info = json.loads((self.model_dir / "tagger.json").read_text())
        self.window = int(self.info["window"])
        self.stride = int(self.info["stride"])
        configured = os.environ.get(STRIDE_VARIABLE, "").strip()
        if configured.isdigit() and 0 < int(configured) <= self.window:
            self.stride = int(configured)
        self.tokenizer = Tokenizer.from_file(str(self.model_dir / "tokenizer.json"))
        self.tokenizer.no_truncation()
        self.tokenizer.no_padding()
        self.threads = threads or default_threads()
        self._cls = self.tokenizer.token_to_id("[CLS]")
        self._sep = self.tokenizer.token_to_id("[SEP]")

    @cached_property
    def session(self):
        import onnxruntime

        options = onnxruntime.SessionOptions()
        options.intra_op_num_threads = self.threads
        options.inter_op_num_threads = 1
        # The same model without the NaN guards of its attention softmax (never triggered here):
        # the same logits, about a quarter faster.
        model, _ = drop_nan_guards((self.model_dir / MODEL_FILE).read_bytes())
        return onnxruntime.InferenceSession(model, options, providers=["CPUExecutionProvider"])

    @property
    def version(self) -> str:
        version = str(self.info.get("version", "unknown"))
        return version if self.stride == int(self.info["stride"]) else f"{version}+stride{self.stride}"

    def tag(self, texts: Sequence[str], run_options=None) -> list[list[TaggedSpan]]:
        """Spans for each text; windows from texts of about ``GROUP_CHARS`` together are batched by length (so
        memory is bounded whatever the texts). ``run_options``: onnxruntime ``RunOptions`` (another thread may
        set ``terminate`` to stop)."""
        out: list[list[TaggedSpan]] = []
        group: list[str] = []
        size = 0
        for text in texts:
            if group and size + len(text) > GROUP_CHARS:
                out += self._tag_group(group, run_options)
                group, size = [], 0
            group.append(text)
            size += len(text)
        return out + (self._tag_group(group, run_options) if group else [])

    def _tag_group(self, texts: Sequence[str], run_options=None) -> list[list[TaggedSpan]]:
        encodings = self.tokenizer.encode_batch([normalise_marks(t) for t in texts], add_special_tokens=False)
        token_ids = [encoding.ids for encoding in encodings]  # each ``.ids`` makes a new list
        jobs = []  # (text index, window start, window end)
        plans = []
        for index, ids in enumerate(token_ids):
            plan = windows(len(ids), self.window, self.stride) if ids else []
            plans.append(plan)
            jobs.extend((index, start, end) for start, end in plan)
        logits = self._run(token_ids, jobs, run_options)
        out = []
        for index, (text, encoding, plan) in enumerate(zip(texts, encodings, plans, strict=True)):
            if not plan:
                out.append([])
                continue
            window_logits = [logits[(index, start, end)] for start, end in plan]
            merged = merge_window_logits(len(token_ids[index]), plan, window_logits)
            out.append(snap_to_words(text, decode_tags(encoding.offsets, viterbi_tags(merged),
                                                       span_confidence(merged))))
        return out

    def _run(self, token_ids, jobs, run_options=None) -> dict[tuple[int, int, int], np.ndarray]:
        results = {}
        jobs = sorted(jobs, key=lambda job: job[2] - job[1])
        batch: list[tuple[int, int, int]] = []
        for job in jobs:
            width = job[2] - job[1] + 2
            if batch and width * (len(batch) + 1) > BATCH_TOKENS:
                results.update(self._run_batch(token_ids, batch, run_options))
                batch = []
            batch.append(job)
        if batch:
            results.update(self._run_batch(token_ids, batch, run_options))
        return results

    def _run_batch(self, token_ids, batch, run_options=None):
        width = max(end - start for _, start, end in batch) + 2
        input_ids = np.zeros((len(batch), width), dtype=np.int64)
        mask = np.zeros((len(batch), width), dtype=np.int64)
        for row, (index, start, end) in enumerate(batch):
            ids = [self._cls, *token_ids[index][start:end], self._sep]
            input_ids[row, : len(ids)] = ids
            mask[row, : len(ids)] = 1
        logits = self.session.run(["logits"], {"input_ids": input_ids, "attention_mask": mask}, run_options)[0]
        return {job: logits[row, 1 : job[2] - job[1] + 1] for row, job in enumerate(batch)}
