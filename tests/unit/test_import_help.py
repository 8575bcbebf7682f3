"""FAQ, policy, customer and order importers, and the import report."""

from __future__ import annotations

from pathlib import Path

from assistant.ingest.errors import ImportResult, RowError
from assistant.ingest.help_content import MAX_CHUNK_CHARS, read_faqs, read_policies, split_paragraphs
from assistant.ingest.people import read_customers, read_orders
from assistant.ingest.report import format_import_report

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "import"


def test_faqs_import_with_errors_for_missing_answer_and_duplicate_id() -> None:
    result = read_faqs(FIXTURES / "faqs.jsonl")

    assert [faq.id for faq in result.records] == ["faq-001", "faq-002", "faq-do-you-have-gift-cards"]
    assert result.records[0].url == "/help/shipping"
    assert [str(error) for error in result.errors] == [
        "faqs.jsonl:3: answer: is missing",
        "faqs.jsonl:4: id: duplicate id 'faq-001' (first seen on line 1)",
    ]


def test_faqs_import_from_csv(tmp_path: Path) -> None:
    path = tmp_path / "faqs.csv"
    path.write_text('id,question,answer,category\nf-1,"Open on Sundays?","Yes, 10-4.",store\nf-2,Why?,,\n')

    result = read_faqs(path)

    assert [(faq.id, faq.answer, faq.category) for faq in result.records] == [("f-1", "Yes, 10-4.", "store")]
    assert [str(error) for error in result.errors] == ["faqs.csv:3: answer: is missing"]


def test_policies_are_chunked_by_heading_and_citable() -> None:
    result = read_policies(FIXTURES / "policies")

    assert result.errors == []
    chunks = {chunk.id: chunk for chunk in result.records}
    assert list(chunks) == [
        "returns#returns-and-refunds",
        "returns#refunds",
        "returns#exchanges",
        "returns#damaged-items",
        "returns#damaged-items-2",
        "shipping#delivery-times",
        "shipping#costs",
    ]
    intro = chunks["returns#returns-and-refunds"]
    assert (intro.heading, intro.document) == ("Returns and refunds", "Returns and refunds")
    assert intro.text.startswith("We want you to love what you bought.")
    refunds = chunks["returns#refunds"]
    assert refunds.source == "policies/returns.md#Refunds"
    assert refunds.document == "Returns and refunds"
    # Markdown emphasis and link syntax do not reach the shopper.
    assert "original payment method" in refunds.text and "**" not in refunds.text
    assert "See our help centre for" in refunds.text
    first, second = chunks["returns#damaged-items"], chunks["returns#damaged-items-2"]
    assert first.source == second.source == "policies/returns.md#Damaged items"
    assert first.text.startswith("If an item arrives damaged") and second.text.startswith("We send a prepaid")
    # A "###" subheading stays inside its "##" section, as plain text.
    remote = "Remote areas\n\nRemote areas may take two extra days."
    assert chunks["shipping#delivery-times"].text.endswith(remote)
    assert chunks["shipping#costs"].document == "Shipping"


def test_long_sections_split_under_the_limit_at_paragraphs_then_sentences() -> None:
    paragraph = " ".join(f"Sentence number {i} is here." for i in range(120))

    parts = split_paragraphs(f"Short intro.\n\n{paragraph}")

    assert len(parts) > 2
    assert all(len(part) <= MAX_CHUNK_CHARS for part in parts)
    assert parts[0].startswith("Short intro.")
    assert all(part.endswith(".") for part in parts)
    assert " ".join(" ".join(parts).split()) == " ".join(f"Short intro. {paragraph}".split())


