"""Storage: the vector index (Chroma, embedded or over HTTP; or numpy in memory) and the SQLite
database (orders, sessions, feedback, carts)."""

# The built-in vector stores register themselves in assistant.storage.vectors.STORES on import; both
# modules are cheap to import (chromadb itself loads only when a ChromaStore is opened).
from assistant.storage import chroma, memory  # noqa: F401
