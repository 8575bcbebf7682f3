"""The embedder sees a short text; BM25 and the stored document keep the full one."""

from __future__ import annotations

from assistant.ingest.documents import first_sentence, product_document, product_embedding_text
from assistant.records import Product


def _product() -> Product:
    return Product(
        id="p1",
        title="Alpina Summit GTX Hiking Boot",
        brand="Alpina",
        category="Shoes > Hiking",
        price=149.0,
        attributes={"waterproof": True, "material": "suede"},
        tags=["hiking", "gift"],
        description="A waterproof mid boot for day hikes. Vibram sole. Weighs 540 g.",
    )


def test_embedding_text_is_what_the_product_is() -> None:
    text = product_embedding_text(_product())
    assert text == "Alpina Summit GTX Hiking Boot. Hiking. hiking gift"
    assert "suede" not in text and "waterproof" not in text  # attributes and description stay lexical


def test_description_stands_in_for_missing_tags() -> None:
    text = product_embedding_text(_product().model_copy(update={"tags": []}))
    assert text == "Alpina Summit GTX Hiking Boot. Hiking. A waterproof mid boot for day hikes."


def test_full_document_keeps_everything_for_bm25() -> None:
    doc = product_document(_product())
    assert "material suede" in doc and "Vibram sole" in doc and "Shoes" in doc


def test_brand_missing_from_title_is_kept() -> None:
    product = _product().model_copy(update={"title": "Summit GTX Hiking Boot"})
    assert product_embedding_text(product).startswith("Summit GTX Hiking Boot. Alpina. Hiking.")


def test_first_sentence() -> None:
    assert first_sentence("One. Two.") == "One."
    assert first_sentence("No stop") == "No stop"
    assert first_sentence("") == ""
    assert first_sentence("Costs $1.50 today. More.") == "Costs $1.50 today."
