"""A run begins by starting the model loading, before anything else, only when a source is new."""

from __future__ import annotations

import pytest


def test_a_run_starts_the_model_ahead_only_for_a_new_source_and_closes_it_however_it_ends(
        project, settings_for, monkeypatch):
    from filelock import FileLock

    from generator.extract import nlp

    from generator.exceptions import LockedError
    from generator.extract.corpus import begin
    from generator.generate import generate

    settings = settings_for(project)
    generate(settings)
    monkeypatch.setattr(nlp, "_loaded", {})     # as in a new process: the model not loaded here
    unchanged = begin(settings)
    assert unchanged.warm is None           # nothing new: no model loaded, no process started

    (project / "seeds" / "harbour.md").write_text(
        "# Harbour deal\n\nThe port authority of Valdemar signed a lease with Cortez Shipping on 3 May 2021.\n")
    refused = begin(settings)
    assert refused.warm is not None
    with FileLock(str(project / "content" / ".briefing.lock")).acquire(timeout=0):
        with pytest.raises(LockedError):
            generate(settings, extraction=refused)
    with pytest.raises(RuntimeError):       # closed: the worker takes no more work
        refused.warm.pool.submit(int)

    report = generate(settings, extraction=begin(settings))
    assert report.extracted == 1
    assert "sources/harbour.md" in report.written and any("cortez" in p for p in report.written), report.written
