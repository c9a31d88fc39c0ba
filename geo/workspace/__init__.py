"""The workspace: the DuckDB store of a reader's corpus, the files it reads, and the processes that fill it."""
