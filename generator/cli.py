"""The `briefing` command. Only click code: each command calls one function and reports."""

from __future__ import annotations

import gc
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import click

from .exceptions import BriefingError

_folder = click.Path(file_okay=False, path_type=Path)
_ended_by_exit: list | None = None     # set by `main`: what runs made, left for the exit to free


def _common(command):
    command = click.option("--jobs", "-j", type=click.IntRange(min=0), default=None,
                           help="Processes for extraction and for writing pages (default, or 0: all cores).")(command)
    command = click.option("--quiet", "-q", is_flag=True, help="Print only problems.")(command)
    command = click.option("--content", type=_folder, default=None, help="Pages folder (default: docs_dir of mkdocs.yml).")(command)
    command = click.option("--sources", type=_folder, default=None, help="Source documents (default: from mkdocs.yml).")(command)
    command = click.option("--config-file", "-f", type=click.Path(dir_okay=False, path_type=Path),
                           default=None, help="Settings file (default: mkdocs.yml here).")(command)
    return command


def _executor(command):
    """Where sources are parsed, for the commands that parse them."""
    command = click.option("--scheduler", default=None, metavar="ADDRESS",
                           help="Dask scheduler address, such as tcp://scheduler-host:8786; "
                                "implies --executor dask.")(command)
    command = click.option("--executor", type=click.Choice(["local", "dask"]), default=None,
                           help="Parse sources here (local) or on a Dask cluster (dask) "
                                "(default: executor in mkdocs.yml, else local).")(command)
    return command


def _settings(config_file, sources, content, jobs, folders=("sources", "content"), executor=None,
              scheduler=None):
    """The settings; mkdocs.yml must be there unless named nowhere and the command line gives
    every folder the command needs (`folders`)."""
    from .config import load_settings

    given = {"sources": sources, "content": content}
    required = config_file is not None or any(given[f] is None for f in folders)
    settings = load_settings(config_file, sources, content, required=required)
    if jobs is not None:
        settings.jobs = jobs
    return _with_executor(settings, executor, scheduler)


def _with_executor(settings, executor, scheduler):
    """The command line's executor over mkdocs.yml's: --scheduler alone means dask there."""
    from .config import is_address

    if scheduler is not None:
        if not is_address(scheduler):
            raise BriefingError(f"--scheduler {scheduler}: not a Dask scheduler's address; write one "
                                "such as tcp://scheduler-host:8786")
        if executor == "local":
            raise BriefingError("--scheduler is for --executor dask: give one or the other")
        settings.executor, settings.scheduler = "dask", scheduler
    elif executor == "local":
        settings.executor, settings.scheduler = "local", None
    elif executor == "dask":
        if not settings.scheduler:
            raise BriefingError("--executor dask needs the address of a running Dask scheduler: add "
                                "--scheduler tcp://scheduler-host:8786, or `scheduler:` in mkdocs.yml")
        settings.executor = "dask"
    return settings


def _run_generate(config_file, sources, content, quiet, jobs, strict=False, need_graph=False,
                  executor=None, scheduler=None):
    """Generate and print one line per problem. Problems are warnings: the pages are written
    all the same, and only `--strict` turns them into a failure (exit code 1)."""
    from generator.extract.corpus import begin

    settings = _settings(config_file, sources, content, jobs, executor=executor, scheduler=scheduler)
    # First: a worker loads the model, if there is new text, while the rest is imported.
    extraction = begin(settings)
    from .generate import generate
    from .progress import for_terminal

    bars = for_terminal(quiet)
    try:
        report = generate(settings, bars, need_graph=need_graph, extraction=extraction)
    finally:
        getattr(bars, "close", lambda: None)()
    for problem in report.problems:
        click.echo(str(problem), err=True)
    problems = [p for p in report.problems if p.severity != "note"]
    if not quiet:
        click.echo(f"{report.sources} sources ({report.extracted} extracted, the rest cached): "
                   f"{len(report.written)} pages written, {len(report.deleted)} deleted, "
                   f"{_count(len(report.conflicts), 'conflict')}, {_count(len(problems), 'problem')}", err=True)
    if _ended_by_exit is not None:
        _ended_by_exit.append(report)
    if strict and problems:
        raise BriefingError(f"{_count(len(problems), 'problem')} above and --strict is set: "
                            "fix the files they name, or run without --strict")
    return settings, report


