"""An event with more participants and agreements, and an agreement with more terms and parties,
than a page should hold:
the page keeps the first `KEPT_ROWS` and says so, subpages hold them all, numbered as on the
page, and every link among them lands, in the built site too."""

from __future__ import annotations

import hashlib
import os
import posixpath
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from generator.model import (Actor, Agreement, DocFacts, Event, Graph, Participant, Quote, Sentence, Source,
                             Term)
from generator.render import listings
from generator.render.renderer import Renderer

ROOT = Path(__file__).resolve().parents[1]
LINK = re.compile(r"\]\(([^)#\s]+\.md)(#[^)]*)?\)")
PEOPLE, TERMS, DEALS = 120, 450, 80


def _source(sentences: list[str]) -> tuple[Source, DocFacts]:
    text, spans, cursor = "", [], 0
    for sentence in sentences:
        spans.append(Sentence(cursor, cursor + len(sentence), sentence))
        text += sentence + " "
        cursor = len(text)
    sha = hashlib.sha256(text.encode()).hexdigest()
    source = Source(id="accord-text", path="accord-text.txt", title="The accord", date="2020-03-02", text=text,
                    sha256=sha)
    return source, DocFacts(source.id, sha, tuple(spans), (), (), (), ())


def large_graph() -> Graph:
    sentences = [f"Delegate {n} came to the talks." for n in range(1, PEOPLE + 1)]
    sentences += [f"The parties shall keep clause {n}." for n in range(1, TERMS + 1)]
    source, facts = _source(sentences)

    def quote(n: int) -> Quote:
        return Quote(source.id, n, sentences[n - 1])
    actors = tuple(Actor(id=f"delegate-{n}", name=f"Delegate {n}", type="person", quotes=(quote(n),), mentions=1,
                         sources=(source.id,)) for n in range(1, PEOPLE + 1))
    pacts = tuple(Agreement(id=f"pact-{n}", name=f"Pact {n}", kind="agreement", parties=(actors[n].id,),
                            date="2020-03-02", precision="day", date_text=None, place=None, terms=(),
                            events=("2020-03-02-summit",), quotes=(quote(n),)) for n in range(1, DEALS))
    event = Event(id="2020-03-02-summit", title="Delegates meet at the summit", date="2020-03-02",
                  precision="day", date_text=None,
                  participants=tuple(Participant(a.id, "agent" if n < 10 else "other") for n, a in enumerate(actors)),
                  place=None, quotes=(quote(1),), agreements=("accord", *(p.id for p in pacts)))
    agreement = Agreement(id="accord", name="The accord", kind="agreement", parties=tuple(a.id for a in actors),
                          date="2020-03-02", precision="day", date_text=None, place=None,
                          terms=tuple(Term(sentences[PEOPLE + n - 1], quote(PEOPLE + n)) for n in range(1, TERMS + 1)),
                          events=(event.id,), quotes=(quote(PEOPLE + 1),))
    return Graph(sources=(source,), actors=actors, events=(event,), agreements=(agreement, *pacts), facts=(facts,),
                 mention_actors={})


@pytest.fixture(scope="module")
def large_wiki(tmp_path_factory):
    """The large case rendered into content/ of a project with the repository's settings."""
    root = tmp_path_factory.mktemp("long-lists")
    shutil.copy(ROOT / "mkdocs.yml", root / "mkdocs.yml")
    shutil.copytree(ROOT / "overrides", root / "overrides")
    content = root / "content"
    pages = Renderer(large_graph()).pages()
    for page in pages:
        (content / page.path).parent.mkdir(parents=True, exist_ok=True)
        (content / page.path).write_text(page.text)
    (content / "whats-new.md").write_text("# What's new\n")     # the history of builds: none here
    return root, {p.page_id: p.path for p in pages}


def _links(content: Path, path: str) -> list[str]:
    text = (content / path).read_text()
    return [posixpath.normpath(str(Path(path).parent / m[1])) for m in LINK.finditer(text)]


def _region(text: str, heading: str) -> str:
    return text.split(heading, 1)[1].split("\n## ", 1)[0]


def test_an_event_page_names_its_first_participants_and_a_subpage_names_them_all(large_wiki):
    root, paths = large_wiki
    content = root / "content"
    page = paths["event/2020-03-02-summit"]
    who = next(line for line in (content / page).read_text().splitlines() if "**Who**" in line)
    named = [link for link in _links(content, page) if link.startswith("actors/") and link in who.replace("../", "")]
    assert len(re.findall(r"\[Delegate \d+\]", who)) == listings.KEPT_ROWS
    assert "[Delegate 1]" in who and f"[Delegate {listings.KEPT_ROWS + 1}]" not in who
    sub = f"{page[:-3]}/participants.md"
    assert f"the first {listings.KEPT_ROWS} of {PEOPLE} participants; [all of them](" in who
    assert sub in _links(content, page) and named is not None
    listed = [link for link in _links(content, sub) if link.startswith("actors/")]
    assert listed == [f"actors/delegate-{n}.md" for n in range(1, PEOPLE + 1)]
    assert page in _links(content, sub)                  # back to the event
    assert all((content / link).is_file() for link in _links(content, sub))


