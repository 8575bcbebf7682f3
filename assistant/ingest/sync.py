"""Ingestion as a sync: upsert changed records, skip unchanged ones by content hash, delete ids
that left the source. Each batch is committed on its own, so a killed run loses at most one batch
of work and the next run picks up where it stopped."""

from __future__ import annotations

import logging
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from tqdm import tqdm

from assistant.config import DEMO_SOURCES, Settings
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
from assistant.ingest.isolation import (
    PRUNE_KINDS,
    Origin,
    holds_records,
    prune,
    read_origin,
    write_origin,
)
from assistant.ingest.values import normalise_products
from assistant.storage.sqlite import ShopDatabase
from assistant.storage.vectors import Kind, VectorStore, open_store

log = logging.getLogger(__name__)
ProductFormat = Literal["auto", "jsonl", "csv", "json", "shopify", "gmc"]
DEMO_NOTE = (
    "serving the demo store (knowledge/). To serve your shop, load its data into an empty data dir: "
    "assistant ingest --catalog FILE [--faq FILE] [--policies DIR] [--customers FILE] [--orders FILE]"
)
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
    warnings: list[RowError] = field(default_factory=list)  # rows kept but incomplete
    pruned: dict[str, int] = field(default_factory=dict)  # kind -> rows removed (--prune, demo cleared)
    notes: list[str] = field(default_factory=list)  # what was loaded from where, said once
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
        for name, removed in self.pruned.items():
            lines.append(f"emptied {name}: {removed} record(s) removed")
        lines.extend(self.notes)
        for name in self.incomplete:
            lines.append(f"warning: {name} was not read to the end, so nothing was deleted from it")
        if self.errors:
            lines.append(f"\n{len(self.errors)} rejected row(s):")
            lines.extend(f"  {err}" for err in self.errors[:200])
            if len(self.errors) > 200:
                lines.append(f"  ... and {len(self.errors) - 200} more")
        if self.warnings:
            lines.append(f"\n{len(self.warnings)} warning(s) (rows kept):")
            lines.extend(f"  {warning}" for warning in self.warnings[:50])
            if len(self.warnings) > 50:
                lines.append(f"  ... and {len(self.warnings) - 50} more")
        return "\n".join(lines)


@dataclass(frozen=True)
class Sources:
    """The files of one import. A kind left out (None, or no catalog files) keeps what the index
    holds for it: an import never fills a kind from anywhere else."""

    catalog: Sequence[Path] = ()  # product files; several are merged
    faq: Path | None = None
    policies: Path | None = None
    customers: Path | None = None
    orders: Path | None = None
    fmt: ProductFormat = "auto"  # product file format; auto detects by extension and header
    catalog_map: str | None = None  # field mapping for flat JSON/CSV catalogs (assistant/ingest/mapped.py)
    origin: Origin = "shop"  # "demo" only for the demo store's own files

    @classmethod
    def from_settings(cls, settings: Settings) -> Sources:
        """The shop's configured files; the ones not configured are left out."""
        return cls(
            catalog=[settings.catalog_path] if settings.catalog_path else [],
            faq=settings.faq_path,
            policies=settings.policies_dir,
            customers=settings.customers_path,
            orders=settings.orders_path,
            catalog_map=settings.catalog_map,
        )

    @classmethod
    def demo(cls) -> Sources:
        return cls(
            catalog=[DEMO_SOURCES["catalog_path"]],
            faq=DEMO_SOURCES["faq_path"],
            policies=DEMO_SOURCES["policies_dir"],
            customers=DEMO_SOURCES["customers_path"],
            orders=DEMO_SOURCES["orders_path"],
            origin="demo",
        )

    @property
    def empty(self) -> bool:
        return not self.catalog and not any((self.faq, self.policies, self.customers, self.orders))


def resolve_sources(settings: Settings, store: VectorStore | None = None) -> Sources:
    """What `ingest(settings)` loads when no files are named: the configured shop files; with none
    configured, the demo store into an empty (or demo) data dir, and nothing into a shop's."""
    if settings.shop_configured():
        return Sources.from_settings(settings)
    data_dir = settings.resolved_data_dir()
    origin = read_origin(data_dir)
    if origin == "demo":
        return Sources.demo()
    if origin is None:
        db = ShopDatabase(data_dir / "shop.sqlite")
        if not holds_records(store or open_store(settings), db):
            return Sources.demo()
    return Sources()


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
    # Attribute values in one form before anything is indexed (ingest/values.py): filters,
    # vocabulary and answers read the normalised values; the shop's own text is kept for display.
    merged.records = normalise_products(merged.records)
    return merged


