"""The home page's lede: what the sources cover, the latest developments, where each agreement
stands, the main actors and what the last change brought, in a few generated sentences and
lists. Every claim links to its page and to the sentence it is quoted from.

Pure: the renderer, the page's path and the last change (or None) in, Markdown out.
"""

from __future__ import annotations

from markupsafe import escape

from .entity_pages import NOT_DONE, status_since
from .mdtext import md

LATEST = 6           # latest developments listed
# Agreements listed with where they stand: a home page of every agreement of a large feed is
# a list, not a lede (at 19,000 Reuters stories it grew to 460 KB); the index has them all.
AGREEMENTS = 20
MAIN_ACTORS = 8
NAMED_IN_BRIEF = 3   # actors named in the opening sentence
CHANGED_LISTED = 5   # new pages listed under "what changed"
QUOTE_CHARS = 160


def _s(n: int, word: str, plural: str | None = None) -> str:
    return f"{n} {word if n == 1 else plural or word + 's'}"


def _and(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def _snippet(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= QUOTE_CHARS else text[:QUOTE_CHARS].rsplit(" ", 1)[0] + "…"


def main_actors(graph) -> list:
    """The actors with a page, most named first."""
    return sorted((a for a in graph.actors if a.page != ""), key=lambda a: (-a.mentions, a.id))


def latest(graph) -> list:
    """The dated events with a page, latest first."""
    return sorted((e for e in graph.events if e.date and e.page != ""), key=lambda e: (e.date, e.id), reverse=True)


def in_brief(r, here: str) -> str:
    g = r.graph
    dates = sorted(s.date for s in g.sources if s.date)
    when = ""
    if dates:
        when = f", dated {escape(dates[0])}" if dates[0] == dates[-1] else \
            f", dated from {escape(dates[0])} to {escape(dates[-1])}"
        undated = len(g.sources) - len(dates)
        when += f" ({undated} undated)" if undated else ""
    publishers = sorted({s.publisher for s in g.sources if s.publisher})
    by = f" by {_and([str(md(p)) for p in publishers])}" if publishers else ""
    text = (f"These **{_s(len(g.sources), 'source')}**{when}{by}, tell of "
            f"[{_s(len(g.actors), 'actor')}](actors/index.md), "
            f"[{_s(len(g.events), 'event')}](events/index.md) and "
            f"[{_s(len(g.agreements), 'agreement')}](agreements/index.md).")
    named = [str(r.link("actor", a.id, here)) for a in main_actors(g)[:NAMED_IN_BRIEF]]
    if named:
        text += f" Most of it is about {_and(named)}"
        most = sorted((a for a in g.agreements if a.page != ""), key=lambda a: (-len(a.quotes), a.id))[:2]
        deals = [str(r.link("agreement", a.id, here)) for a in most]
        text += f", and of the agreements, {_and(deals)}." if deals else "."
    dated = sorted(e.date for e in g.events if e.date)
    if dated:
        text += (f" The events run from {escape(dated[0])} to {escape(dated[-1])}: see the "
                 "[timeline](timeline.md), and the [graph](graph.md) of who deals with whom.")
    return text + "\n"


def developments(r, here: str) -> str:
    events = latest(r.graph)[:LATEST]
    if not events:
        return ""
    out = ["## Latest developments\n\n"]
    for e in events:
        q = e.quotes[0]
        out.append(f"- **{escape(e.date)}** {r.link('event', e.id, here)}{f' ({NOT_DONE[e.modality]})' if e.modality in NOT_DONE else ''}: "
                   f"\"{md(_snippet(q.text))}\" ({r.cite(q, here)})\n")
    return "".join(out)


def agreements(r, here: str) -> str:
    deals = [a for a in r.graph.agreements if a.page != ""]
    if not deals:
        return ""
    out = ["## Where the agreements stand\n\n"]
    if len(deals) > AGREEMENTS:
        # The ones whose latest step is the latest, as the latest developments are chosen.
        latest = sorted(deals, key=lambda a: (a.lifecycle[-1].date or "" if a.lifecycle else "", len(a.quotes), a.id),
                        reverse=True)[:AGREEMENTS]
        shown = {a.id for a in latest}
        out.append(f"The {AGREEMENTS} agreements whose last reported step is the most recent, of {len(deals)}: "
                   "[all of them](agreements/index.md).\n\n")
        deals = [a for a in deals if a.id in shown]
    for a in deals:
        if a.status and a.lifecycle:
            last = a.lifecycle[-1]
            state = f"**{escape(a.status)}**{status_since(last)} ({r.cite(last.quote, here)})"
        else:
            state = f"no step of its life reported ({r.cite(a.quotes[0], here)})" if a.quotes else \
                "no step of its life reported"
        parties = f"; {'parties' if len(a.parties) > 1 else 'party'}: {r.actor_list(a.parties, here)}" if a.parties else ""
        out.append(f"- {r.link('agreement', a.id, here)} ({escape(a.kind)}{parties}): {state}\n")
    return "".join(out)


def actors(r, here: str, type_label: dict) -> str:
    top = main_actors(r.graph)[:MAIN_ACTORS]
    if not top:
        return ""
    events_of = {}
    for e in r.graph.events:
        for a in e.actors:
            events_of[a] = events_of.get(a, 0) + 1
    out = ["## Main actors\n\n"]
    for a in top:
        role = f", {md(a.roles[0].title)}" if a.roles else ""
        count = events_of.get(a.id, 0)
        out.append(f"- {r.link('actor', a.id, here)} ({escape(type_label[a.type].lower())}{role}): "
                   f"{_s(a.mentions, 'mention')}, {_s(count, 'event')}\n")
    return "".join(out)


def last_change(r, here: str, changes) -> str:
    if changes is None:
        return ""
    out = ["## What changed in the last build\n\n"]
    if changes.first_build:
        out.append("This is the first build of the briefing: everything on it is new. "
                   "[What's new](whats-new.md) will list what later sources bring.\n")
        return "".join(out)
    out.append(f"The latest change brought {escape(changes.summary())} ([What's new](whats-new.md) has it all).\n\n")
    shown = 0
    for kind in ("sources", "agreements", "events", "actors"):
        for item in changes.new[kind]:
            if shown == CHANGED_LISTED:
                break
            date = f"**{escape(item.date)}** " if item.kind == "event" and item.date else ""
            out.append(f"- New {escape(item.kind)}: {date}{r.link(item.kind, item.id, here)}\n")
            shown += 1
    return "".join(out)


def lede(r, here: str, changes, type_label: dict) -> str:
    parts = [in_brief(r, here), developments(r, here), agreements(r, here), actors(r, here, type_label),
             last_change(r, here, changes)]
    return "\n".join(p for p in parts if p)
