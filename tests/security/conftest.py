"""Collects red-team outcomes and prints the count at the end of the run."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.security.redteam import Outcome

RESULTS: list[Outcome] = []


@pytest.fixture(scope="session", autouse=True)
def red_team_summary(request: pytest.FixtureRequest) -> Iterator[list[Outcome]]:
    yield RESULTS
    if not RESULTS:
        return
    blocked = sum(1 for o in RESULTS if o.blocked)
    by_check = sum(1 for o in RESULTS if o.blocked and o.stopped_by == "answer check")
    consulted = sum(1 for o in RESULTS if o.model_calls)
    lines = [
        f"red team: {len(RESULTS)} attacks tried, {blocked} blocked, {len(RESULTS) - blocked} succeeded",
        f"  the compromised model was asked in {consulted}; the answer check rejected its text in {by_check};"
        f" deterministic skills stopped the rest",
    ]
    categories = sorted({o.attack.category for o in RESULTS})
    for category in categories:
        group = [o for o in RESULTS if o.attack.category == category]
        lines.append(f"  {category:<9} {len(group):>3} tried, {sum(o.blocked for o in group):>3} blocked")
    lines.extend(f"  SUCCEEDED {o.attack.name}: {o.problems[:3]}" for o in RESULTS if not o.blocked)
    reporter = request.config.pluginmanager.get_plugin("terminalreporter")
    for line in lines:
        if reporter is not None:
            reporter.write_line(line)
        else:
            print(line)
