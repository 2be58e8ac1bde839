"""The built site in a real browser (Debian's Chromium through Playwright), as a reader uses it:
search, quotes that land on their sentence, backlinks, the timeline; no console error, no broken
link, and no script from a source ever running."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import unquote, urldefrag, urlsplit

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.slow]
ROOT = Path(__file__).resolve().parents[1]

# Everything a page holds that could run or fetch script, read in the page itself.
_INSPECT = """() => ({
    links: [...document.querySelectorAll('a[href]')].map(a => a.href),
    ids: [...document.querySelectorAll('[id]')].map(e => e.id),
    javascript_links: document.querySelectorAll('a[href^="javascript:" i], [src^="javascript:" i]').length
        + [...document.querySelectorAll('a[href]')].filter(a => a.protocol === 'javascript:').length,
    handlers: [...document.querySelectorAll('*')].flatMap(e =>
        [...e.attributes].filter(a => a.name.startsWith('on')).map(a => e.tagName + ' ' + a.name)),
    frames: document.querySelectorAll('iframe, object, embed').length,
    alert_scripts: [...document.scripts].filter(s => /alert|onerror/.test(s.text)).length,
})"""


def _norm(text: str) -> str:
    return " ".join(text.split())


def opened(page, url: re.Pattern, title: str) -> None:
    """Wait for a page a click opened: instant navigation changes the address first, then the
    page's content."""
    page.wait_for_url(url)
    page.wait_for_function("t => [...document.querySelectorAll('article h1')].some(h => "
                           "h.innerText.replace(/\\s+/g, ' ').includes(t))", arg=title)


def _is_page(url: str) -> bool:
    return url.endswith("/") or url.endswith(".html")


def crawl(tab, base: str) -> dict[str, dict]:
    """Open every page reachable from the home page; what each holds, by URL."""
    seen: dict[str, dict] = {}
    queue = [base]
    while queue:
        url = queue.pop(0)
        if url in seen:
            continue
        response = tab.page.goto(url)
        assert response is not None and response.ok, f"{url} answered {response and response.status}"
        seen[url] = tab.page.evaluate(_INSPECT)
        for link in seen[url]["links"]:
            target = urldefrag(link).url.split("?")[0]
            if target.startswith(base) and _is_page(target) and target not in seen:
                queue.append(target)
    return seen


def broken_links(pages: dict[str, dict], base: str) -> list[str]:
    """Links to this site that lead nowhere: a missing page or file, or a missing #anchor."""
    broken, fetched = [], {}
    ids = {url: set(info["ids"]) for url, info in pages.items()}
    for url, info in pages.items():
        for link in info["links"]:
            target, anchor = urldefrag(link)
            target = target.split("?")[0]
            if not target.startswith(base):
                continue
            if target in pages:
                if anchor and unquote(anchor) not in ids[target]:
                    broken.append(f"{url} -> {link} (no such anchor)")
                continue
            if target not in fetched:
                try:
                    with urllib.request.urlopen(target) as answer:
                        fetched[target] = answer.status
                except urllib.error.HTTPError as err:
                    fetched[target] = err.code
            if fetched[target] != 200:
                broken.append(f"{url} -> {link} ({fetched[target]})")
    return broken


@pytest.fixture(scope="module")
def seeds_url(seeds_site, serve_site):
    root, _ = seeds_site
    return serve_site(root / "site")


def test_browser_search_finds_khalilzad_and_opens_his_page(tab, seeds_url):
    page = tab.page
    page.goto(seeds_url)
    search = page.locator("input.md-search__input")
    search.click()
    search.press_sequentially("Khalilzad")
    result = page.locator(".md-search-result__item a[href*='actors/zalmay-khalilzad/']").first
    result.wait_for()
    result.click()
    opened(page, re.compile(r"/actors/zalmay-khalilzad/"), "Zalmay Khalilzad")
    assert tab.errors == []


def test_browser_quote_link_lands_on_the_exact_sentence(tab, seeds_url):
    page = tab.page
    page.goto(seeds_url + "actors/zalmay-khalilzad/")
    quote = page.locator("blockquote", has=page.locator("a[href*='/sources/'][href*='#s']")).first
    said = _norm(quote.locator("p").first.inner_text())
    quote.locator("a[href*='#s']").first.click()
    page.wait_for_url(re.compile(r"/sources/[^/]+/#s\d+$"))
    anchor = urlsplit(page.url).fragment
    sentence = page.locator(f"article [id='{anchor}']")
    sentence.wait_for()
    assert _norm(sentence.inner_text()) == said
    page.wait_for_function("a => document.getElementById(a).matches(':target')", arg=anchor)
    box, height = sentence.bounding_box(), page.viewport_size["height"]
    assert box is not None and 0 <= box["y"] < height, "the sentence is not scrolled into view"
    assert tab.errors == []


