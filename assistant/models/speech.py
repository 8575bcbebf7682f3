"""Audio in -> text: validate an upload, decode it to 16 kHz mono float32, transcribe it.

Every rejection is an ``AudioError`` whose message says what is wrong and what to do, so the API can
pass it to the shopper as it is (HTTP 400/413) and the widget can show it.
"""

from __future__ import annotations

import io
from pathlib import PurePath

import numpy as np

from assistant.config import Settings
from assistant.contracts import Transcript

SAMPLE_RATE = 16_000
MIN_AUDIO_SECONDS = 0.3
# Browsers record webm/ogg (opus); phones share m4a; desktop tools save wav/mp3/flac.
ACCEPTED_EXTENSIONS = (".wav", ".mp3", ".ogg", ".oga", ".opus", ".webm", ".weba", ".flac", ".m4a")


class AudioError(ValueError):
    """An upload that cannot be turned into speech; the message is meant for the user."""


def _accepted() -> str:
    return ", ".join(ext.lstrip(".") for ext in ACCEPTED_EXTENSIONS)


def _check_upload(data: bytes, filename: str, settings: Settings) -> None:
    if not data:
        raise AudioError("The audio upload is empty. Record again, or choose a file that contains audio.")
    if len(data) > settings.max_audio_bytes:
        raise AudioError(
            f"The audio file is too large ({len(data) / 1e6:.1f} MB; the limit is "
            f"{settings.max_audio_bytes / 1e6:.1f} MB). Send a shorter recording."
        )
    suffix = PurePath(filename or "").suffix.lower()
    # A recording posted as a bare blob has no name to judge by; the decoder sniffs its content.
    if suffix and suffix not in ACCEPTED_EXTENSIONS:
        raise AudioError(f"Unsupported audio format '{suffix}'. Accepted formats: {_accepted()}.")


def _too_long(seconds: float, settings: Settings) -> AudioError:
    return AudioError(
        f"The recording is too long ({seconds:.1f} s; the limit is {settings.max_audio_seconds:g} s). "
        "Ask a shorter question."
    )


def _not_audio(filename: str) -> AudioError:
    return AudioError(
        f"'{filename or 'upload'}' is not a readable audio file (it may be corrupt or another kind of "
        f"file). Send a recording in one of: {_accepted()}."
    )


def decode_audio(data: bytes, filename: str, settings: Settings) -> np.ndarray:
    """Decode any accepted upload to mono float32 at 16 kHz, rejecting bad input with ``AudioError``.

    Decoding stops as soon as the limit is passed, so a long file costs no more CPU than a legal one.
    """
    _check_upload(data, filename, settings)
    import av  # deferred: PyAV loads FFmpeg's shared libraries

    max_samples = int(settings.max_audio_seconds * SAMPLE_RATE)
    chunks: list[np.ndarray] = []
    total = 0
    try:
        container = av.open(io.BytesIO(data), mode="r")
    except (av.FFmpegError, ValueError, OSError, UnicodeDecodeError) as exc:
        raise _not_audio(filename) from exc
    with container:
        if not container.streams.audio:
            raise AudioError(
                f"'{filename or 'upload'}' has no audio track. Send a voice recording ({_accepted()})."
            )
        stream = container.streams.audio[0]
        # The header's duration lets a long file be refused before any decoding; not every format has one.
        if container.duration is not None and container.duration > 0:
            header_seconds = container.duration / 1_000_000
            if header_seconds > settings.max_audio_seconds + 0.5:
                raise _too_long(header_seconds, settings)
        resampler = av.AudioResampler(format="flt", layout="mono", rate=SAMPLE_RATE)
        try:
            for frame in container.decode(stream):
                for out in resampler.resample(frame):
                    chunk = out.to_ndarray().reshape(-1)
                    chunks.append(chunk)
                    total += chunk.size
                if total > max_samples:
                    raise _too_long(total / SAMPLE_RATE, settings)
            for out in resampler.resample(None):
                chunk = out.to_ndarray().reshape(-1)
                chunks.append(chunk)
                total += chunk.size
        except av.FFmpegError as exc:
            raise _not_audio(filename) from exc
    if total > max_samples:
        raise _too_long(total / SAMPLE_RATE, settings)
    if total == 0:
        raise AudioError(
            f"'{filename or 'upload'}' contains no sound (the file may be cut off). Record again and resend."
        )
    if total < MIN_AUDIO_SECONDS * SAMPLE_RATE:
        raise AudioError(
            f"The recording is too short ({total / SAMPLE_RATE:.2f} s). Hold the button and speak for at "
            f"least {MIN_AUDIO_SECONDS:g} seconds."
        )
    audio = np.concatenate(chunks).astype(np.float32, copy=False)
    if not np.isfinite(audio).all():
        raise _not_audio(filename)
    return audio


def transcribe_upload(data: bytes, filename: str, settings: Settings) -> Transcript:
    """Validate, decode and transcribe one upload with the configured (shared) speech backend."""
    from assistant.models.transcribers import get_transcriber

    audio = decode_audio(data, filename, settings)
    return get_transcriber(settings).transcribe(audio)
