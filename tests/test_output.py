"""Output safety: the build only writes inside its own output folder and refuses anything else."""
from __future__ import annotations

import os
import threading
import time
from pathlib import Path

import pytest

import generator.output as output
from generator.output import MARKER, OutputError, SiteWriter, check_output_dir, clean_stale_temps

from .conftest import write
from .test_reliability_util import GOOD, build, leftovers, names, site_files


@pytest.fixture
def project(tmp_path: Path) -> Path:
    root = tmp_path / "proj"
    write(root / "content" / "a.txt", GOOD)
    write(root / "site.yaml", "title: Test\n")
    return root


def refused(out: Path, project: Path, fragment: str) -> None:
    with pytest.raises(OutputError, match=fragment):
        check_output_dir(out, project / "content", project)


def test_refuses_dangerous_folders(project, monkeypatch):
    monkeypatch.setenv("HOME", str(project.parent / "home"))
    (project.parent / "home").mkdir()
    refused(project / "content", project, "content folder")
    refused(project, project, "project root")
    refused(project.parent, project, "project root")  # a parent of the project (and of content)
    refused(Path("/"), project, "directly under /")
    refused(Path("/srv"), project, "directly under /")
    refused(project.parent / "home", project, "home folder")
    refused(project / "content" / "site", project, "inside the content folder")
    refused(project / "site" / "..", project, "project root")  # relative tricks resolve first


def test_refuses_relative_paths_that_resolve_to_forbidden_places(project, monkeypatch):
    monkeypatch.chdir(project)
    refused(Path("."), project, "project root")
    refused(Path("content/../content"), project, "content folder")
    check_output_dir(Path("site"), Path("content"), Path("."))  # the default is fine


def test_refuses_foreign_non_empty_folder_and_files(project):
    write(project / "docs" / "notes.md", "mine")
    refused(project / "docs", project, "not empty and was not created by newsdigest")
    write(project / "afile", "x")
    refused(project / "afile", project, "not a folder")
    (project / "empty").mkdir()
    check_output_dir(project / "empty", project / "content", project)  # empty folders are fine
    write(project / "ours" / MARKER, "")
    write(project / "ours" / "index.html", "old")
    check_output_dir(project / "ours", project / "content", project)


def test_refuses_symlinked_output(project):
    (project / "real-site").mkdir()
    os.symlink(project / "real-site", project / "site")
    refused(project / "site", project, "symbolic link")


def test_cli_reports_refusal_clearly_and_touches_nothing(project, capsys):
    write(project / "docs" / "notes.md", "mine")
    code, _, err = build(project / "content", project / "docs", config=project / "site.yaml")
    assert code == 1 and err.startswith("error: refusing to write the site into")
    assert (project / "docs" / "notes.md").read_text() == "mine"
    assert not list(project.glob(".docs.*"))


def test_writer_refuses_paths_outside(tmp_path):
    writer = SiteWriter(tmp_path / "site")
    try:
        for bad in ("../evil", "a/../../evil", "/etc/passwd", "a\\..\\b", "a\x00b", "", "stories/../../x"):
            with pytest.raises(OutputError):
                writer.write_text(bad, "x")
        os.symlink("/tmp", writer.tmp / "link")  # even a link planted inside cannot be written through
        with pytest.raises(OutputError):
            writer.write_text("link/evil", "x")
        writer.write_text("stories/ok/index.html", "fine")
    finally:
        writer.abort()
    assert list(tmp_path.iterdir()) == []  # nothing written anywhere, temp folder gone


def test_every_output_file_is_inside_the_site(project):
    out = project / "site"
    assert build(project / "content", out, config=project / "site.yaml")[0] == 0
    for p in out.rglob("*"):
        assert p.resolve().is_relative_to(out.resolve()) and not p.is_symlink()
    assert names(project) == {"content", "site", "site.yaml"} and not leftovers(project)


def test_stale_temps_are_cleaned_and_half_swapped_site_restored(project):
    out = project / "site"
    assert build(project / "content", out, config=project / "site.yaml")[0] == 0
    before = site_files(out)
    (project / ".site.tmp-dead1").mkdir()
    write(project / ".site.tmp-dead1" / "index.html", "half")
    os.rename(out, project / ".site.old-4242")  # killed between the two renames of the fallback swap
    clean_stale_temps(out)
    assert site_files(out) == before
    assert names(project) == {"content", "site", "site.yaml"} and not leftovers(project)


def test_fallback_swap_without_renameat2(project, monkeypatch):
    monkeypatch.setattr(output, "_exchange", lambda a, b: False)
    out = project / "site"
    assert build(project / "content", out, config=project / "site.yaml")[0] == 0
    write(project / "content" / "b.txt", GOOD.replace("Title here", "Second story").replace("/a", "/b"))
    assert build(project / "content", out, config=project / "site.yaml")[0] == 0
    assert "Second story" in (out / "index.html").read_text()
    assert names(project) == {"content", "site", "site.yaml"} and not leftovers(project)


def test_concurrent_builds_do_not_delete_each_others_work(tmp_path):
    """A second build waits for the first; its stale-temp cleanup skips a folder a live build holds."""
    out = tmp_path / "site"
    first = SiteWriter(out)
    first.write_text("index.html", "first")
    clean_stale_temps(out)  # another build's cleanup while `first` is writing
    assert first.tmp.is_dir()
    done = []

    def second():
        w = SiteWriter(out)  # blocks until `first` commits
        w.write_text("index.html", "second")
        w.commit()
        done.append(True)

    t = threading.Thread(target=second)
    t.start()
    time.sleep(0.2)
    assert not done
    first.commit()
    t.join(5)
    assert done and (out / "index.html").read_text() == "second"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


def test_unwritable_output_parent_is_a_clear_error(project, monkeypatch):
    import tempfile

    def denied(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(tempfile, "mkdtemp", denied)
    code, _, err = build(project / "content", project / "site", config=project / "site.yaml")
    assert code == 1 and "error: cannot create a build folder next to" in err and "Permission denied" in err
    assert not (project / "site").exists()


def test_write_parts_writes_what_write_text_would_without_joining_and_never_writes_a_linked_file_in_place(tmp_path):
    out = tmp_path / "site"
    text_parts = ["{\n", ' "a": "ç\u00e9"', ",\n", ' "b": 1\n}\n']
    first = SiteWriter(out)
    first.write_text("same.json", "".join(text_parts))
    first.write_parts("parts.json", iter(text_parts))
    first.write_text("changes.json", "old")
    assert first.hashes["parts.json"] == first.hashes["same.json"]
    first.commit()
    assert (out / "parts.json").read_bytes() == "".join(text_parts).encode()
    live_inode = (out / "changes.json").stat().st_ino
    second = SiteWriter(out, reuse=dict(first.hashes))
    try:
        second.write_parts("parts.json", text_parts)  # the same bytes: the live file is linked, not written
        assert os.path.samefile(second.tmp / "parts.json", out / "parts.json") and second.linked == 1
        second.write_parts("changes.json", ["n", "ew"])  # other bytes: a new file; the live one is untouched
        assert (second.tmp / "changes.json").read_text() == "new" and (out / "changes.json").read_text() == "old"
        assert (second.tmp / "changes.json").stat().st_ino != live_inode

        def broken():
            yield "half"
            raise RuntimeError("the parts stopped")

        with pytest.raises(RuntimeError):
            second.write_parts("broken.json", broken())
        assert "broken.json" not in second.hashes and not list(second.tmp.rglob("*.part"))
        assert not (second.tmp / "broken.json").exists()
    finally:
        second.abort()
