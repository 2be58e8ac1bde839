"""The write stage: the rendered pages merged with content/ as a human left it and written,
with their backlinks; pages whose entity left the sources removed (or kept, when a human
edited them); What's new, redirects and the site data written; and the state the next build
reads (the curation kept, the accepted edits, the titles written, the last graph).

Everything a human may be saving meanwhile is looked at again right before it is replaced
(`merge.replace_page`): nothing they wrote is lost.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from generator.atomic import write_if_changed
from generator.config import Settings
from generator.exceptions import Problem
from generator.read.content import Content
from generator.read.frontmatter import hidden
from generator.read.markers import page_stamp, touched
from generator.render.redirects import moves, read_redirects, write_redirects
from generator.render.sitedata import write_site_data
from generator.render.whatsnew import FEED, WhatsNew
from generator.resolve.corrections import save_written_titles
from .accept import commands, save_accepted
from .assemble import backlinks_todo, write_pages
from .merge import MergeResult, orphan, remove_page

ORPHAN_NOTICE = ("!!! warning \"No longer in the sources\"\n"
                 "    No source mentions this any more. The page is kept because someone edited it;\n"
                 "    delete it when it is no longer wanted.\n")


@dataclass
class Written:
    """What the write stage did, for the build record."""
    fresh: set[str]                 # pages exactly as rendered: no human text in them
    pages_info: dict                # path -> (links, title) of every page
    after: dict                     # content/ listed as this run left it
    raced: set[str]                 # pages a human saved while this run wrote them
    held: list                      # what the run made, for `Report.held`


def write_wiki(settings: Settings, content: Content, rendered, renderer, record, twins: dict[str, str],
               news: WhatsNew, merged: dict[str, str], accepted: dict, written_titles: dict[str, str],
               report, progress) -> Written:
    """Write what `rendered` holds into content/, filling `report` (written, deleted, conflicts,
    problems). `renderer`: the one that rendered the pages (which pages it reused as they are);
    `record`: the last build's; `twins`: files left alone because another claims their entity."""
    existing, files, clean, curated = content.pages, content.files, content.clean, content.curated
    jobs = settings.processes
    final: dict[str, str] = {}
    results: dict[str, MergeResult] = {}
    fresh: set[str] = set()         # pages exactly as rendered: no human text in them
    for page in rendered:
        if page.problem is not None:
            report.problems.append(page.problem)
        if page.result is not None:
            results[page.path] = page.result
            final[page.path] = page.result.text
            if page.fresh:
                fresh.add(page.path)
    for path, text in existing.items():
        final.setdefault(path, text)
    stale = [p for p, t in existing.items()
             if p not in results and p not in renderer.reused and page_stamp(t) is not None]
    stale += sorted(clean - set(results) - renderer.reused)
    # A clean page read because it is not where a page of the graph would be is in both.
    stale = list(dict.fromkeys(stale))
    for path in stale:
        if hidden(curated.get(path, {})) or path in twins:
            continue            # hidden on purpose: the page keeps the decision, unpublished
        if path in existing and touched(existing[path]):
            final[path] = orphan(existing[path], ORPHAN_NOTICE)
            results[path] = MergeResult(final[path])
            report.problems.append(Problem(path, "its subject left the sources; kept because a human edited it"))
        else:
            final.pop(path, None)
            report.deleted.append(path)
    tick = progress("backlinks", 1)
    made = {page.path: (page.links, page.title) for page in rendered if page.result is not None}
    incoming, titles, pages_info = backlinks_todo(final, made, set(results), renderer.reused, record,
                                                  {p for p, v in curated.items() if hidden(v)})
    tick(1)
    outcomes, left = write_pages(settings.content, final, results, incoming, titles, renderer.reused, jobs,
                                 progress("writing", len(results.keys() | incoming.keys())), files, existing)
    report.written = [p for p, o in outcomes.items() if o in ("written", "merged")]
    conflicts = [p for p, o in outcomes.items() if o in ("conflict", "kept")]
    # Pages a human saved while this run wrote: their text is in them, so they are not as rendered.
    raced = {p for p, o in outcomes.items() if o in ("merged", "kept", "hand")}
    fresh -= raced
    report.problems += _outcome_problems(outcomes, results)
    report.conflicts = sorted(conflicts)
    # Deleted last: a run stopped half way leaves no page linking to a page already gone.
    # A page someone saved since the run began is theirs now: it stays.
    for path in list(report.deleted):
        target = settings.content / path
        if remove_page(target, files.get(path)):
            target.with_name(target.name + ".generated").unlink(missing_ok=True)
        else:
            report.deleted.remove(path)
            raced.add(path)
            report.problems.append(Problem(path, "saved by someone while this run was removing it: kept",
                                           severity="note"))
    # The feed of What's new, beside its page: written here, so the listing below sees it.
    if write_if_changed(settings.content / FEED, news.feed_text()):
        report.written.append(FEED)
    # Old addresses of pages that moved lead to where they went.
    redirected = _redirect(settings, news, merged)
    # What this run wrote or removed: pages, the reading tools' data, and new versions
    # beside those in conflict.
    rewritten = results.keys() | incoming.keys() | set(report.deleted) | {FEED} | redirected \
        | set(write_site_data(settings.content, report.graph))
    conflicted = set(conflicts)
    rewritten |= {p + ".generated" for p in rewritten if p + ".generated" in files or p in conflicted}
    after = relisted(settings.content, files, rewritten)
    # A page saved after this run put it in place is the human's: listed as this run left it,
    # the next run sees it changed and reads it, rather than trusting it as generated.
    for path, seen in left.items():
        if after.get(path) != seen:
            after[path] = seen
            raced.add(path)
    save_accepted(settings.content, {p: v for p, v in accepted.items() if p in after})
    save_written_titles(settings.content, _written_titles(written_titles, rendered, fresh, after))
    if news.changed:
        news.save()
    return Written(fresh, pages_info, after, raced,
                   held=[final, results, files, after, pages_info, incoming, titles])