def ingest(
    settings: Settings,
    sources: Sources | None = None,
    dry_run: bool = False,
    progress: bool = True,
    store: VectorStore | None = None,
    embed: Callable[[list[str]], Any] | None = None,
    prune_kinds: Sequence[str] = (),
) -> IngestReport:
    """Syncs the named sources (None: `resolve_sources`); `prune_kinds` are emptied first."""
    started = time.perf_counter()
    report = IngestReport(dry_run=dry_run)
    if sources is None and dry_run:
        sources = Sources.from_settings(settings) if settings.shop_configured() else Sources.demo()
    elif sources is None:
        store = store or open_store(settings)
        sources = resolve_sources(settings, store)
    if sources.origin == "demo":
        report.notes.append(DEMO_NOTE)

    loaded = _read_sources(sources, report)
    if dry_run:
        report.seconds = time.perf_counter() - started
        return report

    if store is None:
        store = open_store(settings)
    db = ShopDatabase(settings.resolved_data_dir() / "shop.sqlite")
    _isolate(settings, sources, store, db, list(prune_kinds), report)
    if embed is None:
        # Loaded on first use: an unchanged re-sync embeds nothing and should not pay for the model.
        def embed(texts: list[str]) -> Any:
            from assistant.models.embedder import get_embedder

            return get_embedder(settings).embed(texts)

    _sync_vector_kinds(store, embed, loaded, report, progress)
    for table in ("customers", "orders"):
        if table in loaded:
            _sync_table(db, table, loaded[table].records, report)
    report.seconds = time.perf_counter() - started
    return report


def _read_sources(sources: Sources, report: IngestReport) -> dict[str, ImportResult[Any]]:
    """Every named source read and validated; the report counts rows read and rejected."""
    from assistant.ingest.detect import read_products
    from assistant.ingest.help_content import read_faqs, read_policies
    from assistant.ingest.people import read_customers, read_orders

    loaded: dict[str, ImportResult[Any]] = {}
    if sources.catalog:
        loaded["products"] = _merge_products(
            [read_products(Path(p), sources.fmt, sources.catalog_map) for p in sources.catalog]
        )
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
        report.warnings.extend(res.warnings)
        if not res.complete:
            report.incomplete.append(name)
    return loaded


def _sync_vector_kinds(
    store: VectorStore,
    embed: Callable[[list[str]], Any],
    loaded: dict[str, ImportResult[Any]],
    report: IngestReport,
    progress: bool,
) -> None:
    # Unchanged products (a re-sync: most of them) skip building their document and metadata.
    vector_kinds: dict[Kind, list[Keyed]] = {}
    if "products" in loaded:
        vector_kinds["products"] = [
            (p.id, p.content_hash(), _product_builder(p)) for p in loaded["products"].records
        ]
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


def _sync_table(db: ShopDatabase, table: str, rows: Sequence[Any], report: IngestReport) -> None:
    """Customers or orders: upsert what changed, delete what left a complete source."""
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


def _isolate(
    settings: Settings,
    sources: Sources,
    store: VectorStore,
    db: ShopDatabase,
    kinds: list[str],
    report: IngestReport,
) -> None:
    """Empties the kinds asked for, and every kind when a shop's files arrive in a demo data dir;
    then records which store the data dir holds."""
    data_dir = settings.resolved_data_dir()
    origin = read_origin(data_dir)
    if sources.origin == "shop" and not sources.empty and origin == "demo":
        kinds = list(PRUNE_KINDS)  # the demo leaves whole before a shop's first import
        report.notes.append("the data dir held the demo store: emptied it before importing the shop's data")
    elif origin is None and sources.origin == "shop" and holds_records(store, db):
        log.warning("%s holds records of an unknown store; kinds not imported now are kept", data_dir)
    if kinds:
        report.pruned.update(prune(store, db, kinds))
    if not sources.empty or kinds:
        write_origin(data_dir, "demo" if sources.origin == "demo" and not kinds else "shop")


def _hash(text: str) -> str:
    import hashlib

    return hashlib.sha256(text.encode()).hexdigest()[:16]
