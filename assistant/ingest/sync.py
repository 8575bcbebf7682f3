"""Ingestion as a sync: upsert changed records, skip unchanged ones by content hash, delete ids
that left the source. Each batch is committed on its own, so a killed run loses at most one batch
of work and the next run picks up where it stopped."""

from __future__ import annotations

import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from tqdm import tqdm

from assistant.config import Settings
from assistant.ingest.documents import (
    faq_document,
    faq_metadata,
    policy_document,
    policy_metadata,
    product_document,
    product_embedding_text,
    product_metadata,
)
from assistant.ingest.errors import ImportResult, RowError
from assistant.storage.sqlite import ShopDatabase
from assistant.storage.vectors import Kind, VectorStore

ProductFormat = Literal["auto", "jsonl", "csv", "shopify", "gmc"]
EMBED_BATCH = 128  # texts per embedding call and per committed upsert; 64 was ~10% slower
Prepared = tuple[str, dict[str, Any], str]  # stored document, metadata, text to embed
# id, content hash, and how to build the rest: only records whose hash changed pay for it
Keyed = tuple[str, str, Callable[[], Prepared]]


@dataclass
class SyncCounts:
    read: int = 0
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    deleted: int = 0
    rejected: int = 0


@dataclass
class IngestReport:
    counts: dict[str, SyncCounts] = field(default_factory=dict)
    errors: list[RowError] = field(default_factory=list)
    seconds: float = 0.0
    dry_run: bool = False
    incomplete: list[str] = field(default_factory=list)  # sources not read to the end: nothing deleted

    @property
    def usable(self) -> int:
        return sum(c.read - c.rejected for c in self.counts.values())

    def imported(self, name: str) -> int:
        c = self.counts.get(name)
        return 0 if c is None else c.added + c.updated + c.unchanged

    def table(self) -> str:
        head = f"{'source':<10} {'read':>6} {'added':>6} {'updated':>8} {'unchanged':>9} {'deleted':>7} {'rejected':>8}"
        lines = [head, "-" * len(head)]
        for name, c in self.counts.items():
            lines.append(
                f"{name:<10} {c.read:>6} {c.added:>6} {c.updated:>8} {c.unchanged:>9} {c.deleted:>7} {c.rejected:>8}"
            )
        lines.append(f"{'dry run: nothing written' if self.dry_run else 'done'} in {self.seconds:.1f} s")
        for name in self.incomplete:
            lines.append(f"warning: {name} was not read to the end, so nothing was deleted from it")
        if self.errors:
            lines.append(f"\n{len(self.errors)} rejected row(s):")
            lines.extend(f"  {err}" for err in self.errors[:200])
            if len(self.errors) > 200:
                lines.append(f"  ... and {len(self.errors) - 200} more")
        return "\n".join(lines)


@dataclass(frozen=True)
class Sources:
    catalog: Sequence[Path]  # product files; several are merged
    faq: Path | None = None
    policies: Path | None = None
    customers: Path | None = None
    orders: Path | None = None
    fmt: ProductFormat = "auto"  # product file format; auto detects by extension and header

    @classmethod
    def from_settings(cls, settings: Settings) -> Sources:
        return cls(
            catalog=[settings.catalog_path],
            faq=settings.faq_path,
            policies=settings.policies_dir,
            customers=settings.customers_path,
            orders=settings.orders_path,
        )


def _sync_vectors(
    store: VectorStore,
    embed: Callable[[list[str]], Any],
    kind: Kind,
    records: list[Keyed],
    counts: SyncCounts,
    progress: bool,
    may_delete: bool = True,
) -> None:
    """records: (id, content hash, builder of document, metadata and text to embed)."""
    existing = store.existing_hashes(kind)
    todo = [(r[0], *r[2]()) for r in records if existing.get(r[0]) != r[1]]
    counts.unchanged = len(records) - len(todo)
    counts.added = sum(1 for r in todo if r[0] not in existing)
    counts.updated = len(todo) - counts.added
    bar = tqdm(
        total=len(todo),
        desc=f"indexing {kind}",
        unit="rec",
        disable=not progress or not todo,
        file=sys.stderr,
    )
    for start in range(0, len(todo), EMBED_BATCH):
        batch = todo[start : start + EMBED_BATCH]
        vectors = embed([text for _, _, _, text in batch])
        store.upsert(
            kind,
            [r[0] for r in batch],
            vectors,
            [r[1] for r in batch],
            [r[2] for r in batch],
        )
        bar.update(len(batch))
    bar.close()
    source_ids = {r[0] for r in records}
    gone = [i for i in existing if i not in source_ids]
    if gone and records and may_delete:
        store.delete(kind, gone)
        counts.deleted = len(gone)


