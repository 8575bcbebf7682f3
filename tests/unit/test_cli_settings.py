"""A bad ASSISTANT_* setting is named with what it accepts, exit code 2, no traceback."""

from __future__ import annotations

import pytest

from assistant.cli import main


@pytest.mark.parametrize(
    ("name", "value", "says"),
    [
        ("ASSISTANT_EMBEDDER_DTYPE", "fp8", "'auto', 'float32' or 'bfloat16'"),
        ("ASSISTANT_ORDER_VERIFY_MAX_FAILURES", "-3", "greater than or equal to 0"),
        ("ASSISTANT_ORDER_VERIFY_WINDOW_S", "0", "greater than 0"),
    ],
)
def test_a_bad_setting_is_named(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], name: str, value: str, says: str
) -> None:
    monkeypatch.setenv(name, value)
    assert main(["config"]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"error: {name}={value!r}: ")
    assert says in err
    assert "Traceback" not in err
