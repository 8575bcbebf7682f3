"""Voice uploads: every bad input gets an AudioError naming the problem; good ones decode to 16 kHz."""

from __future__ import annotations

import io
import shutil
import subprocess
import time
import wave
from pathlib import Path
from typing import Any

import numpy as np
import pytest

import assistant.models.transcribers as transcribers
from assistant.config import Settings
from assistant.contracts import Transcript
from assistant.models.speech import ACCEPTED_EXTENSIONS, AudioError, decode_audio, transcribe_upload


@pytest.fixture()
def settings() -> Settings:
    return Settings(max_audio_bytes=2_000_000, max_audio_seconds=10.0)


def tone(seconds: float, rate: int) -> np.ndarray:
    t = np.arange(int(seconds * rate)) / rate
    return (0.2 * np.sin(2 * np.pi * 300 * t)).astype(np.float32)


def wav_bytes(seconds: float, rate: int = 16_000, channels: int = 1) -> bytes:
    samples = (tone(seconds, rate) * 32767).astype(np.int16)
    frames = np.repeat(samples[:, None], channels, axis=1)
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as out:
        out.setnchannels(channels)
        out.setsampwidth(2)
        out.setframerate(rate)
        out.writeframes(frames.tobytes())
    return buffer.getvalue()


class _Unseekable:
    """A write-only sink, as a browser's MediaRecorder is: the container gets no duration header."""

    def __init__(self) -> None:
        self.buffer = io.BytesIO()

    def write(self, data: bytes) -> int:
        return self.buffer.write(data)


def encoded(container: str, codec: str, seconds: float, rate: int = 48_000, seekable: bool = True) -> bytes:
    import av

    sink: Any = io.BytesIO() if seekable else _Unseekable()
    out = av.open(sink, "w", format=container)
    stream: Any = out.add_stream(codec, rate=rate, layout="mono")
    frame = av.AudioFrame.from_ndarray(tone(seconds, rate)[None, :], format="flt", layout="mono")
    frame.sample_rate = rate
    for packet in stream.encode(frame):
        out.mux(packet)
    for packet in stream.encode(None):
        out.mux(packet)
    out.close()
    return (sink if seekable else sink.buffer).getvalue()  # type: ignore[no-any-return]


def assert_rejected(data: bytes, filename: str, settings: Settings, *phrases: str) -> AudioError:
    with pytest.raises(AudioError) as caught:
        decode_audio(data, filename, settings)
    message = str(caught.value).lower()
    for phrase in phrases:
        assert phrase.lower() in message, f"{phrase!r} not in {message!r}"
    return caught.value


# --- bad input --------------------------------------------------------------------------------


def test_empty_upload(settings: Settings) -> None:
    assert_rejected(b"", "clip.wav", settings, "empty")


def test_upload_over_the_byte_limit(settings: Settings) -> None:
    small = settings.model_copy(update={"max_audio_bytes": 10_000})
    assert_rejected(wav_bytes(1.0), "clip.wav", small, "too large", "limit")


def test_text_file_renamed_wav(settings: Settings) -> None:
    assert_rejected(
        b"I am a shopping list, not a recording.\n" * 20, "list.wav", settings, "not a readable audio"
    )


def test_random_bytes(settings: Settings) -> None:
    noise = np.random.default_rng(7).integers(0, 256, 5000, dtype=np.uint8).tobytes()
    assert_rejected(noise, "noise.wav", settings, "not a readable audio", "wav")


def test_truncated_file(settings: Settings) -> None:
    assert_rejected(wav_bytes(1.0)[:30], "cut.wav", settings, "not a readable audio")
    assert_rejected(wav_bytes(1.0)[:44], "cut.wav", settings, "no sound")  # header only


def test_too_short(settings: Settings) -> None:
    assert_rejected(wav_bytes(0.1), "blip.wav", settings, "too short", "0.3")


def test_too_long_by_header(settings: Settings) -> None:
    limited = settings.model_copy(update={"max_audio_seconds": 3.0})
    assert_rejected(wav_bytes(12.0), "speech.wav", limited, "too long", "3 s")


def test_too_long_without_a_duration_header_stops_decoding_early(settings: Settings) -> None:
    limited = settings.model_copy(update={"max_audio_seconds": 2.0})
    long_recording = encoded("webm", "libopus", 60.0, seekable=False)
    started = time.perf_counter()
    error = assert_rejected(long_recording, "recording.webm", limited, "too long")
    elapsed = time.perf_counter() - started
    # Decoding stops just past the limit, so the reported length is near it, not the full minute.
    assert "60." not in str(error)
    assert elapsed < 5.0


def test_unsupported_extension_names_the_accepted_ones(settings: Settings) -> None:
    error = assert_rejected(wav_bytes(1.0), "notes.txt", settings, "unsupported", ".txt")
    for ext in ("wav", "mp3", "ogg", "webm", "flac"):
        assert ext in str(error)