def test_policy_problems_are_reported_per_file_and_line(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_bytes(
        b"# Warranty\n\n## Cover\n\nTwo years.\n\xff\xfe broken line\n\n## Cover\n\nAgain.\n"
    )
    (tmp_path / "b.md").write_bytes(b"\x00\x01\x02binary")
    (tmp_path / "c.md").write_text("")
    (tmp_path / "notes.txt").write_text("## Ignored\n\nNot Markdown.\n")

    result = read_policies(tmp_path)

    assert [(chunk.id, chunk.text) for chunk in result.records] == [("a#cover", "Two years.")]
    assert [(error.file, error.line, error.field) for error in result.errors] == [
        ("a.md", 6, "encoding"),
        ("a.md", 8, "heading"),
        ("b.md", 0, ""),
        ("c.md", 0, ""),
    ]
    assert "first seen on line 3" in result.errors[1].message
    assert "not a text file" in result.errors[2].message
    assert "empty" in result.errors[3].message


def test_a_policy_without_a_title_is_named_after_its_file(tmp_path: Path) -> None:
    policy = "We match any local price.\n\n## Exclusions\n\nClearance items.\n"
    (tmp_path / "price-match.md").write_text(policy)

    chunks = read_policies(tmp_path).records

    assert [(chunk.id, chunk.heading, chunk.document) for chunk in chunks] == [
        ("price-match#price-match", "Price match", "Price match"),
        ("price-match#exclusions", "Exclusions", "Price match"),
    ]


def test_a_missing_or_empty_policies_directory_is_one_error(tmp_path: Path) -> None:
    missing = read_policies(tmp_path / "nope")
    empty = read_policies(tmp_path)

    assert "not a directory" in str(missing.errors[0]) and not missing.complete
    assert "no Markdown" in str(empty.errors[0]) and not empty.complete


def test_customers_import_normalised_with_bad_rows_reported() -> None:
    result = read_customers(FIXTURES / "customers.jsonl")

    assert [(c.id, c.email, c.zip) for c in result.records] == [
        ("cust-1", "ada@example.com", "02139"),
        ("cust-2", "alan@example.com", "94110"),
    ]
    assert [(error.line, error.field) for error in result.errors] == [(3, "email"), (4, "id")]


def test_orders_import_with_each_bad_field_named() -> None:
    result = read_orders(FIXTURES / "orders.jsonl", customer_ids={"cust-1", "cust-2"})

    assert [order.order_id for order in result.records] == ["A1001", "A1002"]
    shipped, processed = result.records
    assert shipped.tracking is not None and shipped.tracking.eta == "2026-03-05"
    assert shipped.items[0].variant_id == "sku-1-42"
    assert processed.status == "processed"
    assert processed.total == 25.0  # "$12.50" x 2
    assert [(error.line, error.field) for error in result.errors] == [
        (3, "status"),
        (4, "placed_at"),
        (5, "items.0.quantity"),
        (6, "customer_id"),
    ]


def test_orders_without_a_customer_list_accept_any_customer() -> None:
    result = read_orders(FIXTURES / "orders.jsonl")

    assert "A1006" in [order.order_id for order in result.records]


def test_orders_import_from_csv_with_json_items(tmp_path: Path) -> None:
    path = tmp_path / "orders.csv"
    path.write_text(
        "order_id,customer_id,status,placed_at,items\n"
        'B1,c1,delivered,2026-01-02,"[{""product_id"": ""p"", ""title"": ""P"", ""price"": 3}]"\n'
        "B2,c1,delivered,2026-01-02,\n"
    )

    result = read_orders(path)

    assert [(order.order_id, order.total) for order in result.records] == [("B1", 3.0)]
    assert [str(error) for error in result.errors] == [
        "orders.csv:3: items: must be a non-empty list of order lines"
    ]


def test_import_report_counts_and_lists_errors() -> None:
    good: ImportResult[str] = ImportResult(records=["a", "b"], errors=[], rows_read=2)
    bad: ImportResult[str] = ImportResult(
        records=["c"],
        errors=[
            RowError("catalog.csv", 7, "price", "'abc' is not a number"),
            RowError("catalog.csv", 9, "id", "x"),
        ],
        rows_read=3,
    )
    broken: ImportResult[str] = ImportResult()
    broken.file_error("orders.jsonl", "the file is empty")

    report = format_import_report({"faqs": good, "catalog": bad, "orders": broken})

    lines = report.splitlines()
    assert lines[0].split() == ["source", "rows", "read", "imported", "rejected", "skipped"]
    assert lines[2].split() == ["faqs", "2", "2", "0", "0"]
    assert lines[3].split() == ["catalog", "3", "1", "2", "0"]
    assert lines[4].split() == ["orders", "0", "0", "0", "0"]
    assert "not read to the end (nothing deleted for these): orders" in report
    assert "  catalog.csv:7: price: 'abc' is not a number" in lines
    assert "  orders.jsonl: the file is empty" in lines
    assert "3 error(s):" in report
