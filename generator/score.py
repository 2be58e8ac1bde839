"""Score a `briefing-graph` export against hand-written gold (the format of shared/gold/seeds.yml).

Definitions follow the gold header:
  actors      precision = exported actors matching a gold actor / exported actors, leaving out
              unmatched exports that are places (typed `place` or named as a gold place);
              recall over must-have gold actors and over all gold actors; type accuracy over
              matched (exported, gold) pairs; duplicates and over-merges listed.
  events      a gold event is found by an exported event with the same date at the gold precision
              and at least one of its actors.
              Reports: a gold event's `sources` lists every gold document reporting it (else its
              `source`, else the document of a one-document gold file). An exported source stands
              for the gold document whose key is its file name with `/` written `__`
              (`meantime-en/60083` <- `meantime-en__60083.txt`), and an exported event quotes
              the documents its quotes come from.
              Merging: a gold event with 2+ sources is merged when one exported event that finds
              it quotes every one of its sources.
              Over-merge: an exported event quoting 2+ gold documents that finds two different
              gold events, each reported by one of those documents, while no gold event it finds
              is reported by all of them.
              Modality (`happened` when not given, on either side): a found gold event that did
              not happen is right when an exported event finding it, and quoting a document that
              reports it, has its modality; a found happened gold event that no such exported
              event calls happened is an error.
              Accuracy = right / (non-happened found + those errors).
  agreements  a gold agreement is found by an exported agreement whose name or an alias matches
              its name or an alias, and whose parties include every gold party; precision is
              the share of exported agreements that find one this way.
              Status: a found agreement's gold `status` is right when an exported agreement
              finding it has the same `status` (absent is wrong); accuracy over the must-have
              agreements found that have a gold status. `status_since` is right when the
              exported one starts with the gold date.
Names match case-insensitively, ignoring a leading "the", accents and punctuation (U.S. == US).

`score` and its helpers are pure; `score_files` and `main` do the file reading.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import unicodedata
from pathlib import Path

import yaml

GOLD_LISTS = ("places", "not_actors", "events", "agreements")   # concatenated when merging
PRECISION_LENGTH = {"year": 4, "month": 7, "day": 10}
_APOSTROPHES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u02bc": "'", "`": "'"})


# --- names -----------------------------------------------------------------------------

def normalize(name: str) -> str:
    """Lower-case words without accents or punctuation. Dots and apostrophes vanish so that
    "U.S." is "us" and "D'Affaires" is "daffaires"; other punctuation separates words."""
    text = unicodedata.normalize("NFKD", str(name).translate(_APOSTROPHES))
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    text = re.sub(r"[.']", "", text)
    text = re.sub(r"[\W_]+", " ", text).strip()
    return re.sub(r"^the ", "", text)


def name_key(name: str) -> str:
    """Equality key: spaces dropped too, so "al-Qaeda" == "Al Qaeda" and the tokenised
    "People 's Republic" == "People's Republic"."""
    return normalize(name).replace(" ", "")


def names_of(item: dict) -> list[str]:
    return [item["name"], *(item.get("aliases") or [])]


def keys_of(names) -> frozenset[str]:
    return frozenset(k for k in map(name_key, names) if k)


def agreement_names_match(a: str, b: str) -> bool:
    """Same name, or every word of the shorter (two words at least) is in the longer, so
    "US-Taliban agreement" meets "the US-Taliban peace agreement"; one word ("deal") is too vague."""
    if name_key(a) == name_key(b):
        return True
    short, long_ = sorted((set(normalize(a).split()), set(normalize(b).split())), key=len)
    return len(short) >= 2 and short <= long_


# --- gold ------------------------------------------------------------------------------

def merge_golds(golds: list[dict]) -> dict:
    """One gold from several files: lists concatenated, actors of the same name merged (the
    same company in two files is one actor; its aliases are pooled, `must` if any file says so)."""
    merged: dict = {"documents": {}, "actors": [], **{key: [] for key in GOLD_LISTS}}
    by_key: dict[str, dict] = {}
    for gold in golds:
        merged["documents"].update(gold.get("documents") or {})
        for key in GOLD_LISTS:
            if key == "events":     # which documents report an event is known within its file only
                merged[key].extend({**event, "sources": event_sources(event, gold)}
                                   for event in gold.get(key) or [])
            else:
                merged[key].extend(gold.get(key) or [])
        for actor in gold.get("actors") or []:
            known = by_key.get(name_key(actor["name"]))
            if known is None:
                known = by_key[name_key(actor["name"])] = {**actor, "aliases": list(actor.get("aliases") or [])}
                merged["actors"].append(known)
                continue
            known["aliases"] += [a for a in actor.get("aliases") or [] if a not in known["aliases"]]
            known["must"] = bool(known.get("must")) or bool(actor.get("must"))
    return merged


def event_sources(event: dict, gold: dict) -> list[str]:
    """The gold documents reporting a gold event: its `sources`, else its `source`, else the
    document of a one-document gold file; none known otherwise."""
    if event.get("sources"):
        return [str(s) for s in event["sources"]]
    if event.get("source"):
        return [str(event["source"])]
    documents = list(gold.get("documents") or {})
    return documents if len(documents) == 1 else []


def source_documents(export: dict, gold: dict) -> dict[str, str]:
    """Exported source id -> the gold document it stands for: the one whose key is the source's
    file name without its extension, `/` written `__`."""
    by_stem = {str(key).replace("/", "__"): str(key) for key in gold.get("documents") or {}}
    found = {}
    for source in export.get("sources") or []:
        stem = Path(str(source.get("path") or "")).stem
        if stem in by_stem:
            found[source["id"]] = by_stem[stem]
    return found


def _canonical(gold_actors: list[dict]):
    """Maps a name used in a gold event or agreement to the gold actor's name."""
    index = {k: actor["name"] for actor in gold_actors for k in keys_of(names_of(actor))}
    return lambda name: index.get(name_key(name), name)


