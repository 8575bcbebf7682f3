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

TOKEN = re.compile(r"[a-z0-9]+(?:[.'][a-z0-9]+)*")
STOPWORDS = frozenset(
    [
        "a",
        "an",
        "and",
        "are",
        "as",
        "at",
        "be",
        "by",
        "for",
        "from",
        "has",
        "have",
        "i",
        "in",
        "is",
        "it",
        "its",
        "me",
        "my",
        "of",
        "on",
        "or",
        "our",
        "show",
        "the",
        "this",
        "to",
        "with",
        "you",
        "your",
        "want",
        "need",
        "looking",
        "some",
        "any",
    ]
)


def tokenize(text: str) -> list[str]:
    tokens = [t for t in TOKEN.findall(text.lower()) if t not in STOPWORDS]
    # A crude plural fold: "boots" and "boot" should meet.
    return [t[:-1] if len(t) > 3 and t.endswith("s") and not t.endswith("ss") else t for t in tokens]


class BM25Index:
    def __init__(self, documents: Sequence[str], k1: float = 1.2, b: float = 0.75) -> None:
        self.vocab: dict[str, int] = {}
        rows: list[int] = []
        cols: list[int] = []
        vals: list[float] = []
        lengths = np.zeros(len(documents), dtype=np.float32)
        for doc_index, text in enumerate(documents):
            counts = Counter(tokenize(text))
            lengths[doc_index] = sum(counts.values())
            for term, count in counts.items():
                col = self.vocab.setdefault(term, len(self.vocab))
                rows.append(col)
                cols.append(doc_index)
                vals.append(count)
        n_docs = max(len(documents), 1)
        tf = sparse.csr_matrix(
            (np.asarray(vals, dtype=np.float32), (rows, cols)), shape=(len(self.vocab), len(documents))
        )
        avg = float(lengths.mean()) if len(documents) else 1.0
        df = np.diff(tf.indptr).astype(np.float32)
        self.idf = np.log(1.0 + (n_docs - df + 0.5) / (df + 0.5)).astype(np.float32)
        # Precompute the saturated term weights once; a query then only gathers rows.
        tf = tf.tocoo()
        norm = k1 * (1 - b + b * lengths[tf.col] / max(avg, 1e-6))
        weights = tf.data * (k1 + 1) / (tf.data + norm)
        self.matrix = sparse.csr_matrix((weights, (tf.row, tf.col)), shape=tf.shape)
        self.size = len(documents)

    def scores(self, query: str) -> np.ndarray:
        out = np.zeros(self.size, dtype=np.float32)
        terms = [self.vocab[t] for t in set(tokenize(query)) if t in self.vocab]
        for term in terms:
            row = self.matrix.getrow(term)
            out[row.indices] += self.idf[term] * row.data
        return out
