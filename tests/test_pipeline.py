"""The whole path, seeds in, site out: what a newcomer sees after `make site`."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml

from generator.resolve.export import graph_to_dict

pytestmark = pytest.mark.slow
ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT.parent / "shared" / "gold" / "seeds.yml"


def _key(name: str) -> str:
    name = re.sub(r"^the\s+", "", name.casefold())
    return re.sub(r"[^\w]+", "", name)


def test_pipeline_export_matches_schema(seeds_site):
    import jsonschema

    schema = json.loads((ROOT / "schemas" / "briefing-graph-2.json").read_text())
    _, report = seeds_site
    jsonschema.validate(graph_to_dict(report.graph), schema)


@pytest.mark.skipif(not GOLD.exists(), reason="shared gold file not present")
def test_pipeline_finds_every_must_have_actor(seeds_site):
    _, report = seeds_site
    exported = set()
    for actor in graph_to_dict(report.graph)["actors"]:
        exported |= {_key(actor["name"])} | {_key(a) for a in actor["aliases"]}
    gold = yaml.safe_load(GOLD.read_text())
    missing = [a["name"] for a in gold["actors"] if a.get("must")
               and not ({_key(a["name"])} | {_key(x) for x in a.get("aliases", [])}) & exported]
    assert missing == []


def test_pipeline_writes_a_page_for_every_entity(seeds_site):
    root, report = seeds_site
    graph = graph_to_dict(report.graph)
    for kind in ("actors", "events", "agreements"):
        assert graph[kind], f"no {kind} found in the seeds"
        for item in graph[kind]:
            if kind in ("events", "actors") and item["page"] is None:
                continue            # no page of its own: a quote elsewhere, or a name said once
            html = root / "site" / item["page"].removesuffix(".md") / "index.html"
            assert html.exists(), item["page"]
    assert (root / "site" / "index.html").exists()


def test_pipeline_actor_page_quotes_link_to_the_source_sentence(seeds_site):
    """Mike Pompeo's page links to the sentence about his trip to Kabul; that sentence's
    source page links back to him."""
    root, report = seeds_site
    graph = graph_to_dict(report.graph)
    pompeo = next(a for a in graph["actors"] if a["name"] == "Mike Pompeo")
    html = (root / "site" / "actors" / pompeo["id"] / "index.html").read_text()
    links = re.findall(r'href="\.\./\.\./sources/([^/]+)/#(s\d+)"', html)
    assert links, "no quote links on the actor page"
    trip = None
    for source_id, anchor in links:
        source_html = (root / "site" / "sources" / source_id / "index.html").read_text()
        sentence = re.search(rf'<span class="bw-s" id="{anchor}">(.*?)</span>', source_html, re.S)
        assert sentence, f"{source_id} has no sentence {anchor}"
        if "Kabul" in sentence.group(1) and "trip" in sentence.group(1):
            trip = (source_id, sentence.group(1))
    assert trip, "the page does not quote the sentence about the trip to Kabul"
    assert f'href="../../actors/{pompeo["id"]}/"' in trip[1]


def test_pipeline_search_index_finds_khalilzad(seeds_site):
    root, _ = seeds_site
    index = json.loads((root / "site" / "search" / "search_index.json").read_text())
    hits = {d["location"].split("#")[0] for d in index["docs"]
            if "Khalilzad" in d["title"] or "Khalilzad" in d["text"]}
    assert "actors/zalmay-khalilzad/" in hits


def test_pipeline_second_generate_changes_nothing(seeds_site, settings_for):
    from generator.generate import generate

    root, _ = seeds_site
    before = {p: p.read_bytes() for p in (root / "content").rglob("*") if p.is_file()}
    report = generate(settings_for(root))
    after = {p: p.read_bytes() for p in (root / "content").rglob("*") if p.is_file()}
    assert report.written == [] and report.deleted == []
    assert before == after


def test_pipeline_mkdocs_build_regenerates_through_the_plugin(project):
    """`mkdocs build` alone, as on a host that knows nothing of the CLI, writes the pages first."""
    import os
    import subprocess
    import sys

    env = {k: v for k, v in os.environ.items() if k != "BRIEFING_SKIP_GENERATE"}
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict"], cwd=project,
                            capture_output=True, text=True, env=env)
    assert result.returncode == 0, result.stderr
    assert (project / "content" / "actors" / "zalmay-khalilzad.md").exists()
    assert (project / "site" / "actors" / "zalmay-khalilzad" / "index.html").exists()


def test_pipeline_every_actor_page_shows_type_aliases_roles_and_sources(seeds_site):
    root, report = seeds_site
    labels = {"person": "Person", "organization": "Organization", "country": "Country",
              "place": "Place", "group": "Group"}
    for actor in report.graph.actors:
        if actor.minor:
            continue            # named once, in nothing with a page: no page of its own
        page = (root / "content" / "actors" / f"{actor.id}.md").read_text()
        assert f'!!! abstract "{labels[actor.type]}"' in page, actor.id
        for alias in actor.aliases:
            assert alias.replace("&", "&amp;") in page, (actor.id, alias)
        for role in actor.roles:
            assert f"../sources/{role.quote.source}.md#s{role.quote.sent}" in page, (actor.id, role.title)
        for source in actor.sources:
            assert f"](../sources/{source}.md)" in page, (actor.id, source)
