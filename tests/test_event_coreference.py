"""Each real event once: reports merged across and within documents, never two events made
one, copies of one story counted once, and disagreements between sources shown. Documents
written for these tests."""

from __future__ import annotations

import pytest

from generator.extract.shingles import signature
from generator.generate import generate
from generator.model import DocFacts, Source
from generator.resolve.copies import copies_of
from generator.resolve.export import graph_to_dict
from generator.resolve.event_merge import Report, action_of, cluster, same_event
from tests.conftest import generate_sources

WIRE = ("Harbour Logistics said on Tuesday that its board had approved a plan to close two depots in "
        "the north of the country, cutting about 300 jobs, and that the closures would be complete by "
        "the end of the year. The company blamed weaker demand from retailers and higher fuel costs. "
        "Its shares fell 4 percent in early trading after the announcement. Analysts said the move had "
        "been expected for months and that more cuts could follow if demand did not recover.")

SOURCES = {
    # one resignation told by two sources, one of them a day later and without a date
    "a.txt": "date 2011-08-25 Dana Whitlow resigned as chief executive of Norvale Inc. on August 24.\n",
    "b.txt": "date 2011-08-26 Dana Whitlow resigned from her post, saying it was time for a change.\n",
    # one launch, dated to the day by one source and to the year by another
    "c.txt": "date 2004-05-01 Norvale Inc. launched the Norvale Music Store on April 28, 2003.\n",
    "d.txt": "date 2009-01-10 Norvale Inc. launched the Norvale Music Store in 2003 with 200,000 songs.\n",
    # the same actor launching another thing: not the same launch
    "e.txt": "date 2009-02-10 Norvale Inc. launched the Norvale Video Store in 2003.\n",
    # a statement and a trip in one story: the flight and "the trip" are one journey
    "f.txt": ("date 2020-03-23 Foreign Minister Ilse Marquardt flew to Tallinn on Monday for talks on "
              "the border. Marquardt undertook the unannounced trip despite travel warnings. Officials "
              "praised Marquardt's Monday visit to Tallinn.\n"),
    # a wire story and its copy republished with small edits, and a third telling its own way
    "g.txt": f"date 2019-06-04 {WIRE}\n",
    "h.txt": f"date 2019-06-05 {WIRE.replace('higher fuel costs', 'rising fuel costs').replace('Analysts', 'Some analysts')}\n",
    # two sources disagree on the day of one resignation
    "i.txt": "date 2015-03-04 Marten Oyelaran resigned as governor of Westhaven Province on March 2.\n",
    "j.txt": "date 2015-03-04 Marten Oyelaran resigned as governor of Westhaven Province on March 3.\n",
}


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    root = tmp_path_factory.mktemp("coref")
    graph = generate_sources(root, SOURCES).graph
    return root, graph, graph_to_dict(graph)


def _sources(event):
    return sorted({q["source"] for q in event["quotes"]})


def _titled(export, *words):
    return [e for e in export["events"] if all(w in e["title"].lower() for w in words)]


@pytest.mark.slow
def test_event_coreference_one_resignation_told_by_two_sources_is_one_event(built):
    _, _, export = built
    [resign] = [e for e in _titled(export, "whitlow", "resign")]
    assert _sources(resign) == ["a", "b"] and resign["date"] == "2011-08-24"


@pytest.mark.slow
def test_event_coreference_a_day_and_its_year_are_one_launch_of_one_thing(built):
    _, _, export = built
    music = _titled(export, "launch", "music store")
    assert len(music) == 1 and _sources(music[0]) == ["c", "d"] and music[0]["date"] == "2003-04-28"


@pytest.mark.slow
def test_event_coreference_same_actor_launching_another_thing_stays_apart(built):
    _, _, export = built
    video = _titled(export, "launch", "video store")
    assert len(video) == 1 and _sources(video[0]) == ["e"]


@pytest.mark.slow
def test_event_coreference_flight_the_trip_and_the_visit_in_one_story_are_one_event(built):
    _, _, export = built
    trips = [e for e in export["events"] if any(q["source"] == "f" for q in e["quotes"])
             and ("fl" in e["title"].lower() or "trip" in e["title"].lower())]
    assert len(trips) == 1 and len(trips[0]["quotes"]) == 3 and trips[0]["date"] == "2020-03-23"


