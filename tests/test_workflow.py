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
    """Runs the build job's steps by id, as the runner does: bash -eo pipefail, the job's and
    the step's environment (values the test cannot evaluate, `${{ }}`, replaced by its own)."""

    def __init__(self, repo: Path, tools: Path):
        self.repo, self.tools = repo, tools
        self.job = load(repo / ".github" / "workflows" / "wiki.yml")["jobs"]["build"]
        self.steps = {s["id"]: s for s in self.job["steps"] if "id" in s}
        self.output = repo.parent / "github-output"

    def run(self, ids: list[str], publish: str, run_id: int) -> dict[str, str]:
        self.output.write_text("")
        for step_id in ids:
            step = self.steps[step_id]
            env = {k: v for k, v in os.environ.items() if not k.startswith("BRIEFING_")}
            for key, value in {**self.job.get("env", {}), **step.get("env", {})}.items():
                if "${{" not in str(value):
                    env[key] = str(value)
            env.update(PATH=f"{self.tools}{os.pathsep}{BIN}{os.pathsep}{os.environ['PATH']}", CI="true",
                       PUBLISH=publish, BRANCH="main", GH_TOKEN="", GITHUB_RUN_ID=str(run_id),
                       GITHUB_OUTPUT=str(self.output))
            done = subprocess.run(["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", step["run"]],
                                  cwd=self.repo, env=env, capture_output=True, text=True)
            assert done.returncode == 0, f"step {step_id} failed:\n{done.stdout}\n{done.stderr}"
        return dict(line.split("=", 1) for line in self.output.read_text().split())


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
    runner.run(["generate", "save"], "commit", 1)           # the run before: pages up to date
    before = json.loads((repo / "content" / ".briefing" / "graph.json").read_text())

    (repo / "seeds" / "un-envoy-in-doha.md").write_text(NEW_SOURCE)
    git(repo, "add", "seeds")
    git(repo, "commit", "-q", "-m", "Add a source")
    assert runner.run(["generate", "check", "build", "save"], "commit", 2) == {"deploy": "true"}

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
    assert all(f"content/{item['page']}" in pushed for item in new["actors"] + new["events"])
    assert git(repo, "status", "--porcelain", "content") == ""

    # The same change taken back, saved as a pull request: a branch, and no deployment yet.
    (repo / "seeds" / "un-envoy-in-doha.md").unlink()
    assert runner.run(["generate", "check", "save"], "pull-request", 3) == {"deploy": "false"}
    branch = "briefing/regenerate-3"
    assert branch in git(repo, "ls-remote", "--heads", "origin")
    assert "content/actors/deborah-lyons.md" not in git(repo, "ls-tree", "-r", "--name-only", f"origin/{branch}")
    gh = (tmp_path / "gh-args").read_text().split("\n")
    assert gh[:2] == ["pr", "create"] and gh[gh.index("--base") + 1] == "main"
    assert "Deborah Lyons" in git(repo, "show", f"origin/{branch}:content/whats-new.md")
