"""From files on disk to structured, chunked, embedded passages."""
