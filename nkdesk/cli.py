"""The `nkdesk` command: open the window, or run batch work without one.

The CLI is thin: it parses, calls the library and prints. It never imports Qt
unless it is about to open the window, so `--help`, `--version` and the batch
sub-commands work on a machine without a display.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from nkdesk import __version__

if TYPE_CHECKING:
    from nkdesk.corpus import Corpus
    from nkdesk.ui.head_start import HeadStart

EXIT_OK = 0
EXIT_USAGE = 2  # argparse's own status for bad arguments; bad input files share it

_APP_EPILOG = """\
sub-commands (batch work, no window):
  compare     report the passages the articles share and where they conflict
  export      write the tag file as CSV, JSON, W3C Web Annotation, HTML or REFI-QDA
  import      merge a JSON export, another tag file or a .qdpx into the tag file

examples:
  nkdesk                          open the window on the bundled seed articles
  nkdesk ~/news/kursk/            open every .txt/.md/.html article in a folder
  nkdesk a.txt b.txt c.html       open these articles
  nkdesk compare --json > out.json
  nkdesk compare --help
  nkdesk export -o report.html    the default tag file as a printable report
  nkdesk import colleague.json    merge another analyst's export
  nkdesk --db case.sqlite export -o case.json
                                  --db before export or import is theirs
