"""The pages of actors, events, agreements and sources, written in Python.

A wiki has thousands of these, and a Jinja macro call costs more than the line it writes:
here a page is a front matter, its regions in order, and a function per region. The few
listing pages (home, sections, timeline, What's new) stay Jinja templates. Every text from a
source goes through `md` or `yaml_str`; every other value is escaped as Jinja's autoescape
would; every link is made by the renderer (`r.link`, `r.quote_link`, `r.cite`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from markupsafe import escape

from generator.resolve.graph import reporting_sources
from . import listings
from .mdtext import md, title_text, url_link, yaml_str

SEP = " · "
# After a heading: Material's search leaves the section out. Sections that repeat what another
# page says (an event's title, a linking line) stay out, so each text is indexed once, where it
# belongs; the browser then downloads an index of what readers look for.
UNSEARCHED = " { data-search-exclude }"
# The same for a paragraph of an infobox: its last line.
UNSEARCHED_LINE = "    { data-search-exclude }\n"


def _quotes_searched(r) -> bool:
    """A sentence quoted as evidence is searched on its source's page (see
    `Renderer.source_body`), not on each page that quotes it; unless no source page has any
    text to search."""
    return r.publish == "none"
MAX_QUOTES = 40           # per page; the rest are counted, and the source pages hold them all
TYPE_LABEL = {"person": "Person", "organization": "Organization", "country": "Country",
              "place": "Place", "group": "Group"}


@dataclass(frozen=True)
class Layout:
    """A kind of page: its title and front matter, and its regions, each made by a function."""
    front: Callable[..., tuple[str, str]]
    regions: tuple[tuple[str, Callable[..., str]], ...]


def _s(count: int) -> str:
    return "s" if count != 1 else ""


def _when(e) -> str:
    date, precision = e.date, e.precision
    text = str(escape(date or "undated"))
    return text + f" ({escape(precision)})" if precision and precision != "day" else text


# --- shared pieces -------------------------------------------------------------------

def quote_rows(r, items, here: str) -> str:
    return "".join(f"> {md(q.text)}\n>\n> — {r.cite(q, here)}\n\n" for q in items)


def quotes(r, items, here: str, owner: tuple[str, str] | None = None) -> str:
    """The first MAX_QUOTES quotes; the page `owner` (kind, id) has for all of them, where more."""
    out = [quote_rows(r, items[:MAX_QUOTES], here)]
    if len(items) > MAX_QUOTES:
        out.append(f"*The first {MAX_QUOTES} of {len(items)} quotes; "
                   f"{more_link(r, *owner, 'quotes', here, 'all of them')}.*\n" if owner else
                   f"*…and {len(items) - MAX_QUOTES} more; the source pages hold them all.*\n")
    return "".join(out)


# --- the long lists of an entity page, kept in part, and their subpages ----------------

# Each list an entity page may cut short: the entries a subpage of it holds. Fewer quotes: a
# quoted sentence may be a wire story's table, a few KB of HTML.
MORE_ROWS = {"timeline": listings.PAGE_ROWS, "sources": listings.PAGE_ROWS, "quotes": 100,
             "agreements": listings.PAGE_ROWS, "roles": 200, "terms": 200,
             "participants": listings.PAGE_ROWS, "parties": listings.PAGE_ROWS,
             "concerns": listings.PAGE_ROWS}
MORE_TITLE = {name: name for name in MORE_ROWS} | {"concerns": "agreements it concerns"}


def more_path(section: str, item_id: str, name: str, n: int = 0) -> str:
    """The n-th subpage of an entity's list: "actors/<id>/timeline.md", "…/timeline-2.md"."""
    return f"{section}/{item_id}/{name}{'' if n == 0 else f'-{n + 1}'}.md"


def more_link(r, kind: str, item_id: str, name: str, here: str, text: str) -> str:
    return f"[{md(text)}]({r.to(more_path(r.section_of(kind), item_id, name), here)})"


def kept_events(events) -> list:
    """Of an entity's events, those its page lists: the most recent and the most reported."""
    return listings.kept(events, lambda e: e.date or "", lambda e: len(e.quotes))


# Wherever an event is listed, one that did not happen says so, even when its title does not
# ("First flight scheduled"); the home page's latest developments say it in the same words.
NOT_DONE = {"planned": "planned", "negated": "did not happen", "claimed": "claimed"}


