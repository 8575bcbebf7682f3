"""The packaged models, loaded for real: embedder, generator backends, speech backends."""

from __future__ import annotations

import json
import shutil
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import asdict
from pathlib import Path

import numpy as np
import pytest

from assistant.config import Settings
from assistant.contracts import Transcript
from assistant.models.embedder import Embedder, cpu_has_bf16, get_embedder, packaged_embedder_path
from assistant.models.generators import GENERATOR_BACKENDS, NoGenerator, get_generator, packaged_gguf_path
from assistant.models.llamacpp_backend import LlamaCppGenerator
from assistant.models.openai_backend import OpenAIGenerator
from assistant.models.runtime import ModelUnavailableError
from assistant.models.speech import decode_audio
from assistant.models.transcribers import (
    FasterWhisperTranscriber,
    OpenAIWhisperTranscriber,
    get_transcriber,
)

pytestmark = pytest.mark.integration

CHAT = [
    {"role": "system", "content": "You are a friendly shop assistant. Answer briefly."},
    {"role": "user", "content": "What makes a good running shoe?"},
]


@pytest.fixture()
def settings(tmp_path: Path) -> Settings:
    return Settings(data_dir=tmp_path / "data", n_threads=2, generation_timeout_s=60.0)


@pytest.fixture()
def no_network(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[object]]:
    """Any attempt to open a connection fails (and is recorded), as on an offline shop box."""
    attempts: list[object] = []

    def refuse(self: socket.socket, address: object) -> None:
        attempts.append(address)
        raise OSError(f"network disabled in test: {address}")

    def refuse_ex(self: socket.socket, address: object) -> int:
        attempts.append(address)
        return 111

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse_ex)
    yield attempts


def speak(tmp_path: Path, text: str, name: str = "clip.wav") -> bytes:
    if shutil.which("espeak-ng") is None:
        pytest.skip("espeak-ng is not installed (apt-get install espeak-ng)")
    path = tmp_path / name
    subprocess.run(["espeak-ng", "-w", str(path), text], check=True, capture_output=True)
    return path.read_bytes()


# --- embedder -------------------------------------------------------------------------------


def test_embedder_returns_normalised_384d_vectors_that_rank_by_meaning(settings: Settings) -> None:
    embedder = get_embedder(settings)
    vectors = embedder.embed(["running shoes", "jogging sneakers", "coffee grinder"])
    assert vectors.shape == (3, 384)
    assert vectors.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    shoes, sneakers, grinder = vectors
    assert float(shoes @ sneakers) > float(shoes @ grinder) + 0.2
    assert embedder.dim == 384
    assert embedder.name == "all-MiniLM-L6-v2"


def test_embedder_is_shared_and_query_vectors_are_cached(settings: Settings) -> None:
    embedder = get_embedder(settings)
    assert get_embedder(settings.model_copy(update={"top_k": 9})) is embedder
    first = embedder.embed_query("waterproof hiking boots")
    assert embedder.embed_query("waterproof hiking boots") is first
    np.testing.assert_allclose(first, embedder.embed(["waterproof hiking boots"])[0], atol=1e-6)
    with pytest.raises(ValueError):
        first[0] = 0.0  # a cached vector is read-only, so one caller cannot corrupt another's
    assert embedder.embed([]).shape == (0, 384)


