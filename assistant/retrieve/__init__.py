"""Retrieval: catalog columns, exact constraint matching, lexical + dense search, ranking and the
reasons an item fits."""
