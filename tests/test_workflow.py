"""The GitHub workflow that users run in their own repositories: valid, and doing what it says.

The slow test runs the workflow's own `run:` steps, read from the file, in a copy of this
repository with a local remote, the way the workflow runs them on a push."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))
WIKI = ROOT / ".github" / "workflows" / "wiki.yml"
BIN = Path(sys.executable).parent          # this environment's `briefing` and `mkdocs`


def lint(*files: Path) -> subprocess.CompletedProcess:
    return subprocess.run([str(BIN / "check-jsonschema"), "--builtin-schema", "vendor.github-workflows",
                           *map(str, files)], capture_output=True, text=True)


def load(path: Path) -> dict:
    workflow = yaml.safe_load(path.read_text())
    workflow["on"] = workflow.pop(True, workflow.get("on"))   # YAML 1.1 reads the key `on` as true
    return workflow


def test_workflow_files_pass_the_schema_linter():
    assert WORKFLOWS
    result = lint(*WORKFLOWS)
    assert result.returncode == 0, result.stdout + result.stderr


def test_workflow_linter_catches_a_misspelt_key(tmp_path):
    broken = tmp_path / "broken.yml"
    broken.write_text(WIKI.read_text().replace("runs-on:", "runs_on:", 1))
    assert lint(broken).returncode != 0


def test_workflow_runs_on_new_sources_and_by_hand_and_deploys_with_the_pages_actions():
    workflow = load(WIKI)
    assert "seeds/**" in workflow["on"]["push"]["paths"]
    assert "workflow_dispatch" in workflow["on"]
    steps = [s for job in workflow["jobs"].values() for s in job["steps"]]
    used = {s["uses"].split("@")[0] for s in steps if "uses" in s}
    assert {"actions/setup-python", "actions/cache", "actions/configure-pages",
            "actions/upload-pages-artifact", "actions/deploy-pages"} <= used
    python = next(s for s in steps if s.get("uses", "").startswith("actions/setup-python"))
    assert python["with"]["cache"] == "pip"
    cache = next(s for s in steps if s.get("uses", "").startswith("actions/cache"))
    assert cache["with"]["path"] == ".briefing-cache"
    assert workflow["jobs"]["deploy"]["permissions"] == {"pages": "write", "id-token": "write"}


def test_workflow_rebuilds_when_the_generator_or_its_pins_change():
    paths = load(WIKI)["on"]["push"]["paths"]
    for changed in ("generator/**", "pyproject.toml", "requirements.lock", "requirements-bootstrap.lock",
                    "overrides/**", "mkdocs.yml", "content/**"):
        assert changed in paths, changed


def test_every_job_has_a_time_limit():
    jobs = load(WIKI)["jobs"]
    assert all(0 < job.get("timeout-minutes", 0) <= 60 for job in jobs.values()), \
        {name: job.get("timeout-minutes") for name, job in jobs.items()}


def test_the_job_that_installs_packages_cannot_write_and_the_one_that_writes_installs_nothing():
    workflow = load(WIKI)
    assert workflow["permissions"] == {"contents": "read"}
    for name, job in workflow["jobs"].items():
        runs = " ".join(step.get("run", "") for step in job["steps"])
        writes = {key for key, value in (job.get("permissions") or {}).items() if value == "write"}
        installs = "pip install" in runs or any("setup-python" in step.get("uses", "") for step in job["steps"])
        assert not (installs and writes & {"contents", "pull-requests"}), name
    assert workflow["jobs"]["save"]["permissions"] == {"contents": "write", "pull-requests": "write"}
    checkout = next(s for s in workflow["jobs"]["build"]["steps"] if "checkout" in s.get("uses", ""))
    assert checkout["with"]["persist-credentials"] is False     # the token stays out of its reach


def test_the_install_step_bootstraps_the_pinned_pip_first():
    install = next(s for s in load(WIKI)["jobs"]["build"]["steps"] if s.get("id") == "install")
    lines = [line.strip() for line in install["run"].splitlines() if line.strip()]
    assert "requirements-bootstrap.lock" in lines[0] and "--require-hashes" in lines[0]
    assert "requirements.lock" in lines[1] and "--require-hashes" in lines[1]


# --- the steps themselves ------------------------------------------------------------

NEW_SOURCE = """---
title: UN envoy Deborah Lyons meets Taliban negotiators in Doha
date: 2020-04-14
publisher: Example Wire
---