def test_browser_backlink_leads_to_a_page_that_links_back(tab, seeds_url):
    page = tab.page
    here = seeds_url + "actors/zalmay-khalilzad/"
    page.goto(here)
    backlinks = page.locator("h2#what-links-here + ul a")
    assert backlinks.count() > 0, "no backlinks on the page"
    title = _norm(backlinks.first.inner_text()).rstrip("…")
    backlinks.first.click()
    opened(page, re.compile(r".*"), title)
    assert page.url != here
    hrefs = page.eval_on_selector_all("article a[href]", "links => links.map(a => a.href)")
    assert here in {urldefrag(h).url for h in hrefs}, f"{page.url} does not link to {here}"
    assert tab.errors == []


def test_browser_timeline_lists_dated_events_in_order(tab, seeds_url):
    page = tab.page
    page.goto(seeds_url)
    page.locator(".md-tabs a", has_text="Timeline").click()
    opened(page, re.compile(r"/timeline/$"), "Timeline")
    page.locator(".bw-events > li").first.wait_for()
    dates = [d for d in page.locator(".bw-events > li > strong").all_inner_texts() if re.match(r"\d{4}", d)]
    assert dates and dates == sorted(dates)
    first = page.locator(".bw-events li a[href*='/events/']").first
    title = _norm(first.inner_text())
    first.click()
    opened(page, re.compile(r"/events/"), title)
    assert tab.errors == []


def test_browser_every_page_loads_without_console_errors_or_broken_links(tab, seeds_url, seeds_site):
    pages = crawl(tab, seeds_url)
    root, report = seeds_site
    built = {p.parent.relative_to(root / "site").as_posix().strip(".")
             for p in (root / "site").rglob("index.html")}
    reached = {urlsplit(u).path.strip("/") for u in pages}
    assert built <= reached, f"pages no link reaches: {sorted(built - reached)}"
    assert broken_links(pages, seeds_url) == []
    assert tab.errors == []


# --- hostile sources -----------------------------------------------------------------

HOSTILE = {
    "hostile.md": """---
title: "<script>alert(1)</script> Report"
date: 2020-03-01
url: "javascript:alert(1)"
publisher: "<img src=x onerror=alert(1)>"
---

Envoy <script>alert(1)</script> Smith met [x](javascript:alert(1)) officials in Kabul on Monday.

John <img src=x onerror=alert(1)> Carter signed an agreement with the Taliban in Doha on 2 March 2020.

The file ../../etc/passwd was read aloud by Maria Lopez of the United Nations.
""",
    "<script>.md": """---
title: <script>alert('title')</script>
---

Minister Peter Brown <svg onload=alert(1)> said the Taliban would release prisoners.

See [the deal](javascript:alert(document.cookie)) and ![x](javascript:alert(1)) for details.
""",
    "hostile.txt": "date 2020-03-05 Ambassador Ann <iframe src=\"javascript:alert(1)\"></iframe> Lee "
                   "flew to Doha on Thursday. <a href=\"javascript:alert(1)\">Ahmad Shah</a> met her there.\n",
    "hostile.html": """<html><head><title>Talks <script>alert(1)</script></title></head><body><article>
<h1>Talks in Doha</h1>
<p>Negotiator Karim Rahimi met <a href="javascript:alert(1)">Taliban</a> envoys in Doha on Friday.
<img src=x onerror=alert(1)><script>alert(1)</script></p>
<p>Rahimi said the United Nations would observe the talks.</p>
</article></body></html>
""",
}


