"""How long a wiki takes to build, and how big it is, on a shared corpus.

    python bench/speed.py --corpus bbc-news [--limit N] [--jobs N] [--compare 1000,2000] [--repeat N]
                          [--keep DIR] [--dask] [--cold-only]

Writes the first N documents of `<corpus>/*.jsonl` (JSON lines with `text`, optional `id`,
`title`, `date`) as Markdown sources into a temporary project and prints, from one run:

- raw spaCy: `spacy.load(<model>)` + `nlp.pipe(texts, n_process=jobs)` consumed fully, in a
  fresh interpreter, on the very texts the generator reads (wall time of the whole process,
  and of `nlp.pipe` alone), with spaCy's default batch size and with the generator's;
- `briefing generate`, cold (empty cache, empty content/), then again with nothing changed,
  then with one more document (held back from the N: one whose text no other has, so it is parsed);
- with --dask, `briefing generate --scheduler ...` cold on a Dask cluster started here (`dask
  scheduler` and `dask worker --nworkers <jobs> --nthreads 1`), first with workers that have just
  started (each loads the model, as the local executor's processes do), then again with the same
  workers and an empty cache; its pages are compared byte for byte with the local executor's.
  The workers' CPU and memory are not in the figures printed for `briefing`;
- `mkdocs build` of the result: time, pages, median and total HTML bytes, search index size;
- for each command its CPU seconds and peak memory (resident memory summed over the process
  and its children);
- with --compare A,B: the same site built from A and from B documents (extraction cached),
  to see that build time and bytes grow with the number of pages and no faster.

Every run is a real subprocess (`briefing`, `mkdocs`). The machine's load average is printed
before and after, since other work on it skews the figures. Corpora are looked for in
../shared/corpora (or $BRIEFING_CORPORA); without them the script says so and exits 0.
"""

from __future__ import annotations

import argparse
import collections
import json
import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

BIN = Path(sys.executable).parent
_RAW = """
import sys, time, json
import spacy
texts = json.load(open(sys.argv[1], encoding="utf-8"))
nlp = spacy.load(sys.argv[2])
options = {"batch_size": int(sys.argv[4])} if len(sys.argv) > 4 else {}
start = time.perf_counter()
for doc in nlp.pipe(texts, n_process=int(sys.argv[3]), **options):
    pass
print(time.perf_counter() - start)
"""


def corpora_dir() -> Path:
    return Path(os.environ.get("BRIEFING_CORPORA", ROOT.parent / "shared" / "corpora"))


def load_rows(corpus: str) -> list[dict]:
    rows = []
    for path in sorted((corpora_dir() / corpus).glob("*.jsonl")):
        with path.open(encoding="utf-8") as lines:
            rows += [json.loads(line) for line in lines if line.strip()]
    return rows


def write_source(folder: Path, number: int, row: dict) -> None:
    """One corpus row as a Markdown source with front matter."""
    name = re.sub(r"[^\w-]+", "-", str(row.get("id") or row.get("doc_id") or number)).strip("-")
    meta = {"title": row.get("title") or None, "date": (row.get("date") or row.get("dct") or "")[:10] or None}
    front = "".join(f"{k}: {json.dumps(v, ensure_ascii=False)}\n" for k, v in meta.items() if v)
    (folder / f"{number:05d}-{name}.md").write_text(f"---\n{front}---\n\n{row['text']}\n", encoding="utf-8")


def held_back(rows: list[dict]) -> tuple[list[dict], dict]:
    """The rows but one, and the one held back for the one-new-document run: the last whose text
    no other row has. A news corpus repeats stories (bbc-news holds the same text under two
    ids), and a copy added would only be skipped as one, never parsed."""
    seen = collections.Counter(row["text"].strip() for row in rows)
    index = max((i for i, row in enumerate(rows) if seen[row["text"].strip()] == 1), default=len(rows) - 1)
    return rows[:index] + rows[index + 1:], rows[index]


