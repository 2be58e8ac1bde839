"""Event-time anchoring on TimeBank: does an event that the text ties to a date get that date?

    python bench/anchoring_timebank.py [--limit N] [--corpus TimeBank|AQUAINT] [--json] [--examples N]

Gold: the TimeML files of tempeval3-timeml/TBAQ-cleaned/<corpus>/ (TimeBank by default; AQUAINT is
the development half). A gold EVENT is anchored when one of its instances has a TLINK of type
IS_INCLUDED, INCLUDES, SIMULTANEOUS or DURING, in either direction, with a TIMEX3 of type DATE
valued YYYY, YYYY-MM or YYYY-MM-DD: a time expression of the text, or the document's creation time
(DCT).

Each document is written as a source dated with its DCT, generated alone in a temporary project by
the project's generator (in this process) and exported.

Matching: an exported event stands for a gold event when
  - one of its quotes, placed in the document text (its runs of letters and digits, case and
    accents aside, found in a row), spans the event word, and
  - its title has a word of the same stem as the event word (inflections and a few irregular
    forms aside, or one stem of 5+ letters starting the other), as score_meantime.py's title mode.
A gold event is found when some exported event stands for it; dated right when one of those has a
date that starts with a gold value and is at least as precise; dated wrong when none is right but
one is dated; undated otherwise.

Rows: all anchored events, the DCT included (scored against every anchor value); in text, the DCT
left out (events with an anchor in the text, scored against those anchors only); DCT only (events
whose one anchor is the DCT). The negated or future events among them (MAKEINSTANCE polarity NEG,
tense FUTURE) are counted apart too: dated like the gold and not marked by the export's `modality`
as not having happened is showing them as done.
Prints the run time. Without the corpora (../shared/corpora or $BRIEFING_CORPORA) it says so and
exits 0.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
import tempfile
import time
import unicodedata
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

TBAQ = Path("tempeval3-timeml") / "TBAQ-cleaned"
ANCHORING = {"IS_INCLUDED", "INCLUDES", "SIMULTANEOUS", "DURING"}
ISO_DATE = re.compile(r"\d{4}(-\d\d){0,2}")


def corpora() -> Path:
    return Path(os.environ.get("BRIEFING_CORPORA", ROOT.parent / "shared" / "corpora"))


# --- gold ------------------------------------------------------------------------------

@dataclass
class GoldEvent:
    eid: str
    word: str
    start: int
    end: int
    values: dict[str, bool] = field(default_factory=dict)     # anchor value -> is the DCT
    not_done: bool = False                                     # negated or future


@dataclass
class GoldDoc:
    name: str
    dct: str
    text: str
    events: list[GoldEvent]


def read_tml(path: Path) -> GoldDoc:
    """The text of <TEXT> with tags removed (character offsets kept), its anchored events."""
    root = ET.parse(path).getroot()
    dct_timex = root.find("DCT/TIMEX3")
    dct_id, dct = dct_timex.get("tid"), dct_timex.get("value", "")[:10]
    pieces, spans, timexes = [], {}, {dct_id: dct}

    def walk(element: ET.Element) -> None:
        start = sum(map(len, pieces))
        pieces.append(element.text or "")
        for child in element:
            walk(child)
            pieces.append(child.tail or "")
        if element.tag == "EVENT":
            spans[element.get("eid")] = (start, sum(map(len, pieces)))
        elif element.tag == "TIMEX3" and element.get("type") == "DATE":
            timexes[element.get("tid")] = element.get("value", "")

    walk(root.find("TEXT"))
    text = "".join(pieces)
    instances = {m.get("eiid"): m for m in root.iter("MAKEINSTANCE")}
    events: dict[str, GoldEvent] = {}
    for link in root.iter("TLINK"):
        if link.get("relType") not in ANCHORING:
            continue
        instance = link.get("eventInstanceID") or link.get("relatedToEventInstance")
        tid = link.get("relatedToTime") or link.get("timeID")
        if instance is None or tid is None or (link.get("eventInstanceID") and link.get("relatedToEventInstance")):
            continue
        value = timexes.get(tid, "")
        made = instances.get(instance)
        if made is None or not ISO_DATE.fullmatch(value) or made.get("eventID") not in spans:
            continue
        eid = made.get("eventID")
        start, end = spans[eid]
        gold = events.setdefault(eid, GoldEvent(eid, text[start:end], start, end))
        gold.values[value] = gold.values.get(value, False) or tid == dct_id
        gold.not_done |= made.get("polarity") == "NEG" or made.get("tense") == "FUTURE"
    return GoldDoc(path.stem, dct, text, sorted(events.values(), key=lambda e: e.start))


# --- matching --------------------------------------------------------------------------

IRREGULAR = {"said": "say", "says": "say", "sold": "sell", "sale": "sell", "sales": "sell", "bought": "buy",
             "paid": "pay", "lost": "lose", "loss": "lose", "losses": "lose", "made": "make", "fell": "fall",
             "fallen": "fall", "rose": "rise", "risen": "rise", "gave": "give", "given": "give", "took": "take",
             "taken": "take", "won": "win", "left": "leave", "met": "meet", "told": "tell", "held": "hold",
             "began": "begin", "begun": "begin", "went": "go", "gone": "go", "came": "come", "saw": "see",
             "seen": "see", "got": "get", "became": "become", "brought": "bring", "thought": "think",
             "led": "lead", "ran": "run", "grew": "grow", "grown": "grow", "chose": "choose", "spent": "spend",
             "killed": "kill", "death": "die", "dead": "die", "died": "die", "struck": "strike", "hit": "hit",
             "sent": "send", "found": "find", "kept": "keep", "built": "build", "rejected": "reject",
             "purchase": "buy", "acquisition": "acquire", "agreement": "agree", "announcement": "announce",
             "statement": "state", "election": "elect", "resignation": "resign", "attack": "attack"}
SUFFIXES = ("ations", "ation", "ings", "ing", "ments", "ment", "ies", "ied", "ed", "es", "s", "e", "y")


def words(text: str) -> list[str]:
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return re.findall(r"[a-z0-9]+", folded)


def stem(word: str) -> str:
    word = IRREGULAR.get(word, word)
    for suffix in SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            word = word[:-len(suffix)]
            # planned -> plan, dropping -> drop
            if suffix in ("ed", "ing", "ings") and len(word) >= 4 and word[-1] == word[-2] \
                    and word[-1] not in "aeioulsz":
                word = word[:-1]
            return word
    return word


def same_word(a: str, b: str) -> bool:
    sa, sb = stem(a), stem(b)
    return sa == sb or min(len(sa), len(sb)) >= 5 and (sa.startswith(sb) or sb.startswith(sa))


class Placed:
    """The document's runs of letters and digits with their character offsets, to place quotes."""

    def __init__(self, text: str):
        self.runs = [(m.group().lower(), m.start(), m.end())
                     for m in re.finditer(r"[A-Za-z0-9]+", text)]
        self.index: dict[str, list[int]] = {}
        for i, (run, _, _) in enumerate(self.runs):
            self.index.setdefault(run, []).append(i)

    def spans(self, quote: str) -> list[tuple[int, int]]:
        """Where the quote's runs are found in a row (every place); none when not placed."""
        wanted = words(quote)
        if not wanted:
            return []
        found = []
        for i in self.index.get(wanted[0], []):
            if [r for r, _, _ in self.runs[i:i + len(wanted)]] == wanted:
                found.append((self.runs[i][1], self.runs[i + len(wanted) - 1][2]))
        return found