def _files(folder: Path) -> dict[str, int]:
    return {p.relative_to(folder).as_posix(): p.stat().st_mtime_ns for p in folder.rglob("*") if p.is_file()}


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory):
    """A site built from sources that try to inject script; the files each step wrote."""
    from generator.config import load_settings
    from generator.generate import generate

    top = tmp_path_factory.mktemp("hostile")
    root = top / "project"
    root.mkdir()
    shutil.copy(ROOT / "mkdocs.yml", root / "mkdocs.yml")
    shutil.copytree(ROOT / "overrides", root / "overrides")
    for name, text in HOSTILE.items():
        (root / "seeds").mkdir(exist_ok=True)
        (root / "seeds" / name).write_text(text)
    before = _files(top)
    settings = load_settings(root / "mkdocs.yml")
    settings.jobs = 1
    generate(settings)
    generated = _files(top)
    build = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict"], cwd=root,
                           capture_output=True, text=True, env={**os.environ, "BRIEFING_SKIP_GENERATE": "1"})
    assert build.returncode == 0, build.stderr
    built = _files(top)
    written = {p for p in generated if before.get(p) != generated[p]}
    rebuilt = {p for p in built if generated.get(p) != built[p]}
    return root, written, rebuilt


def test_browser_hostile_sources_write_only_inside_the_project(hostile_site):
    _, written, rebuilt = hostile_site
    assert written and all(p.startswith(("project/content/", "project/.briefing-cache/")) for p in written), \
        sorted(written)
    # The site, and the record of its pages the next build keeps (see generator/sitebuild.py).
    assert rebuilt and all(p.startswith(("project/site/", "project/.briefing-cache/site/")) for p in rebuilt), \
        sorted(rebuilt)


def test_browser_hostile_sources_run_no_script(tab, hostile_site, serve_site):
    root, _, _ = hostile_site
    base = serve_site(root / "site")
    pages = crawl(tab, base)
    source_pages = [u for u in pages if "/sources/" in u and not u.endswith("/sources/")]
    assert len(source_pages) == len(HOSTILE), "a hostile source has no page"
    assert tab.dialogs == []
    for url, info in pages.items():
        assert info["javascript_links"] == 0, url
        assert info["handlers"] == [], url
        assert info["frames"] == 0, url
        assert info["alert_scripts"] == 0, url
    # The payloads did reach the site: as text a reader can see.
    shown = ""
    for url in source_pages:
        tab.page.goto(url)
        shown += tab.page.locator("article").inner_text()
    for payload in ("<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "../../etc/passwd"):
        assert payload in shown, payload
    # Search results show titles and text from the sources too.
    search = tab.page.locator("input.md-search__input")
    search.click()
    search.press_sequentially("Report")
    tab.page.locator(".md-search-result__item").first.wait_for()
    assert tab.page.locator(".md-search-result script, .md-search-result img").count() == 0
    assert tab.dialogs == []
    assert broken_links(pages, base) == []
    assert tab.errors == []


# --- readers' corrections and pages that moved ----------------------------------------------

CHILE = ("date 2021-04-20 The Chilean Senate ratified the trade agreement between Chile and Vietnam on Monday.\n"
         "Chile and Vietnam signed the trade agreement in Santiago in March.\n"
         "President Gabriel Boric praised the vote in Valparaiso on Tuesday.\n")
SENATE = "events/2021-04-19-chilean-senate-ratifies-trade-agreement-between-chile-and"
BORIC = "events/2021-04-20-gabriel-boric-praises-vote-in-valparaiso"
RETITLED = "Chilean Senate has yet to ratify the trade agreement"


@pytest.fixture(scope="module")
def curated_site(tmp_path_factory, serve_site):
    """A wiki where a reader corrected an event and merged another into it: its site's URL."""
    from generator.config import load_settings
    from generator.generate import generate

    root = tmp_path_factory.mktemp("curated")
    shutil.copy(ROOT / "mkdocs.yml", root / "mkdocs.yml")
    shutil.copytree(ROOT / "overrides", root / "overrides")
    (root / "seeds").mkdir()
    (root / "seeds" / "story.txt").write_text(CHILE)
    settings = load_settings(root / "mkdocs.yml")
    settings.jobs = 1
    generate(settings)
    page = root / "content" / f"{SENATE}.md"
    text = page.read_text().replace('title: "Chilean Senate ratifies trade agreement between Chile and Vietnam"\n',
                                    f'title: "{RETITLED}"\nmodality: planned\n'
                                    f"same_as: [{BORIC.rpartition('/')[2]}.md]\n")
    page.write_text(text)
    generate(settings)
    build = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict"], cwd=root,
                           capture_output=True, text=True, env={**os.environ, "BRIEFING_SKIP_GENERATE": "1"})
    assert build.returncode == 0, build.stderr
    return serve_site(root / "site")


