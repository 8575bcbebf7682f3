"""Product search and recommendation: constraints from this turn and the conversation, hybrid
retrieval, honest emptiness, disclosed relaxations, grounded reasons."""

from __future__ import annotations

from dataclasses import replace

from assistant.compose.replies import Say
from assistant.contracts import Constraints, RecommendedItem
from assistant.dialogue.skills.base import (
    SkillResult,
    TurnContext,
    item_facts,
    item_line,
    resolve_referenced,
    to_item,
    voice,
)
from assistant.dialogue.state import describe_constraints
from assistant.personal.answers import with_personal_reasons
from assistant.records import category_noun
from assistant.retrieve.explain import money
from assistant.retrieve.lexical import tokenize
from assistant.retrieve.products import Match, RetrievalResult
from assistant.retrieve.rank import RankWeights, rank_matches
from assistant.understand.turn import find_lifted_slots
from assistant.understand.vocabulary import category_in

NOT_CARRIED_DENSE = 0.47  # measured: 'surfboards' 0.31, 'perfume' 0.36, 'lipstick' 0.45; 'tent' 0.54  # below this cosine, with no lexical hit and no category, we don't sell it

# What a relaxation step let go of, as the shop says it (compose/replies.yaml); "price by N%" steps
# become search.relaxed_budget with the percentage.
RELAXED_TEXT = {
    "colour": "search.relaxed_colour",
    "brand": "search.relaxed_brand",
    "size": "search.relaxed_size",
    "name": "search.relaxed_name",
}


def _relaxed_text(say: Say, step: str) -> str:
    if step in RELAXED_TEXT:
        return say(RELAXED_TEXT[step])
    if step.startswith("price by "):
        return say("search.relaxed_budget", percent=step.removeprefix("price by "))
    return step


def _money(ctx: TurnContext, value: float) -> str:
    """A price in the shop's own currency (the catalog's most common one)."""
    return money(value, ctx.services.catalog.vocabulary.currency)


def _category_noun(c: Constraints) -> str:
    if not c.categories:
        return "options"
    paths = [cat.split(" > ") for cat in c.categories]
    common = paths[0] if len(paths) == 1 else [p[0] for p in zip(*paths, strict=False) if len(set(p)) == 1]
    return category_noun(common) if common else "options"


def merge_turn_constraints(ctx: TurnContext) -> tuple[Constraints, str]:
    """This turn's constraints on top of the conversation's, plus comparatives; and the search text."""
    u, state = ctx.understanding, ctx.state
    previous = Constraints() if u.reset else state.get_constraints()
    current = u.constraints
    switching = bool(
        current.categories and previous.categories and not set(current.categories) & set(previous.categories)
    )
    merged = current if switching or u.reset else current.merged_with(previous)
    text = u.search_text.strip()
    if (
        not switching
        and not u.reset
        and state.search_text
        and len(tokenize(text)) < 2
        and not current.categories
    ):
        text = f"{state.search_text} {text}".strip()
    merged = _apply_any(ctx.message, merged)
    if u.reference is not None and u.reference.attribute and u.reference.attribute[0] in ("price", "rating"):
        # "the cheapest pair", "the best rated ones": a sort over the whole set, not a pointer.
        key, end = u.reference.attribute
        merged = replace(
            merged, sort="rating" if key == "rating" else ("price_asc" if end == "min" else "price_desc")
        )
    if u.comparative and state.shown:
        anchor = resolve_referenced(ctx) or state.shown
        prices = [s.price for s in anchor]
        if u.comparative == "cheaper":
            merged = replace(merged, price_max=round(min(prices) - 0.01, 2), price_min=None, sort="relevance")
        elif u.comparative == "pricier":
            merged = replace(merged, price_min=round(max(prices) + 0.01, 2), price_max=None, sort="relevance")
        elif u.comparative == "other_brand":
            brands = sorted({s.brand for s in anchor if s.brand} | set(merged.exclude_brands))
            merged = replace(merged, exclude_brands=brands, brands=[])
        elif u.comparative == "better_rated":
            merged = replace(merged, sort="rating")
        elif u.comparative in ("bigger", "smaller"):
            merged = replace(merged, wishes=[*merged.wishes, u.comparative])
    return _soften_unfilterable(ctx, merged), text


def _apply_any(message: str, c: Constraints) -> Constraints:
    """ "any colour", "whatever brand": the shopper lifts a slot they set before."""
    lifted = find_lifted_slots(message)
    if "colors" in lifted:
        c = replace(c, colors=[], exclude_colors=[], only=False)
    if "brands" in lifted:
        c = replace(c, brands=[], exclude_brands=[])
    if "sizes" in lifted:
        c = replace(c, sizes=[])
    if "price" in lifted:
        c = replace(c, price_min=None, price_max=None)
    return c