def standing_for(gold: GoldEvent, events: list[tuple[dict, list[tuple[int, int]]]]) -> list[dict]:
    trigger = words(gold.word)
    return [event for event, spans in events
            if any(start <= gold.start and gold.end <= end for start, end in spans)
            and any(same_word(t, w) for t in trigger for w in words(event.get("title") or ""))]


def date_right(value: str, date: str | None) -> bool:
    return bool(date) and date.startswith(value) and len(date) >= len(value)


def judge(values: list[str], found: list[dict]) -> str:
    if not found:
        return "missing"
    if any(date_right(v, e.get("date")) for v in values for e in found):
        return "right"
    return "wrong" if any(e.get("date") for e in found) else "undated"


# --- running ---------------------------------------------------------------------------

def export_of(doc: GoldDoc, workdir: Path) -> dict:
    from generator.config import settings_from
    from generator.resolve.export import graph_to_dict
    from generator.generate import generate

    sources = workdir / "sources"
    sources.mkdir()
    (sources / f"{doc.name}.txt").write_text(f"date {doc.dct} {doc.text}", encoding="utf-8")
    # one process: the model stays loaded in this one from one document to the next
    settings = settings_from(workdir, {"sources": "sources", "cache_dir": str(ROOT / ".briefing-cache"),
                                       "jobs": 1}, "content")
    return graph_to_dict(generate(settings).graph)


