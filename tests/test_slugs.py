"""Slugs: safe, non-empty, bounded, deterministic and unique, whatever the names."""

from __future__ import annotations

import posixpath
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.read.slugs import MAX_LENGTH, RESERVED, slug, source_ids, unique_slugs
from generator.render.renderer import page_path

SAFE = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
hostile = st.one_of(st.sampled_from(["../../etc/passwd", "<script>alert(1)</script>", "Ali Khan / Jr",
                                     "😀", "محمد عبدالله", "משה כהן", "x" * 300, "Index", "", " - "]),
                    st.text(max_size=120))


@pytest.mark.parametrize("name, made", [
    ("Ali Khan / Jr", "ali-khan-jr"),
    ("../../etc/passwd", "etc-passwd"),
    ("<script>alert(1)</script>", "script-alert-1-script"),
    ("Иван Петров", "ivan-petrov"),
])
def test_slugs_make_names_into_file_names(name, made):
    assert slug(name) == made


def test_slugs_names_with_no_ascii_letters_keep_distinct_pages():
    assert slug("😀").startswith("untitled-") and slug("😀") != slug("🙂")


def test_slugs_clash_and_reserved_names_get_a_counter_in_sort_order():
    assert unique_slugs([("Иван Петров", "ivan-petrov"), ("Ivan Petrov", "ivan-petrov"), ("Index", "index")]) == [
        "ivan-petrov-2", "ivan-petrov", "index-2"]


@settings(derandomize=True, max_examples=300, deadline=None)
@given(hostile)
def test_slugs_are_safe_bounded_and_deterministic(name):
    made = slug(name)
    assert SAFE.fullmatch(made) and len(made) <= MAX_LENGTH
    assert made == slug(name)
    path = posixpath.normpath(posixpath.join("content", page_path("actor", made)))
    assert path.startswith("content/actors/") and path.count("/") == 2


@settings(derandomize=True, max_examples=200, deadline=None)
@given(st.lists(hostile, max_size=12), st.randoms(use_true_random=False))
def test_slugs_unique_whatever_the_order(names, random):
    items = [(name, slug(name)) for name in names]
    made = unique_slugs(items)
    assert len(set(made)) == len(made) and not set(made) & RESERVED
    assert all(SAFE.fullmatch(m) for m in made)
    shuffled = list(zip(items, made))
    random.shuffle(shuffled)
    again = unique_slugs([item for item, _ in shuffled])
    assert sorted(zip([item for item, _ in shuffled], again)) == sorted(zip(items, made))


paths = st.lists(st.text(min_size=1, max_size=60).filter(lambda p: p.strip("/")).map(
    lambda p: p.strip("/") + ".txt"), max_size=10)


@settings(derandomize=True, max_examples=200, deadline=None)
@given(paths, st.randoms(use_true_random=False))
def test_slugs_of_source_paths_are_unique_safe_and_stable(names, random):
    ids = source_ids(names)
    assert set(ids) == set(names)
    assert len(set(ids.values())) == len(ids) and not set(ids.values()) & RESERVED
    assert all(SAFE.fullmatch(i) and len(i) <= 100 for i in ids.values())
    random.shuffle(names)
    assert source_ids(names) == ids
