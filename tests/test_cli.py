"""The CLI as a user runs it: exit codes and what it prints. Every command has help."""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.cli import cli

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent


def test_cli_every_command_has_help_with_an_example():
    for name, command in cli.commands.items():
        assert command.help and "Example:" in command.help, name


@pytest.mark.slow
def test_cli_generate_then_export_then_check(project, monkeypatch):
    monkeypatch.chdir(project)
    runner = CliRunner()
    result = runner.invoke(cli, ["generate", "-q", "--jobs", "1"])
    assert result.exit_code == 0, result.output
    exported = runner.invoke(cli, ["export", "--jobs", "1"])
    assert exported.exit_code == 0
    graph = json.loads(exported.stdout)
    assert graph["schema"] == "briefing-graph/2"
    checked = runner.invoke(cli, ["check"])
    assert checked.exit_code == 0, checked.output


@pytest.mark.slow
def test_cli_check_fails_on_an_edited_region_and_the_edit_stays(project, monkeypatch):
    monkeypatch.chdir(project)
    runner = CliRunner()
    assert runner.invoke(cli, ["generate", "-q", "--jobs", "1"]).exit_code == 0
    page = project / "content" / "actors" / "mike-pompeo.md"
    edited = page.read_text().replace("## In the sources", "## In the sources\n\nMy own words.", 1)
    page.write_text(edited)
    result = runner.invoke(cli, ["generate", "-q", "--jobs", "1"])
    assert "mike-pompeo.md" in result.output and "edited by hand" in result.output
    checked = runner.invoke(cli, ["check"])
    assert checked.exit_code == 1
    assert "actors/mike-pompeo.md" in checked.output and "quotes" in checked.output
    assert page.read_text() == edited
    assert (page.parent / "mike-pompeo.md.generated").exists()


def test_cli_unknown_option_in_mkdocs_yml_is_named(tmp_path, monkeypatch):
    (tmp_path / "mkdocs.yml").write_text("site_name: x\nplugins:\n  - briefing:\n      sorces: seeds\n")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(cli, ["check"])
    assert result.exit_code != 0 and "sorces" in result.output


# --- bad options: one clear line, never a traceback, never ignored ------------------------

def one_error(result) -> str:
    """The single line a failed command printed, after checking that it failed that way."""
    assert result.exit_code != 0 and isinstance(result.exception, SystemExit), result.exception
    lines = [line for line in result.output.splitlines() if line.startswith("Error: ")]
    assert len(lines) == 1, result.output
    return lines[0]


@pytest.mark.parametrize("line, named", [
    ("sources: [seeds]", "`sources: [seeds]`"),
    ("jobs: many", "`jobs: many`"),
    ("jobs: -2", "`jobs: -2`"),
    ("max_source_bytes: lots", "`max_source_bytes: lots`"),
    ("cache_dir: {a: 1}", "`cache_dir: {a: 1}`"),
    ("model: 5", "`model: 5`"),
])
@pytest.mark.parametrize("command", ["check", "generate"])
def test_cli_wrong_type_in_mkdocs_yml_is_one_line_naming_it(tmp_path, monkeypatch, line, named, command):
    (tmp_path / "mkdocs.yml").write_text(f"site_name: x\nplugins:\n  - briefing:\n      {line}\n")
    (tmp_path / "seeds").mkdir()
    monkeypatch.chdir(tmp_path)
    error = one_error(CliRunner().invoke(cli, [command]))
    assert "mkdocs.yml" in error and named in error and "write " in error


def test_cli_a_settings_file_that_is_not_there_is_an_error(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "seeds").mkdir()
    for command in ("generate", "check", "export"):
        error = one_error(CliRunner().invoke(cli, [command, "-f", "nope.yml"]))
        assert "nope.yml: settings file not found" in error


