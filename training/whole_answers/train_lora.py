"""LoRA on SmolLM2-135M-Instruct (the packaged GGUF, dequantised) for whole answers, on CPU.

Loss is on the answer tokens only; the prompt is the run-time prompt (common.prompt_messages).
Bounded by steps and by wall-clock minutes, 2 torch threads; the adapter goes to --out.
Needs peft (`.venv/bin/pip install peft`; an experiment dependency, not in pyproject).

    .venv/bin/python training/whole_answers/train_lora.py --steps 150 --max-minutes 25
"""

from __future__ import annotations

import argparse
import json
import random
import time
from pathlib import Path
from typing import Any

from common import THREADS, load_base


def encode(
    tokenizer: Any, messages: list[dict[str, str]], target: str, max_len: int
) -> tuple[list[int], list[int]]:
    """Prompt ids (label -100) followed by the answer and the turn end (labels = ids)."""
    prompt = tokenizer.apply_chat_template(messages, add_generation_prompt=True, tokenize=False)
    prompt_ids = tokenizer(prompt, add_special_tokens=False)["input_ids"]
    answer_ids = tokenizer(target + "<|im_end|>\n", add_special_tokens=False)["input_ids"]
    ids = (prompt_ids + answer_ids)[:max_len]
    labels = ([-100] * len(prompt_ids) + answer_ids)[:max_len]
    return ids, labels


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--pairs", type=Path, default=Path("/tmp/whole_pairs/train.jsonl"))
    parser.add_argument("--out", type=Path, default=Path("/tmp/whole_lora"))
    parser.add_argument("--steps", type=int, default=150, help="optimizer steps (one pair each)")
    parser.add_argument("--max-minutes", type=float, default=25.0)
    parser.add_argument("--rank", type=int, default=16)
    parser.add_argument("--lr", type=float, default=3e-4)
    parser.add_argument("--max-len", type=int, default=1024)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument(
        "--first-layer",
        type=int,
        default=15,
        help="adapt layers from this one up: autograd then stops below it, a cheaper backward on CPU",
    )
    parser.add_argument("--resume", type=Path, help="continue training this saved adapter")
    parser.add_argument(
        "--skip", type=int, default=0, help="pairs already seen (a resumed run starts after them)"
    )
    args = parser.parse_args()

    import torch
    from peft import LoraConfig, get_peft_model

    torch.manual_seed(args.seed)
    torch.set_num_threads(THREADS)
    model, tokenizer = load_base()
    config = LoraConfig(
        r=args.rank,
        lora_alpha=2 * args.rank,
        lora_dropout=0.05,
        target_modules=["q_proj", "k_proj", "v_proj", "o_proj"],
        task_type="CAUSAL_LM",
        layers_to_transform=list(range(args.first_layer, model.config.num_hidden_layers)),
    )
    if args.resume:
        from peft import PeftModel

        model = PeftModel.from_pretrained(model, str(args.resume), is_trainable=True)
    else:
        model = get_peft_model(model, config)
    model.print_trainable_parameters()
    rows = [json.loads(line) for line in args.pairs.read_text(encoding="utf-8").splitlines() if line.strip()]
    random.Random(args.seed).shuffle(rows)
    optimizer = torch.optim.AdamW([p for p in model.parameters() if p.requires_grad], lr=args.lr)
    warmup = max(1, args.steps // 10)
    schedule = torch.optim.lr_scheduler.LambdaLR(
        optimizer, lambda s: min(1.0, (s + 1) / warmup) * max(0.1, 1 - s / args.steps)
    )
    model.train()
    start, losses = time.time(), []
    step = 0
    for step in range(args.steps):
        row = rows[(args.skip + step) % len(rows)]
        ids, labels = encode(tokenizer, row["messages"], row["target"], args.max_len)
        out = model(input_ids=torch.tensor([ids]), labels=torch.tensor([labels]))
        out.loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        optimizer.step()
        schedule.step()
        optimizer.zero_grad()
        losses.append(out.loss.item())
        if (step + 1) % 10 == 0 or step < 3:
            recent = sum(losses[-10:]) / len(losses[-10:])
            print(f"step {step + 1} loss {recent:.3f} {time.time() - start:.0f}s len {len(ids)}", flush=True)
        if time.time() - start > args.max_minutes * 60:
            print(f"stopping at the time cap after {step + 1} steps", flush=True)
            break
    args.out.mkdir(parents=True, exist_ok=True)
    model.save_pretrained(str(args.out))
    summary = {
        "steps": step + 1,
        "pairs_seen": args.skip + step + 1,
        "train_pairs": len(rows),
        "seconds": round(time.time() - start),
        "loss_first10": round(sum(losses[:10]) / min(10, len(losses)), 3),
        "loss_last10": round(sum(losses[-10:]) / min(10, len(losses)), 3),
        "rank": args.rank,
        "lr": args.lr,
        "first_layer": args.first_layer,
    }
    (args.out / "train_summary.json").write_text(json.dumps(summary, indent=1))
    print(json.dumps(summary))


if __name__ == "__main__":
    main()
