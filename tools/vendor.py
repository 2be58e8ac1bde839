"""Refresh the JavaScript the site ships (`make vendor`): each package of `vendor.json` is
fetched from the npm registry with `npm pack`, its tarball checked against the pinned
integrity hash, and the listed files copied to `overrides/assets/vendor/NAME/`.

`--upgrade` pins the newest release instead and records its version and integrity. Building
the site never runs this: the vendored files are committed, and the build needs only Python.
"""

from __future__ import annotations

import base64
import hashlib
import json
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
MANIFEST = Path(__file__).with_name("vendor.json")
TARGET = ROOT / "overrides" / "assets" / "vendor"


def npm(*args: str, cwd: Path | None = None) -> str:
    try:
        return subprocess.run(["npm", *args], cwd=cwd, check=True, capture_output=True, text=True).stdout
    except FileNotFoundError:
        sys.exit("vendor: npm is not installed; install Node.js's npm to refresh overrides/assets/vendor/")
    except subprocess.CalledProcessError as err:
        sys.exit(f"vendor: npm {' '.join(args)} failed: {err.stderr.strip().splitlines()[-1:]}")


def integrity(data: bytes) -> str:
    return "sha512-" + base64.b64encode(hashlib.sha512(data).digest()).decode()


def refresh(package: dict, upgrade: bool) -> dict:
    name = package["name"]
    if upgrade:
        info = json.loads(npm("view", name, "version", "dist.integrity", "license", "--json"))
        package = {**package, "version": info["version"], "integrity": info["dist.integrity"],
                   "license": info["license"]}
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        tarball = folder / npm("pack", f"{name}@{package['version']}", "--silent", cwd=folder).strip().splitlines()[-1]
        data = tarball.read_bytes()
        if integrity(data) != package["integrity"]:
            sys.exit(f"vendor: {name}@{package['version']} does not match its pinned integrity hash in "
                     f"{MANIFEST.name}; refusing to vendor it")
        out = TARGET / name
        out.mkdir(parents=True, exist_ok=True)
        with tarfile.open(tarball) as archive:
            for inside, saved in package["files"].items():
                member = archive.extractfile(f"package/{inside}")
                if member is None:
                    sys.exit(f"vendor: {name}@{package['version']} has no {inside}")
                (out / saved).write_bytes(member.read())
        (out / "VERSION").write_text(f"{name} {package['version']} {package['license']} {package['integrity']}\n")
    print(f"vendored {name} {package['version']} ({package['license']})")
    return package


def main(argv: list[str]) -> None:
    upgrade = "--upgrade" in argv
    manifest = json.loads(MANIFEST.read_text())
    manifest["packages"] = [refresh(p, upgrade) for p in manifest["packages"]]
    if upgrade:
        MANIFEST.write_text(json.dumps(manifest, indent=2) + "\n")


if __name__ == "__main__":
    main(sys.argv[1:])