# --- actors ----------------------------------------------------------------------------

def actor_matches(exported: list[dict], gold_actors: list[dict]) -> dict[str, list[str]]:
    """Exported actor id -> names of the gold actors it matches (name or alias on either side)."""
    gold_keys = [(actor["name"], keys_of(names_of(actor))) for actor in gold_actors]
    return {actor["id"]: [name for name, keys in gold_keys if keys & keys_of(names_of(actor))]
            for actor in exported}


def _ratio(part: int, whole: int) -> float | None:
    return round(part / whole, 4) if whole else None


def score_actors(export: dict, gold: dict, matches: dict[str, list[str]]) -> dict:
    gold_by_name = {actor["name"]: actor for actor in gold["actors"]}
    place_keys = keys_of(gold.get("places") or [])
    not_actor_keys = keys_of(gold.get("not_actors") or [])
    matched, false_positives, found_by = [], [], {name: [] for name in gold_by_name}
    for actor in export["actors"]:
        keys = keys_of(names_of(actor))
        if matches[actor["id"]]:
            matched.append(actor)
            for name in matches[actor["id"]]:
                found_by[name].append(actor["name"])
        elif not (actor["type"] == "place" or keys & place_keys):   # places are neutral
            false_positives.append(actor)
    pairs = [(actor, gold_by_name[name]) for actor in matched for name in matches[actor["id"]]]
    must = [name for name, actor in gold_by_name.items() if actor.get("must")]
    return {
        "exported": len(export["actors"]),
        "counted": len(matched) + len(false_positives),
        "precision": _ratio(len(matched), len(matched) + len(false_positives)),
        "must_recall": _ratio(sum(1 for name in must if found_by[name]), len(must)),
        "recall": _ratio(sum(1 for names in found_by.values() if names), len(found_by)),
        "type_accuracy": _ratio(sum(1 for a, g in pairs if a["type"] == g["type"]), len(pairs)),
        "missing_must": [name for name in must if not found_by[name]],
        "missing": [name for name, names in found_by.items() if not names],
        "type_errors": [{"actor": a["name"], "type": a["type"], "gold": g["name"], "gold_type": g["type"]}
                        for a, g in pairs if a["type"] != g["type"]],
        "duplicates": {name: sorted(names) for name, names in found_by.items() if len(names) > 1},
        "over_merges": {a["name"]: matches[a["id"]] for a in matched if len(matches[a["id"]]) > 1},
        "false_positives": sorted(a["name"] for a in false_positives),
        "false_positives_not_actors": sorted(a["name"] for a in false_positives
                                             if keys_of(names_of(a)) & not_actor_keys),
    }


# --- events ----------------------------------------------------------------------------

def cut_date(date, precision: str | None = None) -> str | None:
    """ISO date as a string cut to `precision`; YAML may hand over a `datetime.date`."""
    if date is None:
        return None
    return str(date)[:PRECISION_LENGTH.get(precision, len(str(date)))]


MODALITIES = ("happened", "planned", "negated", "claimed")
# Offers, takeovers and mergers are told in words of their own; each names one state of the
# lifecycle (proposed, negotiating, signed, ratification pending, in force, suspended, violated,
# collapsed), and a status is right when it names the same state.
DEAL_STATUSES = {"agreed": "signed", "completed": "in force", "withdrawn": "collapsed", "rejected": "collapsed"}


