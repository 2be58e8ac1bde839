"""Faults injected into real runs, in the spirit of SQLite's tests: a refused write, a full
disk and a slow one at each write of a run, and a human saving a page at any moment of it.
After each: no human text lost, no page cut short, and a run that follows puts everything right.

The runs share one project generated once (and its extraction cache), copied for each case:
no case waits for the language model."""

from __future__ import annotations

import errno
import re
import shutil
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator import atomic
from generator.config import load_settings
from generator.exceptions import BriefingError
from generator.generate import generate
from generator.write import wiki as write_module
from tests.test_handedits import CORE, ORTIZ, Wiki, assert_well_formed, human_part

pytestmark = pytest.mark.slow

NOTE = "\n\n## Analyst notes\n\nOrtiz trained as an engineer.\n"
# Headings as the generator writes them: their quotes are searched on the sources' pages.
ROLES = "## Roles { data-search-exclude }\n"
QUOTES = "## In the sources { data-search-exclude }\n"


class Project(Wiki):
    """A copy of the shared project, generated in this process with one job."""

    def __init__(self, root: Path):
        self.root, self.content = root, root / "content"

    def generate(self, progress=None):
        settings = load_settings(self.root / "mkdocs.yml")
        settings.jobs = 1
        return generate(settings, progress) if progress else generate(settings)

    def pages(self) -> dict[str, str]:
        return {rel: data.decode() for rel, data in self.snapshot().items() if rel.endswith(".md")}


@pytest.fixture(scope="module")
def base(tmp_path_factory) -> Path:
    """The core documents generated, with the Lima report extracted once and taken away again:
    each case adds it back, so its run has new facts to write and nothing to extract. Kept as
    a copy (`saved`) beside the folder the cases run in, which each case starts from again:
    in the same folder, the record of the last run is the project's."""
    where = tmp_path_factory.mktemp("faults")
    wiki = Wiki(where / "project", lambda r: _one_job(load_settings(r / "mkdocs.yml")))
    wiki.use(*CORE, "lima.txt").generate()
    wiki.use(*CORE).generate()
    shutil.copytree(where / "project", where / "saved")
    return where


def _one_job(settings):
    settings.jobs = 1
    return settings


def _fresh(base: Path, note: bool = True) -> Project:
    """The project as `base` saved it, with the Lima report back and, with `note`, a human's note
    on Rafael Ortiz's page."""
    root = base / "project"
    shutil.rmtree(root)
    shutil.copytree(base / "saved", root)
    made = Project(root)
    if note:
        made.write(ORTIZ, made.read(ORTIZ) + NOTE)
    made.use(*CORE, "lima.txt")
    return made


@pytest.fixture(scope="module")
def expected(base) -> dict[str, str]:
    """The pages a run with no fault leaves: the human's note, and the Lima report."""
    project = _fresh(base)
    project.generate()
    return project.pages()


@pytest.fixture
def project(base) -> Project:
    return _fresh(base)


def assert_whole(project: Project):
    """No page cut short: every generated page parses and closes every region it opens."""
    for rel, text in project.pages().items():
        if text.startswith("---\n"):
            assert_well_formed(rel, text)


def assert_converges(project: Project, expected: dict[str, str]):
    """A run with no fault leaves what a run with no fault would have left, and a second one changes nothing."""
    project.generate()
    assert project.pages() == expected
    before = project.snapshot()
    assert project.generate().written == []
    assert project.snapshot() == before


def _writes(base: Path, note: bool = True) -> int:
    """How many files a run of a `_fresh` project writes."""
    project = _fresh(base, note)
    count = [0]
    real = atomic.write_new

    def counting(fd, data, mode=None):
        count[0] += 1
        real(fd, data, mode)
    atomic.write_new = counting
    try:
        project.generate()
    finally:
        atomic.write_new = real
    return count[0]


# Which writes of a run get a fault: one in `every`, the first and the last among them (each
# case is a run, a run after it and a third; all of them, every time, would take minutes).
def _some(total: int, every: int = 5) -> list[int]:
    return sorted(set(range(0, total, every)) | {total - 1})


# --- a refused write, a full disk, a slow disk: at each write of a run -------------------------

def _refused(fd, data, mode=None):
    import os
    os.close(fd)
    raise PermissionError(errno.EACCES, "Permission denied")


