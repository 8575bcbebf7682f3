"""Voice end to end: speech made by espeak-ng, posted to /api/voice, transcribed by the bundled
Whisper tiny.en and answered with products of the asked category; bad audio gets a clear 4xx."""

from __future__ import annotations

import json
import shutil
import subprocess
import urllib.error
import urllib.request
import uuid
from pathlib import Path

import pytest

from tests.e2e.conftest import Site

pytestmark = pytest.mark.e2e


def speak(text: str, path: Path) -> bytes:
    if shutil.which("espeak-ng") is None:
        pytest.skip("espeak-ng is not installed")
    subprocess.run(["espeak-ng", "-s", "140", "-w", str(path), text], check=True, capture_output=True)
    return path.read_bytes()


def post_audio(site: Site, data: bytes, filename: str, content_type: str = "audio/wav") -> tuple[int, dict]:
    boundary = uuid.uuid4().hex
    body = (
        (
            f'--{boundary}\r\nContent-Disposition: form-data; name="session_id"\r\n\r\nvoice-{boundary[:8]}\r\n'
            f'--{boundary}\r\nContent-Disposition: form-data; name="audio"; filename="{filename}"\r\n'
            f"Content-Type: {content_type}\r\n\r\n"
        ).encode()
        + data
        + f"\r\n--{boundary}--\r\n".encode()
    )
    request = urllib.request.Request(
        f"{site.url}/api/voice", body, {"Content-Type": f"multipart/form-data; boundary={boundary}"}
    )
    try:
        with urllib.request.urlopen(request, timeout=120) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read() or b"{}")


def test_spoken_query_returns_transcript_and_products(site: Site, tmp_path: Path) -> None:
    if not site.real:
        pytest.skip("needs the real transcriber (unset E2E_FAKE)")
    status, payload = post_audio(site, speak("Show me some backpacks.", tmp_path / "q.wav"), "q.wav")
    assert status == 200, payload
    assert "backpack" in payload["transcript"]["text"].lower()
    items = payload["reply"]["items"]
    assert items and all(item["category"].startswith("Bags > Backpacks") for item in items)


@pytest.mark.parametrize(
    ("name", "data", "fragment"),
    [
        ("empty.wav", b"", "empty"),
        ("notes.wav", b"this is a text file pretending to be audio\n" * 20, "audio"),
        ("noise.ogg", bytes(range(256)) * 40, "audio"),
        ("clip.txt", b"RIFF....WAVEfmt ", "accepted"),
    ],
)
def test_bad_audio_is_a_clear_4xx(site: Site, name: str, data: bytes, fragment: str) -> None:
    status, payload = post_audio(site, data, name)
    assert 400 <= status < 500, payload
    message = json.dumps(payload).lower()
    assert fragment in message, message


def test_too_short_clip_is_rejected(site: Site, tmp_path: Path) -> None:
    wav = tmp_path / "short.wav"
    speak("hi", wav)
    if shutil.which("sox") is None:
        pytest.skip("sox is not installed")
    cut = tmp_path / "cut.wav"
    subprocess.run(["sox", str(wav), str(cut), "trim", "0", "0.1"], check=True)
    status, payload = post_audio(site, cut.read_bytes(), "cut.wav")
    assert 400 <= status < 500 and "short" in json.dumps(payload).lower(), payload