def _soften_unfilterable(ctx: TurnContext, c: Constraints) -> Constraints:
    """An attribute none of the wanted categories carries cannot be a hard filter: it would veto
    everything. It becomes a wish that ranks, and the answer says so."""
    if not c.categories or not (c.attributes or c.ranges):
        return c
    # From the vocabulary, not a scan of the catalog: this runs on every search turn.
    keys = {
        key
        for path, carried in ctx.services.catalog.vocabulary.category_keys.items()
        if category_in(path, c.categories)
        for key in carried
    }
    soft = {k: v for k, v in c.attributes.items() if k not in keys}
    loose = [k for k in c.ranges if k not in keys]
    if loose:
        # "headphones under 200 g" where headphones list no weight: a wish that ranks, said so.
        unfiltered = ", ".join(k.split("_")[0] for k in loose)
        note = voice(ctx)("search.cannot_filter_open", noun=_category_noun(c), keys=unfiltered)
        c = replace(
            c,
            ranges={k: b for k, b in c.ranges.items() if k not in loose},
            notes=[*c.notes, note],
        )
    if not soft:
        return c
    wishes = [
        *c.wishes,
        *(str(v) if not isinstance(v, bool) else k.replace("_", " ") for k, v in soft.items()),
    ]
    ranked_by = ", ".join(k.replace("_", " ") for k in soft)
    note = voice(ctx)("search.cannot_filter_ranked", noun=_category_noun(c), keys=ranked_by)
    return replace(
        c,
        attributes={k: v for k, v in c.attributes.items() if k not in soft},
        wishes=wishes,
        notes=[*c.notes, note],
    )


_MASS_NOUNS = (
    "food",
    "furniture",
    "jewelry",
    "jewellery",
    "perfume",
    "cologne",
    "wine",
    "paint",
    "fertilizer",
)


def _plural(noun: str) -> str:
    """ "bikes", "dog food", "glasses": how the shop says it does not carry a kind of product."""
    if noun.endswith(("s", "x")) or noun.split()[-1] in _MASS_NOUNS:
        return noun
    return noun[:-1] + "ies" if noun.endswith("y") and noun[-2:-1] not in "aeiou" else noun + "s"


def _not_carried(result: RetrievalResult, c: Constraints) -> bool:
    if not c.is_empty() or not result.matches:
        return False
    best_dense = max(m.dense for m in result.matches)
    best_lexical = max(m.lexical for m in result.matches)
    return best_dense < NOT_CARRIED_DENSE and best_lexical == 0.0


# A help page that matches a turn this well answers it: the router's help-first row for bare turns,
# and the fallback below for a product we do not carry.
HELP_FIRST_SCORE = 0.55


def search_products(ctx: TurnContext) -> SkillResult:
    services, state, u = ctx.services, ctx.state, ctx.understanding
    constraints, text = merge_turn_constraints(ctx)
    k = constraints.limit or services.settings.top_k
    intent = u.intent if u.intent in ("product_search", "recommend") else "product_search"
    named_nothing_of_ours = not (
        constraints.categories or constraints.brands or constraints.names or constraints.attributes
    )
    if (u.uncarried and not u.constraints.brands) or (u.unknown and named_nothing_of_ours):
        return _not_carried_answer(ctx, intent)  # "a road bike", "maybelline": nothing of it is ours
    bare = not text.strip() and constraints.is_empty()
    # "the most expensive thing you sell": an order over the whole catalog, no product to look up.
    whole_catalog = bare and constraints.sort != "relevance"
    if bare and not whole_catalog:
        text = ctx.message
    result = services.retriever.search(text, constraints)
    notes = list(dict.fromkeys([*u.constraints.notes, *constraints.notes]))
    if not whole_catalog and _not_carried(result, constraints):
        return _not_carried_answer(ctx, intent)
    if u.unknown:
        notes.append(voice(ctx)("search.unknown_words", words="”, “".join(u.unknown)))

    if u.comparative in ("cheaper", "pricier") and any(r.startswith("price") for r in result.relaxed):
        # A relaxed price would break the very thing asked for: say there is nothing further.
        bound = constraints.price_max if u.comparative == "cheaper" else constraints.price_min
        cheaper = u.comparative == "cheaper"
        price = _money(ctx, round((bound or 0) + (0.01 if cheaper else -0.01), 2))
        body = voice(ctx)("search.nothing_cheaper" if cheaper else "search.nothing_pricier", price=price)
        return SkillResult(intent, "search", body, helped=True, confidence=0.8)
    fallback_note = ""
    if not result.matches:
        result, fallback_note = _nearest_alternative(ctx, constraints, text)
    if not result.matches:
        say = voice(ctx)
        body = say("search.none_found", constraints=describe_constraints(constraints))
        body += " " + say("search.none_found_only" if constraints.only else "search.none_found_broaden")
        state.set_constraints(constraints)
        state.search_text = text
        return SkillResult(intent, "search", body, helped=False, confidence=0.5)

    items, ranked = _ranked_items(ctx, result, constraints, k, notes)
    if result.relaxed:
        say = voice(ctx)
        dropped = say("search.relaxed_then").join(
            dict.fromkeys(_relaxed_text(say, r) for r in result.relaxed)
        )
        notes.append(say("search.relaxed", constraints=describe_constraints(constraints), dropped=dropped))
    if fallback_note:
        notes.append(fallback_note)
    state.set_constraints(constraints)
    state.search_text = text
    noun = _category_noun(result.constraints)
    if result.relaxed or fallback_note:
        lead = voice(ctx)("search.closest_one" if len(items) == 1 else "search.closest")
    else:
        lead = _lead(ctx, len(items), noun, result.constraints, ranked)
    body_lines = [*notes, *(item_line(i + 1, it) for i, it in enumerate(items))]
    if result.total_matching > len(items) and not constraints.limit:
        body_lines.append(voice(ctx)("search.more", n=result.total_matching - len(items)))
    facts = item_facts(items, [f"The shopper wants: {describe_constraints(result.constraints)}"])
    return SkillResult(
        intent,
        "search",
        "\n".join(body_lines),
        lead=lead,
        purpose="recommend",
        facts=facts,
        items=items,
        notes=notes,
        confidence=1.0 if not result.relaxed else 0.7,
    )