def _let_go() -> None:
    """Free what the run made before mkdocs runs beside this process for minutes or hours:
    left to the exit, it would be held all that time."""
    if _ended_by_exit is not None:
        _ended_by_exit.clear()


@click.group()
@click.version_option(package_name="briefing-wiki")
def cli():
    """Turn a folder of source documents into a cross-linked briefing wiki."""


@cli.command()
@_common
@_executor
@click.option("--strict", is_flag=True, help="Fail (exit code 1) if any source or page has a problem.")
def generate(config_file, sources, content, quiet, jobs, executor, scheduler, strict):
    """Write content/ from the sources, changing only what changed.

    Example: briefing generate --sources seeds --content content
    """
    _run_generate(config_file, sources, content, quiet, jobs, strict, executor=executor, scheduler=scheduler)


@cli.command()
@_common
@_executor
@click.option("--strict", is_flag=True,
              help="Fail (exit code 1), before building, if any source or page has a problem.")
def build(config_file, sources, content, quiet, jobs, executor, scheduler, strict):
    """Generate, then build the site with `mkdocs build --strict` into site/. Problems with
    sources are printed and skipped; --strict makes them fatal.

    Example: briefing build --strict
    """
    config_file = config_file or Path("mkdocs.yml")
    _run_generate(config_file, sources, content, quiet, jobs, strict, executor=executor, scheduler=scheduler)
    # Never `mkdocs -q`: it drops warnings, and --strict fails only on warnings it counts.
    args = [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(config_file)]
    if content is not None:
        click.echo("note: mkdocs builds docs_dir from mkdocs.yml", err=True)
    _let_go()
    env = {**os.environ, "BRIEFING_SKIP_GENERATE": "1", "NO_MKDOCS_2_WARNING": "1"}
    code = _mkdocs_quietly(args, env) if quiet else subprocess.call(args, env=env)
    if code:
        raise BriefingError("mkdocs build failed (its messages are above); `briefing check` "
                            "lists broken links and clashes in content/")


@cli.command()
@_common
@click.option("--dev-addr", "-a", default="127.0.0.1:8000", show_default=True)
def serve(config_file, sources, content, quiet, jobs, dev_addr):
    """Generate, serve the site, and regenerate when sources or pages change.

    Example: briefing serve -a 127.0.0.1:8000
    """
    config_file = config_file or Path("mkdocs.yml")
    _run_generate(config_file, sources, content, quiet, jobs)
    _let_go()
    raise SystemExit(_run_until_stopped([sys.executable, "-m", "mkdocs", "serve", "-f", str(config_file),
                                         "-a", dev_addr]))


def _mkdocs_quietly(args: list[str], env: dict) -> int:
    """MkDocs with its INFO lines left out (and the lines that continue them): what -q is for,
    with every warning still counted by --strict and shown."""
    child = subprocess.Popen(args, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                             text=True, errors="replace")
    showing = True
    for line in child.stdout:
        if line[:1].strip():            # a new message; one that begins with a space continues one
            showing = not line.startswith("INFO")
        if showing:
            click.echo(line, nl=False, err=True)
    return child.wait()


def _run_until_stopped(args: list[str], grace: float = 10.0) -> int:
    """Run a long-lived child (`mkdocs serve`) until it ends, or until this process is told to
    stop (SIGTERM, SIGINT): then the child is stopped too, and killed if it has not ended
    within `grace` seconds. Left running, it would keep the port. The exit code says how it
    ended."""
    child = subprocess.Popen(args)
    stopped: list[tuple[int, float]] = []       # (signal, when)

    def stop(signum, frame):
        stopped.append((signum, time.monotonic()))
        if signum == signal.SIGTERM and child.poll() is None:
            child.terminate()

    previous = {signum: signal.signal(signum, stop) for signum in (signal.SIGTERM, signal.SIGINT)}
    try:
        while True:
            try:
                code = child.wait(timeout=0.2)
                break
            except subprocess.TimeoutExpired:
                if not stopped:
                    continue
                waited = time.monotonic() - stopped[0][1]
                # Ctrl-C at a terminal reaches the child as well, which then stops on its own:
                # it is told again only if it has not within a second.
                if waited > 1.0:
                    child.terminate()
                if waited > grace:
                    child.kill()
    finally:
        if child.poll() is None:            # an error in this process: the child goes with it
            child.kill()
            child.wait()
        for signum, handler in previous.items():
            signal.signal(signum, handler)
    return 128 + stopped[0][0] if stopped else code