United Nations envoy Deborah Lyons met Taliban negotiators in Doha on Tuesday to discuss the
release of prisoners.

Lyons said the talks had been constructive, and that the Afghan government would send a
delegation to Doha the following week.
"""


def git(repo: Path, *args: str) -> str:
    return subprocess.run(["git", "-c", "user.name=Test", "-c", "user.email=test@example.invalid", *args],
                          cwd=repo, check=True, capture_output=True, text=True).stdout


class Runner:
    """Runs a job's steps by id, as the runner does: bash -eo pipefail, the job's and the step's
    environment (values the test cannot evaluate, `${{ }}`, replaced by its own). Every job
    shares one RUNNER_TEMP, which stands for the artifact the build job hands to the save job."""

    def __init__(self, repo: Path, tools: Path):
        self.repo, self.tools = repo, tools
        self.jobs = load(repo / ".github" / "workflows" / "wiki.yml")["jobs"]
        self.output = repo.parent / "github-output"
        self.temp = repo.parent / "runner-temp"
        self.temp.mkdir(exist_ok=True)

    def run(self, job_name: str, ids: list[str], publish: str, run_id: int,
            cwd: Path | None = None) -> dict[str, str]:
        job = self.jobs[job_name]
        steps = {s["id"]: s for s in job["steps"] if "id" in s}
        self.output.write_text("")
        for step_id in ids:
            step = steps[step_id]
            env = {k: v for k, v in os.environ.items() if not k.startswith("BRIEFING_")}
            for key, value in {**job.get("env", {}), **step.get("env", {})}.items():
                if "${{" not in str(value):
                    env[key] = str(value)
            env.update(PATH=f"{self.tools}{os.pathsep}{BIN}{os.pathsep}{os.environ['PATH']}", CI="true",
                       PUBLISH=publish, BRANCH="main", GH_TOKEN="", GITHUB_RUN_ID=str(run_id),
                       GITHUB_OUTPUT=str(self.output), RUNNER_TEMP=str(self.temp))
            done = subprocess.run(["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", step["run"]],
                                  cwd=cwd or self.repo, env=env, capture_output=True, text=True)
            assert done.returncode == 0, f"step {step_id} failed:\n{done.stdout}\n{done.stderr}"
        return dict(line.split("=", 1) for line in self.output.read_text().split())

    def build(self, ids: list[str], run_id: int) -> bool:
        """The build job's steps; whether it regenerated any page."""
        return self.run("build", [*ids, "changes"], "", run_id) == {"changed": "true"}

    def save(self, publish: str, run_id: int) -> dict[str, str]:
        """The save job's steps in a fresh checkout of the commit that was built, as on a runner."""
        checkout = self.repo.parent / f"save-{run_id}"
        git(self.repo.parent, "clone", "-q", str(self.repo.parent / "origin.git"), checkout.name)
        git(checkout, "checkout", "-q", git(self.repo, "rev-parse", "HEAD").strip())
        return self.run("save", ["save"], publish, run_id, cwd=checkout)


@pytest.fixture
def repo(tmp_path) -> Path:
    """A clone-like copy of this repository (tracked files only) that pushes to a local remote."""
    if not (ROOT / ".git").exists() or not (BIN / "briefing").exists():
        pytest.skip("needs a git checkout and the project's environment")
    files = subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, check=True, capture_output=True).stdout
    copy = tmp_path / "repo"
    for name in filter(None, files.decode().split("\0")):
        if (ROOT / name).is_file():
            (copy / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / name, copy / name)
    git(tmp_path, "init", "-q", "--bare", "-b", "main", "origin.git")
    git(copy, "init", "-q", "-b", "main")
    git(copy, "add", "-A")
    git(copy, "commit", "-q", "-m", "baseline")
    git(copy, "remote", "add", "origin", str(tmp_path / "origin.git"))
    git(copy, "push", "-q", "origin", "main")
    return copy


