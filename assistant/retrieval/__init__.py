"""Finding passages: dense (Chroma), lexical (German BM25) and their fusion."""