def _full(fd, data, mode=None):
    import os
    with os.fdopen(fd, "wb") as handle:         # half the bytes reach the disk, then no room
        handle.write(data[:len(data) // 2])
    raise OSError(errno.ENOSPC, "No space left on device")


@pytest.mark.parametrize("fault", [_refused, _full], ids=["permission", "enospc"])
def test_faults_a_write_that_fails_loses_nothing_and_the_next_run_converges(base, expected, monkeypatch, fault):
    total = _writes(base)
    assert total > 10
    for failing in _some(total, 6):
        project = _fresh(base)
        mine = human_part(project.read(ORTIZ))
        count = [0]
        real = atomic.write_new

        def injected(fd, data, mode=None):
            count[0] += 1
            (fault if count[0] == failing + 1 else real)(fd, data, mode)
        monkeypatch.setattr(atomic, "write_new", injected)
        # A page that cannot be written stops the run with one line; the extraction cache
        # that cannot be written is a warning, and the run goes on without it.
        try:
            report = project.generate()
        except BriefingError as err:
            assert "cannot write there" in str(err), err
            assert count[0] == failing + 1, "the run went on writing after a failed write"
        else:
            assert any("cannot write the cache" in p.message for p in report.problems), failing
        monkeypatch.setattr(atomic, "write_new", real)
        assert human_part(project.read(ORTIZ)) == mine, failing
        assert not list(project.content.rglob("*.briefing-tmp")), failing
        assert_whole(project)
        assert_converges(project, expected)


def test_faults_a_slow_disk_with_a_human_saving_during_each_write_loses_nothing(base, monkeypatch):
    total = _writes(base, note=False)
    for saving in _some(total, 6):
        project = _fresh(base, note=False)
        count = [0]
        real = atomic.write_new
        line = f"\n\nSaved during write {saving}.\n"

        def slow(fd, data, mode=None):
            count[0] += 1
            time.sleep(0.005)
            if count[0] == saving + 1:          # the human saves while the disk is busy
                project.write(ORTIZ, project.read(ORTIZ) + line)
            real(fd, data, mode)
        monkeypatch.setattr(atomic, "write_new", slow)
        project.generate()
        monkeypatch.setattr(atomic, "write_new", real)
        text = project.read(ORTIZ)
        assert text.count(line) == 1, saving
        assert "](../sources/lima.md)" in text
        assert_whole(project)
        project.generate()
        assert project.generate().written == []
        assert project.read(ORTIZ).count(line) == 1


# --- a human saving at any moment of a run --------------------------------------------------

def test_faults_a_page_saved_while_the_run_writes_keeps_the_save(project, expected):
    """A note saved once the run has begun writing: it used to be lost to the page the run had
    merged before the save."""
    def saving_while_writing(label, total):
        if label == "writing":
            project.write(ORTIZ, project.read(ORTIZ).replace(NOTE, NOTE + "Saved during the run.\n"))
        return lambda n=1: None

    report = project.generate(saving_while_writing)
    text = project.read(ORTIZ)
    assert "Saved during the run." in text and "Ortiz trained as an engineer." in text
    assert "](../sources/lima.md)" in text
    # A note, not a problem: nothing is left to fix, so `--strict` does not fail on a save.
    assert any(p.path == ORTIZ and "saved by someone" in p.message and p.severity == "note"
               for p in report.problems)


def test_faults_an_edit_inside_a_region_saved_during_the_run_goes_to_generated(project):
    def saving_while_writing(label, total):
        if label == "writing":
            project.write(ORTIZ, project.read(ORTIZ).replace(ROLES, ROLES + "\nMine, in the region.\n"))
        return lambda n=1: None

    report = project.generate(saving_while_writing)
    assert "Mine, in the region." in project.read(ORTIZ)
    assert ORTIZ in report.conflicts
    generated = (project.content / (ORTIZ + ".generated")).read_text()
    assert "](../sources/lima.md)" in generated and "Mine, in the region." not in generated


def test_faults_a_page_saved_while_the_run_would_delete_it_is_kept(base):
    project = _fresh(base, note=False)
    page = "actors/lucia-varela.md"
    project.generate()
    project.use(*CORE)

    def saving(label, total):
        if label == "writing":
            project.write(page, project.read(page) + "\n\nShe studied in Lima.\n")
        return lambda n=1: None

    report = project.generate(saving)
    assert "She studied in Lima." in project.read(page)
    assert page not in report.deleted


def test_faults_a_save_landing_right_after_the_run_wrote_the_page_is_read_next_time(base, monkeypatch):
    """A save between the page's rename and the end of the run used to be listed as the run's
    own page: the next run trusted it as generated and wrote over it."""
    project = _fresh(base, note=False)
    line = "\n\nSaved right after the run wrote the page.\n"
    real = write_module.relisted

    def saving_then_listing(content, files, touched):
        project.write(ORTIZ, project.read(ORTIZ) + line)
        return real(content, files, touched)
    monkeypatch.setattr(write_module, "relisted", saving_then_listing)
    project.generate()
    monkeypatch.setattr(write_module, "relisted", real)
    project.use(*CORE)                      # the Lima report goes: Ortiz's page changes again
    project.generate()
    text = project.read(ORTIZ)
    assert line.strip() in text
    assert "](../sources/lima.md)" not in text
    assert_whole(project)


_moments = st.integers(min_value=0, max_value=90)
_spots = st.floats(min_value=0, max_value=1)


@settings(derandomize=True, max_examples=8, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(moment=_moments, where=_spots)
def test_faults_a_human_edit_at_any_moment_of_a_run_is_kept(base, moment, where):
    """The run pauses at its `moment`-th step (a page rendered, merged or written) and a human
    saves a note somewhere outside the generated regions of Rafael Ortiz's page."""
    project = _fresh(base, note=False)
    note = "\n\nA note saved mid-run.\n"
    steps = [0]

    def edit():
        current = project.read(ORTIZ)
        spans = [m.span() for m in _REGION.finditer(current)]
        spots = [i for i in range(current.index("\n---\n") + 5, len(current) + 1)
                 if not any(start < i < end for start, end in spans)]
        at = spots[min(int(where * len(spots)), len(spots) - 1)]
        edited = current[:at] + note + current[at:]
        project.write(ORTIZ, edited)
        return human_part(edited)

    mine = []

    def pausing(label, total):
        def tick(n=1):
            steps[0] += n
            if steps[0] == moment and not mine:
                mine.append(edit())
        return tick

    project.generate(pausing)
    if not mine:                    # the run had fewer steps: the edit lands after it
        mine.append(edit())
    assert project.read(ORTIZ).count("A note saved mid-run.") == 1
    assert_whole(project)
    project.generate()
    after = project.read(ORTIZ)
    assert after.count("A note saved mid-run.") == 1
    assert "](../sources/lima.md)" in after
    assert project.generate().written == []


_REGION = re.compile(r"<!-- briefing:begin ([\w-]+) -->\n.*?<!-- briefing:end \1(?: [0-9a-f]{12})? -->", re.S)
