"""The pipeline's quotes stage: each new article's quotes extracted in the background (see quotes_stage)."""
from __future__ import annotations

import os
from pathlib import Path

PARALLEL_MIN_QUOTES = 200  # new articles before their quotes are extracted apart: an article's take ~1-4 ms


def quotes_stage(state) -> None:
    """Extracting an article's quotes needs no other article, so when many articles are new (a cold build)
    it starts here on a worker started clean (one fewer than the jobs), which parses the new files again
    itself, and runs while this process groups; the story stage collects it. Otherwise each story extracts
    its own articles' quotes when it is made."""
    import pickle

    from generator.packed import without_text
    from generator.parallel import background_map

    if state.jobs > 1 and len(state.fresh) >= PARALLEL_MIN_QUOTES:
        entry_of = {e.rel: (e, same) for e, same in zip(state.entries, state.byte_hashes)}
        files = []
        fields_of = without_text(state.articles)
        for i in state.fresh:
            entry, same = entry_of.get(fields_of[i].path, (None, None))
            # no resolve(): it costs a stat per path part; a file not found here is left to the story stage
            files.append((os.path.abspath(entry.path), entry.path.name, entry.rel, same) if entry else None)
        state.quotes_pending = background_map(quotes_worker, pickle.dumps(files), len(files), state.jobs - 1)


def quotes_worker(payload: bytes):
    """Quotes of new file i, from the (path, name, rel, bytes hash) list in payload; None when the file's
    bytes are no longer the ones this build read (the story stage then extracts them from its article)."""
    import pickle

    from generator.quotes import extract_quotes
    from generator.sources import parse_bytes
    from generator.sources_files import ReadError, read_capped, same_bytes

    files = pickle.loads(payload)

    def quotes_of(i: int) -> list | None:
        if files[i] is None:
            return None
        path, name, rel, same = files[i]
        try:
            raw = read_capped(Path(path))
        except ReadError:
            return None
        article, _ = parse_bytes(raw, name, rel) if same_bytes(raw) == same else (None, [])
        return extract_quotes(article) if article is not None else None
    return quotes_of