def status_key(status: str | None) -> str:
    key = normalize(status or "")
    return DEAL_STATUSES.get(key, key)


def modality_of(item: dict) -> str:
    return str(item.get("modality") or "happened")


def _what(event: dict) -> str:
    return f"{cut_date(event.get('date'))} {event.get('what', '')}".strip()


def score_events(export: dict, gold: dict, matches: dict[str, list[str]]) -> dict:
    canonical = _canonical(gold["actors"])
    document_of = source_documents(export, gold)
    exported = [{"date": cut_date(e.get("date"), e.get("date_precision")),
                 "names": {name for actor_id in e.get("actors") or [] for name in matches.get(actor_id, [])},
                 "documents": {document_of[q.get("source")] for q in e.get("quotes") or []
                               if q.get("source") in document_of},
                 "event": e}
                for e in export["events"]]
    gold_events = gold.get("events") or []
    finders = []                                    # per gold event, the exported events finding it
    for event in gold_events:
        date, actors = cut_date(event.get("date")), {canonical(a) for a in event["actors"]}
        finders.append([x for x in exported if x["date"] == date and x["names"] & actors])
    found = [e for e, f in zip(gold_events, finders) if f]
    missed = [e for e, f in zip(gold_events, finders) if not f]
    must = [e for e in gold_events if e.get("must")]
    return {
        "exported": len(export["events"]),
        "recall": _ratio(len(found), len(found) + len(missed)),
        "must_recall": _ratio(sum(1 for e in must if e in found), len(must)),
        # found by an event a reader can open: the export keeps events that earn no page
        "must_paged": _ratio(sum(1 for e, f in zip(gold_events, finders)
                                 if e.get("must") and any(x["event"].get("page") for x in f)), len(must)),
        "missed": [_what(e) for e in missed],
        "missed_must": [_what(e) for e in missed if e.get("must")],
        **_merging(gold, gold_events, finders, exported),
        **_modality(gold_events, _reporting(gold, gold_events, finders, bool(document_of))),
    }


def _merging(gold: dict, gold_events: list[dict], finders: list[list[dict]], exported: list[dict]) -> dict:
    sources = [set(event_sources(event, gold)) for event in gold_events]
    multi = [i for i, s in enumerate(sources) if len(s) >= 2]
    merged = [i for i in multi if any(sources[i] <= x["documents"] for x in finders[i])]
    partly = [i for i in multi if any(len(sources[i] & x["documents"]) >= 2 for x in finders[i])]
    over = []
    for x in exported:
        if len(x["documents"]) < 2:
            continue
        # the gold events it finds through one of the documents it quotes
        hits = [i for i, f in enumerate(finders) if any(y is x for y in f) and sources[i] & x["documents"]]
        if len(hits) >= 2 and not any(x["documents"] <= sources[i] for i in hits):
            over.append({"event": x["event"].get("title") or x["event"]["id"],
                         "documents": sorted(x["documents"]), "gold": [_what(gold_events[i]) for i in hits]})
    return {
        "multi_source": len(multi),
        "multi_source_found": sum(1 for i in multi if finders[i]),
        "multi_source_merged": len(merged),
        "multi_source_partly_merged": len(partly),
        "merged_share": _ratio(len(merged), len(multi)),
        "not_merged": [f"{_what(gold_events[i])} [{len(sources[i])} sources; on one event at most "
                       f"{max((len(sources[i] & x['documents']) for x in finders[i]), default=0)}]"
                       for i in multi if i not in merged],
        "over_merged": len(over),
        "over_merges": over,
    }


def _reporting(gold: dict, gold_events: list[dict], finders: list[list[dict]], mapped: bool) -> list[list[dict]]:
    """The finders that quote a document reporting the gold event. An undated gold event is found
    by any undated exported event with one of its actors, in any document: whether that event
    says it happened tells nothing of this one. All finders when the export's sources are not
    the gold's documents, or the gold event names none."""
    kept = []
    for event, found_by in zip(gold_events, finders):
        sources = set(event_sources(event, gold))
        kept.append([x for x in found_by if x["documents"] & sources] if mapped and sources else found_by)
    return kept