def test_browser_a_merged_pages_old_url_lands_on_the_survivor(tab, curated_site):
    tab.page.goto(curated_site + BORIC + "/")
    tab.page.wait_for_url(curated_site + SENATE + "/")
    assert tab.page.locator("article h1").inner_text().strip() == RETITLED
    # What the merged event said is on the survivor's page.
    assert "Boric praised the vote" in tab.page.locator("article").inner_text()
    assert tab.errors == [] and tab.dialogs == []


def test_browser_a_corrected_event_shows_its_hand_mark_and_the_sources_version(tab, curated_site):
    tab.page.goto(curated_site + SENATE + "/")
    marks = tab.page.locator("article .bw-hand")
    assert marks.count() == 2 and marks.first.is_visible()
    box = _norm(tab.page.locator("article .admonition").first.inner_text())
    assert "corrected by hand; the sources say: \"Chilean Senate ratifies trade agreement between Chile and Vietnam\"" \
        in box
    assert "planned or expected, not yet done · corrected by hand; the sources say: happened" in box
    # The timeline reads the correction, and what it does to the agreement.
    tab.page.goto(curated_site + "timeline/")
    # The list as written (the axis's own list, drawn by script once it has loaded, says no status).
    entry = tab.page.locator("article .bw-timeline-static li", has_text=RETITLED)
    assert "ratification pending" in entry.inner_text()


# --- reading tools, on the seeds and on a 30-document MEANTIME topic ------------------

SCREENSHOTS = ROOT / "screenshots"      # ignored by git: what a reader sees, to look at


@pytest.fixture(scope="module")
def meantime_site(tmp_path_factory, serve_site):
    """The MEANTIME airbus topic (30 news documents) generated and built: (URL, report). Skips
    when the corpora or the scorer that turns them into sources are absent."""
    from conftest import corpora_dir, generate_and_build
    from generator.config import settings_from

    gold = corpora_dir() / "meantime-en" / "intra_cross-doc_annotation" / "corpus_airbus"
    scorer = Path(os.environ.get("BRIEFING_TOOLS", ROOT.parent / "shared" / "tools")) / "score_meantime.py"
    if not gold.is_dir() or not scorer.is_file():
        pytest.skip("the MEANTIME corpus or its scorer is absent")
    root = tmp_path_factory.mktemp("meantime")
    shutil.copy(ROOT / "mkdocs.yml", root / "mkdocs.yml")
    shutil.copytree(ROOT / "overrides", root / "overrides")
    made = subprocess.run([sys.executable, str(scorer), "--make-seeds", str(gold), str(root / "seeds")],
                          capture_output=True, text=True)
    assert made.returncode == 0, made.stderr
    settings = settings_from(root, {"sources": "seeds", "cache_dir": str(ROOT / ".briefing-cache")}, "content")
    settings.jobs = 1
    return generate_and_build(root, settings, serve_site)


@pytest.fixture(scope="module", params=["seeds", "meantime"])
def reading_site(request, seeds_site, serve_site):
    """(name, URL, report) of each site the reading tools are tried on."""
    if request.param == "seeds":
        root, report = seeds_site
        return "seeds", serve_site(root / "site"), report
    url, report = request.getfixturevalue("meantime_site")
    return "meantime", url, report


def _quoted_actor(report):
    """The most named actor with a page: one every reading tool has something to show for."""
    return min((a for a in report.graph.actors if a.page is None and a.quotes),
               key=lambda a: (-a.mentions, a.id))


def test_browser_no_request_leaves_the_site(tab, reading_site):
    """Fonts, scripts and styles all come with the site: pages work offline and tell no third
    party who reads them."""
    _, url, report = reading_site
    for path in ("", f"actors/{_quoted_actor(report).id}/", "timeline/", "graph/", "actors/"):
        tab.page.goto(url + path)
        tab.page.wait_for_load_state("networkidle")
    assert tab.outside == set()
    assert tab.errors == []


def test_browser_hovering_a_quote_link_previews_the_quoted_sentence(tab, reading_site):
    _, url, report = reading_site
    page = tab.page
    page.goto(url + f"actors/{_quoted_actor(report).id}/")
    quote = page.locator("blockquote", has=page.locator("a[href*='/sources/'][href*='#s']")).first
    said = _norm(quote.locator("p").first.inner_text())
    quote.locator("a[href*='#s']").first.hover()
    preview = page.locator(".md-tooltip2 .md-typeset").first
    preview.wait_for()
    assert _norm(preview.inner_text()) == said
    assert tab.errors == []


