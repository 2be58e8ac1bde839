"""A generator killed half way (SIGKILL: no cleanup runs) leaves every page either as it was
or as the finished run writes it, never truncated, and does not leave content/ locked."""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml
from filelock import FileLock

from generator.generate import generate

pytestmark = pytest.mark.slow

PEOPLE = ["Anna Keller", "Rafael Ortiz", "Lucia Varela", "Otto Brandt", "Mariana Costa",
          "Jonas Lind", "Amira Haddad", "Kenji Sato", "Elena Petrova", "Samuel Okafor"]
ROLES = ["Foreign Minister", "Prime Minister", "President", "Chancellor", "Trade Minister"]
COUNTRIES = ["Norway", "Chile", "Peru", "Austria", "Kenya", "Japan", "Jordan", "Canada"]
CITIES = ["Geneva", "Vienna", "Nairobi", "Lima", "Oslo", "Tokyo", "Amman", "Ottawa"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December"]
# The real generator, slowed down where a page is at risk (a file just opened for writing, a
# rename) so that the kills land while it writes.
SLOW_GENERATE = """
import builtins, io, os, sys, time

def pausing(function, after=lambda *args, **kwargs: True):
    def paused(*args, **kwargs):
        result = function(*args, **kwargs)
        if after(*args, **kwargs):
            time.sleep(0.005)
        return result
    return paused

writing = lambda file, mode="r", *args, **kwargs: any(c in mode for c in "wax+")
builtins.open = io.open = pausing(io.open, writing)
os.fdopen = pausing(os.fdopen, writing)
os.replace = pausing(os.replace)
from generator.cli import main
sys.argv = ["briefing", "generate", "-q", "-j", "1"]
main()
"""

def document(i: int) -> str:
    """A short dated report of a meeting; forty of them name ten people again and again."""
    a, b = PEOPLE[i % 10], PEOPLE[(i * 3 + 1) % 10]
    b = b if b != a else PEOPLE[(i + 5) % 10]
    home, guest, city = COUNTRIES[i % 8], COUNTRIES[(i * 5 + 3) % 8], CITIES[(i * 7) % 8]
    day, month, year = 1 + i % 27, i % 12, 2015 + i // 12
    return (f"date {year}-{month + 1:02d}-{day + 1:02d}\n"
            f"{ROLES[i % 5]} {a} of {home} met {ROLES[(i + 2) % 5]} {b} of {guest} in {city} on "
            f"{day} {MONTHS[month]} {year}. {a.split()[1]} said the talks covered trade and fisheries. "
            f"{b.split()[1]} announced a visit to {home} for the following spring.\n")


def use_documents(root: Path, numbers: range):
    seeds = root / "seeds"
    shutil.rmtree(seeds, ignore_errors=True)
    seeds.mkdir()
    for i in numbers:
        (seeds / f"report-{i:03d}.txt").write_text(document(i))


def pages(content: Path) -> dict[str, bytes]:
    return {p.relative_to(content).as_posix(): p.read_bytes() for p in sorted(content.rglob("*.md"))}


def assert_page_is_whole(rel: str, data: bytes):
    text = data.decode()
    front = re.match(r"\A---\n(.*?\n)?---\n", text, re.S)
    assert front, f"{rel}: front matter cut"
    assert isinstance(yaml.safe_load(front[1] or "{}"), dict), rel
    begins = re.findall(r"<!-- briefing:begin ([\w-]+) -->\n", text)
    ends = re.findall(r"<!-- briefing:end ([\w-]+) [0-9a-f]{12} -->", text)
    assert begins == ends, f"{rel}: regions cut"


def _wait_for_first_write(content: Path, process: subprocess.Popen, timeout: float = 60) -> None:
    """Until a folder under content/ changes: the run has started writing pages."""
    folders = [content] + [p for p in content.iterdir() if p.is_dir()]
    before = {f: f.stat().st_mtime_ns for f in folders}
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and process.poll() is None:
        if any(f.stat().st_mtime_ns != before[f] for f in folders):
            return
        time.sleep(0.002)
    raise AssertionError("the run wrote nothing before it ended")


def test_generate_killed_while_writing_leaves_each_page_old_or_new(tmp_path, settings_for):
    old_root = tmp_path / "old"
    old_root.mkdir()
    (old_root / "mkdocs.yml").write_text("site_name: Test\ndocs_dir: content\nplugins:\n  - briefing:\n      sources: seeds\n")
    use_documents(old_root, range(0, 40))
    generate(settings_for(old_root))
    note = old_root / "content/actors/rafael-ortiz.md"
    note.write_text(note.read_text().replace("<!-- briefing:begin roles -->", "A human note.\n\n<!-- briefing:begin roles -->"))
    # The next run drops five reports and adds ten: pages change, appear and go.
    use_documents(old_root, range(5, 50))
    old = pages(old_root / "content")
    new_root = tmp_path / "new"
    shutil.copytree(old_root, new_root)
    generate(settings_for(new_root))               # also fills the extraction cache the runs share
    new = pages(new_root / "content")
    assert "A human note." in new["actors/rafael-ortiz.md"].decode()
    changed = {p for p in old.keys() | new.keys() if old.get(p) != new.get(p)}
    assert len(changed) > 50
    shutil.copytree(new_root / ".briefing-cache", old_root / ".briefing-cache", dirs_exist_ok=True)

    caught_half_way = 0
    for n, wait in enumerate([0.0, 0.1, 0.4]):
        root = tmp_path / f"killed-{n}"
        shutil.copytree(old_root, root)
        content = root / "content"
        process = subprocess.Popen([sys.executable, "-c", SLOW_GENERATE], cwd=root,
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            _wait_for_first_write(content, process)
            time.sleep(wait)
        finally:
            os.kill(process.pid, signal.SIGKILL)
            process.wait()
        assert process.returncode == -signal.SIGKILL, "the run ended before it was killed"
        now = pages(content)
        for rel, data in now.items():
            assert_page_is_whole(rel, data)
            assert data in (old.get(rel), new.get(rel)), f"{rel} is neither the old nor the new page"
        assert (old.keys() & new.keys()) <= now.keys(), "a page vanished"
        caught_half_way += any(now.get(p) == new.get(p) for p in changed) and \
            any(now.get(p) == old.get(p) for p in changed)
        lock = FileLock(str(content / ".briefing.lock"))
        lock.acquire(timeout=0)                        # the killed run does not hold it any more
        lock.release()
        generate(settings_for(root))
        assert pages(content) == new
        assert not [p for p in content.rglob(".*") if p.name not in {".briefing.lock", ".briefing"}]
    assert caught_half_way, "no kill landed while pages were being written"