def _not_carried_answer(ctx: TurnContext, intent: str) -> SkillResult:
    """Not a product we sell; maybe a question our help pages answer ("how much is shipping?")."""
    from assistant.dialogue.skills.faq import answer_faq

    u, say = ctx.understanding, voice(ctx)
    help_answer = answer_faq(ctx, min_score=HELP_FIRST_SCORE)
    if help_answer.helped:
        return help_answer
    cats = ", ".join(sorted({c.split(" > ")[-1] for c in ctx.services.catalog.categories()})[:14])
    what = _plural(u.uncarried) if u.uncarried else "that"
    if not u.uncarried and u.unknown:
        what = say("search.called", word=u.unknown[0])
    if not cats:  # a catalog without categories has no list to offer
        body = say("search.not_carried_no_list", what=what)
    elif u.uncarried or u.unknown:
        body = say("search.not_carried", what=what, categories=cats)
    else:
        body = say("search.not_carried_unnamed", categories=cats)
    # A known product we lack is a complete answer; an unplaced request is a miss that counts
    # towards offering a person.
    return SkillResult(intent, "search", body, helped=u.uncarried is not None, confidence=0.3)


def _ranked_items(
    ctx: TurnContext, result: RetrievalResult, constraints: Constraints, k: int, notes: list[str]
) -> tuple[list[RecommendedItem], list[Match]]:
    """The top k, ranked with the shopper's profile, as items whose reasons speak of the shopper's
    own budget (not of the bound a "cheaper" turn derived); a comparative adds its note."""
    from assistant.dialogue.state import shopper_id

    services, state, u = ctx.services, ctx.state, ctx.understanding
    personalizer = services.personalizer_for(shopper_id(state, services.settings.trust_user_id))
    weights = RankWeights.from_settings(services.settings)
    ranked = rank_matches(result.matches, result.constraints, k, weights=weights, personalizer=personalizer)
    said = constraints if result.relaxed else result.constraints
    if u.comparative in ("cheaper", "pricier") and state.shown:
        before = state.get_constraints()
        said = replace(said, price_max=before.price_max, price_min=before.price_min)
        anchor = (
            min(s.price for s in state.shown)
            if u.comparative == "cheaper"
            else max(s.price for s in state.shown)
        )
        below = "search.all_under" if u.comparative == "cheaper" else "search.all_over"
        notes.append(voice(ctx)(below, price=_money(ctx, anchor)))
    items = [to_item(m, said, ranked) for m in ranked]
    # "you bought running shoes in size 43", only when true
    return with_personal_reasons(items, personalizer), ranked


def _lead(ctx: TurnContext, n: int, noun: str, c: Constraints, ranked: list[Match]) -> str:
    say, noun_one = voice(ctx), noun.rstrip("s")
    if c.sort == "price_asc":
        if n > 1:
            return say("search.lowest_priced", noun=noun)
        return say("search.lowest_priced_one", noun_one=noun_one)
    if c.sort == "price_desc":
        return say("search.priciest", noun=noun) if n > 1 else say("search.priciest_one", noun_one=noun_one)
    if c.sort == "rating":
        return say("search.best_rated", noun=noun)
    if n == 1:
        return say("search.found_one")
    return say("search.found", n=n, noun=noun)


def _nearest_alternative(ctx: TurnContext, c: Constraints, text: str) -> tuple[RetrievalResult, str]:
    """Nothing fits even after relaxing: keep the category and show what it does have, saying why."""
    if not c.categories or c.only:
        return RetrievalResult([], c), ""
    retriever = ctx.services.retriever
    base = Constraints(
        categories=c.categories, names=c.names, sort="price_asc" if c.price_max is not None else "relevance"
    )
    alt = retriever.search(text, base)
    if not alt.matches:
        return alt, ""
    noun, say = _category_noun(c), voice(ctx)
    if c.price_max is not None:
        cheapest = min(m.price for m in alt.matches)
        if cheapest > c.price_max:
            start, budget = _money(ctx, cheapest), _money(ctx, c.price_max)
            return alt, say("search.cheapest_above_budget", noun=noun, cheapest=start, budget=budget)
    return alt, say("search.other_in_category", noun=noun, constraints=describe_constraints(c))