def status_since(step) -> str:
    """" since 2024-07-29" for a step the text dates; " as of 2008-03-27" for one dated only by its
    source ("Airbus has inked deals with ..." in a story of that day): signed by then, not on it."""
    if not step.date:
        return ""
    return f" {'since' if step.date_text else 'as of'} {escape(step.date)}"


def _not_done(event) -> str:
    said = NOT_DONE.get(event.modality)
    return f" · *{said}*" if said else ""


def event_table(r, events, here: str) -> str:
    rows = "".join(f"| {_when(e)} | {r.link('event', e.id, here)}{_not_done(e)} | {r.quote_link(e.quotes[0], here)} |\n"
                   for e in events)
    return "| When | What | Source |\n|---|---|---|\n" + rows


def status_table(r, events, here: str) -> str:
    rows = "".join(f"| {_when(e)} | {escape(e.status or 'mentioned')} | {r.link('event', e.id, here)}{_not_done(e)} "
                   f"| {r.quote_link(e.quotes[0], here)} |\n" for e in events)
    return "| When | Status | What | Source |\n|---|---|---|---|\n" + rows


def _texts(items) -> str:
    return SEP.join(str(md(item)) for item in items)


def actor_list(r, ids, here: str) -> str:
    return SEP.join(str(r.link("actor", a, here)) for a in ids)


# Listing pages have a row per entity: their rows are made here too, for the same reason.

def actor_rows(r, actors, here: str) -> str:
    return "".join(f"| {r.link('actor', a.id, here)} | {a.mentions} | {len(a.sources)} |\n" for a in actors)


def timeline_entries(r, events, here: str) -> str:
    out = []
    for e in events:
        actors = f": {', '.join(str(r.link('actor', a, here)) for a in e.actors[:4])}" if e.actors else ""
        status = f" · *{escape(e.status)}*" if e.status and e.agreements else ""
        out.append(f"- **{escape(e.date)}** {r.link('event', e.id, here)}{actors}{status}{_not_done(e)} · "
                   f"{r.quote_link(e.quotes[0], here)}\n\n")
    return "".join(out)


def undated_entries(r, events, here: str) -> str:
    return "".join(f"- {r.link('event', e.id, here)}{f' · *{escape(e.status)}*' if e.status and e.agreements else ''}"
                   f"{_not_done(e)} · {r.quote_link(e.quotes[0], here)}\n" for e in events)


# --- readers' corrections -------------------------------------------------------------

HAND = '<span class="bw-hand">corrected by hand</span>'


def _hand(item, key: str, said: Callable[[object], str]) -> str:
    """After a fact a human corrected: the mark, and what the sources say (`said` words it)."""
    for name, value in getattr(item, "corrected", ()):
        if name == key:
            return f"{SEP}{HAND}; the sources say: {said(value)}"
    return ""


def _hand_title(item) -> str:
    """A line for a title a human corrected: the page's own title is theirs."""
    said = _hand(item, "title", lambda value: f"\"{md(value)}\"")
    return f"    **Title** {said.removeprefix(SEP)}<br>\n" if said else ""


def _date_said(value) -> str:
    if not value:
        return "no date"
    precision = {4: "year", 7: "month"}.get(len(value), "day")
    return f"{escape(value)} ({precision})"


def _place_said(r, here):
    return lambda value: str(r.link("actor", value, here)) if value else "no place"


def _front(title, kind, extra: str = "") -> tuple[str, str]:
    boost = SEARCH_BOOST.get(kind, SEARCH_BOOST["actor"])
    title = title_text(title)       # as its front matter reads back
    return title, (f"---\ntitle: {yaml_str(title)}\ntype: {escape(kind)}\n{extra}"
                   f"search:\n  boost: {boost}\n---\n")


# Material's search ranks a page's matches times its boost: a name finds its actor's page first,
# then an agreement named after them ("Ghani's decree": a rarer word than "Ghani", which weighs
# more in the score, hence four times less boost), then the events and sources that mention it;
# the listing pages (home, sections, timeline, whose templates set 0.1) name everything, come last.
SEARCH_BOOST = {"actor": 8, "agreement": 2, "event": 1, "source": 0.5}


# --- actors --------------------------------------------------------------------------