"""


def _app_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="nkdesk",
        description="Compare news reports of one event side by side and tag their claims.",
        epilog=_APP_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"nkdesk {__version__}")
    parser.add_argument(
        "paths",
        nargs="*",
        metavar="PATH",
        help="article files or folders to open (default: the bundled seed articles)",
    )
    parser.add_argument(
        "--db",
        metavar="TAGFILE",
        help="the tag file to keep tags in, created if missing (default: nkdesk-tags.sqlite "
        "in the user's data folder); e.g. nkdesk --db kursk-tags.sqlite ~/news/kursk/",
    )
    return parser


def _compare_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="nkdesk compare",
        description=(
            "Find the passages the articles share and the claims on which they "
            "conflict, and print a report (or JSON)."
        ),
        epilog=(
            "examples:\n"
            "  nkdesk compare                 the bundled seeds, readable report\n"
            "  nkdesk compare a.txt b.txt     two articles\n"
            "  nkdesk compare --json DIR      JSON (schema nkdesk.compare/1, see README)\n"
        ),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "paths", nargs="*", metavar="PATH", help="article files or folders (default: the seeds)"
    )
    parser.add_argument("--json", action="store_true", help="print JSON instead of a report")
    return parser


def _load(paths: Sequence[str]) -> Corpus:
    from nkdesk.corpus import load_corpus

    if not paths:
        from nkdesk.bundle import seeds_dir

        paths = [str(seeds_dir())]
    corpus = load_corpus(paths)
    for warning in corpus.warnings:
        print(f"nkdesk: warning: {warning}", file=sys.stderr)
    return corpus


def _run_app(args: argparse.Namespace) -> int:
    # The comparison's process starts first, to import the engine while this
    # one loads the articles and Qt; it gets the articles once they are read.
    from nkdesk.ui.head_start import HeadStart

    head_start = HeadStart.spawn()
    try:
        return _open_window(args, head_start)
    finally:
        if head_start is not None:
            head_start.close()  # (ended already, unless the window closed before it)


def _open_window(args: argparse.Namespace, head_start: HeadStart | None) -> int:
    corpus = _load(args.paths)
    # Refused before Qt is loaded: the message needs no display.
    from nkdesk.ui.capacity import too_many

    problem = too_many(args.paths, len(corpus.documents))
    if problem:
        print(f"nkdesk: {problem}", file=sys.stderr)
        return EXIT_USAGE
    from nkdesk.ui.display import display_problem

    problem = display_problem()
    if problem:
        print(f"nkdesk: {problem}", file=sys.stderr)
        return EXIT_USAGE
    if head_start is not None and not head_start.send(corpus.documents):
        head_start.close()
        head_start = None
    from nkdesk.ui.app import run

    return run(corpus, tag_file=args.db, head_start=head_start)


def _run_compare(args: argparse.Namespace) -> int:
    from nkdesk.analysis import AnalysisError, compare
    from nkdesk.analysis.report import to_text, write_json

    corpus = _load(args.paths)
    try:
        comparison = compare(corpus.documents)
    except AnalysisError as error:
        print(f"nkdesk compare: {error}", file=sys.stderr)
        return EXIT_USAGE
    try:
        if args.json:
            write_json(comparison, sys.stdout)
        else:
            sys.stdout.write(to_text(comparison))
        sys.stdout.flush()
    except BrokenPipeError:
        # `nkdesk compare --json | head`: the reader has what it wanted.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    return EXIT_OK


# The export formats, named here so that `nkdesk export --help` need not load
# the exporters; tests/export/test_cli.py checks they match nkdesk.export.FORMATS.
EXPORT_FORMATS = ("csv", "json", "jsonld", "html", "qdpx")


def _export_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="nkdesk export",
        description=(
            "Write the tag file's documents, tags, claims and annotations to a file, "
            "or a text format to standard output. The target is replaced only when "
            "the export is complete."
        ),
        epilog=(
            "formats:\n"
            "  csv      one row per annotation, for spreadsheets (--bom for Excel)\n"
            "  json     the whole tag file (schema nkdesk.tags/1); `nkdesk import` reads it\n"
            "  jsonld   W3C Web Annotation: an AnnotationCollection\n"
            "  html     a self-contained report: articles side by side, claim matrix, tags\n"
            "  qdpx     REFI-QDA project for ATLAS.ti, NVivo, MAXQDA (a file, not stdout)\n"
            "\n"
            "examples:\n"
            "  nkdesk export -o tags.csv --bom          format from the suffix; Excel-ready\n"
            "  nkdesk export --db case.sqlite -o report.html\n"
            "  nkdesk export --format json -o - | jq .annotations\n"
            "  nkdesk export --format qdpx -o project.qdpx\n"
        ),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "--db", metavar="FILE", help="the tag file to export (default: nkdesk's own tag file)"
    )
    parser.add_argument(
        "--format", choices=EXPORT_FORMATS, help="what to write (default: from OUT's suffix)"
    )
    parser.add_argument(
        "-o", "--output", metavar="OUT", default="-", help="the file to write (- is stdout)"
    )
    parser.add_argument(
        "--bom", action="store_true", help="CSV: start with the byte-order mark Excel needs"
    )
    return parser


def _import_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="nkdesk import",
        description=(
            "Merge a JSON export (nkdesk export --format json), another tag file or a "
            "REFI-QDA .qdpx project into the tag file, as one step Edit > Undo takes back. "
            "Documents are matched by their text, tags by name; a tag already present is "
            "not added twice and differing notes are both kept. Into a new tag file, an "
            "import restores the exported one, vocabulary included."
        ),
        epilog=(
            "examples:\n"
            "  nkdesk import colleague.json              into nkdesk's own tag file\n"
            "  nkdesk import --db case.sqlite other.sqlite\n"
            "  nkdesk import --db new.sqlite project.qdpx   from ATLAS.ti, NVivo, MAXQDA\n"
        ),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "--db", metavar="FILE", help="the tag file to merge into (default: nkdesk's own)"
    )
    parser.add_argument("input", metavar="IN", help="a JSON export, a tag file or a .qdpx")
    return parser


def _run_export(args: argparse.Namespace) -> int:
    from pathlib import Path

    from nkdesk.export import FORMATS, ExchangeError, export, format_for, reading, write
    from nkdesk.store import StoreError, TagStore, default_path, open_store

    db = Path(args.db) if args.db else default_path()
    to_stdout = args.output == "-"
    chosen = args.format or (None if to_stdout else format_for(args.output))
    if chosen is None:
        where = "standard output" if to_stdout else args.output
        print(
            f"nkdesk export: {where}: cannot tell the format from the name; "
            f"give --format ({', '.join(FORMATS)})",
            file=sys.stderr,
        )
        return EXIT_USAGE
    if to_stdout and not FORMATS[chosen][2]:
        print(
            f"nkdesk export: {chosen} is a zip archive and cannot go to standard output; "
            f"give -o FILE.{chosen}",
            file=sys.stderr,
        )
        return EXIT_USAGE
    where = "standard output" if to_stdout else args.output
    if args.db and not db.is_file():
        print(f"nkdesk export: {db}: no such tag file", file=sys.stderr)
        return EXIT_USAGE
    try:
        # Before anything is tagged the default tag file does not exist yet;
        # exporting it is exporting an empty one, and creates nothing.
        # The annotations are read as they are written: memory does not grow with them.
        with (
            open_store(db) if db.is_file() else TagStore.memory() as store,
            reading(store) as data,
        ):
            tagged = bool(data.annotations)
            if to_stdout:
                write(data, chosen, sys.stdout.buffer, bom=args.bom)
                sys.stdout.flush()
            else:
                export(data, chosen, args.output, bom=args.bom)
    except (ExchangeError, StoreError) as error:
        print(f"nkdesk export: {error}", file=sys.stderr)
        return EXIT_USAGE
    if not db.is_file():
        print(
            f"nkdesk export: notice: nothing is tagged yet (there is no tag file at {db}), "
            f"so {where} holds no tags; tag in the window (nkdesk), then export again",
            file=sys.stderr,
        )
    elif not tagged:
        print(
            f"nkdesk export: notice: {db} holds no tags yet, so {where} holds none",
            file=sys.stderr,
        )
    return EXIT_OK


def _run_import(args: argparse.Namespace) -> int:
    from pathlib import Path

    from nkdesk.export import ExchangeError, merge, read
    from nkdesk.store import StoreError, default_path, open_store
    from nkdesk.store.db import remove_tag_file

    db = Path(args.db) if args.db else default_path()
    new = not db.exists()
    try:
        # Read and check the file before the tag file is even opened, so that a
        # bad import cannot create or change it.
        data = read(args.input)
        with open_store(args.db) as store:
            report = merge(store, data, label=f"Import '{Path(args.input).name}'")
    except (ExchangeError, StoreError) as error:
        if new and isinstance(error, StoreError):
            # A tag file made for this import and left with nothing in it
            # (the disk filled up while merging) is no use to anyone.
            remove_tag_file(db)
        print(f"nkdesk import: {error}", file=sys.stderr)
        return EXIT_USAGE
    for warning in report.warnings:
        print(f"nkdesk import: warning: {args.input}: {warning}", file=sys.stderr)
    print(report.summary())
    return EXIT_OK


_COMMANDS: dict[str, tuple[Callable[[], argparse.ArgumentParser], Callable[..., int]]] = {
    "compare": (_compare_parser, _run_compare),
    "export": (_export_parser, _run_export),
    "import": (_import_parser, _run_import),
}


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    # A sub-command is recognised only as the first argument after the global
    # --db, so that an article file that happens to be called "compare" can
    # still be opened as ./compare.
    db, rest = _leading_db(argv)
    if rest and rest[0] in _COMMANDS:
        command = rest[0]
        if command == "compare" and (
            db is not None or any(a == "--db" or a.startswith("--db=") for a in rest)
        ):
            print(
                "nkdesk: compare reads articles only and keeps no tags, so it takes no --db; "
                "--db goes with the window (nkdesk --db FILE PATH...), export and import",
                file=sys.stderr,
            )
            return EXIT_USAGE
        make_parser, run = _COMMANDS[command]
        # `nkdesk --db F export ...` means `nkdesk export --db F ...`.
        args = make_parser().parse_args((["--db", db] if db is not None else []) + rest[1:])
    else:
        args = _app_parser().parse_args(argv)
        run = _run_app
        typo = _mistyped_command(args.paths)
        if typo:
            print(f"nkdesk: {typo}", file=sys.stderr)
            return EXIT_USAGE
    try:
        return run(args)
    except KeyboardInterrupt:
        return 130
    except Exception as error:
        from nkdesk.corpus import CorpusError  # (imported by whatever read the files)

        if not isinstance(error, CorpusError):
            raise
        print(f"nkdesk: {error}", file=sys.stderr)
        return EXIT_USAGE


def _leading_db(argv: list[str]) -> tuple[str | None, list[str]]:
    """The value of a --db given before anything else, and the arguments after it."""
    if len(argv) >= 2 and argv[0] == "--db":
        return argv[1], argv[2:]
    if argv and argv[0].startswith("--db="):
        return argv[0].removeprefix("--db="), argv[1:]
    return None, argv


def _mistyped_command(paths: Sequence[str]) -> str | None:
    """A word given as the first path that is no file but nearly a command: say which."""
    import difflib
    import os

    if not paths or os.path.lexists(paths[0]) or os.sep in paths[0] or "." in paths[0]:
        return None
    close = difflib.get_close_matches(paths[0], list(_COMMANDS), n=1, cutoff=0.6)
    if not close:
        return None
    return (
        f"{paths[0]}: is neither a file nor a command; did you mean `nkdesk {close[0]}`? "
        "(nkdesk --help lists the commands)"
    )


if __name__ == "__main__":
    sys.exit(main())
