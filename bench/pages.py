"""How many pages a wiki gives per source read, and of which kinds, on a shared corpus.

    python bench/pages.py --corpus bbc-news [--limit N] [--jobs N] [--keep DIR]

Writes the first N distinct documents of `<corpus>/*.jsonl` as sources of a temporary project
(as bench/speed.py does), runs `briefing generate` once and prints the pages written per kind
(sources, actors, events, agreements, listings), pages per distinct source, and how the event
and actor pages earned their page (what the export says of each). A reader finds the news
among few pages; every page must still be one a reader needs. Corpora are looked for in
../shared/corpora (or $BRIEFING_CORPORA); without them the script says so and exits 0.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from speed import ROOT, corpora_dir, load_rows, make_project  # noqa: E402


def distinct(rows: list[dict]) -> list[dict]:
    """A corpus may hold one story twice (bbc-news does): each text once, first kept."""
    seen, kept = set(), []
    for row in rows:
        key = " ".join(row["text"].split())
        if key not in seen:
            seen.add(key)
            kept.append(row)
    return kept


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", default="bbc-news")
    parser.add_argument("--limit", type=int, default=400, help="first N distinct documents (default 400)")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--keep", type=Path, default=None, help="build the project in this new folder")
    args = parser.parse_args(argv)
    if not (corpora_dir() / args.corpus).is_dir():
        print(f"corpus {args.corpus} not found under {corpora_dir()}: nothing to measure")
        return 0
    rows = distinct(load_rows(args.corpus))[: args.limit]
    with tempfile.TemporaryDirectory() as tmp:
        root = args.keep or Path(tmp) / "project"
        project = make_project(root, rows, Path(tmp) / "cache")
        briefing = Path(sys.executable).with_name("briefing")
        subprocess.run([str(briefing), "generate", "--jobs", str(args.jobs)], cwd=project, check=True,
                       stdout=subprocess.DEVNULL)
        content = project / "content"
        kinds = Counter(p.relative_to(content).parts[0] if len(p.relative_to(content).parts) > 1 else "listing"
                        for p in content.rglob("*.md"))
        graph = json.loads((content / ".briefing" / "graph.json").read_text(encoding="utf-8"))
    total = sum(kinds.values())
    print(f"{args.corpus}: {len(rows)} distinct sources, {total} pages, "
          f"{total / max(len(rows), 1):.2f} pages per source")
    for kind, count in sorted(kinds.items()):
        print(f"  {kind:12} {count:6}  {count / max(len(rows), 1):.2f} per source")
    events = graph["events"]
    paged = [e for e in events if e.get("page")]
    reasons = Counter()
    for event in paged:
        sources = {q["source"] for q in event.get("quotes") or []}
        reasons["two or more sources" if len(sources) >= 2 else
                "agreement" if event.get("agreements") else
                f"own date ({event.get('date_precision')})" if event.get("date") and event.get("date_basis") == "text" else
                "place" if event.get("place") else "date of the report" if event.get("date") else "other"] += 1
    print(f"  events: {len(events)} in the export, {len(paged)} with a page: "
          + ", ".join(f"{k} {v}" for k, v in reasons.most_common()))
    actors = graph["actors"]
    print(f"  actors: {len(actors)} in the export, {sum(1 for a in actors if a.get('page'))} with a page; by type: "
          + ", ".join(f"{k} {v}" for k, v in Counter(a['type'] for a in actors if a.get('page')).most_common()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
