"""Query understanding: one shopper turn -> intent, constraints (slots), references and signals.

Slots come from the loaded catalog's vocabulary (assistant.understand.vocabulary); the reading is a pipeline
over a working copy of the turn in which every consumed phrase is blanked out, so an amount read
as a price is not read again as a size and never reaches the search text.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable

import numpy as np

from assistant.contracts import Comparative, Constraints, Intent, Reference, Understanding
from assistant.understand.facets import (
    read_leaf_attributes,
    read_material_word,
    read_misspelt_type,
    read_similar_values,
    read_text_attributes,
    read_unlisted_kinds,
    read_unlisted_models,
    values_also_fitting,
)
from assistant.understand.intents import CONFIRMATION, IntentClassifier, rule_intent
from assistant.understand.names import (
    categories_with_names,
    read_brand_line,
    read_names,
    unheard_kind,
    unknown_words,
)
from assistant.understand.numbers import read_named_numbers, read_ranges
from assistant.understand.order_ids import OrderIdFormat
from assistant.understand.price import (
    Work,
    currency_note,
    read_cheap_word,
    read_limit,
    read_price,
    read_price_words,
    read_sort,
)
from assistant.understand.refs import find_asked_attribute, find_reference
from assistant.understand.slots import (
    SlotReading,
    note_unlisted_sizes,
    read_booleans,
    read_brand_phrases,
    read_brands,
    read_colors,
    read_exclusions,
    read_size_words,
    read_sizes,
    read_wishes,
)
from assistant.understand.turn import (
    find_comparative,
    find_confirmation,
    find_email,
    find_frustration,
    find_handoff,
    find_ids,
    find_lifted_slots,
    find_order_action,
    find_reset,
)
from assistant.understand.vocabulary import CatalogVocabulary, category_in
from assistant.understand.words import FILLERS, ORDER_WORDS_RE, QUESTION_RE, alternation

__all__ = ["Constraints", "QueryUnderstander", "Reference", "Understanding"]

Embed = Callable[[list[str]], np.ndarray]
MAX_UNDERSTOOD_CHARS = 4000  # the caller limits messages; this only bounds the regex work
SEARCH_INTENTS = (Intent.PRODUCT_SEARCH, Intent.RECOMMEND)
# Intents the classifier gives a bare product name by mistake; the catalog's words correct them.
MISREADABLE = (Intent.SMALLTALK, Intent.OUT_OF_SCOPE, Intent.FAQ_POLICY, Intent.PRODUCT_QUESTION)
# Request words and fillers ("show me", "do you have", "please") leave the search text.
_FILLER_RE = re.compile(rf"\b(?:{alternation(FILLERS)})\b")
# Words of a turn about something the shopper already has ("return it", "my shoes").
_OWNED_RE = re.compile(r"\b(?:my|mine|it|them|bought|ordered|received)\b")


def _normalise(text: str) -> tuple[str, str]:
    """(raw, lowered) of equal length: control characters gone, Unicode compatibility-folded."""
    text = unicodedata.normalize("NFKC", text)
    text = "".join(ch if ch.isprintable() else " " for ch in text)
    text = text.replace("’", "'")[:MAX_UNDERSTOOD_CHARS]
    lowered = text.lower()
    return (text, lowered) if len(lowered) == len(text) else (lowered, lowered)


def _search_text(work: Work) -> str:
    text = _FILLER_RE.sub(" ", work.text)
    text = re.sub(r"[^\w'&.$-]+", " ", text)
    text = re.sub(r"(?<!\w)[.'-]+|[.'-]+(?!\w)", " ", text)
    return " ".join(text.split())


def _categories_of_type(vocab: CatalogVocabulary, reading: SlotReading, categories: list[str]) -> list[str]:
    """ "power bank" names a product type, so the categories carrying it are implied; and in
    "water filter for hiking" the type is the product while the category word was its purpose."""
    kind = reading.attributes.get("type")
    if not isinstance(kind, str):
        return categories
    carried = vocab.attribute_categories.get("type", {}).get(kind.lower(), [])
    if not carried or len(carried) > 3 or (categories and any(category_in(p, categories) for p in carried)):
        return categories  # no such type, too broad a word, or the named category holds it
    return list(carried)


class QueryUnderstander:
    """Reads a turn against the vocabulary of the loaded catalog."""

    def __init__(
        self,
        vocab: CatalogVocabulary,
        classifier: IntentClassifier | None = None,
        embed: Embed | None = None,
        category_threshold: float = 0.6,
        order_ids: OrderIdFormat | None = None,
        general_words: frozenset[str] | None = None,
    ) -> None:
        self.vocab = vocab
        # General English words (the embedder's whole-word vocabulary): a word neither the shop nor
        # this list knows is named as missing; None turns that reading off.
        self.general_words = general_words
        self.order_ids = order_ids  # the shop's order id shapes, so its ids are read however typed
        self.classifier = classifier
        self.embed = embed
        self.category_threshold = category_threshold  # cosine for the embedding category fallback

    def understand(
        self, text: str, has_shown_items: bool = False, pending_confirmation: bool = False
    ) -> Understanding:
        raw, lowered = _normalise(text if isinstance(text, str) else "")
        if not lowered.strip() or not re.search(r"\w", lowered):
            return Understanding("smalltalk", 1.0, Constraints(), search_text="")
        work = Work(lowered)
        email = find_email(raw)
        order_id, zip_code, id_spans = find_ids(raw, self.order_ids)
        for start, end in id_spans:
            work.consume(start, end)
        if email:
            work.text = work.text.replace(email, " " * len(email))

        reference = find_reference(work, self.vocab) if has_shown_items else None
        comparative: Comparative | None = find_comparative(work.text)
        constraints, explicit_price = self._read_constraints(work, raw)
        if comparative in ("cheaper", "pricier") and explicit_price:
            comparative = None  # "cheaper than 14 dollars": the number the shopper gave is the bound
        uncarried = self.vocab.uncarried_noun(work.text)
        if uncarried is None and not (constraints.categories or constraints.brands or constraints.names):
            uncarried = unheard_kind(work.text, self.vocab)
        unknown = [
            w for w in unknown_words(work.text, self.vocab, self.general_words) if w not in constraints.names
        ]
        intent, confidence = self._intent(raw, has_shown_items, pending_confirmation, constraints, uncarried)
        shop_id = self.order_ids is not None and self.order_ids.find(raw) is not None
        if shop_id and intent not in ("order_status", "order_change", "handoff", "profile", CONFIRMATION):
            # An id written in this shop's own order format ("sh 10266") is an order question,
            # whatever the general rules and the model make of its letters.
            action = find_order_action(lowered)
            intent, confidence = ("order_change" if action else "order_status"), max(confidence, 0.9)
        asks = find_asked_attribute(lowered, self.vocab)
        # "any colour", "whatever brand is fine": a short refinement that lifts a filter, not a question.
        lifts = bool(find_lifted_slots(lowered)) and "?" not in lowered and len(lowered.split()) <= 6
        if lifts:
            intent, confidence = "product_search", max(confidence, 0.9)
        asks_about_shown = has_shown_items and asks and QUESTION_RE.search(lowered) and not lifts
        if asks_about_shown and intent in SEARCH_INTENTS and not constraints.categories:
            # "how long does the battery last?" right after a list asks about those items.
            intent, confidence = "product_question", max(confidence, 0.6)
        if intent in ("product_question", "compare") and reference is None and has_shown_items:
            reference = Reference(pronoun=True, plural=intent == "compare")
        asked = asks if intent == "product_question" else None
        if intent in SEARCH_INTENTS and not constraints.categories and self.embed is not None:
            constraints = self._embedding_categories(constraints, work)
        return Understanding(
            intent=intent,
            intent_confidence=round(confidence, 4),
            constraints=constraints,
            search_text=_search_text(work),
            reference=reference,
            comparative=comparative,
            reset=find_reset(lowered),
            order_id=order_id,
            email=email,
            zip_code=zip_code,
            confirmation=find_confirmation(lowered, pending_confirmation),
            asked_attribute=asked,
            order_action=find_order_action(lowered),
            handoff_requested=find_handoff(lowered),
            frustration=find_frustration(raw),
            uncarried=uncarried,
            unknown=unknown,
        )

    # --- slots -----------------------------------------------------------------------------

    def _read_constraints(self, work: Work, raw: str) -> tuple[Constraints, bool]:
        """The turn's constraints, and whether it stated a price bound in numbers."""
        vocab = self.vocab
        reading = SlotReading()
        read_sizes(work, raw, vocab, reading)
        read_named_numbers(work, vocab, reading)  # "minimum order of 5 or less" is no budget
        price = read_price(work)
        sort, sort_limit = read_sort(work)
        limit = read_limit(work) or sort_limit
        read_exclusions(work, vocab, reading)
        # The categories the words name so far: which of several keys a measure or a facet means.
        named_so_far, _ = vocab.match_categories(work.text)
        # Measures before facets, so "a 3 man tent" is a capacity and not the men's gender.
        read_ranges(work, vocab, reading, named_so_far)
        # Product types first: "wireless charger" is a type, not a wireless something.
        read_text_attributes(work, vocab, reading, named_so_far)
        read_misspelt_type(work, vocab, reading)
        read_material_word(work, vocab, reading)
        read_unlisted_models(work, vocab, reading)
        read_unlisted_kinds(work, vocab, reading, named_so_far)
        read_booleans(work, vocab, reading)
        read_brand_phrases(work, vocab, reading)
        read_colors(work, raw, vocab, reading)
        read_brands(work, vocab, reading)
        read_wishes(work, reading)
        categories, _ = vocab.match_categories(work.text)
        if len(categories) > 1:
            # "socks for running", "water filter for hiking": what follows "for" is the purpose,
            # not the product, whenever the rest of the turn names a category on its own.
            without_purpose = re.sub(r"\bfor (?:a |an |the |my )?[a-z-]+(?: [a-z-]+)?", " ", work.text)
            named, _ = vocab.match_categories(without_purpose)
            if named and set(named) < set(categories):
                categories = named
        if not categories and "type" not in reading.attributes and not reading.brands:
            # A named brand's line names ("galaxy") are no kind of product: only unbranded turns.
            categories = vocab.categories_by_words(work.text)
        categories = _categories_of_type(vocab, reading, categories)
        # "AirPods", "Galaxy Tab", "iPhone 13": the shop's own line names; titles must hold them.
        names = read_names(work.text, vocab, self.general_words)
        # A maker's name read off the titles of a shop without brands ("Zephra"): its titles
        # rank first (a soft wish), the rest of the kind after them; it is said when none fits.
        makers = [n for n in names if (line := vocab.line_words.get(n)) is not None and line.maker]
        names = [n for n in names if n not in makers]
        # The category the named line sits in (its brand is not implied: the answer would then say
        # "from <brand>, as you asked" of a brand the shopper never named).
        categories = categories_with_names(names, vocab, categories)
        brand_line = read_brand_line(work.text, vocab, reading.brands, categories) if reading.brands else None
        if brand_line is not None:  # "apple watch": the maker's line, not the watch category
            names, categories = list(dict.fromkeys([*names, *brand_line[0]])), brand_line[1]
        read_leaf_attributes(work, vocab, reading, categories)
        if self.embed is not None:
            read_similar_values(work, vocab, reading, categories, self.embed)
        read_size_words(work, vocab, reading, categories)
        note_unlisted_sizes(vocab, reading, categories)
        price_min, price_max = price.price_min, price.price_max
        notes = list(reading.notes)
        for maker in makers:
            if categories and not any(
                category_in(path, categories) for path, _ in vocab.line_words[maker].places
            ):
                notes.append(f"Nothing here from “{maker}” fits that, so these are from other makers.")
        if price_min is None and price_max is None and sort == "relevance" and read_cheap_word(work):
            sort = "price_asc"
            notes.append("I read that as cheapest first.")
        elif price_min is None and price_max is None:
            low_end, high_end = vocab.price_range(categories)
            price_min, price_max = read_price_words(work, low_end, high_end)
            symbol = "$" if vocab.currency == "USD" else f"{vocab.currency} "
            if (price_min is not None or price_max is not None) and high_end > low_end:
                bound = (
                    f"under {symbol}{price_max:g}" if price_max is not None else f"from {symbol}{price_min:g}"
                )
                third = "lower" if price_max is not None else "upper"
                notes.append(f"I read that as {bound}, the {third} third of our prices here.")
        note = currency_note(price, vocab.currency)
        if note:
            notes.append(note)
        constraints = Constraints(
            categories=categories,
            price_min=price_min,
            price_max=price_max,
            brands=list(dict.fromkeys(reading.brands)),
            exclude_brands=list(dict.fromkeys(reading.exclude_brands)),
            colors=list(dict.fromkeys(reading.colors)),
            exclude_colors=list(dict.fromkeys(reading.exclude_colors)),
            sizes=list(dict.fromkeys(reading.sizes)),
            attributes=dict(reading.attributes),
            exclude_attributes={k: list(dict.fromkeys(v)) for k, v in reading.exclude_attributes.items()},
            ranges=dict(reading.ranges),
            wishes=list(dict.fromkeys([*reading.wishes, *makers])),
            sort=sort,
            limit=limit,
            only=reading.only and bool(reading.colors),
            notes=list(dict.fromkeys(notes)),
            names=names,
            attributes_also=values_also_fitting(vocab, reading),
        )
        return constraints, price.price_min is not None or price.price_max is not None

    def _embedding_categories(self, constraints: Constraints, work: Work) -> Constraints:
        from dataclasses import replace

        assert self.embed is not None
        phrase = _search_text(work)
        if not phrase or len(phrase.split()) > 6:
            return constraints
        paths = self.vocab.categories_by_embedding(phrase, self.embed, self.category_threshold)
        return replace(constraints, categories=paths) if paths else constraints

    # --- intent ----------------------------------------------------------------------------

    def _intent(
        self,
        raw: str,
        has_shown_items: bool,
        pending_confirmation: bool,
        constraints: Constraints,
        uncarried: str | None = None,
    ) -> tuple[str, float]:
        if self.classifier is not None:
            intent, confidence = self.classifier.predict(
                raw,
                has_shown_items=has_shown_items,
                pending_confirmation=pending_confirmation,
                shop_ids=self.order_ids,
            )
        else:
            ruled = rule_intent(raw, has_shown_items, pending_confirmation, self.order_ids)
            intent, confidence = (ruled, 0.97) if ruled else ("product_search", 0.3)
        if intent == CONFIRMATION:
            return intent, confidence
        makers = [w for w in constraints.wishes if (line := self.vocab.line_words.get(w)) and line.maker]
        catalog_evidence = bool(constraints.categories or constraints.brands or constraints.names or makers)
        # The catalog's own words outrank a weak model guess: "sneakers in teal" is a search even
        # when the regression hesitates between smalltalk and out_of_scope.
        if intent in (Intent.SMALLTALK, Intent.OUT_OF_SCOPE) and catalog_evidence and confidence < 0.9:
            return Intent.PRODUCT_SEARCH.value, max(confidence, 0.6)
        # "power bank", "cast iron skillet", "a road bike": a bare product name is a search, not a
        # policy question, whether or not the shop carries it (the search says so honestly).
        product_named = catalog_evidence or "type" in constraints.attributes or uncarried is not None
        if (
            intent in MISREADABLE
            and product_named
            and not has_shown_items
            and not QUESTION_RE.search(raw.lower())
            and confidence < 0.9
        ):
            return Intent.PRODUCT_SEARCH.value, max(confidence, 0.6)
        # "dog food", "do you sell surfboards?": a short turn naming a product the shop lacks gets
        # the honest "we don't carry" of a search, however sure the regression is it is off topic.
        if uncarried is not None and intent in MISREADABLE and not has_shown_items and len(raw.split()) <= 6:
            return Intent.PRODUCT_SEARCH.value, max(confidence, 0.6)
        # "furniture I can return within 60 days", "products with a lifetime warranty": an amount
        # read onto the products' own attribute filters products, though its words are those of
        # return and warranty questions; unless it asks, or speaks of the shopper's own order.
        stated = bool(re.search(r"\d", raw)) or any(low == high for low, high in constraints.ranges.values())
        if (
            intent in (*MISREADABLE, Intent.ORDER_STATUS, Intent.ORDER_CHANGE)
            and constraints.ranges
            and stated  # an amount or a value, not only a word ("I want to return a lamp")
            and confidence < 0.9
            and not QUESTION_RE.search(raw.lower())
            and not ORDER_WORDS_RE.search(raw)
            and not _OWNED_RE.search(raw.lower())
        ):
            return Intent.PRODUCT_SEARCH.value, max(confidence, 0.6)
        # "the most expensive thing you have" asks for a sorted list, whatever else it resembles.
        if (
            intent not in SEARCH_INTENTS
            and constraints.sort != "relevance"
            and not has_shown_items
            and confidence < 0.9
        ):
            return Intent.PRODUCT_SEARCH.value, max(confidence, 0.6)
        return intent, confidence
