"""A shop that installs the assistant as a package (a wheel, not an editable checkout) gets a working
assistant: every data file under assistant/ ships in the wheel, and the installed command imports a
catalog and answers a chat turn from a directory that is not the repository.

The fresh venv borrows the heavy dependencies (torch, chromadb, the packaged models) from this venv
through a .pth line instead of installing them again; a plain path line does not run this venv's
editable-install hook, so `assistant` can only come from the wheel.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

pytestmark = pytest.mark.integration

REPO = Path(__file__).resolve().parents[2]
KNOWLEDGE = REPO / "knowledge"


def data_files_in_source() -> set[str]:
    """Every file under assistant/ that Python code reads at run time rather than imports."""
    return {
        path.relative_to(REPO).as_posix()
        for path in (REPO / "assistant").rglob("*")
        if path.is_file() and path.suffix not in (".py", ".pyc") and "__pycache__" not in path.parts
    }


def build_wheel(tmp: Path) -> Path:
    """`pip wheel --no-deps` of a copy of the sources, so the build writes nothing into the repo."""
    src = tmp / "src"
    shutil.copytree(REPO / "assistant", src / "assistant", ignore=shutil.ignore_patterns("__pycache__"))
    for name in ("pyproject.toml", "README.md"):
        shutil.copy2(REPO / name, src / name)
    dist = tmp / "dist"
    # No build isolation: it would download setuptools; this venv already has the build backend.
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(dist),
            str(src),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    (wheel,) = dist.glob("shop_assistant-*.whl")
    return wheel


def fresh_venv(tmp: Path, wheel: Path) -> Path:
    """A new venv with only the wheel installed; the dependencies are this venv's site-packages."""
    venv = tmp / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True, timeout=120)
    python = venv / "bin" / "python"
    purelib = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        check=True, capture_output=True, text=True,
    ).stdout.strip()  # fmt: skip
    (Path(purelib) / "borrowed_dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    # pip itself is borrowed too; it installs into the interpreter that runs it (the fresh venv).
    subprocess.run(
        [str(python), "-m", "pip", "install", "--no-deps", "--no-index", "-q", str(wheel)],
        check=True, capture_output=True, timeout=300,
    )  # fmt: skip
    return venv


def run(venv: Path, args: list[str], cwd: Path, env: dict[str, str]) -> str:
    done = subprocess.run(
        [str(venv / "bin" / "assistant"), *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert done.returncode == 0, f"assistant {args[0]} failed:\n{done.stdout}\n{done.stderr}"
    return done.stdout


def test_installed_wheel_imports_a_catalog_and_answers(tmp_path: Path) -> None:
    wheel = build_wheel(tmp_path)
    shipped = set(zipfile.ZipFile(wheel).namelist())
    missing = data_files_in_source() - shipped
    assert not missing, (
        f"data files left out of the wheel (pyproject [tool.setuptools.package-data]): {missing}"
    )

    venv = fresh_venv(tmp_path, wheel)
    work = tmp_path / "elsewhere"  # not the repo: nothing may be found relative to the cwd
    work.mkdir()
    env = {k: v for k, v in os.environ.items() if not k.startswith("ASSISTANT_") and k != "PYTHONPATH"}
    env.update(
        HF_HUB_OFFLINE="1",
        TRANSFORMERS_OFFLINE="1",
        ANONYMIZED_TELEMETRY="False",
        ASSISTANT_DATA_DIR=str(tmp_path / "data"),
        ASSISTANT_GENERATOR_BACKEND="none",
    )
    where = subprocess.run(
        [str(venv / "bin" / "python"), "-c", "import assistant; print(assistant.__file__)"],
        cwd=work, env=env, check=True, capture_output=True, text=True,
    ).stdout  # fmt: skip
    assert where.startswith(str(venv)), f"assistant was imported from {where}, not from the wheel"

    run(
        venv,
        ["ingest", "--quiet", "--catalog", str(KNOWLEDGE / "catalog.jsonl"), "--faq", str(KNOWLEDGE / "faqs.jsonl"),
         "--policies", str(KNOWLEDGE / "policies"), "--customers", str(KNOWLEDGE / "customers.jsonl"),
         "--orders", str(KNOWLEDGE / "orders.jsonl")],
        work,
        env,
    )  # fmt: skip
    reply = json.loads(run(venv, ["chat", "--json", "tents for two"], work, env))

    titles = {
        json.loads(line)["title"] for line in (KNOWLEDGE / "catalog.jsonl").read_text().splitlines() if line
    }
    shown = [item["title"] for item in reply["items"]]
    assert shown, f"no products for 'tents for two': {reply['text']!r}"
    assert set(shown) <= titles, f"items not from the catalog: {set(shown) - titles}"
    assert any("tent" in title.lower() for title in shown), shown
