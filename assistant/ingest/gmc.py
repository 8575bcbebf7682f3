"""Products from a Google Merchant Center feed (TSV or RSS 2.0 XML); item_group_id joins variants."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from xml.parsers import expat

from pydantic import ValidationError

from assistant.ingest.errors import ImportResult, RowError
from assistant.ingest.rows import bad_utf8
from assistant.ingest.textio import SourceLine, guess_delimiter, load_lines, read_csv_records
from assistant.ingest.validate import (
    FirstSeen,
    RowRejected,
    check_length,
    html_to_text,
    parse_money,
    rejection_from_validation,
)
from assistant.records import MAX_DESCRIPTION_CHARS, MAX_TITLE_CHARS, Attributes, AttrValue, Product, Variant

GOOGLE_NS = "http://base.google.com/ns/1.0"
VARIANT_ATTRIBUTES = ("color", "size", "material", "gender", "pattern", "age_group", "size_type")
AVAILABILITY = {"in_stock": True, "out_of_stock": False, "preorder": False, "backorder": False}
ITEM_ELEMENTS = {"item", "entry"}


@dataclass
class _Offer:
    line: int
    id: str
    title: str
    description: str
    url: str
    image_url: str
    price: float
    regular_price: float | None
    currency: str
    in_stock: bool
    availability: str
    brand: str
    category: str
    group_id: str
    attributes: Attributes = field(default_factory=dict)


@dataclass(frozen=True)
class FeedItem:
    line: int
    fields: dict[str, str]
    valid_utf8: bool


def feed_field_name(name: str) -> str:
    """ "g:price", "price" and "{ns} price" all name the field ``price``."""
    name = name.strip().lower().rsplit(" ", 1)[-1]
    return name[2:] if name.startswith("g:") else name


def read_gmc_products(path: Path) -> ImportResult[Product]:
    result: ImportResult[Product] = ImportResult()
    lines = load_lines(path, result)
    if lines is None:
        return result
    first = next(line.text.lstrip() for line in lines if line.text.strip())
    items = _xml_items(lines, path.name, result) if first.startswith("<") else _tsv_items(lines)
    offers: list[_Offer] = []
    seen_offers = FirstSeen()
    for item in items:
        result.rows_read += 1
        try:
            if not item.valid_utf8:
                raise bad_utf8()
            offer = _offer(item)
            seen_offers.claim(offer.id, item.line)
        except RowRejected as exc:
            result.errors.append(RowError(path.name, item.line, exc.field, exc.message))
            continue
        offers.append(offer)
    _group_offers(offers, path.name, result)
    result.errors.sort(key=lambda error: error.line)
    return result


def _tsv_items(lines: list[SourceLine]) -> Iterator[FeedItem]:
    header, records = read_csv_records(lines, guess_delimiter(lines))
    names = [feed_field_name(name) for name in header]
    for record in records:
        pairs = zip(names, header, strict=True)
        values = {name: record.values.get(column, "").strip() for name, column in pairs}
        yield FeedItem(record.line, values, record.valid_utf8)


def _xml_items(lines: list[SourceLine], file: str, result: ImportResult[Product]) -> list[FeedItem]:
    """Items with the line each starts on; a parse error keeps the items before it and marks the file."""
    bad_lines = {line.number for line in lines if not line.valid_utf8}
    parser = expat.ParserCreate(namespace_separator=" ")
    items: list[FeedItem] = []
    stack: list[str] = []
    current: dict[str, str] = {}
    item_depth = -1  # depth of the open item element; -1 outside items
    start_line = 0
    text_parts: list[str] = []

    def start(name: str, _attrs: dict[str, str]) -> None:
        nonlocal item_depth, start_line
        local = feed_field_name(name)
        if item_depth < 0 and local in ITEM_ELEMENTS:
            current.clear()
            item_depth, start_line = len(stack), parser.CurrentLineNumber
        stack.append(local)
        text_parts.clear()

    def end(_name: str) -> None:
        nonlocal item_depth
        local = stack.pop()
        if item_depth >= 0 and len(stack) == item_depth:
            end_line = parser.CurrentLineNumber
            valid = not any(start_line <= number <= end_line for number in bad_lines)
            items.append(FeedItem(start_line, dict(current), valid))
            item_depth = -1
        elif item_depth >= 0 and len(stack) == item_depth + 1:
            # Only direct children of the item are fields; nested ones (g:shipping > g:price) are not.
            current.setdefault(local, "".join(text_parts).strip())
        text_parts.clear()

    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.CharacterDataHandler = text_parts.append
    try:
        parser.Parse("\n".join(line.text for line in lines), True)
    except expat.ExpatError as exc:
        message = f"not well-formed XML: {expat.errors.messages[exc.code]}"
        result.errors.append(RowError(file, exc.lineno, "xml", message))
        result.complete = False
    return items


def _availability(raw: str) -> tuple[bool, str]:
    key = "_".join(raw.strip().lower().split())
    if not key:
        raise RowRejected("availability", "is missing")
    if key not in AVAILABILITY:
        allowed = ", ".join(AVAILABILITY)
        raise RowRejected("availability", f"{raw!r} is not one of {allowed}")
    return AVAILABILITY[key], key


def _offer(item: FeedItem) -> _Offer:
    fields = item.fields
    offer_id = fields.get("id", "").strip()
    if not offer_id:
        raise RowRejected("id", "is missing")
    title = check_length(fields.get("title", "").strip(), "title", MAX_TITLE_CHARS)
    if not title:
        raise RowRejected("title", "is missing")
    description = html_to_text(fields.get("description", ""))
    check_length(description, "description", MAX_DESCRIPTION_CHARS)
    price, currency = parse_money(fields.get("price"), "price")
    regular_price: float | None = None
    if fields.get("sale_price", "").strip():
        sale, sale_currency = parse_money(fields["sale_price"], "sale_price")
        if sale_currency and currency and sale_currency != currency:
            raise RowRejected("sale_price", f"currency {sale_currency} differs from the price's {currency}")
        if sale < price:
            price, regular_price = sale, price
    in_stock, availability = _availability(fields.get("availability", ""))
    attributes: Attributes = {name: fields[name] for name in VARIANT_ATTRIBUTES if fields.get(name)}
    google_category = fields.get("google_product_category", "")
    return _Offer(
        line=item.line,
        id=offer_id,
        title=title,
        description=description,
        url=fields.get("link", ""),
        image_url=fields.get("image_link", ""),
        price=price,
        regular_price=regular_price,
        currency=currency or "USD",
        in_stock=in_stock,
        availability=availability,
        brand=fields.get("brand", ""),
        # A numeric taxonomy id means nothing to a shopper; the shop's own product_type does.
        category=fields.get("product_type") or ("" if google_category.isdigit() else google_category),
        group_id=fields.get("item_group_id", ""),
        attributes=attributes,
    )


def _group_offers(offers: list[_Offer], file: str, result: ImportResult[Product]) -> None:
    groups: dict[str, list[_Offer]] = {}
    for offer in offers:
        groups.setdefault(offer.group_id or f"\0{offer.id}", []).append(offer)
    seen_products = FirstSeen()
    for key, group in groups.items():
        grouped = not key.startswith("\0")
        head = group[0]
        try:
            product_id = key if grouped else head.id
            seen_products.claim(product_id, head.line)
            kept = [head]
            for offer in group[1:]:
                if offer.currency != head.currency:
                    message = f"currency {offer.currency} differs from {head.currency} on line {head.line}"
                    result.errors.append(RowError(file, offer.line, "price", message))
                else:
                    kept.append(offer)
            result.records.append(_product(product_id, kept, grouped))
        except RowRejected as exc:
            result.errors.append(RowError(file, head.line, exc.field, exc.message))


def _common_title(titles: list[str]) -> str:
    """ "Trail Shoe - Blue" and "Trail Shoe - Red" make "Trail Shoe": variant titles often end in options."""
    words = [title.split() for title in titles]
    common: list[str] = []
    for column in zip(*words, strict=False):
        if any(word != column[0] for word in column):
            break
        common.append(column[0])
    title = " ".join(common).rstrip(" -–—,|/:(")
    return title or titles[0]


def _product(product_id: str, offers: list[_Offer], grouped: bool) -> Product:
    head = offers[0]
    cheapest = min(offers, key=lambda offer: offer.price)
    attributes: dict[str, AttrValue] = {
        name: value
        for name, value in head.attributes.items()
        if all(offer.attributes.get(name) == value for offer in offers)
    }
    if cheapest.regular_price is not None:
        attributes["compare_at_price"] = cheapest.regular_price
    if not grouped and head.availability not in {"in_stock", "out_of_stock"}:
        attributes["availability"] = head.availability
    variants = (
        [
            Variant(id=offer.id, attributes=offer.attributes, price=offer.price, in_stock=offer.in_stock)
            for offer in offers
        ]
        if grouped
        else []
    )
    try:
        return Product(
            id=product_id,
            title=_common_title([offer.title for offer in offers]) if grouped else head.title,
            description=next((offer.description for offer in offers if offer.description), ""),
            category=head.category,
            brand=head.brand,
            price=cheapest.price,
            currency=head.currency,
            attributes=attributes,
            variants=variants,
            in_stock=any(offer.in_stock for offer in offers),
            image_url=head.image_url,
            url=head.url,
        )
    except ValidationError as exc:
        raise rejection_from_validation(exc) from None
