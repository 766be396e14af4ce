"""The build cache: values survive a reopen, and anything damaged or stale is dropped, never trusted."""
import sqlite3

from generator.cache import CACHE_VERSION, DB_NAME, BuildCache, code_fingerprint, digest, tree_fingerprint


def test_values_round_trip_and_survive_reopen(tmp_path):
    with BuildCache(tmp_path, code_fp="code-1") as cache:
        cache.put_many("story", {"k1": (["a sentence"], []), "k2": {"x": 1}})
        assert cache.get("story", "k1") == (["a sentence"], [])
    with BuildCache(tmp_path, code_fp="code-1") as cache:
        assert cache.get_many("story", ["k1", "k2", "missing"]) == {"k1": (["a sentence"], []), "k2": {"x": 1}}
        assert cache.get("read", "k1") is None  # namespaces are separate
        assert cache.problems == []


def test_other_code_or_format_version_empties_the_cache(tmp_path):
    with BuildCache(tmp_path, code_fp="code-1") as cache:
        cache.put("read", "k", "v")
    with BuildCache(tmp_path, code_fp="code-2") as cache:
        assert cache.get("read", "k") is None
        assert cache.problems
        cache.put("read", "k", "v2")
    db = sqlite3.connect(tmp_path / DB_NAME)
    with db:
        db.execute("UPDATE meta SET value = ? WHERE name = 'version'", (str(CACHE_VERSION + 1),))
    db.close()
    with BuildCache(tmp_path, code_fp="code-2") as cache:
        assert cache.get("read", "k") is None


def test_entry_failing_its_checksum_is_discarded(tmp_path):
    with BuildCache(tmp_path, code_fp="c") as cache:
        cache.put_many("read", {"good": "fine", "bad": "will be damaged"})
    db = sqlite3.connect(tmp_path / DB_NAME)
    with db:
        (blob,) = db.execute("SELECT value FROM entries WHERE key = 'bad'").fetchone()
        db.execute("UPDATE entries SET value = ? WHERE key = 'bad'", (blob[:-3] + b"xyz",))
    db.close()
    with BuildCache(tmp_path, code_fp="c") as cache:
        assert cache.get_many("read", ["good", "bad"]) == {"good": "fine"}
        assert any("corrupt" in p for p in cache.problems)
        assert cache.get("read", "bad") is None  # and it was deleted, not kept around


def test_matching_checksum_but_unpicklable_value_is_discarded(tmp_path):
    with BuildCache(tmp_path, code_fp="c") as cache:
        junk = b"\x80\x05not a pickle"
        cache._write(lambda db: db.execute("INSERT INTO entries VALUES (?, ?, ?, ?)",
                                           ("read", "k", cache._checksum("read", "k", junk), junk)))
        assert cache.get("read", "k") is None
        assert cache.problems


def test_garbage_or_truncated_database_file_is_rebuilt(tmp_path):
    with BuildCache(tmp_path, code_fp="c") as cache:
        cache.put("read", "k", "v" * 10000)
    path = tmp_path / DB_NAME
    path.write_bytes(path.read_bytes()[:1000])  # truncated mid-page
    with BuildCache(tmp_path, code_fp="c") as cache:
        assert cache.get("read", "k") is None
        cache.put("read", "k", "again")
    with BuildCache(tmp_path, code_fp="c") as cache:
        assert cache.get("read", "k") == "again"
    path.write_bytes(b"this is not a database at all" * 100)
    with BuildCache(tmp_path, code_fp="c") as cache:
        assert any("unreadable" in p for p in cache.problems)
        assert cache.get("read", "k") is None
        cache.put("read", "k", "works")
        assert cache.get("read", "k") == "works"


def test_prune_keeps_only_what_this_build_used(tmp_path):
    with BuildCache(tmp_path, code_fp="c") as cache:
        cache.put_many("story", {"old": 1, "kept": 2})
    with BuildCache(tmp_path, code_fp="c") as cache:
        assert cache.get("story", "kept") == 2
        cache.put("story", "new", 3)
        cache.prune("story")
    with BuildCache(tmp_path, code_fp="c") as cache:
        assert cache.get_many("story", ["old", "kept", "new"]) == {"kept": 2, "new": 3}


def test_fingerprints_follow_content(tmp_path):
    assert digest("ab", "c") != digest("a", "bc")
    theme = tmp_path / "theme"
    (theme / "templates").mkdir(parents=True)
    (theme / "templates" / "page.html").write_text("one")
    before = tree_fingerprint([theme])
    assert tree_fingerprint([theme]) == before
    (theme / "templates" / "page.html").write_text("two")
    assert tree_fingerprint([theme]) != before
    pkg = tmp_path / "pkg"
    pkg.mkdir()
    (pkg / "a.py").write_text("x = 1\n")
    fp = code_fingerprint(pkg)
    (pkg / "a.py").write_text("x = 2\n")
    assert code_fingerprint(pkg) != fp


def test_model_objects_pickle_as_their_field_values_and_come_back_equal():
    """The model's dataclasses (slots) pickle as their class and constructor arguments (model.by_fields): no state
    dict per object is made when unpickled, and every field, defaults and nested objects included, comes back."""
    import datetime as dt
    import pickle

    from generator.model import Article, Quote, SourceRef, Story, StoryGroup
    from generator.pages import Pagination, PageSpec, Speaker

    quote = Quote("We will rebuild the pier.", "Mara Lund", "Mayor", "https://example.org/a", "a.txt", 2, 0.5)
    source = SourceRef("https://example.org/a", "Example", "Pier to be rebuilt", dt.date(2026, 11, 3), "a.txt", "c0", 1.0)
    story = Story("s1", "2026-11-03-pier", "Pier to be rebuilt", dt.date(2026, 11, 3), dt.date(2026, 11, 4),
                  ["The council approved the plan."], [quote], [source])
    speaker = Speaker("Mara Lund", "mara-lund", [(quote, story)])
    values = [Article("a.txt", "Pier to be rebuilt", dt.date(2026, 11, 3), "https://example.org/a", ["One.", "Two."]),
              StoryGroup([0, 1], [0, 0], [1.0, 0.9]), story, speaker,
              PageSpec("speakers/mara-lund/", "speaker.html", {"speaker": speaker, "pagination": Pagination(1, 1, "x/")},
                       dt.date(2026, 11, 4))]
    for value in values:
        assert not hasattr(value, "__dict__")  # slots
        assert type(value).__reduce__(value)[0] is type(value)
        for protocol in (4, pickle.HIGHEST_PROTOCOL):
            assert pickle.loads(pickle.dumps(value, protocol=protocol)) == value
    # one object met twice stays one object (the story in the list and inside the speaker)
    again = pickle.loads(pickle.dumps([story, speaker]))
    assert again[1].quotes[0][1] is again[0] and again[1].quotes[0][0] is again[0].quotes[0]