def test_video_without_audio_track(settings: Settings) -> None:
    import av

    buffer = io.BytesIO()
    out = av.open(buffer, "w", format="webm")
    stream: Any = out.add_stream("libvpx", rate=5)
    stream.width, stream.height, stream.pix_fmt = 32, 32, "yuv420p"
    for _ in range(3):
        frame = av.VideoFrame.from_ndarray(np.zeros((32, 32, 3), dtype=np.uint8), format="rgb24")
        for packet in stream.encode(frame):
            out.mux(packet)
    for packet in stream.encode(None):
        out.mux(packet)
    out.close()
    assert_rejected(buffer.getvalue(), "clip.webm", settings, "no audio track")


# --- good input -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("container", "codec", "rate", "filename"),
    [
        ("wav", "pcm_s16le", 44_100, "a.wav"),
        ("ogg", "libopus", 48_000, "a.ogg"),  # opus only runs at 8/12/16/24/48 kHz
        ("webm", "libopus", 48_000, "a.webm"),
        ("mp3", "libmp3lame", 44_100, "a.mp3"),
        ("flac", "flac", 22_050, "a.flac"),
    ],
)
def test_formats_decode_to_16k_mono_with_the_right_duration(
    settings: Settings, container: str, codec: str, rate: int, filename: str
) -> None:
    audio = decode_audio(encoded(container, codec, 1.5, rate=rate), filename, settings)
    assert audio.dtype == np.float32 and audio.ndim == 1
    assert audio.size / 16_000 == pytest.approx(1.5, abs=0.08)  # codecs pad a frame or so
    assert 0.1 < float(np.abs(audio).max()) < 0.5  # the tone survived, at its level


def test_stereo_44k_wav_is_downmixed_and_resampled(settings: Settings) -> None:
    audio = decode_audio(wav_bytes(2.0, rate=44_100, channels=2), "stereo.wav", settings)
    assert audio.size == pytest.approx(32_000, abs=32)


def test_a_nameless_blob_is_sniffed(settings: Settings) -> None:
    audio = decode_audio(encoded("webm", "libopus", 1.0, seekable=False), "blob", settings)
    assert audio.size / 16_000 == pytest.approx(1.0, abs=0.08)


def test_every_accepted_extension_is_listed_lowercase() -> None:
    assert all(ext.startswith(".") and ext == ext.lower() for ext in ACCEPTED_EXTENSIONS)


def espeak(tmp_path: Path, text: str) -> Path:
    if shutil.which("espeak-ng") is None or shutil.which("sox") is None:
        pytest.skip("needs espeak-ng and sox (apt-get install espeak-ng sox)")
    path = tmp_path / "speech.wav"
    subprocess.run(["espeak-ng", "-w", str(path), text], check=True, capture_output=True)
    return path


def test_espeak_wav_and_sox_ogg_decode_to_the_same_duration(settings: Settings, tmp_path: Path) -> None:
    wav = espeak(tmp_path, "show me running shoes")
    ogg = tmp_path / "speech.ogg"
    subprocess.run(["sox", str(wav), str(ogg)], check=True, capture_output=True)
    seconds = float(subprocess.run(["soxi", "-D", str(wav)], capture_output=True, text=True).stdout)
    from_wav = decode_audio(wav.read_bytes(), "speech.wav", settings)
    from_ogg = decode_audio(ogg.read_bytes(), "speech.ogg", settings)
    assert from_wav.size / 16_000 == pytest.approx(seconds, abs=0.01)
    assert from_ogg.size / 16_000 == pytest.approx(seconds, abs=0.05)


# --- transcribe_upload ------------------------------------------------------------------------


class _FakeTranscriber(transcribers.Transcriber):
    name = "fake"

    def __init__(self) -> None:
        self.seen: list[np.ndarray] = []

    def transcribe(self, audio: np.ndarray) -> Transcript:
        self.seen.append(audio)
        return Transcript(text="show me running shoes", language="en", duration_s=audio.size / 16_000)


def test_transcribe_upload_decodes_then_uses_the_shared_transcriber(
    settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    fake = _FakeTranscriber()
    monkeypatch.setattr(transcribers, "get_transcriber", lambda s=None: fake)
    transcript = transcribe_upload(wav_bytes(1.0), "q.wav", settings)
    assert transcript.text == "show me running shoes"
    assert transcript.duration_s == pytest.approx(1.0, abs=0.01)
    assert len(fake.seen) == 1 and fake.seen[0].dtype == np.float32


def test_transcribe_upload_does_not_reach_the_model_for_bad_audio(
    settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    fake = _FakeTranscriber()
    monkeypatch.setattr(transcribers, "get_transcriber", lambda s=None: fake)
    with pytest.raises(AudioError):
        transcribe_upload(b"", "q.wav", settings)
    assert fake.seen == []