@cli.command()
@_common
@_executor
@click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Write to FILE instead of standard output.")
def export(config_file, sources, content, quiet, jobs, executor, scheduler, output):
    """Print the knowledge graph as JSON (schema briefing-graph/2). Writes no page: only
    the extraction cache, so that what it parses is not parsed again.

    Example: briefing export -o graph.json
    """
    from generator.resolve.export import to_json

    if output and not output.parent.is_dir():        # said before the work, not after it
        raise BriefingError(f"{output}: folder {output.parent} not found; create it, or write "
                            "the export elsewhere with -o")
    from generator.extract.corpus import begin

    settings = _settings(config_file, sources, content, jobs, executor=executor, scheduler=scheduler)
    extraction = begin(settings)
    from .knowledge import knowledge_graph

    graph, problems = knowledge_graph(settings, extraction=extraction)
    for problem in problems:
        click.echo(str(problem), err=True)
    text = to_json(graph)
    if output:
        try:
            output.write_text(text, encoding="utf-8")
        except OSError as err:
            raise BriefingError(f"{output}: cannot write it ({err.strerror or err}); check the "
                                "folder's permissions and free space, or write elsewhere with -o") from None
    else:
        click.echo(text, nl=False)


@cli.command()
@_common
def check(config_file, sources, content, quiet, jobs):
    """Report broken links, URL clashes, hand edits inside generated regions and unlinked pages.
    Exits non-zero when there is an error.

    Example: briefing check
    """
    from .check import check as run_check
    from generator.incremental.record import Store

    settings = _settings(config_file, sources, content, jobs, folders=("content",))
    problems = run_check(settings.content, Store(settings.cache_dir, settings.content).curation())
    for problem in problems:
        click.echo(str(problem), err=True)
    errors = [p for p in problems if p.severity == "error"]
    if not quiet:
        click.echo(f"{_count(len(errors), 'error')}, {_count(len(problems) - len(errors), 'warning')}", err=True)
    if errors:
        raise SystemExit(1)


@cli.command()
@click.argument("page")
@click.argument("region", required=False)
@click.option("--generated", is_flag=True, help="Take the generator's version instead of yours.")
@click.option("--config-file", "-f", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Settings file (default: mkdocs.yml here).")
@click.option("--content", type=_folder, default=None, help="Pages folder (default: docs_dir of mkdocs.yml).")
def accept(page, region, generated, config_file, content):
    """Settle a hand edit inside a generated region of PAGE (all of its edited regions, or
    REGION): keep your version until the sources change that region again, or, with
    --generated, take the generator's.

    Example: briefing accept events/2020-02-taliban-signs-deal.md infobox
    """
    from generator.write.accept import accept as run_accept

    settings = _settings(config_file, None, content, None, folders=("content",))
    click.echo(run_accept(settings.content, page, region, generated), err=True)


@cli.command()
@click.argument("infile", type=click.File("r"), default="-")
@click.option("--output", "-o", type=click.File("w"), default="-")
@click.option("--model", default=None, help="spaCy model (default: as in mkdocs.yml).")
def timex(infile, output, model):
    """Read JSON lines {"doc_id", "dct", "text"}; write the time expressions found, TimeML style.

    Example: briefing timex docs.jsonl -o timexes.jsonl
    """
    from .extract import nlp
    from generator.extract.timex.find import run_jsonl

    run_jsonl(infile, output, nlp.load(nlp.choose_model(model)))


def main():
    # One run and out: the cyclic garbage collector would only walk everything a large wiki
    # makes, to free what the exit frees anyway. And the run's objects are left to the exit,
    # not freed one by one (a thirtieth of adding a source to a large wiki): once the command
    # is done, the process ends at once, as mypy's does.
    global _ended_by_exit
    gc.disable()
    _ended_by_exit = []
    try:
        cli()
    except SystemExit as done:
        if done.code is None or isinstance(done.code, int):
            for stream in (sys.stdout, sys.stderr):
                try:
                    stream.flush()
                except (OSError, ValueError):       # a closed pipe: nothing more can be said
                    pass
            os._exit(done.code or 0)
        raise
    finally:
        # Where the interpreter does exit, it would still walk everything unless frozen first.
        gc.freeze()


def _count(n: int, noun: str) -> str:
    """"1 conflict", "2 conflicts": a count with its noun in the number it takes."""
    return f"{n} {noun}{'' if n == 1 else 's'}"