def make_project(root: Path, rows: list[dict], cache: Path) -> Path:
    root.mkdir(parents=True)
    shutil.copytree(ROOT / "overrides", root / "overrides")
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    config, n = re.subn(r"(?m)^(\s*)- briefing:\n", lambda m: f"{m[0]}{m[1]}    cache_dir: {json.dumps(str(cache))}\n",
                        config, count=1)
    assert n == 1, "mkdocs.yml has no `- briefing:` plugin entry"
    (root / "mkdocs.yml").write_text(config, encoding="utf-8")
    (root / "seeds").mkdir()
    (root / "content").mkdir()
    for number, row in enumerate(rows):
        write_source(root / "seeds", number, row)
    return root


# --- measuring a command ------------------------------------------------------------

def _tree_rss(pid: int) -> int:
    """Resident bytes of a process and all its descendants, from /proc."""
    parent_of, rss = {}, {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            with open(f"/proc/{entry.name}/stat") as handle:
                fields = handle.read().rsplit(")", 1)[1].split()
            parent_of[int(entry.name)] = int(fields[1])
            rss[int(entry.name)] = int(fields[21]) * os.sysconf("SC_PAGE_SIZE")
        except (OSError, IndexError, ValueError):
            continue
    total, wanted = 0, {pid}
    changed = True
    while changed:
        changed = False
        for child, parent in parent_of.items():
            if parent in wanted and child not in wanted:
                wanted.add(child)
                changed = True
    for p in wanted:
        total += rss.get(p, 0)
    return total


@dataclass
class Run:
    seconds: float      # wall clock
    cpu: float          # user + system seconds of the process and every child it waited for
    peak: int           # resident bytes of the process tree at its largest
    out: str

    def __str__(self) -> str:
        return f"{self.seconds:.2f} s (cpu {self.cpu:.1f} s, peak {mb(self.peak)})"


def run(args: list[str], cwd: Path, env: dict | None = None) -> Run:
    """Run a command to its end, watching its memory; fails loudly."""
    peak = [0]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    process = subprocess.Popen(args, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                               env={**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})})

    def watch():
        while process.poll() is None:
            peak[0] = max(peak[0], _tree_rss(process.pid))
            time.sleep(0.2)
    watcher = threading.Thread(target=watch, daemon=True)
    watcher.start()
    out, err = process.communicate()
    seconds = time.perf_counter() - start
    watcher.join()
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if process.returncode:
        sys.exit(f"{' '.join(args)} failed ({process.returncode}):\n{err[-3000:]}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return Run(seconds, cpu, peak[0], out)


def generate(project: Path, jobs: int, *options: str) -> Run:
    return run([str(BIN / "briefing"), "generate", "-q", "--jobs", str(jobs), *options], project)


class DaskCluster:
    """A Dask scheduler and `workers` single-threaded worker processes on this machine, started
    with Dask's own commands as on a real cluster; stopped on leaving."""

    def __init__(self, folder: Path, workers: int):
        self.folder, self.workers, self.processes = folder, workers, []

    def __enter__(self) -> str:
        info = self.folder / "scheduler.json"
        common = ["--scheduler-file", str(info)]
        self.processes.append(subprocess.Popen([str(BIN / "dask"), "scheduler", "--host", "127.0.0.1",
                                                "--port", "0", "--no-dashboard", *common],
                                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))
        self.processes.append(subprocess.Popen([str(BIN / "dask"), "worker", "--nworkers", str(self.workers),
                                                "--nthreads", "1", "--no-dashboard", *common],
                                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))
        from distributed import Client

        deadline = time.monotonic() + 120
        while not info.exists() and time.monotonic() < deadline:
            time.sleep(0.2)
        self.client = Client(scheduler_file=str(info), timeout=60)
        self.client.wait_for_workers(self.workers, timeout=120)
        return self.client.scheduler.address

    def cpu(self) -> float:
        """User and system seconds the workers have used so far."""
        import psutil

        return sum(self.client.run(lambda: sum(psutil.Process().cpu_times()[:2])).values())

    def __exit__(self, *exc) -> None:
        if getattr(self, "client", None) is not None:
            self.client.close()
        for process in reversed(self.processes):
            process.terminate()
            try:
                process.wait(30)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def same_files(a: Path, b: Path) -> str:
    """"same bytes", or the first file that differs."""
    files = {p.relative_to(a) for p in a.rglob("*") if p.is_file()} | \
        {p.relative_to(b) for p in b.rglob("*") if p.is_file()}
    for name in sorted(files):
        if name.name != ".briefing.lock" and (not (a / name).is_file() or not (b / name).is_file()
                                               or (a / name).read_bytes() != (b / name).read_bytes()):
            return f"differ, first at {name}"
    return "same bytes"


def mkdocs_build(project: Path, repeat: int = 1) -> dict:
    """`mkdocs build` of a project, the fastest of `repeat` builds (others' work on the machine
    only ever slows a build down)."""
    done = min((run([str(BIN / "mkdocs"), "build", "-q"], project, {"BRIEFING_SKIP_GENERATE": "1"})
                for _ in range(repeat)), key=lambda r: r.seconds)
    site = project / "site"
    sizes = sorted(p.stat().st_size for p in site.rglob("*.html") if p.name != "404.html")
    index = site / "search" / "search_index.json"
    return {"seconds": done.seconds, "cpu": done.cpu, "peak": done.peak, "pages": len(sizes),
            "median": statistics.median(sizes), "total": sum(sizes),
            "index": index.stat().st_size if index.exists() else 0}


def load_average() -> str:
    return " ".join(Path("/proc/loadavg").read_text().split()[:3])


def mb(n: float) -> str:
    return f"{n / 1e6:.1f} MB"


def kb(n: float) -> str:
    return f"{n / 1e3:.1f} KB"


def site_line(label: str, built: dict) -> str:
    per_page = built["seconds"] / built["pages"] * 1000
    return (f"{label}: {built['seconds']:.1f} s (cpu {built['cpu']:.1f} s), {built['pages']} pages, "
            f"{per_page:.1f} ms/page, "
            f"median {kb(built['median'])}, total {mb(built['total'])} "
            f"({kb(built['total'] / built['pages'])}/page), search index {mb(built['index'])}, "
            f"peak {mb(built['peak'])}")


# --- the run -------------------------------------------------------------------------

def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", default="bbc-news", help="folder under the shared corpora")
    parser.add_argument("--limit", type=int, default=None, help="first N documents (default: all)")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="processes (default: all cores)")
    parser.add_argument("--compare", default=None, help="two sizes, e.g. 1000,2000: build both sites")
    parser.add_argument("--keep", type=Path, default=None, help="keep the projects in this folder")
    parser.add_argument("--repeat", type=int, default=1, help="mkdocs builds per site, the fastest counts")
    parser.add_argument("--cold-only", action="store_true",
                        help="only the cold builds (no raw spaCy, rebuilds or mkdocs): to compare executors")
    parser.add_argument("--dask", action="store_true",
                        help="also generate cold on a Dask cluster of --jobs workers started here")
    args = parser.parse_args(argv)

    if not (corpora_dir() / args.corpus).is_dir():
        print(f"no corpus {args.corpus} in {corpora_dir()}: nothing to measure")
        return 0
    from generator.extract import nlp as nlp_module
    from generator.read.sources import read_sources

    sizes = [int(n) for n in args.compare.split(",")] if args.compare else []
    rows = load_rows(args.corpus)
    main_rows = rows[:args.limit] if args.limit else rows
    base, extra = held_back(main_rows)
    model = nlp_module.choose_model(None)
    work = args.keep or Path(tempfile.mkdtemp(prefix="briefing-speed-"))
    work.mkdir(parents=True, exist_ok=True)
    cache = work / "cache"
    print(f"corpus {args.corpus}: {len(base)} documents (+1 added later), "
          f"{sum(len(r['text'].split()) for r in base):,} words; model {model} "
          f"{nlp_module.model_version(model)}; jobs {args.jobs}; {os.cpu_count()} cores")
    print(f"load average before: {load_average()}")

    project = make_project(work / "main", base, cache)
    sources, _ = read_sources(project / "seeds")
    texts = work / "texts.json"
    texts.write_text(json.dumps([s.text for s in sources]), encoding="utf-8")
    words = sum(len(s.text.split()) for s in sources)
    raws = {}
    for label, batch in () if args.cold_only else (("spaCy's default batch size", []),
                                                   ("batch size 16, as generate", ["16"])):
        done = run([sys.executable, "-c", _RAW, str(texts), model, str(args.jobs), *batch], work)
        raws[label] = done.seconds
        print(f"raw nlp.pipe (n_process={args.jobs}, {label}): {done}, of which nlp.pipe "
              f"{float(done.out):.1f} s ({words / float(done.out):,.0f} words/s)")

    cold = generate(project, args.jobs)
    print(f"generate, cold: {cold}" + "".join(f"{', ' if i else ' = '}{cold.seconds / v:.2f} x raw with {k}"
                                              for i, (k, v) in enumerate(raws.items())))
    if args.dask:
        with (cluster := DaskCluster(work, args.jobs)) as scheduler:
            for label in ("workers just started", "workers holding the model"):
                other = work / f"dask-{len(label)}"
                make_project(other, base, other.with_name(other.name + "-cache"))
                before = cluster.cpu()
                done = generate(other, args.jobs, "--scheduler", scheduler)
                print(f"generate, cold, on Dask ({args.jobs} workers x 1 thread, {label}): {done}, "
                      f"workers' cpu {cluster.cpu() - before:.1f} s = "
                      f"{done.seconds / cold.seconds:.2f} x local cold; pages: "
                      f"{same_files(project / 'content', other / 'content')} as the local executor's")
    if args.cold_only:
        print(f"load average after: {load_average()}")
        if args.keep is None:
            shutil.rmtree(work, ignore_errors=True)
        return 0
    again = generate(project, args.jobs)
    print(f"generate, nothing changed: {again} = {again.seconds / cold.seconds:.1%} of cold")
    write_source(project / "seeds", len(base), extra)
    added = generate(project, args.jobs)
    print(f"generate, one document added: {added} = {added.seconds / cold.seconds:.1%} of cold")
    pages = sum(1 for _ in (project / "content").rglob("*.md"))
    print(f"content: {pages} pages, {mb(sum(p.stat().st_size for p in (project / 'content').rglob('*.md')))} of Markdown")
    print(site_line("mkdocs build", mkdocs_build(project, args.repeat)))

    built = {}
    for size in sizes:
        other = make_project(work / f"size-{size}", rows[:size], cache)
        done = generate(other, args.jobs)
        print(f"{size} documents: generate {done} (extraction cached where the main run had it)")
        built[size] = mkdocs_build(other, args.repeat)
        print(site_line(f"{size} documents, mkdocs build", built[size]))
    if len(sizes) == 2:
        a, b = (built[s] for s in sizes)
        print(f"{sizes[1]} vs {sizes[0]} documents: pages x{b['pages'] / a['pages']:.2f}, "
              f"build time x{b['seconds'] / a['seconds']:.2f} (cpu x{b['cpu'] / a['cpu']:.2f}), "
              f"time per page x{(b['seconds'] / b['pages']) / (a['seconds'] / a['pages']):.2f}, "
              f"bytes/page x{(b['total'] / b['pages']) / (a['total'] / a['pages']):.2f}, "
              f"search index x{b['index'] / max(a['index'], 1):.2f}")
    print(f"load average after: {load_average()}")
    if args.keep is None:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
