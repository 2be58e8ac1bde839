"""Hand edits under `briefing serve`: rounds of "a new source arrives, then a human saves a
note on a page 0 to 2 seconds later", counting the notes lost.

    python bench/serve_edits.py [--rounds 20] [--seed 1] [--keep DIR]

Makes a small project in a temporary folder (or DIR), runs `briefing serve` on it, and in
each round copies one more source into seeds/, waits a random 0-2 s, and appends a note to
an actor's page, as an editor saves it. After the last round it waits for the server to
settle and counts the notes still on the page. Prints one line per round and the losses.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

MKDOCS_YML = "site_name: Serve edits\ndocs_dir: content\nplugins:\n  - briefing:\n      sources: seeds\n"
FIRST = ("date 2021-03-04\nForeign Minister Anna Keller of Norway met Prime Minister Rafael Ortiz of Chile in "
         "Geneva on 3 March 2021. Keller said the two countries signed the Geneva Fisheries Agreement.\n")
PLACES = ["Lima", "Quito", "Bogota", "La Paz", "Asuncion", "Montevideo", "Brasilia", "Caracas", "Panama City",
          "San Jose", "Managua", "Tegucigalpa", "Guatemala City", "Havana", "Kingston", "Nassau", "Ottawa",
          "Mexico City", "Buenos Aires", "Santo Domingo", "Port of Spain", "Belmopan"]
PAGE = "content/actors/rafael-ortiz.md"


def source(n: int) -> str:
    place = PLACES[n % len(PLACES)]
    return (f"date 2021-04-{n % 28 + 1:02d}\nRafael Ortiz visited {place} on {n % 28 + 1} April 2021 and met "
            f"Minister Clara Ruiz{n} there. Ruiz{n} and Ortiz discussed trade.\n")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(condition, timeout: float) -> bool:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if condition():
            return True
        time.sleep(0.1)
    return False


def settled(root: Path, quiet_for: float = 4.0, timeout: float = 120.0) -> None:
    """Wait until nothing under content/ has changed for `quiet_for` seconds."""
    def newest() -> float:
        return max((p.stat().st_mtime for p in (root / "content").rglob("*") if p.is_file()), default=0)
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if time.time() - newest() > quiet_for:
            return
        time.sleep(0.5)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=20)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--keep", type=Path, default=None, help="make the project here and leave it")
    args = parser.parse_args()
    rng = random.Random(args.seed)
    root = args.keep or Path(tempfile.mkdtemp(prefix="serve-edits-"))
    root.mkdir(parents=True, exist_ok=True)
    (root / "mkdocs.yml").write_text(MKDOCS_YML)
    (root / "seeds").mkdir(exist_ok=True)
    (root / "content").mkdir(exist_ok=True)
    (root / "seeds" / "000.txt").write_text(FIRST)
    briefing = Path(sys.executable).parent / "briefing"
    subprocess.run([str(briefing), "generate", "-q", "-j", "1"], cwd=root, check=True)
    port = free_port()
    log = open(root / "serve.log", "wb")
    server = subprocess.Popen([str(briefing), "serve", "-q", "-j", "1", "-a", f"127.0.0.1:{port}"], cwd=root,
                              stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    notes = []
    try:
        if not wait_for(lambda: b"Serving on" in (root / "serve.log").read_bytes(), 120):
            print("briefing serve did not start; see", root / "serve.log")
            return 2
        for n in range(1, args.rounds + 1):
            (root / "seeds" / f"{n:03d}.txt").write_text(source(n))
            delay = rng.uniform(0, 2)
            time.sleep(delay)
            page = root / PAGE
            note = f"Note {n}, saved {delay:.2f} s after source {n}."
            page.write_text(page.read_text() + f"\n{note}\n")
            notes.append(note)
            time.sleep(rng.uniform(0, 1))
            print(f"round {n}: note saved {delay:.2f} s after the new source", flush=True)
        # The last source's rebuild done: its page is there, and nothing changes for a while.
        last = root / "content" / "sources" / f"{args.rounds:03d}.md"
        wait_for(last.exists, 300)
        settled(root)
    finally:
        os.killpg(server.pid, signal.SIGINT)
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
        log.close()
    text = (root / PAGE).read_text()
    lost = [note for note in notes if note not in text]
    sources_shown = sum(f"](../sources/{n:03d}.md)" in text for n in range(1, args.rounds + 1))
    print(f"rounds: {args.rounds}, notes lost: {len(lost)}, new sources on the page: {sources_shown}")
    for note in lost:
        print(f"lost: {note}")
    if args.keep is None:
        shutil.rmtree(root, ignore_errors=True)
    return 1 if lost else 0


if __name__ == "__main__":
    raise SystemExit(main())
