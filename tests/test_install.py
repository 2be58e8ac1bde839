"""`make install` on a fresh machine installs exactly the locked versions, whatever the index has
published since the lock was made.

The pip bundled with the interpreter re-resolves a requirement with extras (justext needs
`lxml[html_clean]`) against the newest release it can see, and `--require-hashes` then refuses the
install. The wheel directory below holds every locked wheel plus the newest release of each locked
package that another one requires with extras, as the index does today; the install runs offline
from it, with the interpreter's bundled pip, through the Makefile's own recipe."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from importlib import metadata
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from packaging.version import Version

ROOT = Path(__file__).resolve().parents[1]
LOCKS = [ROOT / "requirements-bootstrap.lock", ROOT / "requirements.lock"]
PINNED = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==([^\s\\;]+)", re.MULTILINE)

pytestmark = pytest.mark.install


def locked_versions() -> dict[str, str]:
    return {canonicalize_name(name): version
            for lock in LOCKS for name, version in PINNED.findall(lock.read_text())}


def required_with_extras(locked: dict[str, str]) -> set[str]:
    """Locked packages that another locked package requires with extras, read from the
    metadata of this environment (which was installed from the same lock)."""
    wanted = set()
    for name in locked:
        try:
            requires = metadata.requires(name) or []
        except metadata.PackageNotFoundError:
            continue
        for line in requires:
            requirement = Requirement(line)
            if requirement.extras and canonicalize_name(requirement.name) in locked:
                wanted.add(canonicalize_name(requirement.name))
    return wanted


def pip_download(*args: str, into: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "pip", "download", "--quiet", "--no-deps",
                           "--only-binary=:all:", "--dest", str(into), *args],
                          capture_output=True, text=True)


@pytest.fixture(scope="module")
def wheelhouse(tmp_path_factory) -> tuple[Path, list[str]]:
    """The locked wheels and the newer releases that break an unpinned installer.
    Filled from the package index; the test skips when the index cannot be reached."""
    wheels = tmp_path_factory.mktemp("wheelhouse")
    args = [arg for lock in LOCKS for arg in ("--require-hashes", "-r", str(lock))]
    done = pip_download(*args, into=wheels)
    if done.returncode != 0:
        pytest.skip(f"the package index cannot be reached: {done.stderr.strip().splitlines()[-1:]}")
    locked = locked_versions()
    newer = []
    for name in sorted(required_with_extras(locked)):
        if pip_download(f"{name}>{locked[name]}", into=wheels).returncode == 0:
            newer.append(name)
    return wheels, newer


def test_a_fresh_install_takes_the_locked_version_of_everything(wheelhouse, tmp_path):
    if shutil.which("make") is None:
        pytest.skip("needs make")
    wheels, newer = wheelhouse
    locked = locked_versions()
    in_house = {canonicalize_name(p.name.split("-")[0]): Version(p.name.split("-")[1])
                for p in wheels.glob("*.whl")}
    for name in newer:      # the trap is set: a newer release than the lock's sits beside it
        assert any(Version(w.name.split("-")[1]) > Version(locked[name])
                   for w in wheels.glob(f"{name.replace('-', '_')}-*.whl")), name
    assert all(name in in_house for name in locked)

    venv = tmp_path / "venv"
    env = {**os.environ, "PIP_CONFIG_FILE": os.devnull, "PIP_NO_INDEX": "1",
           "PIP_FIND_LINKS": str(wheels), "PIP_NO_CACHE_DIR": "1"}
    env.pop("PIP_CONSTRAINT", None)
    done = subprocess.run(["make", "--no-print-directory", "-C", str(ROOT), "install", f"VENV={venv}",
                           f"PYTHON={sys._base_executable}"],
                          env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    assert "Deprecat" not in done.stdout + done.stderr, "the install printed deprecation warnings"

    listing = subprocess.run([str(venv / "bin" / "python"), "-c",
                              "import importlib.metadata as m, json; "
                              "print(json.dumps({d.metadata['Name']: d.version for d in m.distributions()}))"],
                             capture_output=True, text=True, check=True)
    installed = {canonicalize_name(name): version for name, version in json.loads(listing.stdout).items()}
    installed.pop("briefing-wiki")
    wrong = {name: (version, locked.get(name)) for name, version in installed.items()
             if locked.get(name) != version}
    assert not wrong, f"installed (version, locked version): {wrong}"
    assert set(installed) == set(locked)
