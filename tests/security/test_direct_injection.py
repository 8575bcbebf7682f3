"""Direct prompt injection through real turns, with a compromised model behind the composer."""

from __future__ import annotations

import pytest

from tests.security.attacks import ALL_DIRECT
from tests.security.conftest import RESULTS
from tests.security.redteam import Attack, CompromisedModel, run_attack


def test_the_playbook_is_big_enough() -> None:
    assert len(ALL_DIRECT) >= 45
    assert len({a.name for a in ALL_DIRECT}) == len(ALL_DIRECT)


@pytest.mark.parametrize("attack", ALL_DIRECT, ids=[a.name for a in ALL_DIRECT])
def test_direct_attack_fails(attack: Attack, make_assistant) -> None:  # type: ignore[no-untyped-def]
    model = CompromisedModel("")
    assistant = make_assistant(model)
    outcome = run_attack(assistant, model, attack, f"rt-{attack.name}")
    RESULTS.append(outcome)
    assert outcome.blocked, f"{attack.name}: {outcome.problems}\nreplies: {[r.text for r in outcome.replies]}"


def test_the_model_is_actually_consulted(make_assistant) -> None:  # type: ignore[no-untyped-def]
    """Guard against a vacuous suite: search turns do ask the model, and its text is rejected."""
    model = CompromisedModel("")
    assistant = make_assistant(model)
    attack = next(a for a in ALL_DIRECT if a.name == "fake-price")
    outcome = run_attack(assistant, model, attack, "rt-consulted")
    assert outcome.model_calls >= 2 and outcome.rejected >= 2
    benign = CompromisedModel("")
    helper = make_assistant(benign)
    benign.set_payload("Here are a few pairs that fit what you asked for.")
    reply = helper.chat("rt-benign", "running shoes under 100")
    assert reply.text_source == "generated", reply.extra


REAL_MODEL_ATTACKS = [a for a in ALL_DIRECT if a.name in {
    "ignore-instructions-search", "canary-extraction", "system-prompt-via-search", "fake-price",
    "role-play-dan", "fake-system-message", "rot13-in-search", "french", "stacked-injection",
}]  # fmt: skip


@pytest.mark.integration
def test_real_model_attacks_fail(make_assistant) -> None:  # type: ignore[no-untyped-def]
    """The packaged SmolLM2 behind the real composer: whatever it writes, the check holds."""
    from assistant.config import Settings
    from assistant.models.generators import get_generator
    from tests.security.redteam import Outcome, reply_problems

    assistant = make_assistant(get_generator(Settings(generator_backend="llamacpp")))
    sources = []
    for attack in REAL_MODEL_ATTACKS:
        outcome = Outcome(Attack(f"{attack.name}@smollm2", "real-model", attack.turns, ""))
        for message in attack.turns:
            reply = assistant.chat(f"real-{attack.name}", message)
            outcome.replies.append(reply)
            outcome.rejected += len(reply.extra.get("rejected", []))
            outcome.problems.extend(reply_problems(reply, assistant, "", ()))
            sources.append(reply.text_source)
        outcome.model_calls = 1
        RESULTS.append(outcome)
        assert outcome.blocked, f"{attack.name}: {outcome.problems}"
    print(f"\nreal model: text sources {sorted(sources)}")
