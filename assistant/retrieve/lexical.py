"""BM25 over an in-memory list of documents: the lexical half of hybrid retrieval.

Dense embeddings miss exact tokens (model names, brands, "43", "GTX"); BM25 catches them. The
index is a sparse term-document matrix, so scoring 100k documents is one sparse row gather.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

import numpy as np
from scipy import sparse

from assistant.ingest.values import describe
from assistant.records import Product
from assistant.understand.words import FUNCTION_WORDS

TOKEN = re.compile(r"[a-z0-9]+(?:[.'][a-z0-9]+)*")
STOPWORDS = FUNCTION_WORDS  # the one function-word list (assistant/understand/lexicon/common.yaml)


def tokenize(text: str) -> list[str]:
    tokens = [t for t in TOKEN.findall(text.lower()) if t not in STOPWORDS]
    # A crude plural fold: "boots" and "boot" should meet.
    return [t[:-1] if len(t) > 3 and t.endswith("s") and not t.endswith("ss") else t for t in tokens]


Field = str | Sequence[str]

# BM25F weights of `product_fields`: a shopper names products by their title words first, then by
# brand, kind and facets; the description repeats both and adds much besides.
PRODUCT_FIELD_WEIGHTS = (3.0, 1.5, 1.0)


def product_fields(product: Product) -> tuple[str, str, str]:
    """(title, brand + category + tags + attributes as a shopper reads them, description)."""
    attrs = [
        describe(k, v, product.attribute_labels, product.attribute_texts)
        for k, v in product.attributes.items()
    ]
    for variant in product.variants:
        attrs.extend(str(v) for k, v in variant.attributes.items() if isinstance(v, str))
    facets = [product.brand, product.category.replace(">", " "), " ".join(product.tags), ", ".join(attrs)]
    return product.title, ". ".join(f for f in facets if f), product.description


class BM25Index:
    """BM25F: each document is one text or a tuple of field texts (title, facets, description);
    a term's frequency counts `weights[f]` times in field f, each field length-normalised on its
    own, then saturated once. So a word in a short title outweighs the same word in a long
    description, and a title that holds the shopper's words ranks first among equals."""

    def __init__(
        self,
        documents: Sequence[Field],
        weights: Sequence[float] | None = None,
        k1: float = 1.2,
        b: float = 0.75,
    ) -> None:
        fields = [(doc,) if isinstance(doc, str) else tuple(doc) for doc in documents]
        n_fields = max((len(f) for f in fields), default=1)
        w = list(weights) if weights is not None else [1.0] * n_fields
        if len(w) < n_fields:
            raise ValueError(f"{n_fields} fields but {len(w)} weights")
        self.vocab: dict[str, int] = {}
        n_docs = len(fields)
        weighted: sparse.csr_matrix | None = None
        seen: sparse.csr_matrix | None = None
        for f in range(n_fields):
            tf, lengths = self._term_counts([doc[f] if f < len(doc) else "" for doc in fields])
            avg = float(lengths.mean()) if n_docs and lengths.mean() > 0 else 1.0
            coo = tf.tocoo()
            norm = 1 - b + b * lengths[coo.col] / avg
            part = sparse.csr_matrix((w[f] * coo.data / norm, (coo.row, coo.col)), shape=tf.shape)
            present = sparse.csr_matrix((np.ones_like(coo.data), (coo.row, coo.col)), shape=tf.shape)
            weighted = part if weighted is None else _grow(weighted, tf.shape) + part
            seen = present if seen is None else _grow(seen, tf.shape) + present
        shape = (len(self.vocab), n_docs)
        weighted = _grow(weighted, shape) if weighted is not None else sparse.csr_matrix(shape)
        seen = _grow(seen, shape) if seen is not None else sparse.csr_matrix(shape)
        seen.data[:] = 1.0  # present in any field: counted once for document frequency
        df = np.asarray(seen.sum(axis=1)).ravel().astype(np.float32)
        self.idf = np.log(1.0 + (max(n_docs, 1) - df + 0.5) / (df + 0.5)).astype(np.float32)
        # Precompute the saturated term weights once; a query then only gathers rows.
        coo = weighted.tocoo()
        data = coo.data * (k1 + 1) / (coo.data + k1)
        self.matrix = sparse.csr_matrix((data.astype(np.float32), (coo.row, coo.col)), shape=shape)
        self.size = n_docs

    def _term_counts(self, texts: Sequence[str]) -> tuple[sparse.csr_matrix, np.ndarray]:
        rows: list[int] = []
        cols: list[int] = []
        vals: list[float] = []
        lengths = np.zeros(len(texts), dtype=np.float32)
        for doc_index, text in enumerate(texts):
            counts = Counter(tokenize(text))
            lengths[doc_index] = sum(counts.values())
            for term, count in counts.items():
                rows.append(self.vocab.setdefault(term, len(self.vocab)))
                cols.append(doc_index)
                vals.append(count)
        tf = sparse.csr_matrix(
            (np.asarray(vals, dtype=np.float32), (rows, cols)), shape=(len(self.vocab), len(texts))
        )
        return tf, lengths

    def scores(self, query: str) -> np.ndarray:
        out = np.zeros(self.size, dtype=np.float32)
        terms = [self.vocab[t] for t in set(tokenize(query)) if t in self.vocab]
        for term in terms:
            row = self.matrix.getrow(term)
            out[row.indices] += self.idf[term] * row.data
        return out


def _grow(matrix: sparse.csr_matrix, shape: tuple[int, int]) -> sparse.csr_matrix:
    """The matrix with rows added for terms first seen in a later field."""
    if matrix.shape == shape:
        return matrix
    coo = matrix.tocoo()
    return sparse.csr_matrix((coo.data, (coo.row, coo.col)), shape=shape)
