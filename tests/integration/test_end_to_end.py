"""The first end-to-end path with the real packaged models: embedder -> Chroma -> generator."""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from assistant.config import PROJECT_ROOT, Settings

pytestmark = pytest.mark.integration


def _check_items_are_real(reply, catalog, category: str, price_max: float) -> None:  # type: ignore[no-untyped-def]
    assert reply.items, reply.text
    for item in reply.items:
        product = catalog.get(item.product_id)
        assert product is not None, item
        assert product.category.startswith(category)
        variant = next((v for v in product.variants if v.id == item.variant_id), None)
        assert item.price == product.variant_price(variant) <= price_max


def test_chat_names_a_real_running_shoe_under_budget(shared_data_dir: Path) -> None:
    from assistant.assistant import Assistant

    assistant = Assistant.from_settings(Settings(data_dir=shared_data_dir))
    reply = assistant.chat("e2e-1", "I need running shoes under 100 dollars")
    _check_items_are_real(reply, assistant.catalog, "Shoes > Running", 100.0)
    first = reply.items[0]
    assert first.title in reply.text
    assert f"${first.price:,.2f}".replace(".00", "") in reply.text
    assert reply.text_source in ("generated", "regenerated", "template")
    assert set(reply.latency_ms) >= {"understand", "retrieve", "generate"}


def test_default_chat_path_uses_no_network(shared_data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every default component loads and answers with outbound connections made impossible."""
    from assistant.assistant import Assistant

    def refuse(self: socket.socket, address: object) -> None:
        if isinstance(address, tuple) and address and str(address[0]) in ("127.0.0.1", "::1", "localhost"):
            return real_connect(self, address)
        raise OSError(f"network disabled in this test: tried {address!r}")

    real_connect = socket.socket.connect
    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(
        socket, "create_connection", lambda *a, **k: (_ for _ in ()).throw(OSError("network disabled"))
    )
    assistant = Assistant.from_settings(Settings(data_dir=shared_data_dir))
    reply = assistant.chat("offline-1", "waterproof hiking boots")
    assert reply.items and all(i.category.startswith("Shoes") for i in reply.items)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_app_serves_a_page_and_answers(demo_data_dir: Path, tmp_path: Path) -> None:
    """`python app.py` (what `make run` starts) serves the web page and answers over HTTP."""
    data = tmp_path / "data"
    shutil.copytree(demo_data_dir, data)
    port = _free_port()
    env = {**os.environ, "ASSISTANT_DATA_DIR": str(data), "HF_HUB_OFFLINE": "1"}
    proc = subprocess.Popen(
        [sys.executable, str(PROJECT_ROOT / "app.py"), "--port", str(port)],
        cwd=tmp_path,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    try:
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 180
        while True:
            try:
                with urllib.request.urlopen(f"{base}/healthz", timeout=2) as r:
                    if r.status == 200:
                        break
            except OSError:
                pass
            if proc.poll() is not None or time.monotonic() > deadline:
                out = proc.stdout.read().decode() if proc.stdout else ""
                pytest.fail(f"server did not come up:\n{out[-3000:]}")
            time.sleep(1)
        with urllib.request.urlopen(f"{base}/", timeout=10) as r:
            page = r.read().decode()
        assert r.status == 200 and "<html" in page.lower()
        body = json.dumps({"session_id": "srv-1", "message": "wireless headphones under 150"}).encode()
        request = urllib.request.Request(f"{base}/api/chat", body, {"Content-Type": "application/json"})
        with urllib.request.urlopen(request, timeout=60) as r:
            reply = json.loads(r.read())
        assert reply["items"], reply
        assert all(i["price"] <= 150 for i in reply["items"])
        assert all("Headphones" in i["category"] for i in reply["items"])
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