def _actor_infobox(r, here, actor, events, **_) -> str:
    out = [f'!!! abstract "{escape(TYPE_LABEL[actor.type])}"\n']
    if actor.summary:
        out.append(f"    {md(actor.summary)}\n\n")
    if actor.aliases:
        out.append(f"    **Also called** {_texts(actor.aliases)}<br>\n")
    if actor.roles:
        roles = SEP.join(f"{md(role.title)} ({r.quote_link(role.quote, here)})" for role in kept_roles(actor.roles))
        out.append(f"    **Roles** {roles}<br>\n")
    mentions = actor.mentions
    listed = actor.sources
    if len(listed) > listings.KEPT_ROWS:
        dates = {s: r.sources[s].date or "" for s in listed}
        listed = listings.kept(listed, lambda s: dates[s], lambda s: 0)
    sources = SEP.join(str(r.link("source", s, here, r.short_title(s))) for s in listed)
    if len(listed) < len(actor.sources):
        sources += f" {SEP}{more_link(r, 'actor', actor.id, 'sources', here, f'all {len(actor.sources)} sources')}"
    tail = f"{SEP}{len(events)} event{_s(len(events))}" if events else ""
    if out[-1].endswith("<br>\n"):        # a paragraph of its own: searched, unlike what follows
        out[-1] = out[-1][:-len("<br>\n")] + "\n\n"
    # Which sources, out of search: their titles are searched on their own pages.
    out.append(f"    **In the sources** {escape(mentions)} mention{_s(mentions)} in {sources}{tail}\n"
               f"{UNSEARCHED_LINE}\n")
    return "".join(out)


def role_lines(r, roles, here: str) -> str:
    return "".join(f'- **{md(role.title)}**: "{md(role.quote.text)}" ({r.cite(role.quote, here)})\n' for role in roles)


def kept_roles(roles) -> list:
    return list(roles[:listings.KEPT_ROWS])


_KEPT = "The most recent and the most reported"


def cut_words(r, here, owner: tuple[str, str], name: str, shown, whole, which: str,
              noun: str | None = None) -> str:
    """"The first 50 of 120 roles; all of them": what the page of `owner` (kind, id) keeps of
    a long list, and where the rest is. Empty when it keeps it all."""
    if len(shown) == len(whole):
        return ""
    return (f"{which} {len(shown)} of {len(whole)} {noun or name}; "
            f"{more_link(r, *owner, name, here, 'all of them')}")


def _cut_note(r, here, owner: tuple[str, str], name: str, shown, whole, which: str, noun: str | None = None) -> str:
    """`cut_words` as a paragraph of its own, before the list it tells of."""
    words = cut_words(r, here, owner, name, shown, whole, which, noun)
    return f"{words}.\n\n" if words else ""


def _actor_roles(r, here, actor, **_) -> str:
    if not actor.roles:
        return ""
    shown = kept_roles(actor.roles)
    note = _cut_note(r, here, ("actor", actor.id), "roles", shown, actor.roles, "The first")
    # The titles are searched in the infobox, the sentences on their sources' pages.
    return f"## Roles{'' if _quotes_searched(r) else UNSEARCHED}\n\n{note}{role_lines(r, shown, here)}"


def _actor_timeline(r, here, actor, events, **_) -> str:
    if not events:
        return ""
    shown = kept_events(events)
    note = _cut_note(r, here, ("actor", actor.id), "timeline", shown, events, _KEPT, "events")
    return f"## Timeline{UNSEARCHED}\n\n{note}{event_table(r, shown, here)}\n"


def agreement_lines(r, actor, agreements, here: str) -> str:
    lines = []
    for a in agreements:
        date = f", {escape(a.date)}" if a.date else ""
        others = actor_list(r, [p for p in a.parties if p != actor.id], here) or "no one else named"
        lines.append(f"- {r.link('agreement', a.id, here)} ({escape(a.kind)}{date}): party with {others}\n")
    return "".join(lines)


def _actor_agreements(r, here, actor, agreements, **_) -> str:
    if not agreements:
        return ""
    shown = listings.kept(agreements, lambda a: a.date or "", lambda a: len(a.quotes))
    note = _cut_note(r, here, ("actor", actor.id), "agreements", shown, agreements, _KEPT)
    return f"## Agreements{UNSEARCHED}\n\n{note}{agreement_lines(r, actor, shown, here)}"


def _actor_related(r, here, actor, related, **_) -> str:
    if not related:
        return ""
    # The actor's neighbourhood in the graph view, drawn by the site's script; the list below
    # says the same in words.
    drawing = (f'<div class="bw-graph bw-graph--small" data-bw-graph="a:{escape(actor.id)}" role="img" '
               'aria-label="Who this actor deals with, as listed below"></div>\n\n')
    return f"## Connections{UNSEARCHED}\n\n" + drawing + "".join(
        f"- {r.link('actor', other.id, here)}: named together in {count} sentence{_s(count)} "
        f"({r.quote_link(q, here)})\n" for other, count, q in related)