ROWS = ALL, IN_TEXT, DCT_ONLY, NOT_DONE = ("all", "in_text", "dct_only", "negated_or_future")
LABELS = dict(zip(ROWS, ("all (DCT included)", "in text (DCT left out)", "DCT only", "negated or future")))
KINDS = ("right", "wrong", "undated", "missing")


def score_document(doc: GoldDoc, export: dict, counts: dict, examples: dict, n_examples: int) -> int:
    """Adds the document's events to `counts`; returns how many event quotes were not placed."""
    placed, unplaced, events = Placed(doc.text), 0, []
    for event in export.get("events", []):
        spans = [s for q in event.get("quotes", []) for s in placed.spans(q.get("text", ""))]
        unplaced += sum(1 for q in event.get("quotes", []) if not placed.spans(q.get("text", "")))
        events.append((event, spans))
    for gold in doc.events:
        found = standing_for(gold, events)
        in_text = [v for v, is_dct in gold.values.items() if not is_dct]
        verdict = judge(list(gold.values), found)
        rows = [ALL, IN_TEXT if in_text else DCT_ONLY]
        for row in rows:
            kind = judge(in_text, found) if row == IN_TEXT else verdict
            counts[row][kind] += 1
            if kind != "right" and len(examples[row][kind]) < n_examples:
                ours = (f"{found[0].get('title')!r} {found[0].get('date')}" if found
                        else repr(doc.text[max(0, gold.start - 60):gold.end + 40]))
                examples[row][kind].append(f"{doc.name} [{gold.word}] gold {'/'.join(gold.values)}: {ours}")
        if gold.not_done:
            shown_done = verdict == "right" and any(
                (e.get("modality") or "happened") == "happened"
                for e in found if any(date_right(v, e.get("date")) for v in gold.values))
            counts[NOT_DONE][verdict] += 1
            counts[NOT_DONE]["shown_done"] += shown_done
    return unplaced


def report(counts: dict, docs: int, unplaced: int, seconds: float) -> str:
    lines = [f"{docs} documents; {unplaced} event quotes not placed in their document",
             f"{'anchored events':24} {'gold':>5} {'found':>6} {'right':>6} {'wrong':>6} {'undated':>8} "
             f"{'right/gold':>11} {'right/found':>12}"]
    for row in ROWS:
        c = counts[row]
        gold = sum(c[k] for k in KINDS)
        found = gold - c["missing"]
        lines.append(f"{LABELS[row]:24} {gold:>5} {found:>6} {c['right']:>6} {c['wrong']:>6} {c['undated']:>8} "
                     f"{c['right'] / gold if gold else 0:>11.3f} {c['right'] / found if found else 0:>12.3f}")
    lines.append(f"negated or future dated like the gold and shown as happened: {counts[NOT_DONE]['shown_done']}")
    lines.append(f"run time {seconds:.0f} s")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", default="TimeBank", choices=["TimeBank", "AQUAINT"])
    parser.add_argument("--limit", type=int, help="the first N documents only")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument("--examples", type=int, default=0, help="show N misses of each kind")
    args = parser.parse_args(argv)
    folder = corpora() / TBAQ / args.corpus
    if not folder.is_dir():
        print(f"no TimeML gold at {folder}: nothing to score")
        return 0
    started = time.perf_counter()
    paths = sorted(folder.glob("*.tml"))[:args.limit]
    counts = {row: dict.fromkeys((*KINDS, "shown_done"), 0) for row in ROWS}
    examples = {row: {kind: [] for kind in KINDS[1:]} for row in ROWS}
    unplaced = 0
    for path in paths:
        try:
            doc = read_tml(path)
        except (ET.ParseError, AttributeError) as err:
            print(f"{path}: not a TimeML file with a DCT ({err}); skipped", file=sys.stderr)
            continue
        with tempfile.TemporaryDirectory() as tmp:
            unplaced += score_document(doc, export_of(doc, Path(tmp)), counts, examples, args.examples)
    seconds = time.perf_counter() - started
    if args.json:
        print(json.dumps({"documents": len(paths), "quotes_not_placed": unplaced, "counts": counts,
                          "seconds": round(seconds, 1), "examples": examples}, indent=2))
        return 0
    print(report(counts, len(paths), unplaced, seconds))
    for row in (ALL, IN_TEXT, DCT_ONLY):
        for kind, items in examples[row].items():
            if items:
                print(f"-- {LABELS[row]}, {kind}:")
                print("\n".join(f"   {item}" for item in items))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