def test_cli_outside_a_project_blames_the_missing_mkdocs_yml(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    for command in ("generate", "build", "export", "check"):
        error = one_error(CliRunner().invoke(cli, [command]))
        assert "mkdocs.yml: settings file not found" in error and "project folder" in error
        assert "seeds" not in error
    assert not (tmp_path / "content").exists()


@pytest.mark.parametrize("jobs", ["-1", "-8", "two"])
def test_cli_a_negative_or_wrong_job_count_is_refused(tmp_path, monkeypatch, jobs):
    (tmp_path / "mkdocs.yml").write_text("site_name: x\nplugins:\n  - briefing\n")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(cli, ["generate", "-j", jobs])
    assert result.exit_code == 2 and "'--jobs' / '-j'" in result.output
    assert not (tmp_path / "content").exists()


def test_cli_export_into_a_missing_folder_says_so_before_any_work(tmp_path, monkeypatch):
    (tmp_path / "mkdocs.yml").write_text("site_name: x\nplugins:\n  - briefing\n")
    monkeypatch.chdir(tmp_path)
    error = one_error(CliRunner().invoke(cli, ["export", "-o", "out/graph.json"]))
    assert "out/graph.json: folder out not found" in error and "-o" in error
    assert not (tmp_path / "content").exists()


@pytest.fixture
def site_project(tmp_path) -> Path:
    """A project of one short source, with the repository's site settings."""
    shutil.copy(ROOT / "mkdocs.yml", tmp_path / "mkdocs.yml")
    shutil.copytree(ROOT / "overrides", tmp_path / "overrides")
    (tmp_path / "seeds").mkdir()
    (tmp_path / "seeds" / "kabul.txt").write_text("date 2020-03-01 Ashraf Ghani met Abdullah Abdullah in Kabul.")
    (tmp_path / "content").mkdir()
    return tmp_path


@pytest.mark.slow
def test_cli_build_quiet_never_weakens_strict(site_project, monkeypatch):
    """MkDocs' own -q drops its warnings, and its --strict then passes a broken link."""
    (site_project / "content" / "notes.md").write_text("# Notes\n\nSee [the report](nowhere.md).\n")
    monkeypatch.chdir(site_project)
    quiet = subprocess.run([str(BIN / "briefing"), "build", "-q", "--strict", "-j", "1"],
                           capture_output=True, text=True, timeout=600)
    assert quiet.returncode == 1, quiet.stderr
    assert "nowhere.md" in quiet.stderr and "mkdocs build failed" in quiet.stderr
    assert "INFO" not in quiet.stderr and "pages written" not in quiet.stderr


def _children(pid: int) -> set[int]:
    """Every process below `pid`, from /proc."""
    found, todo = set(), [pid]
    while todo:
        parent = todo.pop()
        for task in Path(f"/proc/{parent}/task").glob("*"):
            try:
                kids = {int(k) for k in (task / "children").read_text().split()}
            except OSError:
                continue
            todo += kids - found
            found |= kids
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state not in ("Z", "X")


def _port_free(port: int) -> bool:
    with socket.socket() as probe:
        try:
            probe.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


@pytest.mark.slow
@pytest.mark.skipif(not Path("/proc/self/task").exists(), reason="reads child processes from /proc")
@pytest.mark.parametrize("how", [signal.SIGTERM, signal.SIGINT])
def test_cli_serve_stops_its_mkdocs_child_when_stopped(site_project, how):
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    serve = subprocess.Popen([str(BIN / "briefing"), "serve", "-q", "-j", "1", "-a", f"127.0.0.1:{port}"],
                             cwd=site_project, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    children: set[int] = set()
    try:
        deadline = time.monotonic() + 300
        while _port_free(port):
            assert serve.poll() is None and time.monotonic() < deadline, "serve did not start"
            time.sleep(0.5)
        children = _children(serve.pid)
        assert children
        serve.send_signal(how)
        serve.wait(timeout=60)
        time.sleep(0.5)
        assert not [pid for pid in children if _alive(pid)]
        assert _port_free(port)
    finally:
        for pid in children | {serve.pid}:
            if _alive(pid):
                os.kill(pid, signal.SIGKILL)