def _outcome_problems(outcomes: dict[str, str], results: dict[str, MergeResult]) -> list[Problem]:
    """What a user is told of the pages a human edited or saved while the run wrote them."""
    problems = []
    for path, outcome in sorted(outcomes.items()):
        if outcome == "conflict":
            result = results[path]
            problems.append(Problem(path, f"edited by hand inside generated region(s) "
                                          f"{', '.join(result.conflicts)}: kept as edited; the new "
                                          f"version is in {Path(path).name}.generated; "
                                          f"{commands(path, list(result.conflicts))}"))
        elif outcome == "merged":
            problems.append(Problem(path, "saved by someone while this run was writing it: "
                                          "merged again with what they saved, nothing of it lost",
                                    severity="note"))
        elif outcome == "kept":
            problems.append(Problem(path, f"saved by someone, with an edit inside a generated region, "
                                          f"while this run was writing it: kept as they saved it; the "
                                          f"new version is in {Path(path).name}.generated"))
        elif outcome == "hand":
            problems.append(Problem(path, "became a hand-written page while this run was writing "
                                          "it: left as it is", severity="note"))
    return problems


def _redirect(settings: Settings, news: WhatsNew, merged: dict[str, str]) -> set[str]:
    """Record this build's page moves (against the last build's graph) and write the redirect
    pages; the files written or removed."""
    moved, _ = read_redirects(settings.content)
    moved.update(moves(news.last, news.current, merged))
    pages = {r["page"]: str(r.get("name") or r.get("title") or r["id"])
             for kind in ("actors", "events", "agreements") for r in news.current.get(kind, []) if r.get("page")}
    return write_redirects(settings.content, moved, pages, settings.directory_urls)


def _written_titles(last: dict[str, str], rendered, fresh: set[str], after: dict) -> dict[str, str]:
    """The title in the front matter of each event and agreement page, as the generator last
    wrote it: a page written as rendered has the new one, any other keeps the last."""
    titles = {p: t for p, t in last.items() if p in after}
    for page in rendered:
        if page.path in fresh and page.result is not None and page.title:
            stamped = page_stamp(page.result.text)
            if stamped and stamped[0].startswith(("event/", "agreement/")):
                titles[page.path] = page.title
    return titles


def relisted(content: Path, files: dict, touched) -> dict[str, tuple[int, int]]:
    """The listing of content/ after a run: `files`, the one it began with, and the files it
    wrote or removed (`touched`) looked at again. A file someone else added or changed
    meanwhile is left out as it was, so the next run does not take it as seen."""
    after = dict(files)
    folder = os.fspath(content)
    for path in touched:
        try:
            info = os.stat(os.path.join(folder, path))
            after[path] = (info.st_size, info.st_mtime_ns)
        except FileNotFoundError:
            after.pop(path, None)
    return after
