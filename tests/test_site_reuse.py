"""A site build renders only the pages whose inputs changed, and leaves the site a full build
would: after sources are added, changed and removed, pages edited or hidden by hand, settings
changed, or the site folder or the stored pages tampered with, every file of the site has the
bytes a build from nothing gives it, and strict mode still fails on what a full build reports."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

STORIES = {
    "a.txt": "date 2021-03-02\nThe Harbor Authority signed a lease with Norvale Shipping on Monday. "
             "Norvale Shipping said the lease covers two berths in Portmere.\n",
    "b.txt": "date 2021-03-09\nNorvale Shipping opened a new terminal in Portmere on Tuesday. "
             "Mayor Ellen Brack attended the opening with the Harbor Authority.\n",
    "c.txt": "date 2021-03-16\nMayor Ellen Brack criticised the Harbor Authority on Friday. "
             "She said the lease with Norvale Shipping was signed without a public hearing.\n",
}
NEW_STORY = ("date 2021-03-23\nThe Portmere council voted to review the lease on Monday. "
             "Mayor Ellen Brack welcomed the review, and Norvale Shipping declined to comment.\n")


@pytest.fixture
def wiki(tmp_path) -> Path:
    shutil.copy(ROOT / "mkdocs.yml", tmp_path / "mkdocs.yml")
    shutil.copytree(ROOT / "overrides", tmp_path / "overrides")
    (tmp_path / "seeds").mkdir()
    for name, text in STORIES.items():
        (tmp_path / "seeds" / name).write_text(text, encoding="utf-8")
    (tmp_path / "content").mkdir()
    return tmp_path


def build(root: Path, strict: bool = True, **env: str) -> subprocess.CompletedProcess:
    """`mkdocs build`, which generates first, as a user runs it."""
    return subprocess.run([sys.executable, "-m", "mkdocs", "build"] + ["--strict" if strict else "--no-strict"],
                          cwd=root, capture_output=True, text=True, timeout=600, env={**os.environ, **env})


def kept(done: subprocess.CompletedProcess) -> int:
    found = re.search(r"briefing: (\d+) of \d+ pages kept", done.stderr)
    return int(found.group(1)) if found else 0


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def full_build(root: Path) -> dict[str, bytes]:
    """The site a build that keeps nothing gives, from the same content."""
    for record in (root / ".briefing-cache" / "site").glob("*.json"):
        record.unlink()
    done = build(root)
    assert done.returncode == 0, done.stderr
    assert kept(done) == 0
    return snapshot(root / "site")


def incremental(root: Path) -> tuple[dict[str, bytes], int]:
    done = build(root)
    assert done.returncode == 0, done.stderr
    return snapshot(root / "site"), kept(done)


def assert_same(incremental_site: dict[str, bytes], full_site: dict[str, bytes]) -> None:
    assert sorted(incremental_site) == sorted(full_site)
    differ = [path for path in full_site if incremental_site[path] != full_site[path]]
    assert differ == []


def actor_page(root: Path, name: str) -> Path:
    return next(p for p in (root / "content" / "actors").glob("*.md") if p.stem == name)


def test_a_rebuild_with_nothing_changed_keeps_every_page_but_the_navigation(wiki):
    first = build(wiki)
    assert first.returncode == 0, first.stderr
    before = snapshot(wiki / "site")
    after, count = incremental(wiki)
    pages = len(list((wiki / "content").rglob("*.md")))
    assert count >= pages - 8          # the pages in the navigation are always rendered
    assert after == before


def test_adding_changing_and_removing_sources_leaves_the_site_of_a_full_build(wiki):
    assert build(wiki).returncode == 0
    steps = [
        lambda: (wiki / "seeds" / "d.txt").write_text(NEW_STORY, encoding="utf-8"),
        lambda: (wiki / "seeds" / "b.txt").write_text(
            STORIES["b.txt"].replace("a new terminal", "a second terminal"), encoding="utf-8"),
        lambda: (wiki / "seeds" / "a.txt").unlink(),
    ]
    for step in steps:
        step()
        site, count = incremental(wiki)
        assert count > 0, "the build kept no page"
        assert_same(site, full_build(wiki))
    # The story that was added has its page, and the one that was removed has none.
    assert any("second terminal" in text.decode() for text in site.values())
    assert not any("two berths" in text.decode() for path, text in site.items() if path.endswith(".html"))


def test_hand_edits_and_hidden_pages_leave_the_site_of_a_full_build(wiki):
    assert build(wiki).returncode == 0
    page = actor_page(wiki, "ellen-brack")
    text = page.read_text(encoding="utf-8")
    page.write_text(text.replace("\n---\n", "\n---\n\nA note written by hand: Portmere's mayor.\n", 1),
                    encoding="utf-8")
    site, count = incremental(wiki)
    assert count > 0
    assert_same(site, full_build(wiki))
    assert "A note written by hand" in site["actors/ellen-brack/index.html"].decode()

    hidden = next((wiki / "content" / "events").glob("*criticises*.md"))
    hidden.write_text(hidden.read_text(encoding="utf-8").replace("---\n", "---\nhide: true\n", 1),
                      encoding="utf-8")
    site, count = incremental(wiki)
    assert count > 0
    assert f"events/{hidden.stem}/index.html" not in site
    assert_same(site, full_build(wiki))


def test_a_changed_setting_renders_every_page(wiki):
    assert build(wiki).returncode == 0
    config = wiki / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("site_name: Briefing", "site_name: Portmere"),
                      encoding="utf-8")
    site, count = incremental(wiki)
    assert count == 0
    assert "Portmere" in site["actors/ellen-brack/index.html"].decode()


def test_a_setting_read_from_the_environment_renders_every_page_when_it_changes(wiki):
    """mkdocs.yml takes the address the site is published at from SITE_URL: every page's
    canonical link names it."""
    assert build(wiki, SITE_URL="https://one.example/").returncode == 0
    done = build(wiki, SITE_URL="https://two.example/")
    assert done.returncode == 0 and kept(done) == 0
    assert "https://two.example/actors/ellen-brack/" in (wiki / "site/actors/ellen-brack/index.html").read_text()


def test_a_site_folder_changed_by_hand_or_lost_is_made_whole(wiki):
    assert build(wiki).returncode == 0
    expected = snapshot(wiki / "site")
    tampered = wiki / "site" / "actors" / "ellen-brack" / "index.html"
    tampered.write_text("tampered", encoding="utf-8")
    (wiki / "site" / "stray.html").write_text("left over", encoding="utf-8")
    # A build stopped half way leaves the last site set aside.
    (wiki / ".site.briefing-last" / "x").mkdir(parents=True)
    site, count = incremental(wiki)
    assert count > 0
    assert site == expected
    assert not (wiki / ".site.briefing-last").exists()

    shutil.rmtree(wiki / "site")       # as on a CI runner, which keeps only the cache folder
    site, count = incremental(wiki)
    assert count > 0
    assert site == expected


def test_a_damaged_stored_page_is_rendered_again(wiki):
    assert build(wiki).returncode == 0
    expected = snapshot(wiki / "site")
    shutil.rmtree(wiki / "site")
    for stored in (wiki / ".briefing-cache" / "site" / "html").iterdir():
        stored.write_bytes(b"x" * stored.stat().st_size)
    site, count = incremental(wiki)
    assert count == 0
    assert site == expected


def test_strict_mode_fails_on_a_broken_link_in_every_build_not_only_the_first(wiki):
    assert build(wiki).returncode == 0
    notes = wiki / "content" / "notes.md"
    notes.write_text("# Notes\n\nSee [the lost page](missing.md).\n", encoding="utf-8")
    assert build(wiki).returncode != 0
    assert build(wiki).returncode != 0
    notes.write_text("# Notes\n\nSee [the mayor](actors/ellen-brack.md).\n", encoding="utf-8")
    assert build(wiki).returncode == 0


def test_links_to_anchors_of_kept_pages_are_checked(wiki):
    assert build(wiki).returncode == 0
    source = next((wiki / "content" / "sources").glob("*.md")).relative_to(wiki / "content").as_posix()
    notes = wiki / "content" / "notes.md"
    notes.write_text(f"# Notes\n\n[The first sentence]({source}#s1).\n", encoding="utf-8")
    done = build(wiki)
    assert done.returncode == 0, done.stderr
    assert kept(done) > 0
    notes.write_text(f"# Notes\n\n[No such sentence]({source}#s999).\n", encoding="utf-8")
    done = build(wiki)
    assert done.returncode != 0
    assert "s999" in done.stderr


def test_a_page_whose_link_target_is_removed_renders_again(wiki):
    """A link is written as the address of the page it names only while that page exists: a
    page kept with the link of the last build would point at nothing without a word."""
    (wiki / "content" / "notes.md").write_text("# Notes\n\nSee [the extra notes](extra.md).\n", encoding="utf-8")
    (wiki / "content" / "extra.md").write_text("# Extra notes\n\nNothing yet.\n", encoding="utf-8")
    assert build(wiki).returncode == 0
    assert build(wiki).returncode == 0          # notes.md now kept
    (wiki / "content" / "extra.md").unlink()
    done = build(wiki, strict=False)
    assert done.returncode == 0 and "extra.md" in done.stderr
    site = snapshot(wiki / "site")
    assert 'href="extra.md"' in site["notes/index.html"].decode()
    for record in (wiki / ".briefing-cache" / "site").glob("*.json"):
        record.unlink()
    assert build(wiki, strict=False).returncode == 0
    assert_same(site, snapshot(wiki / "site"))


def test_a_build_that_stops_before_writing_keeps_the_last_site(wiki):
    """As without kept pages: MkDocs empties the site folder only once generation is done."""
    assert build(wiki).returncode == 0
    before = snapshot(wiki / "site")
    shutil.move(wiki / "seeds", wiki / "elsewhere")
    done = build(wiki)
    assert done.returncode != 0
    assert snapshot(wiki / "site") == before
    assert not (wiki / ".site.briefing-last").exists()
