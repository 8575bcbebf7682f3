"""The scripted dialogue suite (evaluation/conversations/*.yaml) replayed with a scripted generator.

One test per dialogue, so a failure names the dialogue, the turn and every unmet expectation. A
failure here is a behaviour regression (or a bug the suite found); nothing is marked xfail.

Integration, not unit: routing rests on the packaged intent regression, trained on all-MiniLM-L6-v2
vectors; over the unit tests' hashed fake vectors FAQ, smalltalk and out-of-scope turns route wrongly.
"""

from __future__ import annotations

import pytest

from assistant.config import PROJECT_ROOT
from assistant.evaluation.conversation_eval import Dialogue, load_dialogues, run_dialogue
from tests.conftest import ScriptedGenerator

pytestmark = pytest.mark.integration
DIALOGUES = load_dialogues(PROJECT_ROOT / "evaluation" / "conversations")


def test_suite_is_big_enough() -> None:
    assert len(DIALOGUES) >= 40
    assert all(2 <= len(d.turns) <= 6 for d in DIALOGUES), [
        d.name for d in DIALOGUES if not 2 <= len(d.turns) <= 6
    ]


@pytest.mark.parametrize("dialogue", DIALOGUES, ids=[d.name for d in DIALOGUES])
def test_dialogue(dialogue: Dialogue, make_assistant) -> None:  # type: ignore[no-untyped-def]
    assistant = make_assistant(ScriptedGenerator())
    outcome = run_dialogue(assistant, dialogue)
    problems = [
        f"turn {t.index} {t.user!r}: "
        + "; ".join(t.failures + [f"GROUNDING {g}" for g in t.grounding])
        + f"\n    reply: {t.reply_text!r}"
        for t in outcome.turns
        if t.failures or t.grounding
    ]
    assert not problems, f"{dialogue.name} ({dialogue.path}):\n" + "\n".join(problems)