def _modality(gold_events: list[dict], finders: list[list[dict]]) -> dict:
    right = scored = happened_otherwise = 0
    errors = []
    for event, found_by in zip(gold_events, finders):
        if not found_by:
            continue
        wanted, shown = modality_of(event), sorted({modality_of(x["event"]) for x in found_by})
        if wanted != "happened":
            scored += 1
            right += wanted in shown
        elif wanted not in shown:
            scored += 1
            happened_otherwise += 1
        if wanted not in shown:
            errors.append(f"{_what(event)}: {wanted}, shown {'/'.join(shown)}")
    not_happened = [f for e, f in zip(gold_events, finders) if modality_of(e) != "happened"]
    return {
        "not_happened": len(not_happened),
        "not_happened_found": sum(1 for f in not_happened if f),
        "modality_scored": scored,
        "modality_right": right,
        "modality_accuracy": _ratio(right, scored),
        "happened_shown_otherwise": happened_otherwise,
        "modality_errors": errors,
    }


# --- agreements ------------------------------------------------------------------------

def score_agreements(export: dict, gold: dict, matches: dict[str, list[str]]) -> dict:
    canonical = _canonical(gold["actors"])
    actors_by_id = {actor["id"]: actor for actor in export["actors"]}
    details, matched_ids = [], set()
    for agreement in gold.get("agreements") or []:
        parties = [canonical(p) for p in agreement.get("parties") or []]
        candidates = []                                         # (missing parties, exported)
        for exported in export["agreements"]:
            if any(agreement_names_match(a, b) for a in names_of(exported) for b in names_of(agreement)):
                have = {n for pid in exported.get("parties") or [] for n in matches.get(pid, [])}
                candidates.append(([p for p in parties if p not in have], exported))
        full = [e for missing, e in candidates if not missing]
        matched_ids.update(e["id"] for e in full)
        details.append({**_agreement_detail(agreement, candidates, bool(full), actors_by_id),
                        **_agreement_status(agreement, full)})
    must = [d for d in details if d["must"]]
    status_scored = [d for d in must if d["matched"] and d["status"]["gold"] is not None]
    since_scored = [d for d in status_scored if d["status_since"]["gold"] is not None]
    return {
        "exported": len(export["agreements"]),
        "precision": _ratio(len(matched_ids), len(export["agreements"])),
        "recall": _ratio(sum(1 for d in details if d["matched"]), len(details)),
        "must_recall": _ratio(sum(1 for d in must if d["matched"]), len(must)),
        "false_positives": sorted(a["name"] for a in export["agreements"] if a["id"] not in matched_ids),
        "details": details,
        "must_with_status": sum(1 for d in must if d["status"]["gold"] is not None),
        "status_scored": len(status_scored),
        "status_right": sum(1 for d in status_scored if d["status"]["ok"]),
        "status_accuracy": _ratio(sum(1 for d in status_scored if d["status"]["ok"]), len(status_scored)),
        "status_since_scored": len(since_scored),
        "status_since_accuracy": _ratio(sum(1 for d in since_scored if d["status_since"]["ok"]),
                                        len(since_scored)),
    }


def _agreement_status(agreement: dict, full: list[dict]) -> dict:
    """The gold status against the exported agreements that find it: the first with the right
    status, else the first; `ok` is None where the gold states none or nothing finds it."""
    gold, gold_since = agreement.get("status"), cut_date(agreement.get("status_since"))
    right = [e for e in full if gold is not None and status_key(e.get("status")) == status_key(gold)]
    best = (right or full or [{}])[0]
    since = best.get("status_since")
    return {
        "status": {"gold": gold, "exported": best.get("status"),
                   "ok": None if gold is None or not full else bool(right)},
        "status_since": {"gold": gold_since, "exported": since,
                         "ok": None if gold_since is None or not full
                         else bool(since) and str(since).startswith(gold_since)},
    }


def _agreement_detail(agreement: dict, candidates: list, matched: bool, actors_by_id: dict) -> dict:
    """How the best candidate (fewest missing parties, then export order) compares field by field;
    `ok` is None where the gold states nothing to compare with."""
    gold_date, gold_place = cut_date(agreement.get("date")), agreement.get("place")
    missing, best = min(candidates, key=lambda c: len(c[0])) if candidates else ([], {})
    place = actors_by_id.get(best.get("place"))
    return {
        "name": agreement["name"], "must": bool(agreement.get("must")), "matched": matched,
        "exported": best.get("name"), "missing_parties": missing,
        "date": {"gold": gold_date, "exported": best.get("date"),
                 "ok": None if gold_date is None else best.get("date") == gold_date},
        "place": {"gold": gold_place, "exported": place["name"] if place else None,
                  "ok": None if gold_place is None
                  else bool(place) and name_key(gold_place) in keys_of(names_of(place))},
        "terms": {"gold": len(agreement.get("terms") or []), "exported": len(best.get("terms") or [])},
    }


# --- whole -----------------------------------------------------------------------------