@pytest.mark.slow
def test_workflow_steps_publish_a_new_source(repo, tmp_path):
    tools = tmp_path / "tools"              # `gh` as the workflow calls it: records its arguments
    tools.mkdir()
    (tools / "gh").write_text(f'#!/bin/sh\nprintf "%s\\n" "$@" > "{tmp_path}/gh-args"\n')
    (tools / "gh").chmod(0o755)
    runner = Runner(repo, tools)
    assert not runner.build(["generate"], 1)                # the run before: pages up to date
    before = json.loads((repo / "content" / ".briefing" / "graph.json").read_text())

    (repo / "seeds" / "un-envoy-in-doha.md").write_text(NEW_SOURCE)
    git(repo, "add", "seeds")
    git(repo, "commit", "-q", "-m", "Add a source")
    git(repo, "push", "-q", "origin", "main")
    assert runner.build(["generate", "check", "build"], 2)
    # Someone pushes while the wiki builds: the save job rebases once and pushes.
    elsewhere = tmp_path / "elsewhere"
    git(tmp_path, "clone", "-q", str(tmp_path / "origin.git"), elsewhere.name)
    (elsewhere / "NOTES.md").write_text("Pushed while the wiki was being built.\n")
    git(elsewhere, "add", "NOTES.md")
    git(elsewhere, "commit", "-q", "-m", "A push during the build")
    git(elsewhere, "push", "-q", "origin", "main")
    assert runner.save("commit", 2) == {"deploy": "true"}
    git(repo, "fetch", "-q", "origin")
    log = git(repo, "log", "--format=%s", "origin/main", "-3").splitlines()
    assert log[:2] == ["Regenerate the wiki from seeds/", "A push during the build"]

    after = json.loads((repo / "content" / ".briefing" / "graph.json").read_text())
    new = {kind: [x for x in after[kind] if x["id"] not in {y["id"] for y in before[kind]}]
           for kind in ("sources", "actors", "events")}
    assert [s["path"] for s in new["sources"]] == ["un-envoy-in-doha.md"]
    new["sources"] = [{**s, "page": f"sources/{s['id']}.md"} for s in new["sources"]]
    assert "Deborah Lyons" in {a["name"] for a in new["actors"]}
    assert new["events"], "no event found in the new source"
    whats_new = (repo / "content" / "whats-new.md").read_text()
    for item in new["sources"] + new["actors"] + [e for e in new["events"] if e["page"] is not None]:
        assert f"]({item['page']})" in whats_new, item["id"]
        html = repo / "site" / item["page"].removesuffix(".md") / "index.html"
        assert html.exists(), item["page"]
    assert (repo / "site" / "whats-new" / "index.html").exists()
    pushed = git(repo, "ls-tree", "-r", "--name-only", "origin/main")
    assert "content/whats-new.md" in pushed and "content/.briefing/graph.json" in pushed
    assert all(f"content/{item['page']}" in pushed for item in new["actors"] + new["events"] if item["page"])
    assert git(repo, "diff", "origin/main", "--", "content") == ""

    # The same change taken back, saved as a pull request: a branch, and no deployment yet.
    git(repo, "reset", "-q", "--hard", "origin/main")
    git(repo, "rm", "-q", "seeds/un-envoy-in-doha.md")
    git(repo, "commit", "-q", "-m", "Take the source back")
    git(repo, "push", "-q", "origin", "main")
    assert runner.build(["generate", "check"], 3)
    assert runner.save("pull-request", 3) == {"deploy": "false"}
    git(repo, "fetch", "-q", "origin")
    branch = "briefing/regenerate-3"
    assert branch in git(repo, "ls-remote", "--heads", "origin")
    assert "content/actors/deborah-lyons.md" not in git(repo, "ls-tree", "-r", "--name-only", f"origin/{branch}")
    gh = (tmp_path / "gh-args").read_text().split("\n")
    assert gh[:2] == ["pr", "create"] and gh[gh.index("--base") + 1] == "main"
    assert "Deborah Lyons" in git(repo, "show", f"origin/{branch}:content/whats-new.md")
