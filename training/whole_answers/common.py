"""Shared pieces of the whole-answer LoRA experiment: stores, the run-time prompt, the base model.

The prompt is built exactly as `Composer.whole_answer` builds it, so the model is tuned on the
text it will see at run time; the base model is the packaged GGUF, dequantised once to a folder.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

os.environ.setdefault("HF_HUB_OFFLINE", "1")
ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from assistant.compose.composer import load_prompt  # noqa: E402
from assistant.compose.fact_sheet import FactSheet  # noqa: E402
from assistant.evaluation.mutations import load_sheets  # noqa: E402

HERE = Path(__file__).resolve().parent
SHEETS_DIR = ROOT / "evaluation" / "fact_sheets"
STORE_DIRS = {
    "demo": ROOT / "knowledge",
    "dummyjson": ROOT / "knowledge" / "stores" / "dummyjson",
    "reshaped": ROOT / "knowledge" / "stores" / "reshaped",
}
TRAIN_STORES = ("demo", "reshaped")
HELD_OUT_STORE = "dummyjson"  # never trained on: the generalisation test
CANARY = "CANARY-5e1d0c9a7b3f"  # the canary store_checker builds its checker with
BASE_DIR = Path(os.environ.get("WHOLE_BASE_DIR", "/tmp/whole_base_hf"))
THREADS = 2  # the box has 2 cores shared with others


def store_sheets(store: str) -> list[FactSheet]:
    return load_sheets(SHEETS_DIR / f"{store}.jsonl")


def prompt_messages(sheet: FactSheet) -> list[dict[str, str]]:
    """System and user messages as Composer.whole_answer fills them (shop "our shop")."""
    system = load_prompt("system").format(shop_name="our shop", canary=CANARY)
    message = sheet.question.replace("{", "(").replace("}", ")")[:500]
    user = load_prompt("whole").format(message=message, facts="\n".join(sheet.lines()))
    return [{"role": "system", "content": system}, {"role": "user", "content": user}]


def base_model_dir() -> Path:
    """The packaged GGUF dequantised to an HF folder (once; later runs load the folder)."""
    if (BASE_DIR / "config.json").exists():
        return BASE_DIR
    from assistant.models.generators import packaged_gguf_path
    from assistant.models.transformers_backend import dequantise_gguf

    dequantise_gguf(packaged_gguf_path(), BASE_DIR)
    return BASE_DIR


def load_base() -> tuple[Any, Any]:
    import torch
    from transformers import AutoModelForCausalLM, AutoTokenizer

    torch.set_num_threads(THREADS)
    folder = base_model_dir()
    tokenizer = AutoTokenizer.from_pretrained(str(folder))
    model = AutoModelForCausalLM.from_pretrained(str(folder), dtype=torch.float32)
    return model, tokenizer
