"""How the site scales: build time, rebuild after one added story, memory, and what a reader's
browser downloads, for growing numbers of stories.

    python bench/site.py [--corpus reuters-21578] [--sizes 2000,8000] [--jobs N] [--keep DIR]

For each size N, the first N stories of the corpus (file order, which for Reuters is date
order, as in `bench/speed.py`) become a project; it prints:

- the cold site build: `briefing generate` (empty cache, empty content/) and `mkdocs build`;
- the rebuild after one added story: `briefing generate` and `mkdocs build` again, and both
  as a share of the cold ones;
- peak memory of each command (resident memory of its whole process tree);
- the search index: the bytes a browser downloads before it shows the first results (the
  index and the search worker);
- the largest generated HTML page, the median one, and the largest of each kind of page
  (actor, event, agreement, source, listing), with the largest lists a page holds, so that
  every cap can be seen to apply; and per-entry sizes, to estimate larger corpora.

The machine's load average (1 minute) is printed beside each timing, since other work on a
shared machine skews it. Without the corpus the script says so and exits 0.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import speed  # noqa: E402  (the same project layout and command runner)

KINDS = ("actors", "events", "agreements", "sources")


def load() -> str:
    return f"load {os.getloadavg()[0]:.2f}"


def page_kind(path: Path, site: Path) -> str:
    parts = path.relative_to(site).parts
    if len(parts) >= 3 and parts[0] in KINDS and parts[1] not in ("index.html", "by-date", "by-name"):
        return parts[0][:-1] + (" subpage" if len(parts) > 3 else "")
    return "listing"


def search_bytes(site: Path) -> tuple[int, list[str]]:
    """What the browser fetches before the first result: Material's search worker loads the
    index (and, for languages other than English, lunr's language files)."""
    files = [site / "search" / "search_index.json"]
    files += sorted((site / "assets" / "javascripts" / "workers").glob("search.*.js"))
    present = [f for f in files if f.exists()]
    return sum(f.stat().st_size for f in present), [str(f.relative_to(site)) for f in present]


def search_kinds(site: Path) -> dict[str, tuple[int, int]]:
    """Kind of page -> (entries, bytes) of the search index: which pages it grows with."""
    index = site / "search" / "search_index.json"
    found: dict[str, list[int]] = {}
    if index.exists():
        for doc in json.loads(index.read_text(encoding="utf-8"))["docs"]:
            location = doc["location"]
            kind = location.split("/")[0] if location.count("/") >= 2 else "other"
            kind += " text" if "#" in location else ""
            entry = found.setdefault(kind, [0, 0])
            entry[0] += 1
            entry[1] += len(json.dumps(doc, ensure_ascii=False).encode())
    return {k: (v[0], v[1]) for k, v in sorted(found.items())}


def html_sizes(site: Path) -> dict:
    pages = [p for p in site.rglob("*.html") if p.name != "404.html"]
    sizes = {p: p.stat().st_size for p in pages}
    by_kind: dict[str, list[tuple[int, str]]] = {}
    for p, n in sizes.items():
        by_kind.setdefault(page_kind(p, site), []).append((n, str(p.relative_to(site))))
    return {"pages": len(sizes), "median": statistics.median(sizes.values()), "total": sum(sizes.values()),
            "largest": max((n, str(p.relative_to(site))) for p, n in sizes.items()),
            "kinds": {k: (len(v), max(v), statistics.median(n for n, _ in v)) for k, v in sorted(by_kind.items())}}


def build(project: Path) -> speed.Run:
    return speed.run([str(speed.BIN / "mkdocs"), "build", "-q"], project, {"BRIEFING_SKIP_GENERATE": "1"})


def line(label: str, done: speed.Run, load_at: str, share_of: float | None = None) -> str:
    share = f" = {done.seconds / share_of:.1%} of cold" if share_of else ""
    return f"  {label}: {done.seconds:.1f} s (cpu {done.cpu:.1f} s){share}, peak {speed.mb(done.peak)} [{load_at}]"


def measure(rows: list[dict], size: int, work: Path, jobs: int) -> dict:
    base, extra = rows[:size - 1], rows[size - 1]
    project = speed.make_project(work / f"n{size}", base, work / f"cache-{size}")
    print(f"{size} stories ({size - 1} first, then 1 added) [{load()}]")
    gen = speed.generate(project, jobs)
    print(line("cold generate", gen, load()))
    site = build(project)
    print(line("cold mkdocs build", site, load()))
    cold = gen.seconds + site.seconds
    print(f"  cold site build (generate + mkdocs build): {cold:.1f} s, "
          f"peak {speed.mb(max(gen.peak, site.peak))} [{load()}]")
    speed.write_source(project / "seeds", size - 1, extra)
    gen2 = speed.generate(project, jobs)
    print(line("one added story, generate", gen2, load(), gen.seconds))
    site2 = build(project)
    print(line("one added story, mkdocs build", site2, load(), site.seconds))
    again = gen2.seconds + site2.seconds
    print(f"  rebuild after one added story: {again:.1f} s = {again / cold:.1%} of the cold build, "
          f"peak {speed.mb(max(gen2.peak, site2.peak))} [{load()}]")
    folder = project / "site"
    index, files = search_bytes(folder)
    print(f"  search download before the first result: {speed.mb(index)} ({', '.join(files)})")
    kinds = search_kinds(folder)
    for kind, (count, n) in kinds.items():
        print(f"    {kind}: {count} entries, {speed.mb(n)} ({n / max(count, 1):.0f} bytes each)")
    sizes = html_sizes(folder)
    n, where = sizes["largest"]
    print(f"  HTML: {sizes['pages']} pages, median {speed.kb(sizes['median'])}, "
          f"largest {speed.kb(n)} ({where}), total {speed.mb(sizes['total'])}")
    for kind, (count, (n, where), median) in sizes["kinds"].items():
        print(f"    {kind}: {count} pages, median {speed.kb(median)}, largest {speed.kb(n)} ({where})")
    over = [str(p.relative_to(folder)) for p in folder.rglob("*.html") if p.stat().st_size > 500_000]
    print(f"  pages over 500 KB: {len(over)}{': ' + ', '.join(sorted(over)[:5]) if over else ''}")
    return {"index": index, "kinds": kinds, "largest": n}


def extrapolate(found: dict, sizes: list[int], target: int) -> None:
    """The search index at `target` stories, each kind of page on the straight line through its
    two measured sizes (actors grow slower than stories, sources and events as fast)."""
    a, b = sizes
    total = 0.0
    print(f"search index extrapolated to {target} stories, per kind of page:")
    for kind in sorted(found[a]["kinds"].keys() | found[b]["kinds"].keys()):
        ya, yb = (found[s]["kinds"].get(kind, (0, 0))[1] for s in (a, b))
        y = yb + (yb - ya) / (b - a) * (target - b)
        total += max(y, 0)
        print(f"  {kind}: {speed.mb(max(y, 0))}")
    print(f"  total: {speed.mb(total)} (measured {speed.mb(found[a]['index'])} at {a}, "
          f"{speed.mb(found[b]['index'])} at {b})")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", default="reuters-21578", help="folder under the shared corpora")
    parser.add_argument("--sizes", default="2000,8000", help="numbers of stories, e.g. 2000,8000")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="processes (default: all cores)")
    parser.add_argument("--keep", type=Path, default=None, help="keep the projects in this folder")
    parser.add_argument("--project-to", type=int, default=None,
                        help="stories to extrapolate the search index to (default: the whole corpus)")
    args = parser.parse_args(argv)
    if not (speed.corpora_dir() / args.corpus).is_dir():
        print(f"no corpus {args.corpus} in {speed.corpora_dir()}: nothing to measure")
        return 0
    rows = speed.load_rows(args.corpus)
    sizes = [min(int(n), len(rows)) for n in args.sizes.split(",")]
    work = args.keep or Path(tempfile.mkdtemp(prefix="briefing-site-"))
    work.mkdir(parents=True, exist_ok=True)
    print(f"corpus {args.corpus}, {len(rows)} stories; jobs {args.jobs}; {os.cpu_count()} cores [{load()}]")
    try:
        found = {size: measure(rows, size, work, args.jobs) for size in sizes}
        if len(sizes) == 2 and sizes[0] != sizes[1]:
            extrapolate(found, sizes, args.project_to or len(rows))
    finally:
        if args.keep is None:
            shutil.rmtree(work, ignore_errors=True)
    print(f"done [{load()}]")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
