"""What reviewers say: the digest from a product's own reviews, and the reviews skill answering from
it (template text with the record's figures and quotes; one generated summary only when it passes the
check). Dialogue tests run the demo store on the fake embedder with a scripted generator."""

from __future__ import annotations

from typing import Any

from assistant.records import Product, Review
from assistant.retrieve.reviews import MAX_QUOTE_CHARS, digest, digest_facts
from tests.conftest import ScriptedGenerator
from tests.fakes import product

BACKPACK = "Packhound Longitude 20 Laptop Backpack"  # demo store: 4.4 from 14 reviews, 2 listed
COOKSET = "Driftwood Supply Polaris 3-Piece Cookset"  # demo store: no rating, no reviews


def reviewed(reviews: list[Review], rating: float | None = 4.2, count: int = 30) -> Product:
    return product("p1", "Ridge Tent", "Outdoor > Tents").model_copy(
        update={"reviews": reviews, "rating": rating, "review_count": count}
    )


# --- the digest ----------------------------------------------------------------------------


def test_digest_counts_averages_and_sorts_quotes_by_rating() -> None:
    d = digest(
        reviewed(
            [
                Review(rating=5, text="Stays dry in a storm."),
                Review(rating=4, text="Easy to pitch  alone."),
                Review(rating=5, text="stays dry in a storm."),  # the same praise twice is quoted once
                Review(rating=1, text="Poles snapped on day two."),
                Review(rating=3, text="Fine for the price."),
            ]
        )
    )
    assert (d.stated_rating, d.stated_count, d.listed, d.listed_average) == (4.2, 30, 5, 3.6)
    assert d.praise == ("Stays dry in a storm.", "Easy to pitch alone.")
    assert d.criticism == ("Poles snapped on day two.",)
    assert digest_facts(d) == [
        "Ridge Tent is rated 4.2 from 30 reviews.",
        "The 5 reviews we have average 3.6 of 5.",
        'Praise: "Stays dry in a storm."',
        'Praise: "Easy to pitch alone."',
        'Criticism: "Poles snapped on day two."',
    ]


def test_digest_of_a_product_without_reviews_states_nothing() -> None:
    d = digest(reviewed([], rating=None, count=0))
    assert not d.has_reviews and digest_facts(d) == []


def test_long_reviews_are_cut_at_a_word() -> None:
    d = digest(reviewed([Review(rating=5, text="great " * 60)]))
    assert len(d.praise[0]) <= MAX_QUOTE_CHARS and d.praise[0].endswith("great…")


# --- the skill in a conversation --------------------------------------------------------------


def test_reviews_of_a_named_product(make_assistant: Any) -> None:
    reply = make_assistant().chat("rv-named", f"What do people say about the {BACKPACK}?")
    assert reply.skill == "reviews"
    assert [i.title for i in reply.items] == [BACKPACK]
    assert "rated 4.4 from 14 reviews" in reply.text
    assert "(2) average 4.5" in reply.text
    assert '"Got caught in heavy rain and my laptop stayed dry.' in reply.text
    assert '"Comfortable even when fully loaded."' in reply.text


def test_reviews_of_a_shown_item(make_assistant: Any) -> None:
    assistant = make_assistant()
    shown = assistant.chat("rv-shown", "laptop backpack").items
    assert len(shown) >= 2
    reply = assistant.chat("rv-shown", "what do people say about the second one?")
    assert reply.skill == "reviews"
    assert [i.product_id for i in reply.items] == [shown[1].product_id]
    record = assistant.dialogue.services.catalog.get(shown[1].product_id)
    praise = [
        line.removeprefix("Praise: ") for line in digest_facts(digest(record)) if line.startswith("Praise")
    ]
    assert praise and all(quote in reply.text for quote in praise)
    assert f"rated {record.rating:.1f} from {record.review_count} reviews" in reply.text


def test_a_product_without_reviews_says_so(make_assistant: Any) -> None:
    generator = ScriptedGenerator(["Shoppers love it."])
    reply = make_assistant(generator).chat("rv-none", f"any reviews for the {COOKSET}?")
    assert reply.skill == "reviews" and [i.title for i in reply.items] == [COOKSET]
    assert "has no reviews yet" in reply.text
    assert "Shoppers love it" not in reply.text and generator.prompts == []  # nothing to summarise


def test_an_unnamed_product_is_asked_for(make_assistant: Any) -> None:
    reply = make_assistant().chat("rv-which", "what do reviewers say about the thing?")
    assert reply.skill == "reviews" and reply.items == []
    assert "Which product's reviews" in reply.text


def test_a_summary_that_invents_a_number_is_rejected(make_assistant: Any) -> None:
    generator = ScriptedGenerator(["Nine out of 10 reviewers say it keeps 3 laptops dry.", "Rated 5 stars."])
    reply = make_assistant(generator, compose="closing").chat("rv-bad", f"reviews for the {BACKPACK}")
    assert reply.text_source == "template"
    assert any("number" in reason for reason in reply.extra["rejected"])
    assert "laptops dry" not in reply.text and "rated 4.4 from 14 reviews" in reply.text
    assert "<facts>" in generator.prompts[0][1]["content"] and "Praise:" in generator.prompts[0][1]["content"]


def test_a_checked_summary_is_kept_at_the_closing_level(make_assistant: Any) -> None:
    summary = "Reviewers say it keeps a laptop dry in heavy rain and stays comfortable when loaded."
    reply = make_assistant(ScriptedGenerator([summary]), compose="closing").chat(
        "rv-good", f"reviews for the {BACKPACK}"
    )
    assert reply.text_source == "generated"
    assert reply.text.endswith(summary) and "rated 4.4 from 14 reviews" in reply.text


def test_off_level_keeps_the_template(make_assistant: Any) -> None:
    generator = ScriptedGenerator(["Reviewers like it."])
    reply = make_assistant(generator, compose="off").chat("rv-off", f"reviews for the {BACKPACK}")
    assert reply.text_source == "template" and generator.prompts == []


def test_the_whole_level_fact_sheet_carries_the_digest(make_assistant: Any) -> None:
    manager = make_assistant().dialogue
    turn = manager.prepare("rv-sheet", f"what do customers think of the {BACKPACK}?")
    record = manager.services.catalog.get(turn.result.items[0].product_id)
    lines = digest_facts(digest(record))
    assert turn.result.facts is not None and list(turn.result.facts.lines) == lines
    sheet = manager.fact_sheet(turn)
    assert list(sheet.facts) == lines and [it.title for it in sheet.items] == [BACKPACK]
    assert all(f"FACT: {line}" in sheet.lines() for line in lines)