def test_embedder_is_safe_under_concurrent_calls(settings: Settings) -> None:
    embedder = get_embedder(settings)
    expected = embedder.embed(["red dress", "blue jeans"])
    results: list[np.ndarray] = []

    def work() -> None:
        results.append(embedder.embed(["red dress", "blue jeans"]))

    threads = [threading.Thread(target=work) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(results) == 4
    for result in results:
        np.testing.assert_allclose(result, expected, atol=1e-5)


# --- generators -----------------------------------------------------------------------------


def test_packaged_gguf_is_found_without_importing_llm() -> None:
    path = packaged_gguf_path()
    assert path.name == "SmolLM2-135M-Instruct.Q4_1.gguf"
    assert path.stat().st_size > 50_000_000


def test_llamacpp_streams_several_chunks_and_obeys_max_tokens(settings: Settings) -> None:
    generator = get_generator(settings)
    assert isinstance(generator, LlamaCppGenerator)
    chunks = list(generator.generate(CHAT, max_tokens=12))
    assert len(chunks) >= 3
    assert all(isinstance(chunk, str) and chunk for chunk in chunks)
    text = "".join(chunks)
    assert len(generator._llama.tokenize(text.encode(), add_bos=False)) <= 12 + 1
    longer = generator.complete(CHAT, max_tokens=40, temperature=0.0)
    assert len(longer) > len(text)


def test_llamacpp_stops_at_a_stop_string(settings: Settings) -> None:
    generator = get_generator(settings)
    messages = [{"role": "user", "content": "Count from one to ten."}]
    free = generator.complete(messages, max_tokens=40, temperature=0.0)
    assert len(free) > 12
    stop = free[len(free) // 2 : len(free) // 2 + 3]  # greedy decoding repeats, so this text will recur
    stopped = generator.complete(messages, max_tokens=40, temperature=0.0, stop=[stop])
    assert stop not in stopped
    assert free.startswith(stopped)
    assert len(stopped) <= len(free) // 2


def test_shared_generator_serialises_concurrent_calls(settings: Settings) -> None:
    generator = get_generator(settings)
    assert get_generator(settings.model_copy()) is generator
    outputs: list[str] = []
    errors: list[BaseException] = []

    def work() -> None:
        try:
            outputs.append(generator.complete(CHAT, max_tokens=10, temperature=0.0))
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=work) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    # Greedy decoding of the same prompt: identical text proves no call corrupted another's context.
    assert len(outputs) == 3 and len(set(outputs)) == 1 and outputs[0]


def test_none_backend_yields_nothing(settings: Settings) -> None:
    generator = get_generator(settings.model_copy(update={"generator_backend": "none"}))
    assert isinstance(generator, NoGenerator)
    assert list(generator.generate(CHAT)) == []
    assert generator.complete(CHAT) == ""
    assert set(GENERATOR_BACKENDS) == {"llamacpp", "transformers", "openai", "none"}


@pytest.mark.slow
def test_transformers_backend_caches_dequantised_weights(
    settings: Settings, no_network: list[object]
) -> None:
    from assistant.models.transformers_backend import TransformersGenerator, cached_model_dir

    hf = settings.model_copy(update={"generator_backend": "transformers"})
    cache = cached_model_dir(hf, packaged_gguf_path())
    assert not cache.exists()
    first = TransformersGenerator(hf)
    assert first.created_cache
    assert (cache / "model.safetensors").is_file()
    assert (cache / "tokenizer.json").is_file()
    assert "quantization_config" not in json.loads((cache / "config.json").read_text())
    del first

    started = time.perf_counter()
    second = TransformersGenerator(hf)
    assert not second.created_cache
    assert second.model_dir == cache
    assert time.perf_counter() - started < 60  # generous: a cached load takes seconds, not a re-conversion
    chunks = list(second.generate(CHAT, max_tokens=12, temperature=0.0))
    assert len(chunks) >= 2
    assert "".join(chunks).strip()
    assert not no_network


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="module")
def llama_server() -> Iterator[str]:
    """A real OpenAI-compatible server (llama-cpp-python's) on the packaged GGUF, loopback only."""
    pytest.importorskip("llama_cpp.server", reason="needs llama-cpp-python[server]")
    import httpx

    port = _free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "llama_cpp.server", "--model", str(packaged_gguf_path()),
         "--host", "127.0.0.1", "--port", str(port), "--n_threads", "2", "--model_alias", "smollm2"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )  # fmt: skip
    base_url = f"http://127.0.0.1:{port}/v1"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if httpx.get(f"{base_url}/models", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if process.poll() is not None or time.monotonic() > deadline:
                pytest.fail("llama_cpp.server did not start")
            time.sleep(0.5)
        yield base_url
    finally:
        process.terminate()
        process.wait(timeout=20)


def test_openai_backend_streams_from_a_real_local_server(settings: Settings, llama_server: str) -> None:
    remote = settings.model_copy(
        update={"generator_backend": "openai", "openai_base_url": llama_server, "openai_model": "smollm2"}
    )
    generator = get_generator(remote)
    assert isinstance(generator, OpenAIGenerator)
    chunks = list(generator.generate(CHAT, max_tokens=12))
    assert len(chunks) >= 3
    # Each streamed chunk from llama.cpp's server is one token: max_tokens reached the server.
    assert len(chunks) <= 12


def test_openai_backend_reports_a_down_server(settings: Settings) -> None:
    from assistant.models.generators import GenerationError

    down = settings.model_copy(
        update={
            "generator_backend": "openai",
            "openai_base_url": f"http://127.0.0.1:{_free_port()}/v1",
            "generation_timeout_s": 5.0,
        }
    )
    with pytest.raises(GenerationError, match=r"127\.0\.0\.1"):
        get_generator(down).complete(CHAT, max_tokens=5)


# --- speech ---------------------------------------------------------------------------------


def test_faster_whisper_transcribes_espeak_speech(settings: Settings, tmp_path: Path) -> None:
    audio = decode_audio(speak(tmp_path, "show me running shoes"), "clip.wav", settings)
    transcriber = get_transcriber(settings)
    assert isinstance(transcriber, FasterWhisperTranscriber)
    transcript = transcriber.transcribe(audio)
    assert isinstance(transcript, Transcript)
    words = transcript.text.lower()
    assert "running" in words and "shoes" in words
    assert transcript.language == "en"
    assert transcript.duration_s == pytest.approx(audio.size / 16_000)


def _tiny_random_whisper_checkpoint(path: Path) -> Path:
    import torch
    import whisper
    from whisper.model import ModelDimensions

    dims = ModelDimensions(
        n_mels=80, n_audio_ctx=1500, n_audio_state=64, n_audio_head=2, n_audio_layer=1,
        n_vocab=51864, n_text_ctx=64, n_text_state=64, n_text_head=2, n_text_layer=1,
    )  # fmt: skip
    torch.manual_seed(0)
    model = whisper.model.Whisper(dims)
    torch.save({"dims": asdict(dims), "model_state_dict": model.state_dict()}, path)
    return path


def test_openai_whisper_loads_a_checkpoint_file(settings: Settings, tmp_path: Path) -> None:
    """The checkpoint is a tiny RANDOMLY INITIALISED Whisper built here: it exercises the
    checkpoint-path loading and transcription code, so its text is meaningless and only its type and
    the reported duration are checked."""
    checkpoint = _tiny_random_whisper_checkpoint(tmp_path / "tiny-random.pt")
    local = settings.model_copy(update={"speech_backend": "openai-whisper", "whisper_model": str(checkpoint)})
    transcriber = get_transcriber(local)
    assert isinstance(transcriber, OpenAIWhisperTranscriber)
    audio = np.zeros(16_000, dtype=np.float32)
    audio[4000:8000] = 0.1 * np.sin(np.arange(4000) * 0.3)
    transcript = transcriber.transcribe(audio)
    assert isinstance(transcript, Transcript)
    assert isinstance(transcript.text, str)
    assert transcript.duration_s == pytest.approx(1.0)


def test_openai_whisper_by_name_offline_says_to_pass_a_checkpoint(
    settings: Settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, no_network: list[object]
) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "empty-cache"))
    named = settings.model_copy(update={"speech_backend": "openai-whisper", "whisper_model": "base.en"})
    with pytest.raises(ModelUnavailableError, match="checkpoint"):
        get_transcriber(named)
    assert not no_network  # refused before any download was attempted


