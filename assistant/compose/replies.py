"""The sentences a shopper reads, as data: `replies.yaml` (packaged) or a shop's own file.

Skills never write a sentence; they ask for one by key and hand over the values it may state:
``say("orders.paused", order_id=order.order_id)``. The packaged file is the contract: its keys are
the keys the code uses, and the placeholders in its variants of a key are the values the code
supplies for that key (tests/unit/test_replies.py checks both against the call sites). A shop file
(setting ``replies_path``) is validated against that contract when the assistant starts, so a typo
in a key or a placeholder is a clear error naming the file, the key and the placeholder, not a
broken turn in front of a shopper.
"""

from __future__ import annotations

import difflib
import hashlib
import string
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import lru_cache, partial
from importlib.resources import files
from pathlib import Path
from typing import Any

import yaml

PACKAGED = "replies.yaml"
COMPLETE = "complete"  # top-level option of a shop file: true = every key is here, none falls back

# A bound sentence source: say("search.found", n=3, noun="tents") -> one variant, filled in.
Say = Callable[..., str]


class RepliesError(ValueError):
    """A replies file that cannot serve every turn: the message names the file, key and placeholder."""


def placeholders(sentence: str, where: str) -> frozenset[str]:
    """The plain `{name}` fields of a sentence. Attribute access, indexing, conversions and format
    specs are refused: a shop's text must not reach into the values it is given."""
    names = set()
    try:
        parsed = list(string.Formatter().parse(sentence))
    except ValueError as exc:
        raise RepliesError(
            f"{where}: not a valid sentence template ({exc}); write braces as {{{{ }}}}"
        ) from exc
    for _, field, spec, conversion in parsed:
        if field is None:
            continue
        if not field.isidentifier() or spec or conversion:
            raise RepliesError(f"{where}: placeholder {{{field}}} must be a plain name like {{title}}")
        names.add(field)
    return frozenset(names)


def _variants(value: object, where: str) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not value or not all(isinstance(v, str) and v.strip() for v in value):
        raise RepliesError(f"{where}: expected a sentence or a non-empty list of sentences")
    return tuple(v.strip("\n") for v in value)


def _read(text: str, origin: str) -> tuple[dict[str, tuple[str, ...]], bool]:
    """(key -> variants, complete flag) from a replies file's text; keys are "group.name"."""
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise RepliesError(f"{origin}: not valid YAML: {exc}") from exc
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise RepliesError(f"{origin}: expected groups of keys (skill: {{key: sentence}}) at the top level")
    complete = data.pop(COMPLETE, False)
    if not isinstance(complete, bool):
        raise RepliesError(f"{origin}: '{COMPLETE}' must be true or false")
    sentences: dict[str, tuple[str, ...]] = {}
    for group, keys in data.items():
        if not isinstance(keys, dict):
            raise RepliesError(f"{origin}: group '{group}' must map keys to sentences")
        for name, value in keys.items():
            key = f"{group}.{name}"
            sentences[key] = _variants(value, f"{origin}: key '{key}'")
    return sentences, complete


@dataclass(frozen=True)
class Replies:
    sentences: Mapping[str, tuple[str, ...]]  # key -> variants
    allowed: Mapping[str, frozenset[str]]  # key -> placeholders the code supplies (from the packaged file)
    origin: Mapping[str, str]  # key -> the file its sentences came from, for error messages

    def text(self, key: str, /, *, variant_of: str = "", **values: Any) -> str:
        """One variant of `key`, filled in. `variant_of` (session id and turn) makes the choice
        reproducible: the same turn gets the same words, the next turn may get others."""
        variants = self.sentences.get(key)
        if variants is None:
            raise RepliesError(f"{', '.join(sorted(set(self.origin.values())))}: no sentence for key '{key}'")
        digest = int(hashlib.sha256(f"{variant_of}|{key}".encode()).hexdigest()[:8], 16)
        sentence = variants[digest % len(variants)]
        try:
            return sentence.format(**values)
        except KeyError as exc:  # the code did not supply a value its own packaged sentence names
            raise RepliesError(
                f"{self.origin.get(key, PACKAGED)}: key '{key}' uses placeholder {{{exc.args[0]}}}, "
                f"which the code does not supply here (it supplies: {', '.join(sorted(values)) or 'nothing'})"
            ) from exc

    def voice(self, variant_of: str) -> Say:
        """`text` bound to one turn, for code that only needs to say things."""
        return partial(self.text, variant_of=variant_of)


def _from_sentences(sentences: dict[str, tuple[str, ...]], origin: str) -> Replies:
    allowed = {
        key: frozenset().union(*(placeholders(v, f"{origin}: key '{key}'") for v in variants))
        for key, variants in sentences.items()
    }
    return Replies(sentences, allowed, dict.fromkeys(sentences, origin))


@lru_cache(maxsize=1)
def packaged_replies() -> Replies:
    text = files("assistant.compose").joinpath(PACKAGED).read_text(encoding="utf-8")
    sentences, _ = _read(text, f"assistant/compose/{PACKAGED}")
    return _from_sentences(sentences, f"assistant/compose/{PACKAGED}")


def shop_replies(path: Path, base: Replies) -> Replies:
    """A shop's file over the packaged one. Every key must be one the code uses and every
    placeholder one the code supplies for that key; keys the file leaves out keep the packaged
    sentences unless the file says `complete: true`."""
    origin = str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise RepliesError(f"{origin}: cannot read the replies file ({exc.strerror})") from exc
    own, complete = _read(text, origin)
    for key, variants in own.items():
        if key not in base.sentences:
            close = difflib.get_close_matches(key, list(base.sentences), n=1)
            hint = f" (did you mean '{close[0]}'?)" if close else ""
            raise RepliesError(f"{origin}: unknown key '{key}'{hint}; the code never asks for it")
        for variant in variants:
            for name in sorted(placeholders(variant, f"{origin}: key '{key}'") - base.allowed[key]):
                supplied = ", ".join(f"{{{n}}}" for n in sorted(base.allowed[key])) or "none"
                raise RepliesError(
                    f"{origin}: key '{key}' uses placeholder {{{name}}}, which the code does not supply "
                    f"for this key (available: {supplied})"
                )
    missing = sorted(set(base.sentences) - set(own))
    if complete and missing:
        raise RepliesError(
            f"{origin}: says '{COMPLETE}: true' but has no sentence for key '{missing[0]}'"
            + (f" and {len(missing) - 1} more" if len(missing) > 1 else "")
        )
    origins = {**base.origin, **dict.fromkeys(own, origin)}
    return Replies({**base.sentences, **own}, base.allowed, origins)


def load_replies(path: Path | None = None) -> Replies:
    """The packaged sentences, or a shop's file validated over them; raises RepliesError."""
    base = packaged_replies()
    return base if path is None else shop_replies(Path(path), base)