def test_an_agreement_page_lists_its_first_terms_and_subpages_number_them_all_on(large_wiki):
    root, paths = large_wiki
    content = root / "content"
    page = paths["agreement/accord"]
    terms = _region((content / page).read_text(), "## Terms")
    assert f"The first {listings.KEPT_ROWS} of {TERMS} terms; [all of them](accord/terms.md)." in terms
    numbered = re.findall(r"^(\d+)\. The parties shall keep clause (\d+)\.", terms, re.M)
    assert numbered == [(str(n), str(n)) for n in range(1, listings.KEPT_ROWS + 1)]
    subpages = sorted(p.relative_to(content).as_posix() for p in (content / "agreements/accord").glob("terms*.md"))
    assert subpages == ["agreements/accord/terms-2.md", "agreements/accord/terms-3.md", "agreements/accord/terms.md"]
    rows = []
    for sub in ("agreements/accord/terms.md", "agreements/accord/terms-2.md", "agreements/accord/terms-3.md"):
        text = (content / sub).read_text()
        rows += [(int(a), int(b)) for a, b in re.findall(r"^\| (\d+) \| The parties shall keep clause (\d+)\.", text, re.M)]
        links = _links(content, sub)
        assert page in links and all((content / link).is_file() for link in links), sub
    assert rows == [(n, n) for n in range(1, TERMS + 1)]      # each once, numbered as in the text
    assert "agreements/accord/terms-2.md" in _links(content, "agreements/accord/terms.md")


def test_an_agreement_page_names_its_first_parties_and_a_subpage_names_them_all(large_wiki):
    root, paths = large_wiki
    content = root / "content"
    page = paths["agreement/accord"]
    parties = next(line for line in (content / page).read_text().splitlines() if "**Parties**" in line)
    assert len(re.findall(r"\[Delegate \d+\]", parties)) == listings.KEPT_ROWS
    assert f"the first {listings.KEPT_ROWS} of {PEOPLE} parties; [all of them](accord/parties.md)" in parties
    listed = [link for link in _links(content, "agreements/accord/parties.md") if link.startswith("actors/")]
    assert listed == [f"actors/delegate-{n}.md" for n in range(1, PEOPLE + 1)]


def test_an_event_page_names_the_first_agreements_it_concerns_and_a_subpage_names_them_all(large_wiki):
    root, paths = large_wiki
    content = root / "content"
    page = paths["event/2020-03-02-summit"]
    concerns = next(line for line in (content / page).read_text().splitlines() if "**Concerns**" in line)
    assert concerns.count("](../agreements/") == listings.KEPT_ROWS
    assert f"the first {listings.KEPT_ROWS} of {DEALS} agreements; [all of them](" in concerns
    sub = f"{page[:-3]}/concerns.md"
    listed = [link for link in _links(content, sub) if link.startswith("agreements/")]
    assert listed == ["agreements/accord.md"] + [f"agreements/pact-{n}.md" for n in range(1, DEALS)]
    assert all((content / link).is_file() for link in _links(content, sub))


def test_the_home_page_says_where_the_latest_agreements_stand_and_links_to_all(large_wiki):
    root, _ = large_wiki
    home = _region((root / "content" / "index.md").read_text(), "## Where the agreements stand")
    assert f"The 20 agreements whose last reported step is the most recent, of {DEALS}: " \
           "[all of them](agreements/index.md)." in home
    assert len(re.findall(r"^- \[", home, re.M)) == 20


@pytest.mark.slow
def test_the_large_case_builds_strict_and_the_subpages_are_published(large_wiki):
    root, _ = large_wiki
    env = {**os.environ, "BRIEFING_SKIP_GENERATE": "1", "NO_MKDOCS_2_WARNING": "1"}
    # Not quiet: MkDocs counts the warnings that strict mode fails on only when it logs them.
    built = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict"], cwd=root, capture_output=True,
                           text=True, env=env, timeout=900)
    assert built.returncode == 0, built.stderr[-3000:]
    site = root / "site"
    for page in ("events/2020-03-02-summit/participants", "events/2020-03-02-summit/concerns",
                 "agreements/accord/terms", "agreements/accord/terms-3", "agreements/accord/parties"):
        assert (site / page / "index.html").is_file(), page
    event = (site / "events/2020-03-02-summit/index.html").read_text()
    assert event.count('href="../../actors/delegate-') == listings.KEPT_ROWS
