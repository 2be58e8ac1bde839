"""The read stage for content/: the pages as a human left them, and the curation in them.

A page the generator wrote and nobody touched since (`clean`, known from the build record by
its size and time) is not read: it holds no human decision.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from generator.config import Settings
from generator.exceptions import Problem
from .curation import Curation, read_curation, read_page_curation
from .pages import is_listing, read_pages


@dataclass
class Content:
    files: dict[str, tuple[int, int]]       # every file of content/ as the run found it: (size, time)
    clean: set[str]                         # pages as the generator wrote them: not read
    pages: dict[str, str]                   # path -> text of every other page
    curated: dict[str, dict]                # path -> the curation keys a human set in it
    curation: Curation                      # mkdocs.yml's and the actor pages' curation
    problems: list[Problem] = field(default_factory=list)

    def read_moved(self, folder: Path, usual: set[str]) -> None:
        """Read the clean pages that are not where a page of the graph would be (`usual`): a
        human moved (renamed) them, and the stamp in each tells which entity it is for."""
        unplaced = {p: self.files[p] for p in self.clean if p not in usual and p.endswith(".md")
                    and not is_listing(p) and not p.startswith("sources/")}
        self.pages.update(read_pages(folder, files=unplaced))


def read_content(settings: Settings, files: dict[str, tuple[int, int]], clean: set[str],
                 last_good: dict[str, dict]) -> Content:
    """The pages of content/ but the clean ones, and their curation. `last_good`: the curation
    each page set when it last could be read (see `read_page_curation`)."""
    pages = read_pages(settings.content, skip=clean, files=files)
    curated, problems = read_page_curation(pages, last_good)
    return Content(files, clean, pages, curated, read_curation(settings, curated, pages), problems)