def _quotes_region(attr: str, heading: str = "In the sources"):
    def region(r, here, **context) -> str:
        item = context[attr]
        searched = "" if _quotes_searched(r) else UNSEARCHED
        return f"## {heading}{searched}\n\n{quotes(r, item.quotes, here, (attr, item.id))}\n"
    return region


def _none(r, here, **_) -> str:
    return ""


ACTOR = Layout(
    front=lambda actor, **_: _front(actor.name, actor.type, "aliases: []\n"),
    regions=(("infobox", _actor_infobox), ("roles", _actor_roles), ("timeline", _actor_timeline),
             ("agreements", _actor_agreements), ("related", _actor_related),
             ("quotes", _quotes_region("actor")), ("backlinks", _none)))


# --- events --------------------------------------------------------------------------

def _distinct_sources(quotes_) -> int:
    return len({q.source for q in quotes_})


def _event_infobox(r, here, event, **_) -> str:
    out = ['!!! abstract "Event"\n']
    if event.summary:
        out.append(f"    {md(event.summary)}\n\n")
    out.append(_hand_title(event))
    said = f", according to {actor_list(r, event.attribution, here)}" if event.attribution else ""
    modality = _hand(event, "modality", lambda value: _MODALITY_TEXT.get(value, str(escape(value))))
    out.append(f"    **Status** {_MODALITY_TEXT.get(event.modality, escape(event.modality))}{said}{modality}<br>\n")
    when = _hand(event, "date", _date_said)
    if event.date:
        anchor = f", {md(event.anchor)}" if event.anchor and not when else ""
        reported = "reported on " if event.date_basis == "report" else ""
        out.append(f"    **When** {reported}{escape(event.date)} ({escape(event.precision)}){anchor}{when}<br>\n")
    else:
        out.append(f"    **When** not stated in the sources{when}<br>\n")
    where = _hand(event, "place", _place_said(r, here))
    if event.place:
        out.append(f"    **Where** {r.link('actor', event.place, here)}{where}<br>\n")
    if event.participants:      # "Markets worldwide have surged": no one the sources name takes part
        shown = kept_participants(event.participants)
        cut = cut_words(r, here, ("event", event.id), "participants", shown, event.participants, "the first")
        out.append(f"    **Who** {participant_list(r, shown, here)}{f' ({cut})' if cut else ''}<br>\n")
    if event.agreements:
        shown = event.agreements[:listings.KEPT_ROWS]
        cut = cut_words(r, here, ("event", event.id), "concerns", shown, event.agreements, "the first",
                        "agreements")
        out.append(f"    **Concerns** {SEP.join(str(r.link('agreement', a, here)) for a in shown)}"
                   f"{f' ({cut})' if cut else ''}<br>\n")
    copies = {q.source: r.sources[q.source].copy_of for q in event.quotes if r.sources[q.source].copy_of}
    count = reporting_sources(event.quotes, copies)
    republished = sorted(copies)
    again = (f" ({SEP.join(r.short_title(c) for c in republished)} republishing another's story, "
             "counted once)") if republished else ""
    # The details out of search: names, dates and titles that their own pages hold.
    out.append(f"    **Reported by** {count} source{_s(count)}{md(again)}\n{UNSEARCHED_LINE}\n")
    out += _disagreement_lines(r, here, event.disagreements)
    return "".join(out)


def _disagreement_lines(r, here, disagreements) -> list[str]:
    """Where the sources tell the event differently, each source's version with its quote."""
    out = []
    for kind, label in (("date", "the date"), ("figures", "the figures")):
        told = [d for d in disagreements if d.kind == kind]
        if told:
            versions = SEP.join(f"{escape(d.value)} ({r.quote_link(d.quote, here, r.short_title(d.quote.source))})"
                                for d in told)
            out.append(f'!!! warning "The sources disagree on {label}"\n    {versions}\n\n')
    return out


def kept_participants(participants) -> list:
    """Of an event's participants, those its page names: the first, as the graph lists those
    who act before the others."""
    return list(participants[:listings.KEPT_ROWS])


def participant_list(r, participants, here: str) -> str:
    return SEP.join(f"{r.link('actor', p.actor, here)} ({escape(p.role)})" for p in participants)


