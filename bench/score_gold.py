"""Score extraction on the hand-written gold files of tests/gold/ (corpus documents).

    python bench/score_gold.py [GOLD.yml ...] [--json] [--all-only]

Each gold file names its documents as `<corpus folder>/<id>`; their text is read from the
shared corpora (`../shared/corpora`, or $BRIEFING_CORPORA), written as sources into a temporary
folder with their dates (file name: the key with `/` written `__`), generated and exported, then
scored with `generator.score`.
First block: all the gold files' documents generated as one wiki and scored against the union of
the files. Then one block per gold file (a story): its documents alone generated as a wiki of their
own, as a user would, scored against that file (leave these out with --all-only).
With --json: the all-files figures as before, and `stories`: file name -> the same figures.
Prints a message and exits 0 when the corpora are absent.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from generator.config import settings_from  # noqa: E402
from generator.resolve.export import graph_to_dict  # noqa: E402
from generator.generate import generate  # noqa: E402
from generator.score import format_report, merge_golds, score  # noqa: E402


def corpora() -> Path:
    return Path(os.environ.get("BRIEFING_CORPORA", ROOT.parent / "shared" / "corpora"))


def corpus_documents(wanted: set[str]) -> dict[str, dict]:
    """`<folder>/<id>` -> {"text", "date"} for the wanted documents."""
    found = {}
    for folder in {w.split("/", 1)[0] for w in wanted}:
        for path in sorted((corpora() / folder).glob("*.jsonl")):
            with path.open(encoding="utf-8") as lines:
                for line in lines:
                    row = json.loads(line)
                    key = f"{folder}/{row.get('id') or row.get('doc_id')}"
                    if key in wanted:
                        date = row.get("date") or row.get("dct")
                        found[key] = {"text": row["text"], "date": (date or "")[:10] or None}
    return found


def export_for(docs: dict[str, dict], workdir: Path) -> dict:
    sources = workdir / "sources"
    sources.mkdir()
    for key, doc in docs.items():
        header = f"date {doc['date']} " if doc["date"] else ""
        (sources / f"{key.replace('/', '__')}.txt").write_text(header + doc["text"], encoding="utf-8")
    settings = settings_from(workdir, {"sources": "sources", "cache_dir": str(ROOT / ".briefing-cache")},
                             "content")
    return graph_to_dict(generate(settings).graph)


def scored(docs: dict[str, dict], golds: list[dict]) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        export = export_for(docs, Path(tmp))
    return score(export, merge_golds(golds))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("gold", nargs="*", type=Path)
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--all-only", action="store_true", help="no block per gold file")
    args = parser.parse_args()
    if not corpora().is_dir():
        print(f"no corpora at {corpora()}: nothing to score")
        return 0
    started = time.perf_counter()
    paths = args.gold or sorted((ROOT / "tests" / "gold").glob("*.yml"))
    golds = [yaml.safe_load(p.read_text(encoding="utf-8")) for p in paths]
    wanted = {d for g in golds for d in g["documents"]}
    docs = corpus_documents(wanted)
    result = scored(docs, golds)
    stories = {} if args.all_only else {
        path.name: (len(gold["documents"]), scored({k: v for k, v in docs.items() if k in gold["documents"]}, [gold]))
        for path, gold in zip(paths, golds)}
    if args.json:
        print(json.dumps({**result, "stories": {name: r for name, (_, r) in stories.items()}},
                         indent=2, sort_keys=True))
        return 0
    print(f"== all {len(paths)} gold files, {len(docs)} documents\n{format_report(result)}")
    for name, (n_docs, story) in stories.items():
        print(f"== {name}, {n_docs} document{'s' if n_docs != 1 else ''} generated alone\n{format_report(story)}")
    print(f"run time {time.perf_counter() - started:.0f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