def _product_builder(product: Any) -> Callable[[], Prepared]:
    return lambda: (product_document(product), product_metadata(product), product_embedding_text(product))


def _eager(record_id: str, document: str, meta: dict[str, Any]) -> Keyed:
    """Help texts are few: built up front; the document is also the text embedded."""
    return (record_id, meta["content_hash"], lambda: (document, meta, document))


def _merge_products(results: list[ImportResult[Any]]) -> ImportResult[Any]:
    merged: ImportResult[Any] = ImportResult(records=[], errors=[], rows_read=0)
    seen: set[str] = set()
    for res in results:
        merged.rows_read += res.rows_read
        merged.complete = merged.complete and res.complete
        merged.errors.extend(res.errors)
        for product in res.records:
            if product.id in seen:
                merged.errors.append(
                    RowError("catalog", 0, "id", f"duplicate id {product.id!r} across files")
                )
                continue
            seen.add(product.id)
            merged.records.append(product)
    return merged


def ingest(
    settings: Settings,
    sources: Sources | None = None,
    dry_run: bool = False,
    progress: bool = True,
    store: VectorStore | None = None,
    embed: Callable[[list[str]], Any] | None = None,
) -> IngestReport:
    from assistant.ingest.detect import read_products
    from assistant.ingest.help_content import read_faqs, read_policies
    from assistant.ingest.people import read_customers, read_orders

    started = time.perf_counter()
    sources = sources or Sources.from_settings(settings)
    report = IngestReport(dry_run=dry_run)

    products = _merge_products([read_products(Path(p), sources.fmt) for p in sources.catalog])
    loaded: dict[str, ImportResult[Any]] = {"products": products}
    if sources.faq:
        loaded["faqs"] = read_faqs(sources.faq)
    if sources.policies:
        loaded["policies"] = read_policies(sources.policies)
    if sources.customers:
        loaded["customers"] = read_customers(sources.customers)
    if sources.orders:
        known = {c.id for c in loaded["customers"].records} if "customers" in loaded else None
        loaded["orders"] = read_orders(sources.orders, customer_ids=known)
    for name, res in loaded.items():
        report.counts[name] = SyncCounts(read=res.rows_read, rejected=res.rejected)
        report.errors.extend(res.errors)
        if not res.complete:
            report.incomplete.append(name)
    if dry_run:
        report.seconds = time.perf_counter() - started
        return report

    if store is None:
        store = VectorStore(settings)
    if embed is None:
        # Loaded on first use: an unchanged re-sync embeds nothing and should not pay for the model.
        def embed(texts: list[str]) -> Any:
            from assistant.models.embedder import get_embedder

            return get_embedder(settings).embed(texts)

    # Unchanged products (a re-sync: most of them) skip building their document and metadata.
    vector_kinds: dict[Kind, list[Keyed]] = {
        "products": [(p.id, p.content_hash(), _product_builder(p)) for p in products.records],
    }
    if "faqs" in loaded:
        vector_kinds["faqs"] = [
            _eager(f.id, faq_document(f), faq_metadata(f)) for f in loaded["faqs"].records
        ]
    if "policies" in loaded:
        vector_kinds["policies"] = [
            _eager(c.id, policy_document(c), policy_metadata(c)) for c in loaded["policies"].records
        ]
    for kind, records in vector_kinds.items():
        _sync_vectors(
            store, embed, kind, records, report.counts[kind], progress, kind not in report.incomplete
        )

    db = ShopDatabase(settings.resolved_data_dir() / "shop.sqlite")
    for table in ("customers", "orders"):
        if table not in loaded:
            continue
        rows = loaded[table].records
        keyed = [(r.id if table == "customers" else r.order_id, _hash(r.model_dump_json()), r) for r in rows]
        existing = db.existing_hashes(table)
        counts = report.counts[table]
        changed = [row for row in keyed if existing.get(row[0]) != row[1]]
        counts.added = sum(1 for row in changed if row[0] not in existing)
        counts.updated = len(changed) - counts.added
        counts.unchanged = len(keyed) - len(changed)
        if table == "customers":
            db.upsert_customers(changed)
        else:
            db.upsert_orders(changed)
        kept = {row[0] for row in keyed}
        gone = [i for i in existing if i not in kept]
        if gone and keyed and table not in report.incomplete:
            db.delete(table, gone)
            counts.deleted = len(gone)
    report.seconds = time.perf_counter() - started
    return report


def _hash(text: str) -> str:
    import hashlib

    return hashlib.sha256(text.encode()).hexdigest()[:16]