@pytest.mark.slow
def test_event_coreference_a_republished_story_is_one_source_with_its_copy_listed(built):
    root, graph, export = built
    assert graph.copies == {"h": "g"}
    assert {s["id"]: s["copy_of"] for s in export["sources"]}["h"] == "g"
    page = (root / "content" / "sources" / "g.md").read_text()
    assert "**Republished as**" in page and "(h.md)" in page
    assert "**Copy of**" in (root / "content" / "sources" / "h.md").read_text()


@pytest.mark.slow
def test_event_coreference_a_copy_added_later_is_found_against_cached_facts(tmp_path):
    """The first telling's facts come from the cache on the second run, and still find the copy."""
    from generator.config import load_settings

    generate_sources(tmp_path, {"g.txt": SOURCES["g.txt"]})
    (tmp_path / "seeds" / "h.txt").write_text(SOURCES["h.txt"])
    settings = load_settings(tmp_path / "mkdocs.yml")
    settings.jobs = 1
    report = generate(settings)
    assert report.extracted == 1
    assert report.graph.copies == {"h": "g"}
    assert "**Copy of**" in (tmp_path / "content" / "sources" / "h.md").read_text()


@pytest.mark.slow
def test_event_coreference_copies_count_once_in_reported_by(built):
    root, graph, _ = built
    told = [e for e in graph.events + graph.statements if {q.source for q in e.quotes} == {"g", "h"}]
    assert told, [e.title for e in graph.events + graph.statements]
    for event in told:
        assert event.page is None or event not in graph.events or event.date or event.place
    paged = [e for e in told if e in graph.events]
    for event in paged:
        text = (root / "content" / "events" / f"{event.id}.md").read_text()
        assert "**Reported by** 1 source" in text


@pytest.mark.slow
def test_event_coreference_page_says_where_sources_disagree_on_the_date(built):
    root, graph, export = built
    [resign] = _titled(export, "oyelaran", "resign")
    assert _sources(resign) == ["i", "j"] and resign["date"] == "2015-03-02"
    text = (root / "content" / resign["page"]).read_text()
    assert "The sources disagree on the date" in text
    assert "2015-03-02" in text and "2015-03-03" in text and "(../sources/i.md#s1)" in text
    # the export says so too: each source's date, with its words
    assert sorted((d["kind"], d["value"], d["source"]) for d in resign["disagreements"]) == \
        [("date", "2015-03-02", "i"), ("date", "2015-03-03", "j")]


# --- the rules, on reports made by hand ---------------------------------------------

def _report(**given) -> Report:
    base = dict(source="s1", source_date="2020-01-10", trigger="sell", modality="happened",
                agents=("acme",), others=(), date=None, place=None, rest="", subject="", sentence="")
    return Report(**{**base, **given})


@pytest.mark.parametrize("noun, verb", [("filing", "file"), ("sale", "sell"), ("acquisition", "acquire"),
                                        ("resignation", "resign"), ("trip", "travel")])
def test_event_coreference_a_noun_names_the_action_of_its_verb(noun, verb):
    assert action_of(noun) == action_of(verb)


def test_event_coreference_a_light_verb_takes_its_nouns_action():
    assert action_of("make", "a special charity flight") == action_of("fly")
    assert action_of("make", "a profit") == "make"


def test_event_coreference_one_shared_actor_is_not_enough():
    day = dict(date="2020-01-08", source_date="2020-01-09")
    a = _report(trigger="sell", rest="its stake in Brightline", **day)
    b = _report(source="s2", trigger="sell", rest="two oil tankers", **day)
    assert not same_event(a, b)
    assert same_event(a, _report(source="s2", trigger="sale", rest="stake in Brightline", **day))


def test_event_coreference_recurring_action_undated_does_not_join_a_dated_one_across_sources():
    dated = _report(trigger="fall", agents=("index",), date="2020-01-09", rest="4 percent")
    undated = _report(source="s2", trigger="fall", agents=("index",), rest="4 percent")
    assert not same_event(dated, undated)


def test_event_coreference_a_model_number_tells_two_launches_apart():
    a = _report(trigger="launch", rest="the Zephyr 4 phone", date="2010")
    b = _report(source="s2", trigger="launch", rest="the Zephyr 3G phone", date="2010-06-07")
    assert not same_event(a, b)
    assert same_event(a, _report(source="s2", trigger="launch", rest="Zephyr 4", date="2010-06-07"))