def test_faster_whisper_refuses_an_unbundled_model_name(settings: Settings) -> None:
    with pytest.raises(ModelUnavailableError, match=r"tiny\.en"):
        FasterWhisperTranscriber(settings.model_copy(update={"whisper_model": "large-v3"}))


# --- offline --------------------------------------------------------------------------------


def test_default_backends_load_and_run_without_network(
    settings: Settings, tmp_path: Path, no_network: list[object]
) -> None:
    clip = speak(tmp_path, "show me running shoes")
    # Fresh instances (not the shared ones): loading itself must not touch the network.
    embedder = Embedder(packaged_embedder_path(), n_threads=2)
    assert embedder.embed(["a red scarf"]).shape == (1, 384)
    generator = LlamaCppGenerator(settings)
    assert generator.complete(CHAT, max_tokens=5)
    transcriber = FasterWhisperTranscriber(settings)
    text = transcriber.transcribe(decode_audio(clip, "clip.wav", settings)).text.lower()
    assert "shoes" in text
    assert not no_network


# --- embedder precision ---------------------------------------------------------------------


def test_bfloat16_embeddings_are_unit_length_and_agree_with_float32() -> None:
    texts = ["waterproof hiking boots", "a 2-person tent under 2 kg", "noise cancelling headphones"]
    exact = Embedder(packaged_embedder_path(), n_threads=2, dtype="float32").embed(texts)
    fast = Embedder(packaged_embedder_path(), n_threads=2, dtype="bfloat16").embed(texts)
    assert fast.dtype == np.float32
    assert np.allclose(np.linalg.norm(fast, axis=1), 1.0, atol=1e-5)
    assert float((exact * fast).sum(axis=1).min()) > 0.99
    # The nearest neighbour of every text is the same in both precisions.
    assert ((exact @ exact.T).argsort(axis=1)[:, -2] == (fast @ fast.T).argsort(axis=1)[:, -2]).all()


def test_auto_precision_follows_the_cpu() -> None:
    embedder = Embedder(packaged_embedder_path(), n_threads=2, dtype="auto")
    assert embedder.dtype == ("bfloat16" if cpu_has_bf16() else "float32")