_MODALITY_TEXT = {"happened": "happened", "planned": "planned or expected, not yet done",
                  "negated": "did not happen", "claimed": "claimed, contested"}


def _event_neighbours(r, here, neighbours, **_) -> str:
    before, after = neighbours
    if not (before or after):
        return ""
    out = [f"## Before and after{UNSEARCHED}\n\n"]
    if before:
        out.append(f"- Before: {escape(before.date)} {r.link('event', before.id, here)}\n")
    if after:
        out.append(f"- After: {escape(after.date)} {r.link('event', after.id, here)}\n")
    return "".join(out)


EVENT = Layout(
    front=lambda event, **_: _front(event.title, "event"),
    regions=(("infobox", _event_infobox), ("quotes", _quotes_region("event", "Reported by")),
             ("neighbours", _event_neighbours), ("backlinks", _none)))


# --- agreements ----------------------------------------------------------------------

def _agreement_infobox(r, here, agreement, parts, **_) -> str:
    a = agreement
    out = ['!!! abstract "Agreement"\n']
    if a.summary:
        out.append(f"    {md(a.summary)}\n\n")
    out += [_hand_title(a), f"    **Kind** {escape(a.kind)}<br>\n"]
    if a.parties:
        parties = _hand(a, "parties", lambda value: actor_list(r, value, here) or "no parties")
        shown = a.parties[:listings.KEPT_ROWS]
        cut = cut_words(r, here, ("agreement", a.id), "parties", shown, a.parties, "the first")
        out.append(f"    **Parties** {actor_list(r, shown, here)}{f' ({cut})' if cut else ''}{parties}<br>\n")
    if a.part_of:
        out.append(f"    **Part of** {r.link('agreement', a.part_of, here)}<br>\n")
    if parts:
        out.append(f"    **Includes** {SEP.join(str(r.link('agreement', p.id, here)) for p in parts)}<br>\n")
    if a.date or a.place:
        # No words to quote when the date is the report's own: "agreed to a ceasefire" in a dated story.
        date_hand = _hand(a, "date", _date_said)
        said = f'from "{md(a.date_text)}"' if a.date_text else "set by hand" if date_hand else "the date of the report"
        made = f"{escape(a.date)} ({escape(a.precision)}), {said}{date_hand}" if a.date else ""
        both = SEP if a.date and a.place else ""
        place = f"{r.link('actor', a.place, here)}{_hand(a, 'place', _place_said(r, here))}" if a.place else ""
        out.append(f"    **Made** {made}{both}{place}<br>\n")
    status_hand = _hand(a, "status", lambda value: str(escape(value or "no status")))
    if status_hand:
        since = f" since {escape(a.status_since)}" if a.status_since else ""
        out.append(f"    **Status** {escape(a.status)}{since}{status_hand}<br>\n")
    elif a.status and a.lifecycle:
        last = a.lifecycle[-1]
        read = f', from "{md(last.date_text)}"' if last.date_text else (" (the date of the source)" if last.date else "")
        out.append(f"    **Status** {escape(a.status)}{status_since(last)}{read} ({r.quote_link(last.quote, here)})<br>\n")
    if a.aliases:
        out.append(f"    **Also called** {_texts(a.aliases)}<br>\n")
    documents, mentions = _distinct_sources(a.quotes), len(a.quotes)
    out.append(f"    **In the sources** {documents} document{_s(documents)} · {mentions} mention{_s(mentions)}\n\n")
    return "".join(out)


def kept_terms(terms) -> list:
    """Of an agreement's terms, those its page lists: the first, in the order of its text."""
    return list(terms[:listings.KEPT_ROWS])


def _agreement_terms(r, here, agreement, **_) -> str:
    if not agreement.terms:
        return ""
    shown = kept_terms(agreement.terms)
    note = _cut_note(r, here, ("agreement", agreement.id), "terms", shown, agreement.terms, "The first")
    return "## Terms\n\n" + note + "".join(f"{n}. {md(t.text)} ({r.quote_link(t.quote, here)})\n"
                                           for n, t in enumerate(shown, start=1))


def term_rows(r, terms, here: str, first: int = 0) -> str:
    """Terms numbered from `first` + 1 as on the agreement's page: in a table, as a Markdown
    list always starts at 1."""
    rows = "".join(f"| {n} | {md(t.text)} | {r.quote_link(t.quote, here)} |\n"
                   for n, t in enumerate(terms, start=first + 1))
    return "| # | Term | Source |\n|---|---|---|\n" + rows