def test_event_coreference_no_chain_of_near_matches_joins_days_far_apart():
    reports = [_report(trigger="resign", date="2020-01-01"), _report(source="s2", trigger="resign"),
               _report(source="s3", trigger="resign", date="2020-03-01", source_date="2020-03-02")]
    groups = cluster(reports)
    assert not any({0, 2} <= set(g) for g in groups)


def test_event_coreference_copies_found_by_shingles():
    text = " ".join(f"word{i} alpha beta gamma" for i in range(40))
    edited = text.replace("word7 ", "changed ").replace("word30 ", "other ")
    other = " ".join(f"thing{i} delta" for i in range(60))
    sources = [Source(id=i, path=f"{i}.txt", title=i, date=d, text=t, sha256=i)
               for i, d, t in (("x", "2020-01-02", text), ("y", "2020-01-01", edited), ("z", None, other))]
    facts = {s.id: DocFacts(s.id, s.sha256, (), (), (), (), (), *signature(s.text)) for s in sources}
    assert copies_of(sources, facts) == {"x": "y"}


def test_event_coreference_one_speaker_one_day_told_in_other_words_is_one_statement():
    day = dict(trigger="say", agents=("ilse-marquardt",), date="2020-03-23")
    a = _report(sentence="Marquardt said yesterday that the border crossings will reopen for trucks.",
                rest="the crossings will reopen", **day)
    b = _report(source="s2", sentence="In a March 23 briefing, Marquardt said that border crossings would "
                                      "reopen to trucks within days.", rest="trucks would be let through", **day)
    assert same_event(a, b)
    other_day = _report(source="s2", sentence=b.sentence, **{**day, "date": "2020-03-20"})
    assert not same_event(a, other_day)
    unrelated = _report(source="s2", sentence="Marquardt said on Monday that fishing quotas are unfair.",
                        rest="fishing quotas are unfair", **day)
    assert not same_event(a, unrelated)


@pytest.mark.slow
def test_event_coreference_what_a_named_index_did_undated_is_one_event_in_two_stories(tmp_path):
    """"The Nasdaq index has fallen": a noun a name specifies acts, undated; the sentence copied
    into a second story with a small edit is one event reported by both."""
    from generator.config import load_settings

    sentence = "The Nasdaq index has fallen by 2.41 % to 1950.20 , while the Dax was 1.5 % lower than at the start."
    (tmp_path / "mkdocs.yml").write_text("site_name: t\nplugins:\n  - briefing:\n      sources: seeds\n")
    (tmp_path / "seeds").mkdir()
    (tmp_path / "seeds" / "p.txt").write_text(f"date 2008-09-17 Markets were mixed. {sentence}\n")
    (tmp_path / "seeds" / "q.txt").write_text(
        f"date 2008-09-17 Trading was suspended in Moscow. {sentence.replace('2.41', '-2.41')}\n")
    settings = load_settings(tmp_path / "mkdocs.yml")
    settings.jobs = 1
    export = graph_to_dict(generate(settings).graph)
    fell = _titled(export, "nasdaq", "fall")
    assert len(fell) == 1 and _sources(fell[0]) == ["p", "q"], [e["title"] for e in export["events"]]


def test_event_coreference_one_sources_two_dates_are_no_disagreement_between_sources():
    """A headline dated by its dateline and a sentence saying "yesterday" are one source's
    telling; two sources giving two days disagree."""
    from generator.model import Quote
    from generator.resolve.graph import _disagreements

    def told(source, sent, date):
        member = {"date_basis": "text", "precision": "day", "date": date, "date_text": date,
                  "quote": Quote(source=source, sent=sent, text="")}
        return member, _report(source=source, trigger="resign", date=date)

    one = [told("s1", 1, "2016-05-11"), told("s1", 3, "2016-05-10")]
    assert _disagreements([m for m, _ in one], [r for _, r in one]) == ()
    two = one + [told("s2", 2, "2016-05-12")]
    found = _disagreements([m for m, _ in two], [r for _, r in two])
    assert sorted((d.value, d.quote.source) for d in found) == [("2016-05-10", "s1"), ("2016-05-12", "s2")]


def test_event_coreference_sources_giving_other_figures_disagree():
    from generator.model import Quote
    from generator.resolve.graph import _disagreements

    day = dict(trigger="kill", agents=(), date="2021-04-20", place="kunduz")
    a = _report(rest="At least 15 soldiers killed in Kunduz", **day)
    b = _report(source="s2", rest="17 soldiers killed in Kunduz", **day)
    assert same_event(a, b)
    members = [{"date_basis": "text", "precision": "day", "date": "2021-04-20", "date_text": "Tuesday",
                "quote": Quote(source=r.source, sent=1, text="")} for r in (a, b)]
    found = _disagreements(members, [a, b])
    assert sorted((d.kind, d.value, d.quote.source) for d in found) == [("figures", "15", "s1"),
                                                                         ("figures", "17", "s2")]


