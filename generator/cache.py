"""Content-hash build cache in `.cache/` (one SQLite file): parsed articles, story summaries and quotes,
and the last build's fingerprint and output manifest.

Never trusted blindly: every value carries a checksum and is dropped when it does not verify or unpickle;
the file carries a format version and the hash of the generator's own source, and a mismatch empties it;
a file SQLite cannot open is deleted and rebuilt. SQLite transactions make every write atomic, so a killed
build leaves the previous cache intact. Values are pickles: the cache is trusted like `__pycache__` (both
are executable state written by this program), and checksums guard against corruption, not attackers.
"""
from __future__ import annotations

import hashlib
import os
import pickle
import sqlite3
import sys
import zlib
from pathlib import Path

CACHE_VERSION = 2  # 2: value checksums are CRC-32 based
DB_NAME = "newsdigest.sqlite3"
_PACKAGE = Path(__file__).resolve().parent


def digest(*parts: bytes | str) -> str:
    """Stable hex hash of the parts (length-prefixed, so ("ab", "c") != ("a", "bc"))."""
    h = hashlib.blake2b(digest_size=20)
    for p in parts:
        b = p.encode("utf-8", "surrogatepass") if isinstance(p, str) else p
        h.update(len(b).to_bytes(8, "little"))
        h.update(b)
    return h.hexdigest()


def code_fingerprint(package: Path = _PACKAGE) -> str:
    """Hash of the generator package's source: any code change invalidates every cached result."""
    parts: list[bytes | str] = [str(CACHE_VERSION), sys.version, str(pickle.HIGHEST_PROTOCOL)]
    for path in sorted(package.rglob("*.py")):
        parts += [path.relative_to(package).as_posix(), path.read_bytes()]
    return digest(*parts)


def tree_fingerprint(dirs: list[Path]) -> str:
    """Hash of every file (name and bytes) under the given folders, e.g. a theme's templates and assets."""
    parts: list[bytes | str] = []
    for d in dirs:
        parts.append(str(d))
        if d.is_dir():
            for path in sorted(p for p in d.rglob("*") if p.is_file()):
                parts += [path.relative_to(d).as_posix(), path.read_bytes()]
    return digest(*parts)


