"""Shopper-facing sentences are data (assistant/compose/replies.yaml): every key the code asks for
exists, every placeholder a sentence names is supplied at its call sites, a shop's own file is
checked at start and really changes what a shopper reads, and no skill writes a sentence itself."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from assistant.compose.replies import RepliesError, load_replies, packaged_replies, placeholders

ROOT = Path(__file__).resolve().parents[2] / "assistant"
SKILLS = sorted((ROOT / "dialogue" / "skills").glob("*.py"))
KEY = re.compile(r"^[a-z_]+\.[a-z_]+$")
SPEAKERS = {"say", "speak"}  # the names code calls the shop's sentences by: say("search.found", n=3)


def _calls() -> list[tuple[Path, ast.Call, str]]:
    """Every say("group.key", ...) and replies.text("group.key", ...) in the package."""
    found = []
    for path in sorted(ROOT.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call) or not node.args:
                continue
            named = ast.unparse(node.func).split(".")[-1] in SPEAKERS or ast.unparse(node.func).startswith(
                ("voice(", "replies.text", "self.replies.text")
            )
            first = node.args[0]
            if named and isinstance(first, ast.Constant) and isinstance(first.value, str):
                found.append((path, node, first.value))
    return found


def _key_literals() -> set[str]:
    """String constants shaped like a key in the modules that speak: direct call arguments and
    the key tables (WHY_NOT, SCOPE_TEXT...)."""
    keys = set()
    for path in sorted({p for p, _, _ in _calls()}):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and KEY.match(node.value):
                keys.add(node.value)
    return keys


def test_every_key_the_code_asks_for_exists() -> None:
    replies = packaged_replies()
    calls = _calls()
    assert len(calls) > 60, "the scan found too few call sites: has the calling convention changed?"
    missing = sorted({f"{p.relative_to(ROOT)}: {k}" for p, _, k in calls if k not in replies.sentences})
    assert not missing, missing
    groups = {k.split(".")[0] for k in replies.sentences}
    typos = sorted(k for k in _key_literals() if k.split(".")[0] in groups and k not in replies.sentences)
    assert not typos, f"key-shaped strings with no sentence: {typos}"


def test_every_packaged_sentence_is_used() -> None:
    unused = sorted(set(packaged_replies().sentences) - _key_literals())
    assert not unused, f"sentences no code asks for: {unused}"


def test_call_sites_supply_every_placeholder_their_sentence_names() -> None:
    replies = packaged_replies()
    for path, call, key in _calls():
        if any(kw.arg is None for kw in call.keywords) or key not in replies.sentences:
            continue  # **values: checked when the turn runs
        supplied = {kw.arg for kw in call.keywords} - {"variant_of"}
        where = f"{path.relative_to(ROOT)}:{call.lineno} {key}"
        assert replies.allowed[key] <= supplied, f"{where} does not supply {replies.allowed[key] - supplied}"
        assert supplied <= replies.allowed[key], f"{where} supplies {supplied - replies.allowed[key]} unused"


def test_packaged_sentences_write_no_money_or_order_ids() -> None:
    for key, variants in packaged_replies().sentences.items():
        for sentence in variants:
            assert not re.search(r"[$€£]|\d", sentence), f"{key}: prices and ids come from placeholders"


def test_variants_are_reproducible_and_varied() -> None:
    replies = packaged_replies()
    seen = {replies.text("smalltalk.greeting", variant_of=f"s{i}:1") for i in range(40)}
    assert len(seen) == len(replies.sentences["smalltalk.greeting"]) > 1
    again = [replies.text("search.found", variant_of="abc:3", n=4, noun="tents") for _ in range(5)]
    assert len(set(again)) == 1 and "4 tents" in again[0]


def _shop_file(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "my_replies.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_shop_file_with_an_unknown_key_names_file_and_key(tmp_path: Path) -> None:
    path = _shop_file(tmp_path, 'search:\n  not_carryed: "We have no {what}."\n')
    with pytest.raises(RepliesError) as err:
        load_replies(path)
    message = str(err.value)
    assert str(path) in message and "'search.not_carryed'" in message and "search.not_carried" in message


def test_shop_file_with_an_unknown_placeholder_names_file_key_and_placeholder(tmp_path: Path) -> None:
    path = _shop_file(tmp_path, 'orders:\n  paused: "Order {order_id} is locked until {unlock_time}."\n')
    with pytest.raises(RepliesError) as err:
        load_replies(path)
    message = str(err.value)
    assert str(path) in message and "'orders.paused'" in message and "{unlock_time}" in message
    assert "{order_id}" in message  # says what it could have used


@pytest.mark.parametrize(
    "text",
    [
        'search:\n  more: "{n.__class__} more"\n',  # reaching into a value
        'search:\n  more: "{n!r} more"\n',
        'search:\n  more: "{n more"\n',
        "search:\n  more: []\n",
        "search: [1, 2]\n",
        "complete: yes please\n",
        "search:\n  more: 'a\n",
    ],
)
def test_malformed_shop_files_are_refused(tmp_path: Path, text: str) -> None:
    path = _shop_file(tmp_path, text)
    with pytest.raises(RepliesError, match=re.escape(str(path))):
        load_replies(path)


def test_a_complete_shop_file_must_have_every_key(tmp_path: Path) -> None:
    path = _shop_file(tmp_path, 'complete: true\nsmalltalk:\n  goodbye: "Ciao!"\n')
    with pytest.raises(RepliesError, match=r"no sentence for key '[a-z_]+\.[a-z_]+' and \d+ more"):
        load_replies(path)
    assert load_replies(_shop_file(tmp_path, 'smalltalk:\n  goodbye: "Ciao!"\n')).text(
        "smalltalk.goodbye"
    ) == ("Ciao!")


def test_placeholders_are_read_from_braces() -> None:
    assert placeholders("Order {order_id} ({placed}) costs {{literal}}", "t") == {"order_id", "placed"}


def test_a_shop_file_changes_a_real_turn(tmp_path: Path, make_assistant) -> None:  # type: ignore[no-untyped-def]
    path = _shop_file(
        tmp_path,
        'smalltalk:\n  greeting: "Howdy, partner! What\'re you after?"\n  goodbye: ["So long, partner!"]\n',
    )
    shop = make_assistant(replies_path=path)
    assert shop.chat("replies-1", "hello").text == "Howdy, partner! What're you after?"
    packaged = make_assistant()
    assert packaged.chat("replies-2", "hello").text in packaged_replies().sentences["smalltalk.greeting"]


def test_a_broken_shop_file_stops_the_start(tmp_path: Path, make_assistant) -> None:  # type: ignore[no-untyped-def]
    path = _shop_file(tmp_path, 'smalltalk:\n  greeting: "Hi {name}!"\n')
    with pytest.raises(RepliesError, match=r"smalltalk\.greeting.*\{name\}"):
        make_assistant(replies_path=path)


# --- no sentence written in a skill -------------------------------------------------------------
SENTENCE = re.compile(r"^[A-Z][a-z']*(?:\W+\w[\w']*){3,}")  # a capital, then at least 3 more words
# Literals that read like sentences but are not said to the shopper. Keep this list tiny.
NOT_SAID = {
    "The shopper wants: ",  # search.py: a fact line for the model's prompt (Facts), never shown
}


def _said_literals(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skip: set[int] = set()
    for node in ast.walk(tree):
        body = getattr(node, "body", None)
        first = body[0] if isinstance(body, list) and body else None
        if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):  # docstrings
            skip.add(id(first.value))
        if isinstance(node, ast.Call):
            name = ast.unparse(node.func)
            # log lines, patterns and retrieval queries are not said to a shopper
            if name.startswith(("log.", "logging.", "re.")) or name == "search_help":
                skip.update(id(n) for n in ast.walk(node))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in skip:
            text = node.value.strip()
            if SENTENCE.match(text) and node.value not in NOT_SAID:
                found.append(text)
    return found


@pytest.mark.parametrize("path", SKILLS, ids=lambda p: p.name)
def test_no_skill_writes_a_sentence(path: Path) -> None:
    assert not _said_literals(path), f"move these to assistant/compose/replies.yaml: {_said_literals(path)}"


def test_the_sentence_heuristic_finds_a_sentence(tmp_path: Path) -> None:
    module = tmp_path / "skill.py"
    module.write_text(
        '"""Docstrings Are Not Said To Anyone."""\nimport logging\nlog = logging.getLogger(1)\n'
        'log.info("Refused the order for %s", 1)\n'
        'def f(x):\n    return f"Sorry, we have no {x} today."\n',
        encoding="utf-8",
    )
    assert _said_literals(module) == ["Sorry, we have no"]