# --- a plan and its doing; what happens once, told with no one named -----------------

def test_event_coreference_a_deal_ended_in_other_words_is_one_ending():
    deal = dict(deals=frozenset({"harrow-offer"}), date="2021-05-11")
    ended = _report(trigger="terminate", rest="its tender offer", **deal)
    assert same_event(ended, _report(source="s2", trigger="withdraw", rest="its bid", **deal))
    other_deal = _report(source="s2", trigger="withdraw", rest="its bid", **{**deal, "deals": frozenset({"x"})})
    assert not same_event(ended, other_deal)


def test_event_coreference_a_plan_and_its_doing_of_what_happens_once_are_one_event():
    deal = dict(deals=frozenset({"harrow-offer"}), rest="its tender offer for Belmont Mills")
    plan = _report(trigger="terminate", modality="planned", source_date="2021-05-03", **deal)
    deed = _report(source="s2", trigger="terminate", date="2021-05-11", source_date="2021-05-12", **deal)
    assert same_event(plan, deed) and same_event(deed, plan)
    # done before the plan was told: some other ending, as far as anyone knows
    assert not same_event(_report(source="s3", trigger="terminate", modality="planned",
                                  source_date="2021-05-20", **deal), deed)
    # what did not happen is never what happened
    assert not same_event(_report(trigger="terminate", modality="negated", source_date="2021-05-03", **deal), deed)


def test_event_coreference_a_plan_and_a_deed_of_what_recurs_need_the_planned_day():
    plan = _report(trigger="close", modality="planned", rest="its Leeds depot", date="2021-06-15",
                   source_date="2021-06-01")
    deed = _report(source="s2", trigger="close", rest="its Leeds depot", date="2021-06-15",
                   source_date="2021-06-16")
    assert same_event(plan, deed)
    # "will sell shares in May" and "sold shares on May 18": perhaps two sales
    sell = dict(trigger="sell", rest="shares of Belmont Mills")
    assert not same_event(_report(modality="planned", date="2021-05", source_date="2021-05-03", **sell),
                          _report(source="s2", date="2021-05-18", source_date="2021-05-20", **sell))
    # the same day, another depot
    assert not same_event(plan, _report(source="s2", trigger="close", rest="its Derby depot",
                                        date="2021-06-15", source_date="2021-06-16"))


def test_event_coreference_an_unnamed_launch_is_the_launch_of_what_its_sentence_names_last():
    full = _report(trigger="launch", agents=("norvale-inc",), rest="the Norvale Film Club", date="2006")
    bare = dict(source="s2", trigger="launch", agents=(), subject="launch", date="2006")
    assert same_event(full, _report(sentence="More than 200 films were rented from the Norvale Film "
                                             "Club since its launch in 2006.", **bare))
    assert not same_event(full, _report(sentence="Over 500 bands have played at the Norvale Arena since "
                                                 "its launch in 2006.", **bare))
    assert not same_event(full, _report(sentence="The Norvale Film Club has grown since its launch in 2009.",
                                        **{**bare, "date": "2009"}))


def test_event_coreference_two_unnamed_launches_are_not_known_to_be_one():
    """"since its launch in 2006" in two stories names no thing launched: two things, perhaps."""
    bare = dict(trigger="launch", agents=(), subject="launch", date="2006")
    assert not same_event(_report(sentence="Films were rented from the Kestrel Film Club since its launch.", **bare),
                          _report(source="s2", sentence="Bands played at the Norvale Arena since its launch.", **bare))


def test_event_coreference_reports_naming_no_one_need_a_name_in_common():
    """"The auction results will be announced tomorrow" and "the 480 mln announced on Tuesday",
    or two companies' "1986 results announced earlier today": no one named, nothing named in
    common (the verb's own word and a year are no thing acted on): not known to be one."""
    day = dict(agents=(), trigger="announce", date="1987-03-10")
    done = _report(source="s2", rest="480 mln announced", source_date="1987-03-12", **day)
    assert not same_event(_report(rest="auction results to be announced", modality="planned",
                                  source_date="1987-03-09", **day), done)
    assert not same_event(_report(rest="its 1986 results announced", **day),
                          _report(source="s2", subject="announcement of 1986 pretax profit rise", **day))
    # an index named by both: one fall
    fall = dict(agents=(), trigger="fall", date="2008-10-06")
    assert same_event(_report(subject="Nasdaq index", rest="by 3.16 % to 2138.14", **fall),
                      _report(source="s2", subject="The Nasdaq index", rest="3.16 %", **fall))


