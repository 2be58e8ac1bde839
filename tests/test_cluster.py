"""Extraction on a Dask cluster (`executor: dask`): the same pages as the local executor, the
facts kept in the same cache, and one line, not a traceback, for what is set wrong."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.cli import cli
from generator.config import load_settings
from generator.exceptions import ConfigError

from tests.test_golden import first_difference, generate_golden, tree


@pytest.fixture(scope="module")
def cluster():
    """Two worker processes, one thread each, on this machine: as on separate machines, each
    loads the model itself and gets the sources' text by the network."""
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                                  dashboard_address=None) as local:
        with distributed.Client(local, set_as_default=False) as client:
            yield local.scheduler_address, client


@pytest.mark.slow
def test_a_cluster_of_two_workers_builds_the_bytes_of_the_local_executor(tmp_path, cluster):
    address, client = cluster
    (tmp_path / "local").mkdir()
    (tmp_path / "dask").mkdir()
    local, local_content = generate_golden(tmp_path / "local")
    spread, spread_content = generate_golden(tmp_path / "dask", executor="dask", scheduler=address)
    assert spread.extracted == local.extracted == 5
    assert first_difference(tree(local_content), tree(spread_content)) is None
    # Each worker loaded the model when it joined, and keeps it for every task.
    from generator.extract import nlp

    loaded = client.run(nlp.is_loaded, nlp.choose_model(None))
    assert sorted(loaded.values()) == [True, True]
    # What the workers returned is in the project's cache: a local run parses nothing again.
    (spread_content / "index.md").unlink()
    settings = load_settings(tmp_path / "dask" / "mkdocs.yml")
    settings.jobs = 1
    from generator.generate import generate

    assert generate(settings).extracted == 0
    assert first_difference(tree(local_content), tree(spread_content)) is None


@pytest.mark.slow
def test_a_worker_with_another_generator_or_model_refuses_the_work(tmp_path, cluster):
    from generator.extract import nlp
    from generator.extract.cluster import extract_on_cluster
    from generator.exceptions import BriefingError
    from generator.read.sources import read_sources

    address, _ = cluster
    sources, _ = read_sources(Path(__file__).parent / "golden" / "sources")
    chunks = extract_on_cluster(sources, nlp.choose_model(None), "another pipeline", address)
    with pytest.raises(BriefingError, match="differs from the client's") as raised:
        list(chunks)
    assert "\n" not in raised.value.message


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_an_unreachable_scheduler_is_one_line(tmp_path, monkeypatch):
    dask = pytest.importorskip("dask")
    monkeypatch.chdir(tmp_path)
    (tmp_path / "mkdocs.yml").write_text("site_name: t\nplugins:\n  - briefing:\n      sources: seeds\n"
                                         "      cache_dir: cache\n")
    (tmp_path / "seeds").mkdir()
    (tmp_path / "seeds" / "a.txt").write_text("date 2024-01-02 Norway signed a treaty with Iceland.\n")
    address = f"tcp://127.0.0.1:{_free_port()}"
    with dask.config.set({"distributed.comm.timeouts.connect": "1s"}):
        result = CliRunner().invoke(cli, ["generate", "-q", "-j", "1", "--scheduler", address])
    assert result.exit_code == 1
    assert result.output.count("\n") == 1 and "Traceback" not in result.output
    assert f"Dask scheduler {address}: cannot reach it" in result.output


@pytest.mark.parametrize("options, message", [
    ("executor: ray", "briefing `executor: ray` is not valid; write `local`"),
    ("executor: dask", "`executor: dask` needs the address of a running Dask scheduler"),
    ("executor: dask\n      scheduler: tcp://a host:8786", "briefing `scheduler: tcp://a host:8786` is not valid"),
    ("scheduler: tcp://host:8786", "is for `executor: dask`"),
])
def test_a_wrong_executor_setting_is_named(tmp_path, options, message):
    (tmp_path / "mkdocs.yml").write_text(f"plugins:\n  - briefing:\n      {options}\n")
    with pytest.raises(ConfigError, match=message.replace("`", ".").replace("(", ".")) as raised:
        load_settings(tmp_path / "mkdocs.yml")
    assert "\n" not in str(raised.value)


@pytest.mark.parametrize("args, message", [
    (["--executor", "dask"], "--executor dask needs the address of a running Dask scheduler"),
    (["--scheduler", "not an address"], "--scheduler not an address: not a Dask scheduler's address"),
    (["--executor", "local", "--scheduler", "tcp://h:1"], "--scheduler is for --executor dask"),
])
def test_a_wrong_executor_option_is_named(tmp_path, monkeypatch, args, message):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "mkdocs.yml").write_text("plugins:\n  - briefing\n")
    result = CliRunner().invoke(cli, ["generate", "-q", *args])
    assert result.exit_code == 1 and message in result.output
    assert result.output.count("\n") == 1