def _agreement_timeline(r, here, agreement, timeline, **_) -> str:
    if not timeline:
        return ""
    shown = kept_events(timeline)
    note = _cut_note(r, here, ("agreement", agreement.id), "timeline", shown, timeline, _KEPT, "events")
    return f"## What happened to it{UNSEARCHED}\n\n{note}{status_table(r, shown, here)}\n"


AGREEMENT = Layout(
    front=lambda agreement, **_: _front(agreement.name, "agreement"),
    regions=(("infobox", _agreement_infobox), ("terms", _agreement_terms), ("timeline", _agreement_timeline),
             ("quotes", _quotes_region("agreement")), ("backlinks", _none)))


# --- sources -------------------------------------------------------------------------

def _source_infobox(r, here, source, found, **_) -> str:
    out = ['!!! info "Source"\n', f"    **File** {md(source.path)}<br>\n",
           f"    **Date** {escape(source.date or 'not given')}<br>\n"]
    if source.publisher:
        out.append(f"    **Publisher** {md(source.publisher)}<br>\n")
    if source.url:
        out.append(f"    **Address** {url_link(source.url)}<br>\n")
    if source.copy_of:
        out.append(f"    **Copy of** {r.link('source', source.copy_of, here)}, republished with small edits<br>\n")
    if source.copies:
        out.append(f"    **Republished as** {SEP.join(str(r.link('source', c, here)) for c in source.copies)}<br>\n")
    out.append(f"    **Found** {len(found['actors'])} actors · {len(found['events'])} events · "
               f"{len(found['agreements'])} agreements\n{UNSEARCHED_LINE}\n")
    return "".join(out)


def _source_text(r, here, body, **_) -> str:
    return f"## Text\n\n{escape(body)}\n"


def _source_found(r, here, found, **_) -> str:
    out = []
    if found["events"]:
        out.append(f"## Events in this source{UNSEARCHED}\n\n")
        out += [f"- {escape(e.date or 'undated')}: {r.link('event', e.id, here)}\n" for e in found["events"]]
    if found["agreements"]:
        out.append(f"\n## Agreements in this source{UNSEARCHED}\n\n")
        out += [f"- {r.link('agreement', a.id, here)}\n" for a in found["agreements"]]
    return "".join(out)


SOURCE = Layout(
    front=lambda source, **_: _front(source.title, "source"),
    regions=(("infobox", _source_infobox), ("text", _source_text), ("found", _source_found),
             ("backlinks", _none)))

# --- the subpages of long lists -------------------------------------------------------

def _more_front(owner, owner_kind, name, label, **_) -> tuple[str, str]:
    title = title_text(f"{owner.name if owner_kind != 'event' else owner.title}: {MORE_TITLE[name]}{label}")
    return title, (f"---\ntitle: {yaml_str(title)}\ntype: listing\nsearch:\n  exclude: true\n---\n")


def _more_list(r, here, owner, owner_kind, name, items, before, after, first=0, **_) -> str:
    back = f"[{md(owner.name if owner_kind != 'event' else owner.title)}]({r.to(r.page_of(owner_kind, owner.id), here)})"
    nav = back + "".join(f"{SEP}{word}: [{md(label)}]({r.to(path, here)})"
                         for word, ref in (("previous", before), ("next", after)) if ref for path, label in [ref])
    if name == "timeline":
        body = (event_table if owner_kind == "actor" else status_table)(r, items, here)
    elif name == "agreements":
        body = agreement_lines(r, owner, items, here)
    elif name == "roles":
        body = role_lines(r, items, here)
    elif name == "terms":
        body = term_rows(r, items, here, first)
    elif name == "participants":
        body = "".join(f"- {r.link('actor', p.actor, here)} ({escape(p.role)})\n" for p in items)
    elif name == "parties":
        body = "".join(f"- {r.link('actor', a, here)}\n" for a in items)
    elif name == "concerns":
        body = "".join(f"- {r.link('agreement', a, here)}\n" for a in items)
    elif name == "sources":
        body = "".join(f"- {r.link('source', s, here)} ({escape(r.sources[s].date or 'undated')})\n" for s in items)
    else:
        body = quote_rows(r, items, here)
    return f"{nav}\n\n{body}\n{nav}\n"


MORE = Layout(front=_more_front, regions=(("list", _more_list),))

LAYOUTS = {"more": MORE, "actor": ACTOR, "event": EVENT, "agreement": AGREEMENT, "source": SOURCE}