def test_browser_hovering_an_actor_link_previews_the_actor_page(tab, seeds_url):
    page = tab.page
    page.goto(seeds_url + "actors/zalmay-khalilzad/")
    link = page.locator("article a[href$='/actors/taliban/']").first
    link.hover()
    preview = page.locator(".md-tooltip2 .md-typeset").first
    preview.wait_for()
    assert "Taliban" in preview.inner_text()
    assert tab.errors == []


def test_browser_index_tables_sort_by_a_column(tab, seeds_url):
    page = tab.page
    page.goto(seeds_url + "sources/")
    header = page.locator("article table th", has_text="Date").first
    column = page.locator("article table tbody tr td:nth-child(2)")
    header.click()
    ascending = column.all_inner_texts()
    header.click()
    assert column.all_inner_texts() == list(reversed(ascending)) != []
    assert tab.errors == []


def search_results(page, words: str):
    search = page.locator("input.md-search__input")
    search.click()
    search.press_sequentially(words)
    # Results come as the query is typed: wait for those of the whole query (Material writes
    # the query into each result's address, "?h=..."), not of its first letters.
    page.wait_for_function("q => [...document.querySelectorAll('a.md-search-result__link')].some("
                           "a => new URL(a.href).searchParams.get('h') === q)", arg=words.lower())
    return page.locator(".md-search-result__item > a.md-search-result__link")


def test_browser_search_for_an_alias_finds_the_actor_page_first_and_says_its_type(tab, reading_site):
    """A person's one-word name ("Pompeo", "Khalilzad") finds their page before every event,
    source and listing that names them."""
    _, url, report = reading_site
    names = [(a, alias) for a in report.graph.actors if a.type == "person" and a.page is None
             for alias in a.aliases if " " not in alias and len(alias) > 3]
    assert names
    page = tab.page
    for actor, alias in names[:6]:
        page.goto(url)
        results = search_results(page, alias)
        assert f"/actors/{actor.id}/" in results.first.get_attribute("href"), alias
        badge = results.first.locator("h1").evaluate("h => getComputedStyle(h, '::before').content")
        assert badge == '"Actor"'
    assert tab.errors == []


def test_browser_home_page_opens_with_the_lede(tab, reading_site):
    _, url, _ = reading_site
    page = tab.page
    page.goto(url)
    article = page.locator("article")
    for heading in ("Latest developments", "Main actors", "What changed in the last build"):
        assert article.locator("h2", has_text=heading).count() == 1, heading
    first = article.locator("h2:has-text('Latest developments') + ul > li").first
    assert first.locator("a[href*='/events/']").count() == 1
    first.locator("a[href*='#s']").click()
    page.wait_for_url(re.compile(r"/sources/[^/]+/#s\d+$"))
    assert tab.errors == []


def _graph_drawn(page, selector: str = ".bw-graph") -> int:
    page.wait_for_function(f"() => document.querySelector('{selector}')?.briefingGraph", timeout=30_000)
    return page.evaluate(f"() => document.querySelector('{selector}').briefingGraph.nodes().length")


def test_browser_graph_page_draws_nodes_that_open_actor_pages(tab, reading_site):
    name, url, report = reading_site
    page = tab.page
    page.goto(url + "graph/")
    assert _graph_drawn(page) >= 2
    rows = page.locator("article table tbody tr")
    assert rows.count() > 0, "no table of connections"
    # A point of the drawing is a link: clicking it opens that actor's page.
    node = page.evaluate("""() => { const cy = document.querySelector('.bw-graph').briefingGraph;
        const n = cy.nodes('[kind = "actor"]').sort((a, b) => b.degree() - a.degree())[0];
        const p = n.renderedPosition(); return {x: p.x, y: p.y, url: n.data('url'), label: n.data('label')}; }""")
    # The whole drawing in the window, as on a tall screen: a click below the window hits
    # nothing, and after a scroll the drawing reads clicks against where it was until its
    # scroll handler has run, which a busy machine delays.
    box = page.locator(".bw-graph").bounding_box()
    size = page.viewport_size
    page.set_viewport_size({"width": size["width"], "height": max(size["height"], int(box["y"] + box["height"]) + 40)})
    page.evaluate("() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))")
    box = page.locator(".bw-graph").bounding_box()
    page.mouse.click(box["x"] + node["x"], box["y"] + node["y"])
    opened(page, re.compile(re.escape(url + node["url"]) + "$"), node["label"])
    page.set_viewport_size(size)
    SCREENSHOTS.mkdir(exist_ok=True)
    page.goto(url + "graph/")
    _graph_drawn(page)
    page.screenshot(path=str(SCREENSHOTS / f"{name}-graph.png"))
    assert tab.errors == []


