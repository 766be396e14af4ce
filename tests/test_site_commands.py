"""`new`, `check` and `serve`: scaffold a site, validate a built site, live preview with reload."""
import json
import shutil
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

from generator.cli import main
from generator.serve import RELOAD_SCRIPT, serve

from .conftest import write
from .sitebuild import SUB_PATH_BASE, build_site

ROOT = Path(__file__).resolve().parent.parent


def test_new_scaffolds_a_site_that_builds_and_checks(tmp_path):
    target = tmp_path / "mysite"
    assert main(["new", str(target)]) == 0
    for name in ("site.yaml", "Makefile", "content"):
        assert (target / name).exists()
    assert main(["new", str(target)]) == 1  # never overwrites
    # Build and check from inside the new folder, as a user would (cwd = the site).
    env_py = [sys.executable, "-m", "generator"]
    env = {"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"}
    subprocess.run(env_py + ["build", "--quiet"], cwd=target, check=True, env=env)
    stories = json.loads((target / "site" / "digest.json").read_text())["stories"]
    assert len(stories) == 1 and len(stories[0]["sources"]) == 2  # the two examples are one story
    result = subprocess.run(env_py + ["check"], cwd=target, env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert "0 output problems" in result.stderr


def test_check_passes_a_good_site_and_reports_problems(content_dir, tmp_path, capsys):
    out = tmp_path / "site"
    assert build_site(content_dir, out) == 0
    config = str(content_dir.parent / "site-test.yaml")
    args = ["check", "--content", str(content_dir), "--output", str(out), "--config", config]
    before = sorted(p.as_posix() for p in tmp_path.rglob("*"))
    assert main(args) == 0
    assert sorted(p.as_posix() for p in tmp_path.rglob("*")) == before  # check writes nothing
    shutil.rmtree(next((out / "stories").iterdir()))
    (out / "atom.xml").write_text("<feed></feed>")
    story = next((out / "stories").glob("*/index.html"))
    story.write_text(story.read_text().replace('"@type": "NewsArticle",', '"@type": "NewsArticle" "oops",', 1))
    write(content_dir / "bad.txt", "Headline\n2026-13-01\nhttps://x.example/\nBody\n")
    (content_dir.parent / "site-test.yaml").write_text("feeds: {rss: {content: everything}}\n")
    capsys.readouterr()
    assert main(args) == 1
    err = capsys.readouterr().err
    assert "bad.txt:2: error" in err
    assert "feeds.rss.content: must be full or summary" in err
    assert "atom.xml: atom: root element must be an Atom <feed>" in err
    assert "broken link '/digest/stories/" in err
    assert "JSON-LD is not valid JSON" in err
    assert "sitemap.xml: 'https://reader.example/digest/stories/" in err and "has no page" in err
    assert main(args + ["--base-url", "https://elsewhere.example/"]) == 1
    assert f"built for {SUB_PATH_BASE}" in capsys.readouterr().err


def fetch(url: str) -> str:
    with urllib.request.urlopen(url, timeout=5) as response:
        return response.read().decode()


def test_serve_injects_reload_script_and_rebuilds_on_change(content_dir, tmp_path):
    out = tmp_path / "preview"
    builds = []

    def build(base_url):
        builds.append(base_url)
        assert build_site(content_dir, out, base_url) == 0

    stop, ready = threading.Event(), threading.Event()
    urls = []
    thread = threading.Thread(target=serve, args=(build, [content_dir], out),
                              kwargs={"port": 0, "interval": 0.1, "stop": stop,
                                      "ready": lambda url: (urls.append(url), ready.set())}, daemon=True)
    thread.start()
    try:
        assert ready.wait(30)
        base = urls[0]
        assert base.startswith("http://127.0.0.1:")
        html = fetch(base)
        assert RELOAD_SCRIPT % 0 in html
        assert b"newsdigest serve" not in (out / "index.html").read_bytes()  # never in built files
        assert fetch(base + "__newsdigest/generation") == "0"
        assert fetch(base + "feed.xml").startswith("<?xml")  # non-HTML is served as is
        write(content_dir / "new.txt", "Lighthouse keeper retires after forty years\n20261120\n"
              "https://www.coastwatch.example/lighthouse\nThe last keeper of the Kestrel Point light retired on Friday.\n")
        deadline = time.monotonic() + 30
        while fetch(base + "__newsdigest/generation") == "0" and time.monotonic() < deadline:
            time.sleep(0.1)
        assert fetch(base + "__newsdigest/generation") == "1"
        assert "Lighthouse keeper retires" in fetch(base)
        assert RELOAD_SCRIPT % 1 in fetch(base)
        assert len(builds) == 2
    finally:
        stop.set()
        thread.join(10)
    assert not thread.is_alive()


def test_pages_workflow_builds_checks_and_deploys_only_from_main():
    import yaml

    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "pages.yml").read_text())
    triggers = workflow[True]  # YAML 1.1 reads the key `on` as True
    assert triggers["push"]["branches"] == ["main"] and "workflow_dispatch" in triggers and "pull_request" in triggers
    steps = workflow["jobs"]["build"]["steps"]
    uses = {s.get("uses", "").split("@")[0]: s for s in steps}
    assert {"actions/checkout", "actions/setup-python", "actions/configure-pages",
            "actions/upload-pages-artifact"} <= set(uses)
    assert uses["actions/upload-pages-artifact"]["with"]["path"] == "site/"
    assert "pull_request" in uses["actions/upload-pages-artifact"]["if"]
    runs = "\n".join(s.get("run", "") for s in steps)
    assert "steps.pages.outputs.base_url" in str(steps) and "SOURCE_DATE_EPOCH=$(git log -1 --format=%ct)" in runs
    assert 'make build BASE_URL=' in runs and 'make check BASE_URL=' in runs
    deploy = workflow["jobs"]["deploy"]
    assert deploy["needs"] == "build" and "pull_request" in deploy["if"]
    assert deploy["steps"][0]["uses"].startswith("actions/deploy-pages@")
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}


def test_serve_command_serves_a_scaffolded_site_until_interrupted(tmp_path):
    import re
    import signal

    target = tmp_path / "mysite"
    assert main(["new", str(target)]) == 0
    proc = subprocess.Popen([sys.executable, "-m", "generator", "serve", "--port", "0"], cwd=target,
                            env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"},
                            stderr=subprocess.PIPE, text=True)
    try:
        line = ""
        deadline = time.monotonic() + 60
        while "serving" not in line and time.monotonic() < deadline:
            line = proc.stderr.readline()
        base = re.search(r"at (http://127\.0\.0\.1:\d+/)", line).group(1)
        assert "Town library extends opening hours" in fetch(base)
        assert (target / ".cache" / "serve-site" / "index.html").is_file()
        assert not (target / "site").exists()  # the preview never touches the publishable site/
    finally:
        proc.send_signal(signal.SIGINT)
        assert proc.wait(20) == 0


def test_help_imports_nothing_heavy():
    code = ("import sys; from generator.cli import build_parser; build_parser().format_help(); "
            "heavy = {'jinja2', 'feedgen', 'yaml', 'numpy', 'generator.render', 'generator.serve', "
            "'generator.check', 'generator.scaffold'} & set(sys.modules); print(sorted(heavy))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True)
    assert result.stdout.strip() == "[]"
