"""Storage: the vector index (Chroma, embedded or over HTTP) and the SQLite database (orders,
sessions, feedback, carts)."""
