"""The ``transformers`` generator backend: any Hugging Face causal LM, or a GGUF dequantised once.

Dequantising the packaged GGUF takes tens of seconds, so the result is saved as safetensors under
``<data dir>/models/<name>-hf/`` and later processes load that folder directly.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from assistant.config import Settings
from assistant.models.generator_base import GenerationError, Generator, Messages, packaged_gguf_path
from assistant.models.runtime import ModelUnavailableError, set_torch_threads

STAMP_FILE = "source.json"  # which GGUF (path, size, mtime) the cached folder was made from
# SmolLM2 and most small instruct models speak ChatML; used only when a tokenizer carries no template.
CHATML_TEMPLATE = (
    "{% for message in messages %}<|im_start|>{{ message['role'] }}\n{{ message['content'] }}<|im_end|>\n"
    "{% endfor %}{% if add_generation_prompt %}<|im_start|>assistant\n{% endif %}"
)


def _gguf_source(settings: Settings) -> Path | None:
    """The GGUF file to dequantise, or None when the configured model is already an HF folder."""
    custom = settings.generator_model_path
    if custom is None:
        return packaged_gguf_path()
    path = Path(custom)
    if path.is_file() and path.suffix == ".gguf":
        return path
    if path.is_dir() and settings.generator_gguf_file:
        return path / settings.generator_gguf_file
    if path.is_dir():
        return None
    raise ModelUnavailableError(
        f"ASSISTANT_GENERATOR_MODEL_PATH={custom} is neither a GGUF file nor a local Hugging Face model "
        "folder (models are never downloaded at run time)."
    )


def _stamp(gguf: Path) -> dict[str, Any]:
    stat = gguf.stat()
    return {"gguf": str(gguf.resolve()), "size": stat.st_size, "mtime": int(stat.st_mtime)}


def cached_model_dir(settings: Settings, gguf: Path) -> Path:
    return settings.resolved_data_dir() / "models" / f"{gguf.stem}-hf"


def _cache_is_current(folder: Path, gguf: Path) -> bool:
    try:
        return json.loads((folder / STAMP_FILE).read_text()) == _stamp(gguf)
    except (OSError, ValueError):
        return False


def dequantise_gguf(gguf: Path, target: Path) -> None:
    """Load a GGUF through transformers, save float weights and tokenizer as a plain HF folder."""
    from transformers import AutoModelForCausalLM, AutoTokenizer

    if not gguf.is_file():
        raise ModelUnavailableError(f"GGUF file not found: {gguf}")
    model = AutoModelForCausalLM.from_pretrained(str(gguf.parent), gguf_file=gguf.name)
    tokenizer = AutoTokenizer.from_pretrained(str(gguf.parent), gguf_file=gguf.name)
    # The GGUF loader leaves a quantizer marker that makes save_pretrained refuse; the weights are
    # already dequantised floats, so the marker is stale.
    model.hf_quantizer = None  # type: ignore[assignment]
    if hasattr(model.config, "quantization_config"):
        del model.config.quantization_config
    if not getattr(tokenizer, "chat_template", None):
        tokenizer.chat_template = CHATML_TEMPLATE
    target.parent.mkdir(parents=True, exist_ok=True)
    # Build beside the target and rename, so a crash or a second process never sees half a folder.
    staging = Path(tempfile.mkdtemp(prefix=f".{target.name}-", dir=target.parent))
    try:
        model.save_pretrained(str(staging))
        tokenizer.save_pretrained(str(staging))
        (staging / STAMP_FILE).write_text(json.dumps(_stamp(gguf)))
        staging.chmod(0o755)  # mkdtemp makes it private; the cache is as readable as the data dir
        if target.exists():
            shutil.rmtree(target)
        os.replace(staging, target)
    finally:
        if staging.exists():
            shutil.rmtree(staging, ignore_errors=True)


class _Cancel:
    """A stopping criterion the consumer flips when it stops reading, so the worker thread ends."""

    def __init__(self) -> None:
        self.event = threading.Event()

    def __call__(self, input_ids: Any, scores: Any, **kwargs: Any) -> Any:
        import torch

        return torch.full((input_ids.shape[0],), self.event.is_set(), dtype=torch.bool)


class TransformersGenerator(Generator):
    name = "transformers"

    def __init__(self, settings: Settings) -> None:
        super().__init__(settings)
        from transformers import AutoModelForCausalLM, AutoTokenizer

        set_torch_threads(settings.n_threads)
        gguf = _gguf_source(settings)
        if gguf is None:
            folder = Path(str(settings.generator_model_path))
            self.created_cache = False
        else:
            folder = cached_model_dir(settings, gguf)
            self.created_cache = not _cache_is_current(folder, gguf)
            if self.created_cache:
                dequantise_gguf(gguf, folder)
        self.model_dir = folder
        self._tokenizer: Any = AutoTokenizer.from_pretrained(str(folder))
        if not getattr(self._tokenizer, "chat_template", None):
            self._tokenizer.chat_template = CHATML_TEMPLATE
        self._model: Any = AutoModelForCausalLM.from_pretrained(str(folder), dtype="float32")
        self._model.eval()

    def _stream(
        self, messages: Messages, max_tokens: int, stop: list[str] | None, temperature: float
    ) -> Iterator[str]:
        from transformers import StoppingCriteriaList, TextIteratorStreamer

        inputs = self._tokenizer.apply_chat_template(
            messages, add_generation_prompt=True, return_tensors="pt", return_dict=True
        )
        streamer = TextIteratorStreamer(
            self._tokenizer,
            skip_prompt=True,
            skip_special_tokens=True,
            timeout=self.settings.generation_timeout_s,
        )
        cancel = _Cancel()
        kwargs: dict[str, Any] = {
            **inputs,
            "max_new_tokens": max_tokens,
            "streamer": streamer,
            "stopping_criteria": StoppingCriteriaList([cancel]),
            "pad_token_id": self._tokenizer.pad_token_id or self._tokenizer.eos_token_id,
        }
        if temperature > 0:
            kwargs.update(do_sample=True, temperature=temperature)
        else:
            kwargs.update(do_sample=False)
        if stop:
            kwargs.update(stop_strings=stop, tokenizer=self._tokenizer)
        errors: list[BaseException] = []

        def work() -> None:
            try:
                self._model.generate(**kwargs)
            except BaseException as exc:  # surfaced in the consumer thread below
                errors.append(exc)
                streamer.end()

        worker = threading.Thread(target=work, name="hf-generate", daemon=True)
        worker.start()
        try:
            yield from _cut_at_stop(streamer, stop or [])
        finally:
            cancel.event.set()
            worker.join()
        if errors:
            raise GenerationError(f"transformers generation failed: {errors[0]}") from errors[0]


def _cut_at_stop(chunks: Iterator[str], stop: list[str]) -> Iterator[str]:
    """Pass chunks through, ending before the first stop string (which may span chunks)."""
    if not stop:
        yield from chunks
        return
    hold = max(len(s) for s in stop) - 1
    pending = ""
    for chunk in chunks:
        pending += chunk
        cut = min((i for i in (pending.find(s) for s in stop) if i >= 0), default=-1)
        if cut >= 0:
            if pending[:cut]:
                yield pending[:cut]
            return
        if len(pending) > hold:
            ready, pending = pending[: len(pending) - hold], pending[len(pending) - hold :]
            yield ready
    if pending:
        yield pending
