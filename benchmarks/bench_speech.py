"""Speech real-time factor (transcription time / audio length) for faster-whisper tiny.en int8 on
espeak-ng clips; openai-whisper only when a real checkpoint is configured (ASSISTANT_WHISPER_MODEL
pointing at a local .pt file), since this machine has no hub access to fetch one.

    python -m benchmarks.bench_speech
"""

from __future__ import annotations

import os
import time
from pathlib import Path
from typing import Any

from benchmarks.common import espeak_clip, figure, save_figure, stats, temp_data_dir, write_result

REPEATS = 3
CLIPS = {
    "short": "Do you have running shoes?",
    "5s": "I need waterproof hiking boots for less than one hundred and fifty dollars.",
    "long": "Hello, I am looking for waterproof hiking boots in brown leather, size ten, for less than one "
    "hundred dollars, and I would also like a warm jacket.",
}
NO_CHECKPOINT = (
    "openai-whisper has no real checkpoint on this machine (no hub access, nothing bundled), so it was not "
    "measured. A shop obtains one by downloading e.g. tiny.en.pt once on a connected machine "
    "(`python -c \"import whisper; whisper.load_model('tiny.en', download_root='models')\"`), copying the "
    ".pt file to the box and setting ASSISTANT_SPEECH_BACKEND=openai-whisper and "
    "ASSISTANT_WHISPER_MODEL=/path/to/tiny.en.pt."
)


def _measure(transcriber: Any, audio: Any) -> dict[str, Any]:
    transcriber.transcribe(audio)  # warm-up
    runs = []
    for _ in range(REPEATS):
        started = time.perf_counter()
        transcript = transcriber.transcribe(audio)
        runs.append(time.perf_counter() - started)
    seconds = audio.size / 16_000
    return {"audio_s": round(seconds, 2), "transcribe_s": stats(runs),
            "rtf_p50": round(stats(runs)["p50"] / seconds, 3), "text": transcript.text}  # fmt: skip


def run() -> dict[str, Any]:
    from assistant.config import Settings
    from assistant.models.speech import decode_audio
    from assistant.models.transcribers import FasterWhisperTranscriber

    settings = Settings()
    out: dict[str, Any] = {"faster-whisper": {}}
    with temp_data_dir("speech") as folder:
        audio = {}
        for name, text in CLIPS.items():
            clip = espeak_clip(text, folder / f"{name}.wav", seconds=5.0 if name == "5s" else None)
            if clip is None:
                out["skipped"] = "espeak-ng is not installed"
                write_result("speech", out)
                return out
            audio[name] = (text, decode_audio(clip.read_bytes(), clip.name, settings))
    started = time.perf_counter()
    fw = FasterWhisperTranscriber(settings)
    out["load_s"] = {"faster-whisper": round(time.perf_counter() - started, 2)}
    print("speech: faster-whisper ...", flush=True)
    for name, (text, samples) in audio.items():
        out["faster-whisper"][name] = {"said": text, **_measure(fw, samples)}
    checkpoint = os.environ.get("ASSISTANT_WHISPER_MODEL", "")
    if checkpoint.endswith(".pt") and Path(checkpoint).is_file():
        from assistant.models.transcribers import OpenAIWhisperTranscriber

        ow = OpenAIWhisperTranscriber(settings.model_copy(update={"whisper_model": checkpoint}))
        out["openai-whisper"] = {name: _measure(ow, samples) for name, (_, samples) in audio.items()}
    else:
        out["openai-whisper"] = {"skipped": NO_CHECKPOINT}
    plot(out)
    write_result("speech", out)
    return out


def plot(out: dict[str, Any]) -> None:
    fig, ax = figure("Speech real-time factor (lower is faster)")
    for backend, colour in (("faster-whisper", "#4c72b0"), ("openai-whisper", "#dd8452")):
        rows = {k: v for k, v in out.get(backend, {}).items() if isinstance(v, dict)}
        if rows:
            ax.plot([r["audio_s"] for r in rows.values()], [r["rtf_p50"] for r in rows.values()], "o-",
                    color=colour, label=backend)  # fmt: skip
    ax.axhline(1.0, color="grey", linestyle=":", label="real time")
    ax.set_xlabel("clip length, s")
    ax.set_ylabel("RTF (p50)")
    ax.legend()
    save_figure(fig, "speech")


if __name__ == "__main__":
    run()