def test_event_coreference_reports_naming_no_one_with_three_words_in_common_are_one():
    day = dict(agents=(), trigger="begin", date="1987-01-19")
    strike = _report(rest="in protest at employers' plans for 800 redundancies", subject="The dispute", **day)
    assert same_event(strike, _report(source="s2", rest="in protest against plans for 800 redundancies",
                                      subject="the strikes", **day))
    # every company's third quarter ended on January 31
    quarter = dict(agents=(), trigger="end", date="1987-01-31", rest="")
    assert not same_event(_report(subject="the third quarter ended", **quarter),
                          _report(source="s2", subject="its third quarter", **quarter))


def test_event_coreference_launching_an_attack_is_an_attack_not_a_launch():
    """A product is launched once; attacks recur: "launched an attack on Kandor in March" and
    "launched an attack on Kandor on March 5" are not known to be one."""
    assert action_of("launch", "an attack on Kandor") == action_of("attack") != action_of("launch")
    attack = dict(trigger="launch", agents=("rebels",), rest="an attack on Kandor")
    assert not same_event(_report(date="2020-03", **attack), _report(source="s2", date="2020-03-05", **attack))
    product = dict(trigger="launch", agents=("norvale",), rest="the Zephyr phone")
    assert same_event(_report(date="2020-03", **product), _report(source="s2", date="2020-03-05", **product))


def test_event_coreference_a_headline_dated_by_its_story_is_the_day_the_story_tells():
    """"Norvale 900 makes maiden flight" over a story of Wednesday that says the jet "made its
    first test flight on Tuesday": one flight, on Tuesday."""
    story = dict(agents=("norvale",), source_date="2009-12-16")
    headline = _report(trigger="make", rest="maiden flight", date="2009-12-16", by_report=True, **story)
    body = _report(trigger="make", rest="its first test flight on Tuesday", date="2009-12-15", place="everett",
                   **story)
    assert same_event(headline, body) and same_event(body, headline)
    assert cluster([headline, body]) == [[0, 1]]
    # Not a flight the story dates weeks before, nor one another story tells.
    assert not same_event(headline, _report(trigger="make", rest="a test flight in March", date="2009-11-20",
                                            **story))
    assert not same_event(headline, _report(source="s2", trigger="make", rest="its first test flight",
                                            date="2009-12-15", **story))


def _delivery_story(tmp_path, text):
    export = graph_to_dict(generate_sources(tmp_path, {"k.txt": f"date 2019-05-14 {text}\n"}).graph)
    return [e for e in export["events"] if "deliver" in e["title"].lower()]


@pytest.mark.slow
def test_event_coreference_the_aircraft_delivered_is_the_delivery_just_told(tmp_path):
    """"The first K90 freighter ... was delivered today to Nordvik Cargo. After the freighter was
    delivered in Bergen, ...": "the freighter" points back, so one delivery, dated today."""
    [delivery] = _delivery_story(tmp_path, (
        "The first K90 freighter, built by Halvard Aero, was delivered today to Nordvik Cargo. "
        "After the freighter was delivered in Bergen, it was flown to Oslo for a ceremony."))
    assert len(delivery["quotes"]) == 2 and delivery["date"] == "2019-05-14"


@pytest.mark.slow
def test_event_coreference_a_second_aircraft_delivered_is_another_delivery(tmp_path):
    """"The second freighter" tells another aircraft: no description pointing back."""
    deliveries = _delivery_story(tmp_path, (
        "The first K90 freighter, built by Halvard Aero, was delivered today to Nordvik Cargo. "
        "The second freighter was delivered in Bergen, and was flown to Oslo for a ceremony."))
    assert len(deliveries) == 2 and all(len(e["quotes"]) == 1 for e in deliveries)