class BuildCache:
    """Key -> value store in namespaces; values pickled with a checksum. Use as a context manager."""

    def __init__(self, folder: Path, code_fp: str | None = None):
        self.folder = Path(folder)
        self.code_fp = code_fp or code_fingerprint()
        self.path = self.folder / DB_NAME
        self.problems: list[str] = []  # what was found wrong and discarded (for tests and --verbose)
        self._used: dict[str, set[str]] = {}
        self._kept_whole: set[str] = set()  # namespaces prune leaves alone (keep_all)
        self.db = self._open()

    # -- opening and validation -------------------------------------------------------------------------
    def _open(self) -> sqlite3.Connection:
        self.folder.mkdir(parents=True, exist_ok=True)
        try:
            db = self._connect()
            version, code = self._meta(db)
        except sqlite3.DatabaseError as exc:  # not a database, truncated ...
            self.problems.append(f"unreadable cache ({exc}); rebuilt")
            self._remove_files()
            db = self._connect()
            version, code = self._meta(db)
        if version != str(CACHE_VERSION) or code != self.code_fp:
            if version is not None:
                self.problems.append("cache made by another format or generator version; emptied")
            with db:
                db.execute("DELETE FROM entries")
                db.execute("DELETE FROM meta")
                db.executemany("INSERT INTO meta VALUES (?, ?)", [("version", str(CACHE_VERSION)), ("code", self.code_fp)])
        return db

    def _connect(self) -> sqlite3.Connection:
        db = sqlite3.connect(self.path, timeout=30, isolation_level=None)
        db.execute("PRAGMA journal_mode=DELETE")
        db.execute("PRAGMA synchronous=NORMAL")
        db.execute("CREATE TABLE IF NOT EXISTS meta (name TEXT PRIMARY KEY, value TEXT)")
        db.execute("CREATE TABLE IF NOT EXISTS entries (ns TEXT, key TEXT, sum TEXT, value BLOB, PRIMARY KEY (ns, key))")
        return db

    @staticmethod
    def _meta(db: sqlite3.Connection) -> tuple[str | None, str | None]:
        rows = dict(db.execute("SELECT name, value FROM meta").fetchall())
        return rows.get("version"), rows.get("code")

    def _remove_files(self) -> None:
        for suffix in ("", "-journal", "-wal", "-shm"):
            try:
                os.unlink(str(self.path) + suffix)
            except FileNotFoundError:
                pass

    # -- values ---------------------------------------------------------------------------------------------
    @staticmethod
    def _checksum(ns: str, key: str, blob: bytes) -> str:
        # CRC-32 of the value (a damaged file, not an attacker, is what it guards against; 4x faster than hashing
        # the value: a 100,000-article rebuild checks ~1 GB of cached values) tied to its namespace and key
        return digest(ns, key, zlib.crc32(blob).to_bytes(4, "little"), len(blob).to_bytes(8, "little"))

    def get_many(self, ns: str, keys: list[str]) -> dict[str, object]:
        """Values found for the keys; entries that fail their checksum or unpickling are dropped."""
        found: dict[str, object] = {}
        bad: list[str] = []
        wanted = list(dict.fromkeys(keys))
        self._used.setdefault(ns, set()).update(wanted)
        for start in range(0, len(wanted), 500):  # stay under SQLite's bound-parameter limit
            chunk = wanted[start:start + 500]
            marks = ",".join("?" * len(chunk))
            try:
                rows = self.db.execute(f"SELECT key, sum, value FROM entries WHERE ns = ? AND key IN ({marks})",
                                       [ns, *chunk]).fetchall()
            except sqlite3.DatabaseError as exc:
                self._damaged(exc)
                return found
            for key, checksum, blob in rows:
                if not isinstance(blob, bytes) or checksum != self._checksum(ns, key, blob):
                    bad.append(key)
                    continue
                try:
                    found[key] = pickle.loads(blob)
                except Exception:  # noqa: BLE001 - any unpickling failure means the entry is unusable
                    bad.append(key)
        if bad:
            self.problems.append(f"{len(bad)} corrupt {ns} entries discarded")
            self._write(lambda db: db.executemany("DELETE FROM entries WHERE ns = ? AND key = ?", [(ns, k) for k in bad]))
        return found

    def get_all(self, ns: str) -> dict[str, object]:
        """Every value of the namespace (checked like get_many); none is marked used (see keep)."""
        try:
            keys = [k for (k,) in self.db.execute("SELECT key FROM entries WHERE ns = ?", (ns,)).fetchall()]
        except sqlite3.DatabaseError as exc:
            self._damaged(exc)
            return {}
        used = set(self._used.get(ns, ()))
        found = self.get_many(ns, keys)
        self._used[ns] = used
        return found

    def keep(self, ns: str, keys) -> None:
        """Mark entries as used by this build, so prune keeps them."""
        self._used.setdefault(ns, set()).update(keys)

    def forget_used(self, ns: str) -> None:
        """Let go of the record of the namespace's entries this build used: another process (a copy made by fork,
        which holds the record too) prunes the namespace instead."""
        self._used.pop(ns, None)

    def keep_all(self, ns: str) -> None:
        """Prune nothing of the namespace in this build (it had no need to read the entries the next one needs)."""
        self._kept_whole.add(ns)

    def get(self, ns: str, key: str) -> object | None:
        return self.get_many(ns, [key]).get(key)

    def put_many(self, ns: str, items: dict[str, object]) -> None:
        def rows():  # pickled one at a time inside the transaction: no second copy of a large batch
            for key, value in items.items():
                blob = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
                yield ns, key, self._checksum(ns, key, blob), blob

        self._used.setdefault(ns, set()).update(items)
        self._write(lambda db: db.executemany("INSERT OR REPLACE INTO entries VALUES (?, ?, ?, ?)", rows()))

    def put(self, ns: str, key: str, value: object) -> None:
        self.put_many(ns, {key: value})

    def prune(self, ns: str) -> None:
        """Forget the namespace's entries this build did not use, so the cache does not grow forever."""
        if ns in self._kept_whole:
            return
        used = sorted(self._used.get(ns, ()))

        def run(db: sqlite3.Connection) -> None:
            db.execute("CREATE TEMP TABLE IF NOT EXISTS used (key TEXT PRIMARY KEY)")
            db.execute("DELETE FROM used")
            db.executemany("INSERT OR IGNORE INTO used VALUES (?)", [(k,) for k in used])
            db.execute("DELETE FROM entries WHERE ns = ? AND key NOT IN (SELECT key FROM used)", (ns,))
        self._write(run)

    def _write(self, action) -> None:
        """One atomic transaction; a cache that cannot be written only costs speed, never the build."""
        try:
            self.db.execute("BEGIN IMMEDIATE")
            try:
                action(self.db)
                self.db.execute("COMMIT")
            except BaseException:
                self.db.execute("ROLLBACK")
                raise
        except sqlite3.DatabaseError as exc:
            self._damaged(exc)

    def _damaged(self, exc: sqlite3.DatabaseError) -> None:
        """A damaged file found mid-build is replaced by an empty cache; a busy one is left to its owner."""
        if isinstance(exc, sqlite3.OperationalError) and ("locked" in str(exc) or "busy" in str(exc)):
            self.problems.append(f"cache busy ({exc}); this build goes on without it")
            return
        self.problems.append(f"damaged cache ({exc}); emptied")
        self.db.close()
        self._remove_files()
        self.db = self._open()

    def reopen(self, inherited: bool = False) -> None:
        """A new connection to the file as it is now: in a forked child (a connection must not be used on both
        sides of a fork; the inherited one is kept, unused, as closing it there could disturb the parent's), and
        in the parent once the child is done (it may have replaced a damaged file)."""
        if inherited:
            self._inherited = self.db
        else:
            self.db.close()
        self.db = self._open()

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> "BuildCache":
        return self

    def __exit__(self, *exc) -> None:
        self.close()
