"""The fact sheet a whole answer is written from, and checked against.

A skill's result already holds every fact a shopper may read: the items (title, price, the variant
that fits, reasons), the disclosures the answer must carry (a relaxed filter, an above-budget item,
a near colour), policy sentences with their citations, and order facts. The sheet gathers them in
one typed value so the generator sees exactly what the checker will hold it to.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from typing import Any

from assistant.contracts import Citation, RecommendedItem
from assistant.retrieve.explain import money


@dataclass(frozen=True)
class ItemFact:
    """One shown item, as the shopper sees it on its card."""

    position: int  # 1-based, the order of the cards ("the second one")
    title: str
    price: float
    currency: str = "USD"
    brand: str = ""
    variant_label: str = ""  # "size 42, blue": the variant that fits
    reasons: tuple[str, ...] = ()


@dataclass(frozen=True)
class Passage:
    """A policy or FAQ sentence with the source it is cited by."""

    text: str
    source: str


@dataclass(frozen=True)
class FactSheet:
    """Everything one answer may state, and the disclosures it must state."""

    question: str
    intent: str
    items: tuple[ItemFact, ...] = ()
    disclosures: tuple[str, ...] = ()  # each must be carried by the answer (coverage)
    passages: tuple[Passage, ...] = ()
    facts: tuple[str, ...] = ()  # other fact lines: order status, tracking, a comparison table
    template: str = ""  # the answer built from data; stands when a generated one fails the check
    extra: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def from_reply_parts(
        cls,
        question: str,
        intent: str,
        items: Sequence[RecommendedItem],
        notes: Sequence[str],
        citations: Sequence[Citation],
        facts: Sequence[str],
        template: str,
    ) -> FactSheet:
        return cls(
            question=question,
            intent=intent,
            items=tuple(
                ItemFact(
                    position=i,
                    title=it.title,
                    price=it.price,
                    currency=it.currency,
                    brand=it.brand,
                    variant_label=it.variant_label,
                    reasons=tuple(it.reasons),
                )
                for i, it in enumerate(items, 1)
            ),
            disclosures=tuple(n for n in notes if n.strip()),
            passages=tuple(Passage(c.snippet, c.source) for c in citations if c.snippet.strip()),
            facts=tuple(f for f in facts if f.strip()),
            template=template,
        )

    def lines(self) -> list[str]:
        """The sheet as prompt lines; the checker's fact text is built from the same lines."""
        out: list[str] = []
        for it in self.items:
            variant = f" ({it.variant_label})" if it.variant_label else ""
            brand = f" by {it.brand}" if it.brand else ""
            reasons = "; ".join(it.reasons)
            out.append(
                f"ITEM {it.position}: {it.title}{brand}{variant}, {money(it.price, it.currency)}. {reasons}"
            )
        out.extend(f"MUST SAY: {d}" for d in self.disclosures)
        out.extend(f"POLICY [{p.source}]: {p.text}" for p in self.passages)
        out.extend(f"FACT: {f}" for f in self.facts)
        return out

    def fact_text(self) -> str:
        return "\n".join([*self.lines(), self.template])

    def names(self) -> frozenset[str]:
        return frozenset(
            [it.title.lower() for it in self.items] + [it.brand.lower() for it in self.items if it.brand]
        )

    def to_json(self) -> str:
        return json.dumps(asdict(self), ensure_ascii=False, sort_keys=True)

    @classmethod
    def from_json(cls, text: str) -> FactSheet:
        raw = json.loads(text)
        return cls(
            question=raw["question"],
            intent=raw["intent"],
            items=tuple(ItemFact(**{**i, "reasons": tuple(i["reasons"])}) for i in raw.get("items", ())),
            disclosures=tuple(raw.get("disclosures", ())),
            passages=tuple(Passage(**p) for p in raw.get("passages", ())),
            facts=tuple(raw.get("facts", ())),
            template=raw.get("template", ""),
            extra=raw.get("extra", {}),
        )
