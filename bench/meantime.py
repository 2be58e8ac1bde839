"""Score the generator on the three MEANTIME topics with the MEANTIME scorer kept beside the corpora.

    python bench/meantime.py [--topic airbus|apple|stock] [--json] [--keep DIR]

For each topic folder of `meantime-en/intra_cross-doc_annotation` (corpus_airbus, corpus_apple,
corpus_stock): `score_meantime.py --make-seeds` writes one source per gold document (its title,
date = the document's creation time) into a temporary project; the project's generator makes the
wiki there (in this process, as bench/score_gold.py does) and exports the graph;
`score_meantime.py GOLD EXPORT --json` scores the export. One row per topic:

  in text       gold event mentions (POS, NON_FUTURE) anchored to a date the text states, dated
                right: n/N and share (the scorer's main, sentence-mode match, in-text anchors)
  all anchored  the same over every anchored mention, the story's date included
  xdoc F1       cross-document event pairwise F1 (title mode)
  over-merged   exported events reported by 2+ documents whose quotes stand for different gold events
  fut/neg done  FUTURE or non-POS gold mentions shown with the gold date as if they had happened
                (an exported event whose `modality` is not `happened` is not shown as done), of N
  actor P, R    actor precision and recall; split = gold entities spread over 2+ actor pages

The scorer is read from ../shared/tools (or $BRIEFING_TOOLS) and never copied here; the corpora
from ../shared/corpora (or $BRIEFING_CORPORA). When either is absent the script says so and exits 0.
--keep DIR keeps each topic's sources and export (DIR/<topic>/) to run the scorer on by hand.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

TOPICS = ("corpus_airbus", "corpus_apple", "corpus_stock")
GOLD = Path("meantime-en") / "intra_cross-doc_annotation"
SCORER = "score_meantime.py"


def corpora() -> Path:
    return Path(os.environ.get("BRIEFING_CORPORA", ROOT.parent / "shared" / "corpora"))


def tools() -> Path:
    return Path(os.environ.get("BRIEFING_TOOLS", ROOT.parent / "shared" / "tools"))


class ScorerFailed(Exception):
    pass


def run_scorer(*args: str) -> str:
    done = subprocess.run([sys.executable, str(tools() / SCORER), *args], capture_output=True, text=True)
    if done.returncode != 0:
        last = (done.stderr.strip().splitlines() or ["no message"])[-1]
        raise ScorerFailed(f"{tools() / SCORER} {' '.join(args[:1])} failed: {last}")
    return done.stdout


def export_topic(gold: Path, workdir: Path) -> Path:
    """Sources made by the scorer from the gold folder, the wiki generated, the graph exported."""
    from generator.config import settings_from
    from generator.resolve.export import to_json
    from generator.generate import generate

    run_scorer("--make-seeds", str(gold), str(workdir / "sources"))
    settings = settings_from(workdir, {"sources": "sources", "cache_dir": str(ROOT / ".briefing-cache")},
                             "content")
    path = workdir / "export.json"
    path.write_text(to_json(generate(settings).graph), encoding="utf-8")
    return path


def figures(scored: dict) -> dict:
    """The row of one topic, from the scorer's JSON."""
    anchoring, other = scored["anchoring"], scored["anchoring_future_or_negated"]
    text, entities = anchoring["text_anchored"], scored["entities"]
    return {
        "documents": f"{scored['docs_matched']}/{scored['docs_gold']}",
        "in_text_dated_right": text["correct"], "in_text_anchored": text["gold"],
        "in_text_share": text["correct_rate"],
        "all_dated_right": anchoring["correct"], "all_anchored": anchoring["gold"],
        "all_share": anchoring["correct_rate"],
        "crossdoc_f1": scored["crossdoc_pairwise_f1"],
        "over_merged": len(scored["crossdoc_events"]["over_merged"]),
        "future_negated_shown_done": other["shown_with_gold_date"], "future_negated": other["gold"],
        "actor_precision": scored["actor_precision"], "actor_recall": scored["actor_recall"],
        "split_entities": len(entities["split_instances"]),
    }


COLUMNS = (("topic", 8), ("docs", 6), ("in text", 13), ("all anchored", 15), ("xdoc F1", 8),
           ("over-merged", 11), ("fut/neg done", 12), ("actor P", 8), ("actor R", 8), ("split", 6),
           ("time", 6))


def table(rows: dict[str, dict]) -> str:
    def line(cells) -> str:
        return " ".join(cell.rjust(width) if i else cell.ljust(width)
                        for i, (cell, (_, width)) in enumerate(zip(cells, COLUMNS)))

    lines = [line(name for name, _ in COLUMNS)]
    for topic, r in rows.items():
        lines.append(line([
            topic.removeprefix("corpus_"), r["documents"],
            f"{r['in_text_dated_right']}/{r['in_text_anchored']} {r['in_text_share']:.2f}",
            f"{r['all_dated_right']}/{r['all_anchored']} {r['all_share']:.2f}",
            f"{r['crossdoc_f1']:.2f}", str(r["over_merged"]),
            f"{r['future_negated_shown_done']}/{r['future_negated']}",
            f"{r['actor_precision']:.2f}", f"{r['actor_recall']:.2f}", str(r["split_entities"]),
            f"{r['seconds']:.0f}s"]))
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--topic", choices=[t.removeprefix("corpus_") for t in TOPICS],
                        help="score this topic only")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument("--keep", type=Path, help="keep each topic's sources and export in DIR/<topic>/")
    args = parser.parse_args(argv)
    gold_root = corpora() / GOLD
    if not gold_root.is_dir():
        print(f"no MEANTIME gold at {gold_root}: nothing to score")
        return 0
    if not (tools() / SCORER).is_file():
        print(f"no {SCORER} in {tools()} (set $BRIEFING_TOOLS): nothing to score")
        return 0
    topics = [f"corpus_{args.topic}"] if args.topic else list(TOPICS)
    started, rows = time.perf_counter(), {}
    try:
        for topic in topics:
            began = time.perf_counter()
            with tempfile.TemporaryDirectory() as tmp:
                export = export_topic(gold_root / topic, Path(tmp))
                scored = json.loads(run_scorer(str(gold_root / topic), str(export), "--json"))
                if args.keep:
                    kept = args.keep / topic
                    shutil.rmtree(kept, ignore_errors=True)
                    kept.mkdir(parents=True)
                    shutil.copytree(Path(tmp) / "sources", kept / "sources")
                    shutil.copy(export, kept / "export.json")
            rows[topic] = {**figures(scored), "seconds": round(time.perf_counter() - began, 1)}
    except ScorerFailed as err:
        print(err, file=sys.stderr)
        return 1
    if args.json:
        print(json.dumps(rows, indent=2, sort_keys=True))
    else:
        print(table(rows))
        print(f"run time {time.perf_counter() - started:.0f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
