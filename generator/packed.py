"""Articles held with their paragraphs compressed, for large builds.

The text of every article is the largest thing a large build holds (100,000 articles: ~0.65 GB as Python
strings), yet after reading, each stage looks at it an article or a story at a time. PackedArticles keeps each
article's metadata as it is and its paragraphs zlib-compressed (~2.5x smaller), and hands out the whole article
on indexing, so stages written for a list of articles run on it unchanged. Given a folder, it keeps the compressed
paragraphs in an unnamed file there rather than in memory (read back with pread, from the page cache: memory the
system can reclaim, not the build's own).
"""
from __future__ import annotations

import marshal
import os
import tempfile
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import replace

from generator.model import Article

try:  # ISA-L's zlib: the same format, ~4x faster to pack and ~2x faster to unpack than zlib at level 1 (measured
    # on synthetic articles: 20 vs 84 us and 13 vs 24 us, 2.25 vs 2.18x smaller); plain zlib where it is missing
    from isal import isal_zlib as zlib
except ImportError:  # pragma: no cover - isal is a dependency; a platform without its wheel still builds
    import zlib

RECENT = 64  # unpacked articles kept for repeated indexing (a story's members, a text read twice in a row)


class PackedArticle:
    """One article: its fields with no paragraphs (`lean`), its paragraphs compressed (`blob`) and the length of
    its text. Pickles as those, so a worker can be sent it and unpack it there. (Inside a PackedArticles that
    spills, `blob` is the (offset, size) of the bytes in its file; it hands out only whole ones.)"""

    __slots__ = ("lean", "blob", "text_length")

    def __init__(self, lean: Article, blob: bytes | tuple[int, int], text_length: int):
        self.lean, self.blob, self.text_length = lean, blob, text_length

    @classmethod
    def of(cls, article: Article) -> PackedArticle:
        # marshal: the exact list of str back; level 1, the fastest that still compresses well
        paragraphs = article.paragraphs
        return cls(replace(article, paragraphs=[]), zlib.compress(marshal.dumps(paragraphs), 1),
                   sum(map(len, paragraphs)) + max(0, len(paragraphs) - 1))  # len(article.text)

    def unpack(self) -> Article:
        return replace(self.lean, paragraphs=marshal.loads(zlib.decompress(self.blob)))

    def __reduce__(self):
        return PackedArticle, (self.lean, self.blob, self.text_length)


def unpacked(article: Article | PackedArticle) -> Article:
    return article.unpack() if isinstance(article, PackedArticle) else article


def text_lengths(articles: Sequence[Article]) -> list[int]:
    """len(article.text) of each article, without unpacking any."""
    if isinstance(articles, PackedArticles):
        return [item.text_length for item in articles._items]
    return [len(a.text) for a in articles]


def without_text(articles: Sequence[Article]) -> Sequence[Article]:
    """The articles for reading their other fields only: held packed, their lean parts (no paragraphs, nothing
    unpacked); otherwise the articles themselves."""
    return [item.lean for item in articles._items] if isinstance(articles, PackedArticles) else articles


class _SpillFile:
    """Blobs appended to a file with no name (unlinked at once: nothing is left behind, even by a killed build),
    read back by offset. pread and pwrite take no file position, so forked workers may read it too."""

    def __init__(self, folder: str | os.PathLike | None):
        self._file = tempfile.TemporaryFile(prefix="packed-", dir=folder)
        self._fd, self._end = self._file.fileno(), 0

    def write(self, blob: bytes) -> int:
        offset, view = self._end, memoryview(blob)
        while view:  # (a write may be short)
            view = view[os.pwrite(self._fd, view, self._end):]
            self._end = offset + len(blob) - len(view)
        return offset

    def read(self, offset: int, size: int) -> bytes:
        data = os.pread(self._fd, size, offset)
        if len(data) != size:
            raise OSError(f"packed articles: {size} bytes expected at offset {offset} of the spill file, "
                          f"{len(data)} read")
        return data


class PackedArticles(Sequence):
    """A list of articles, each held packed (PackedArticle); indexing gives the whole article (a new object
    each time it is unpacked: identity is not kept, compare indices). The last RECENT unpacked ones are kept,
    so a story's members or one text read twice in a row are unpacked once.

    With `spill_to` (a folder; "" for the system's temporary folder) the blobs go to a file there as they are
    appended and the list holds their offsets (100,000 articles: ~0.23 GB less in the process that groups)."""

    def __init__(self, articles=(), spill_to: str | os.PathLike | None = None):
        self._items: list[PackedArticle] = []
        self._recent: OrderedDict[int, Article] = OrderedDict()
        self._spill = _SpillFile(spill_to or None) if spill_to is not None else None
        for a in articles:
            self.append(a)

    def append(self, article: Article | PackedArticle) -> None:
        item = article if isinstance(article, PackedArticle) else PackedArticle.of(article)
        if self._spill is not None:
            # the offset and size stand in for the blob (a new object: the caller's keeps its bytes)
            item = PackedArticle(item.lean, (self._spill.write(item.blob), len(item.blob)), item.text_length)
        self._items.append(item)

    def _whole(self, item: PackedArticle) -> PackedArticle:
        """item with its blob in memory."""
        if isinstance(item.blob, tuple):
            return PackedArticle(item.lean, self._spill.read(*item.blob), item.text_length)
        return item

    def __len__(self) -> int:
        return len(self._items)

    def __getitem__(self, i):
        if isinstance(i, slice):
            return [self[k] for k in range(*i.indices(len(self)))]
        if i < 0:
            i += len(self._items)
        recent = self._recent
        article = recent.get(i)
        if article is None:
            article = recent[i] = self._whole(self._items[i]).unpack()
            if len(recent) > RECENT:
                recent.popitem(last=False)
        else:
            recent.move_to_end(i)
        return article

    def __iter__(self):
        # one article at a time, not through the recent cache: a pass over all of them would only churn it
        return (self._whole(item).unpack() for item in self._items)

    def packed(self, i: int) -> PackedArticle:
        """Article i packed, its blob in memory: what a worker is sent, to unpack there."""
        return self._whole(self._items[i])