def score(export: dict, gold: dict) -> dict:
    matches = actor_matches(export["actors"], gold["actors"])
    return {"actors": score_actors(export, gold, matches),
            "events": score_events(export, gold, matches),
            "agreements": score_agreements(export, gold, matches)}


def _figure(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.2f}"


def format_report(result: dict) -> str:
    actors, events, agreements = result["actors"], result["events"], result["agreements"]
    lines = [
        f"actors      precision {_figure(actors['precision'])} ({actors['counted']} counted of "
        f"{actors['exported']})  must recall {_figure(actors['must_recall'])}  "
        f"recall {_figure(actors['recall'])}  type accuracy {_figure(actors['type_accuracy'])}",
        f"events      recall {_figure(events['recall'])}  must recall {_figure(events['must_recall'])}"
        f"  must with a page {_figure(events['must_paged'])}  ({events['exported']} exported)",
        f"agreements  precision {_figure(agreements['precision'])}  recall {_figure(agreements['recall'])}"
        f"  must recall {_figure(agreements['must_recall'])}  ({agreements['exported']} exported)",
        f"merging     {events['multi_source_merged']}/{events['multi_source']} gold events with 2+ sources "
        f"on one event ({_figure(events['merged_share'])}; {events['multi_source_found']} found, "
        f"{events['multi_source_partly_merged']} with 2+ sources together)  over-merged {events['over_merged']}",
        f"modality    accuracy {_figure(events['modality_accuracy'])} ({events['modality_right']}/"
        f"{events['modality_scored']}; not happened {events['not_happened_found']}/{events['not_happened']} found, "
        f"happened shown otherwise {events['happened_shown_otherwise']})",
        f"status      accuracy {_figure(agreements['status_accuracy'])} ({agreements['status_right']}/"
        f"{agreements['status_scored']} must-have found; {agreements['must_with_status']} must-have with a status)"
        f"  since {_figure(agreements['status_since_accuracy'])} ({agreements['status_since_scored']} scored)",
    ]

    def listing(title: str, items) -> None:
        if items:
            lines.append(f"  {title}:")
            lines.extend(f"    - {item}" for item in items)

    listing("missing must-have actors", actors["missing_must"])
    listing("duplicates", [f"{gold}: {', '.join(names)}" for gold, names in actors["duplicates"].items()])
    listing("over-merges", [f"{name}: {', '.join(golds)}" for name, golds in actors["over_merges"].items()])
    listing("type errors", [f"{e['actor']}: {e['type']} (gold {e['gold']}: {e['gold_type']})"
                            for e in actors["type_errors"]])
    listing("false positives", [name + (" [not_actor]" if name in actors["false_positives_not_actors"] else "")
                                for name in actors["false_positives"]])
    listing("missed must-have events", events["missed_must"])
    listing("not merged", events["not_merged"])
    listing("over-merged events", [f"{o['event']} ({', '.join(o['documents'])}): {' | '.join(o['gold'])}"
                                   for o in events["over_merges"]])
    listing("modality errors", events["modality_errors"])
    listing("false-positive agreements", agreements["false_positives"])
    listing("agreements", [
        f"{'FOUND' if d['matched'] else 'missed'} {d['name']}"
        + (f" <- {d['exported']}" if d["exported"] else "")
        + (f"; missing parties {', '.join(d['missing_parties'])}" if d["missing_parties"] else "")
        + f"; date {d['date']['gold']} vs {d['date']['exported']}"
        + f"; place {d['place']['gold']} vs {d['place']['exported']}"
        + f"; terms {d['terms']['exported']}/{d['terms']['gold']}"
        + (f"; status {d['status']['gold']} vs {d['status']['exported']}" if d["status"]["gold"] else "")
        + (f" since {d['status_since']['gold']} vs {d['status_since']['exported']}"
           if d["status_since"]["gold"] else "")
        for d in agreements["details"]])
    return "\n".join(lines) + "\n"


def score_files(export_path: str | Path, gold_paths: list[str | Path]) -> dict:
    export = json.loads(Path(export_path).read_text(encoding="utf-8"))
    golds = [yaml.safe_load(Path(p).read_text(encoding="utf-8")) for p in gold_paths]
    return score(export, merge_golds(golds))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m generator.score", description=__doc__.splitlines()[0])
    parser.add_argument("export", help="briefing-graph JSON export")
    parser.add_argument("gold", nargs="+", help="gold YAML file(s); several are scored as their union")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args(argv)
    result = score_files(args.export, args.gold)
    sys.stdout.write(json.dumps(result, indent=2, ensure_ascii=False) + "\n" if args.json
                     else format_report(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