def test_event_coreference_a_description_pointing_back_to_one_of_two_actions_joins_neither():
    """"The plane was delivered" after two deliveries: which one cannot be told. Nor does it
    reach back further than the sentences just before, or name someone the first did not."""
    story = dict(trigger="deliver", modality="happened", source_date="2019-05-14", agents=())
    first = _report(others=("nordvik-cargo",), rest="first K90 freighter delivered to Nordvik Cargo",
                    date="2019-05-14", sent=1, **story)
    second = _report(others=("fjell-air",), rest="K70 delivered to Fjell Air", date="2019-05-13", sent=2, **story)
    told = dict(rest="plane delivered in Bergen", place="bergen", sent=3, anaphoric=True, **story)
    assert cluster([first, _report(**told)]) == [[0, 1]]
    assert cluster([first, second, _report(**told)]) == [[0], [1], [2]]
    assert cluster([first, _report(**{**told, "sent": 9})]) == [[0], [1]]
    assert not same_event(first, _report(**{**told, "rest": "plane delivered to Fjell Air"}))
    assert not same_event(first, _report(**{**told, "anaphoric": False}))


POSTPONED = ("date 2021-03-01 Harbin Rail said that it will be compensated by Norvale Works for the "
             "additional delay in delivery of its new K90 locomotives. The locomotives' delivery, "
             "originally due this spring, will be delayed until October 2021.\n")


def _deliveries(tmp_path, deed):
    export = graph_to_dict(generate_sources(tmp_path, {"p.txt": POSTPONED, "q.txt": deed}).graph)
    return [e for e in export["events"] if "deliver" in e["title"].lower() and "compensate" not in e["title"]]


@pytest.mark.slow
def test_event_coreference_a_delivery_put_off_to_a_month_is_the_delivery_done_in_it(tmp_path):
    """"will be delayed until October 2021": the delivery is planned for October, the one the
    sentence before named ("delivery of its new K90 locomotives": Harbin Rail's). Done in
    October, told by another source, it is one delivery that happened; the delay stays its own."""
    deliveries = _deliveries(tmp_path, "date 2021-10-12 The first K90 locomotive, built by Norvale Works, "
                                       "was delivered today to Harbin Rail.\n")
    [done] = [e for e in deliveries if e["modality"] == "happened"]
    assert _sources(done) == ["p", "q"] and done["date"] == "2021-10-12"
    [delay] = [e for e in deliveries if e["modality"] == "planned"]
    assert _sources(delay) == ["p"] and "delayed" in delay["title"] and delay["date"] == "2021-10"


@pytest.mark.slow
def test_event_coreference_a_delivery_put_off_to_a_month_is_not_one_done_later(tmp_path):
    deliveries = _deliveries(tmp_path, "date 2021-12-02 The first K90 locomotive, built by Norvale Works, "
                                       "was delivered today to Harbin Rail.\n")
    assert sorted(_sources(e) for e in deliveries) == [["p"], ["q"]]


def test_event_coreference_what_was_put_off_to_a_month_is_done_once_in_it():
    """A delivery recurs ("will deliver locomotives in October" and "delivered locomotives on
    October 12" may be two); one put off to October is the one set, done once, in October."""
    told = dict(trigger="delivery", agents=(), others=("harbin-rail",), rest="its new K90 locomotives",
                modality="planned", date="2021-10", source_date="2021-03-01")
    deed = dict(source="s2", trigger="deliver", agents=(), others=("harbin-rail",),
                rest="first K90 locomotive delivered to Harbin Rail", source_date="2021-12-02")
    assert same_event(_report(postponed=True, **told), _report(date="2021-10-12", **deed))
    assert not same_event(_report(**told), _report(date="2021-10-12", **deed))
    assert not same_event(_report(postponed=True, **told), _report(date="2021-12-02", **deed))
    assert not same_event(_report(postponed=True, **{**told, "others": ("fjell-air",)}),
                          _report(date="2021-10-12", **deed))


@pytest.mark.slow
def test_event_coreference_a_delivery_put_off_naming_no_one_is_no_ones_delivery(tmp_path):
    """"The delivery will be delayed until October 2021", with no delivery named before it:
    whose delivery cannot be told, so it joins no delivery done that month."""
    export = graph_to_dict(generate_sources(tmp_path, {
        "p.txt": "date 2021-03-01 Harbin Rail said it faced higher costs. The delivery, originally due "
                 "this spring, will be delayed until October 2021.\n",
        "q.txt": "date 2021-10-12 The first K90 locomotive, built by Norvale Works, was delivered today "
                 "to Harbin Rail.\n"}).graph)
    assert sorted(_sources(e) for e in export["events"] if "deliver" in e["title"].lower()) == [["p"], ["q"]]