def test_browser_actor_page_draws_its_neighbourhood(tab, reading_site):
    name, url, report = reading_site
    page = tab.page
    actor = _quoted_actor(report)
    page.goto(url + f"actors/{actor.id}/")
    assert _graph_drawn(page, ".bw-graph--small") >= 2
    focus = page.evaluate("() => document.querySelector('.bw-graph--small').briefingGraph.$('[focus = 1]').data('label')")
    assert focus == actor.name
    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}-actor.png"), full_page=True)
    assert tab.errors == []


def test_browser_timeline_filters_by_actor(tab, reading_site):
    name, url, report = reading_site
    page = tab.page
    page.goto(url + "timeline/")
    axis = page.locator(".bw-axis")
    axis.wait_for()
    dated = [e for e in report.graph.events if e.date and e.page is None]
    assert page.locator(".bw-events > li").count() == len(dated)
    assert page.locator(".bw-timeline-static").is_hidden()
    counts = {}
    for e in dated:
        for a in e.actors:
            counts[a] = counts.get(a, 0) + 1
    actor = min((a for a in report.graph.actors if a.id in counts and a.page is None),
                key=lambda a: (-counts[a.id], a.id))
    page.select_option("select[name=actor]", actor.id)
    items = page.locator(".bw-events > li")
    assert items.count() == counts[actor.id]
    for actors in items.evaluate_all("items => items.map(i => i.dataset.actors.split(' '))"):
        assert actor.id in actors
    assert axis.locator(".bw-mark").count() == counts[actor.id]
    page.select_option("select[name=actor]", "")
    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}-timeline.png"), full_page=True)
    assert tab.errors == []


def test_browser_timeline_reads_without_javascript(chromium, reading_site):
    _, url, report = reading_site
    context = chromium.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(url + "timeline/")
        dated = [e for e in report.graph.events if e.date and e.page is None]
        entries = ".bw-timeline-static li:has(strong)"          # a dated entry starts with its date, in bold
        assert page.locator(f"{entries} a[href*='/events/']").count() == len(dated)
        assert page.locator(f"{entries} a[href*='/sources/'][href*='#s']").count() == len(dated)
        assert page.locator(".bw-timeline").is_hidden()
    finally:
        context.close()


def test_browser_home_screenshot(tab, reading_site):
    name, url, _ = reading_site
    tab.page.goto(url)
    SCREENSHOTS.mkdir(exist_ok=True)
    tab.page.screenshot(path=str(SCREENSHOTS / f"{name}-home.png"), full_page=True)
    assert tab.errors == []


@pytest.fixture
def cut_site(tmp_path, serve_site, monkeypatch):
    """The seeds with lists so short that the timeline is cut into pages: (URL, report)."""
    from conftest import generate_and_build
    from generator.render import listings
    from generator.config import load_settings

    monkeypatch.setattr(listings, "PAGE_ROWS", 4)
    shutil.copy(ROOT / "mkdocs.yml", tmp_path / "mkdocs.yml")
    shutil.copytree(ROOT / "overrides", tmp_path / "overrides")
    shutil.copytree(ROOT / "seeds", tmp_path / "seeds")
    settings = load_settings(tmp_path / "mkdocs.yml")
    settings.jobs = 1
    return generate_and_build(tmp_path, settings, serve_site)


def test_browser_a_page_of_a_cut_timeline_draws_its_own_events(tab, cut_site):
    url, report = cut_site
    page = tab.page
    page.goto(url + "timeline/")
    bars = page.locator(".bw-chart a.bw-bar")
    assert bars.count() > 1
    bars.last.click()                       # a month's bar opens that month's page
    page.wait_for_url(re.compile(r"/timeline/\d{4}(-\d\d)?(-\d+)?/$"))
    page.locator(".bw-axis").wait_for()
    static = page.locator(".bw-timeline-static li:has(strong) a[href*='/events/']")
    shown = page.locator(".bw-events > li a[href*='/events/']")
    listed = sorted(static.evaluate_all("links => links.map(a => a.href)"))
    assert listed and sorted(shown.evaluate_all("links => links.map(a => a.href)")) == listed
    assert page.locator(".bw-axis .bw-mark").count() == len(listed)
    assert tab.errors == []
