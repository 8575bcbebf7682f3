"""Scale-out against real servers started here, on loopback only: a `chroma run` server, an
OpenAI-compatible llama.cpp server on the packaged GGUF, and two app processes sharing both the
Chroma server and one SQLite session store."""

from __future__ import annotations

import re
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from assistant.config import PROJECT_ROOT, Settings
from tests.fakes import free_port
from tests.resilience.conftest import child_env, ingest_command

pytestmark = [pytest.mark.integration, pytest.mark.slow]


def wait_for(url: str, child: subprocess.Popen[bytes], limit_s: float = 180) -> None:
    deadline = time.monotonic() + limit_s
    while time.monotonic() < deadline:
        assert child.poll() is None, f"server for {url} exited with {child.returncode}"
        try:
            if httpx.get(url, timeout=2).status_code < 500:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.5)
    raise AssertionError(f"{url} did not come up")


def stop(child: subprocess.Popen[bytes]) -> None:
    if child.poll() is None:
        child.send_signal(signal.SIGTERM)
        try:
            child.wait(timeout=20)
        except subprocess.TimeoutExpired:
            child.kill()
            child.wait(timeout=10)


@pytest.fixture(scope="module")
def chroma_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[int, Path]]:
    """A `chroma run` server holding the small store; yields its port and the shared data dir."""
    from tests.resilience.conftest import write_catalog

    root = tmp_path_factory.mktemp("scaleout")
    port = free_port()
    chroma = shutil.which("chroma", path=str(Path(sys.executable).parent)) or "chroma"
    child = subprocess.Popen(
        [chroma, "run", "--path", str(root / "chroma-server"), "--host", "127.0.0.1", "--port", str(port)],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=child_env(root / "data", ANONYMIZED_TELEMETRY="False"),
    )  # fmt: skip
    try:
        wait_for(f"http://127.0.0.1:{port}/api/v2/heartbeat", child, 60)
        (root / "src").mkdir()
        write_catalog(root / "src" / "catalog.jsonl")
        env = child_env(root / "data", ASSISTANT_CHROMA_MODE="http", ASSISTANT_CHROMA_PORT=str(port))
        done = subprocess.run(
            ingest_command(root / "src"),
            env=env,
            cwd=PROJECT_ROOT,
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert done.returncode == 0, done.stderr[-2000:]
        assert not (root / "data" / "chroma").exists(), "http mode must not write an embedded index"
        yield port, root / "data"
    finally:
        stop(child)


def test_chroma_server_ingest_and_chat(chroma_server: tuple[int, Path]) -> None:
    from assistant.assistant import Assistant
    from assistant.storage.vectors import open_store

    port, data = chroma_server
    settings = Settings(data_dir=data, chroma_mode="http", chroma_port=port, generator_backend="none")
    store = open_store(settings)
    assert store.mode == "http" and store.count("products") >= 90
    assistant = Assistant(settings, store, build_index_if_missing=False, generator=None)
    reply = assistant.chat("http-1", "running shoes under 100")
    assert reply.items and all(
        i.price <= 100 and i.category.startswith("Shoes > Running") for i in reply.items
    )
    assert assistant.chat("http-1", "what is your return policy?").citations


def test_openai_backend_against_llama_cpp_server(shared_data_dir: Path) -> None:
    from assistant.assistant import Assistant
    from assistant.models.generators import get_generator, packaged_gguf_path
    from assistant.storage.vectors import open_store

    port = free_port()
    child = subprocess.Popen(
        [sys.executable, "-m", "llama_cpp.server", "--model", str(packaged_gguf_path()), "--host", "127.0.0.1",
         "--port", str(port), "--n_ctx", "2048", "--n_threads", "2", "--model_alias", "smollm2"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        wait_for(f"http://127.0.0.1:{port}/v1/models", child, 120)
        settings = Settings(
            data_dir=shared_data_dir,
            generator_backend="openai",
            openai_base_url=f"http://127.0.0.1:{port}/v1",
            openai_model="smollm2",
            max_new_tokens=40,
        )
        generator = get_generator(settings)
        assert generator.name == "openai"
        raw = generator.complete([{"role": "user", "content": "Say hello to a shopper."}], max_tokens=20)
        assert raw.strip(), "the server returned no text"
        assistant = Assistant(
            settings, open_store(settings), build_index_if_missing=False, generator=generator
        )
        # An OpenAI-compatible server gets whole answers (ASSISTANT_COMPOSE=auto), span-checked.
        assert assistant.dialogue.compose_level == "whole"
        reply = assistant.chat("oa-1", "waterproof hiking boots")
        assert reply.items
        # Checked: either the model's whole answer passed the span check, or it was rejected with
        # reasons and the template answer stands.
        assert reply.text_source == "generated" or reply.extra["rejected"], reply.extra
        assert assistant.canary not in reply.text
        prices = {f"{i.price:.2f}" for i in reply.items}
        for amount in re.findall(r"\$(\d[\d,]*(?:\.\d+)?)", reply.text):
            assert f"{float(amount.replace(',', '')):.2f}" in prices, (amount, reply.text)
        print(f"\nopenai backend: {reply.text_source}; lead: {reply.text.splitlines()[0]!r}")
    finally:
        stop(child)


def test_two_app_processes_share_one_conversation(chroma_server: tuple[int, Path]) -> None:
    chroma_port, data = chroma_server
    ports = [free_port(), free_port()]
    env = child_env(
        data,
        ASSISTANT_CHROMA_MODE="http",
        ASSISTANT_CHROMA_PORT=str(chroma_port),
        ASSISTANT_GENERATOR_BACKEND="none",
        ASSISTANT_RATE_LIMIT_PER_MINUTE="0",
    )
    apps = [
        subprocess.Popen([sys.executable, "app.py", "--port", str(p)], env=env, cwd=PROJECT_ROOT,
                         stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        for p in ports
    ]  # fmt: skip
    try:
        a, b = (f"http://127.0.0.1:{p}" for p in ports)
        for url, child in zip((a, b), apps, strict=True):
            wait_for(f"{url}/healthz", child)
        first = httpx.post(
            f"{a}/api/chat", json={"session_id": "two-1", "message": "running shoes under 100"}, timeout=60
        )
        shown = first.json()["items"]
        assert shown and max(i["price"] for i in shown) <= 100
        second = httpx.post(
            f"{b}/api/chat", json={"session_id": "two-1", "message": "cheaper"}, timeout=60
        ).json()
        # Process b reads the list process a showed: items below its cheapest, or an honest
        # "nothing cheaper than <its cheapest>" when a already showed the cheapest.
        floor = min(i["price"] for i in shown)
        if second["items"]:
            assert max(i["price"] for i in second["items"]) < floor
            assert all(i["category"].startswith("Shoes > Running") for i in second["items"])
        else:
            assert f"{floor:g}" in second["text"].replace(",", ""), second["text"]
        third = httpx.post(
            f"{a}/api/chat", json={"session_id": "two-1", "message": "the first one"}, timeout=60
        ).json()
        assert third["text"] and third["skill"] in ("product_question", "search")
        if second["items"]:
            assert second["items"][0]["title"] in third["text"]
        else:
            assert shown[0]["title"] in third["text"]
    finally:
        for child in apps:
            stop(child)
