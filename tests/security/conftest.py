"""Collects red-team outcomes and prints the count at the end of the run."""

from __future__ import annotations

from typing import Any

from tests.security.redteam import Outcome

RESULTS: list[Outcome] = []


def summary_lines(results: list[Outcome]) -> list[str]:
    blocked = sum(1 for o in results if o.blocked)
    by_check = sum(1 for o in results if o.blocked and o.stopped_by == "answer check")
    consulted = sum(1 for o in results if o.model_calls)
    lines = [
        f"red team: {len(results)} attacks tried, {blocked} blocked, {len(results) - blocked} succeeded",
        f"  the compromised model was asked in {consulted}; the answer check rejected its text in {by_check};"
        " deterministic skills and the store stopped the rest",
    ]
    for category in sorted({o.attack.category for o in results}):
        group = [o for o in results if o.attack.category == category]
        lines.append(f"  {category:<9} {len(group):>3} tried, {sum(o.blocked for o in group):>3} blocked")
    lines.extend(f"  SUCCEEDED {o.attack.name}: {o.problems[:3]}" for o in results if not o.blocked)
    return lines


def pytest_terminal_summary(terminalreporter: Any) -> None:
    if RESULTS:
        terminalreporter.section("red team")
        for line in summary_lines(RESULTS):
            terminalreporter.write_line(line)
