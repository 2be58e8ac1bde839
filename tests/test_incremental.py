"""Rendering only what changed: whatever a rebuild skips, the pages are those a run without
the last run's record writes."""

from __future__ import annotations

import dataclasses
import shutil
import subprocess
import sys

import pytest

from generator.incremental.record import Record
from generator.render.memo import MemoRenderer, dep_values

pytestmark = pytest.mark.slow


def _tree(folder) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file() and not p.name.startswith(".")}


def test_incremental_renderer_writes_what_the_plain_renderer_writes(seeds_site):
    from generator.render.renderer import Renderer

    _, report = seeds_site
    plain = {p.path: p.text for p in Renderer(report.graph).pages()}
    watched = {p.path: p.text for p in MemoRenderer(report.graph, Record(), set()).pages()}
    assert watched == plain


def test_incremental_rebuild_after_a_new_source_equals_a_rebuild_from_nothing(project, settings_for):
    from generator.generate import generate

    seeds = sorted((project / "seeds").iterdir())
    held = seeds[-1].read_bytes()
    seeds[-1].unlink()
    settings = settings_for(project)
    generate(settings)
    page = project / "content" / "index.md"
    page.write_text(page.read_text() + "\nA note of my own.\n")       # a human's page: read each time
    seeds[-1].write_bytes(held)
    report = generate(settings)
    assert report.written and report.extracted == 1
    rebuilt = _tree(project / "content")
    shutil.rmtree(project / ".briefing-cache" / "state")
    again = generate(settings)
    assert again.written == [] and again.deleted == []
    assert _tree(project / "content") == rebuilt


def test_incremental_rebuild_after_a_source_is_removed_equals_a_rebuild_from_nothing(project, settings_for):
    from generator.generate import generate

    settings = settings_for(project)
    generate(settings)
    sorted((project / "seeds").iterdir())[0].unlink()
    report = generate(settings)
    assert report.deleted
    rebuilt = _tree(project / "content")
    shutil.rmtree(project / ".briefing-cache" / "state")
    assert generate(settings).written == []
    assert _tree(project / "content") == rebuilt


def test_resolving_and_rendering_do_not_import_spacy():
    """Importing spaCy costs most of a second: a rebuild that parses nothing must not pay it."""
    code = ("import sys, generator.generate, generator.resolve.graph, generator.render.renderer, "
            "generator.write.assemble, generator.render.whatsnew; "
            "print(sorted(m for m in sys.modules if m.split('.')[0] == 'spacy'))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


_EARLIER = """---
title: Mayor meets investor
date: 2021-03-10
---
Maria Lopez, the mayor of Springfield, met the investor Tom Reed in Springfield on 1 March 2021.

Reed praised the harbour plan. Lopez visited Shelbyville on 9 March 2021, where she met the council.
"""

_LATER = """---
title: Harbour deal signed
date: 2021-03-06
---
Tom Reed and Maria Lopez signed a harbour agreement on 5 March 2021.

Lopez said the agreement would bring jobs to Springfield.
"""


def test_pages_a_new_source_changes_without_naming_them_are_rendered_again(project, settings_for):
    """A story dated between two of an actor's events becomes their neighbour: the pages of
    events from another source, which nothing in the new one names, change, and a rebuild that
    skips the pages it knows unchanged still writes them."""
    from generator.generate import generate

    shutil.rmtree(project / "seeds")
    (project / "seeds").mkdir()
    (project / "seeds" / "earlier.md").write_text(_EARLIER)
    settings = settings_for(project)
    generate(settings)
    events = project / "content" / "events"
    visit = next(events.glob("2021-03-09-*.md"))
    before = visit.read_text()
    (project / "seeds" / "later.md").write_text(_LATER)
    report = generate(settings)
    deal = next(events.glob("2021-03-05-*.md"))
    assert visit.relative_to(project / "content").as_posix() in report.written
    assert deal.name in visit.read_text() and deal.name not in before
    rebuilt = _tree(project / "content")
    shutil.rmtree(project / ".briefing-cache" / "state")
    assert generate(settings).written == []
    assert _tree(project / "content") == rebuilt


_MODIFIER = """---
title: Mayor reads report
date: 2021-03-10
---
Maria Lopez read a Harbor Trust report in Springfield on 1 March 2021.

Lopez later visited Shelbyville.
"""

_ACTOR = """---
title: Trust sues
date: 2021-04-06
---
The Harbor Trust sued the port operator on 5 April 2021.
"""


def test_a_name_that_becomes_an_actor_is_a_new_connection_on_pages_of_older_sources(project, settings_for):
    """"Harbor Trust" only modifies a noun in the first story, and gets a page once the second
    has it act: the mayor's page, from the first story alone, now lists it as a connection."""
    from generator.generate import generate

    shutil.rmtree(project / "seeds")
    (project / "seeds").mkdir()
    (project / "seeds" / "earlier.md").write_text(_MODIFIER)
    settings = settings_for(project)
    generate(settings)
    mayor = project / "content" / "actors" / "maria-lopez.md"
    assert "[Harbor Trust](" not in mayor.read_text()
    (project / "seeds" / "later.md").write_text(_ACTOR)
    report = generate(settings)
    assert "actors/maria-lopez.md" in report.written
    assert "[Harbor Trust](harbor-trust.md): named together" in mayor.read_text()
    rebuilt = _tree(project / "content")
    shutil.rmtree(project / ".briefing-cache" / "state")
    assert generate(settings).written == []
    assert _tree(project / "content") == rebuilt


def test_a_dependency_table_renumbered_without_the_unused_still_tells_what_changed(project, settings_for):
    """Once most of the record's dependencies are no page's any more, a run numbers the table
    afresh with only the used ones. The values must stay with their dependencies through it:
    the runs after it still write exactly what a rebuild from nothing writes."""
    from generator.extract.corpus import Extraction
    from generator.generate import generate
    from generator.incremental.record import Store

    seeds = sorted((project / "seeds").iterdir())
    held = seeds[0].read_bytes()
    settings = settings_for(project)
    generate(settings)
    store, code = Store(settings.cache_dir, settings.content), Extraction(settings).code
    record = store.load(code)
    unused = [("actor", f"nobody-{n}", "name") for n in range(20000)]
    record.deps += unused
    record.dep_values += ["sNobody"] * len(unused)
    store.save(record, record)
    seeds[0].unlink()           # the pages of its actors go: their dependencies are unused too
    report = generate(settings)
    assert report.deleted
    after = store.load(code)
    assert not set(unused) & set(after.deps) and len(after.deps) < len(record.deps) - len(unused)
    # Each value recorded is its dependency's value now.
    assert after.dep_values == dep_values(MemoRenderer(report.graph, Record(), set()), after.deps)
    assert _tree(project / "content") == _rebuilt(project, settings)
    seeds[0].write_bytes(held)          # and the run after the renumbering
    assert generate(settings).written
    assert _tree(project / "content") == _rebuilt(project, settings)


def _rebuilt(project, settings) -> dict[str, bytes]:
    """The pages a run without the record writes, in a copy of the project."""
    from generator.generate import generate

    copy = project.parent / f"{project.name}-rebuilt"
    shutil.rmtree(copy, ignore_errors=True)
    shutil.copytree(project, copy)
    shutil.rmtree(copy / ".briefing-cache" / "state")
    generate(dataclasses.replace(settings, root=copy, sources=copy / "seeds", content=copy / "content",
                                 cache_dir=copy / ".briefing-cache"))
    return _tree(copy / "content")
