"""The `nkdesk` command: open the window, or run batch work without one.

The CLI is thin: it parses, calls the library and prints. It never imports Qt
unless it is about to open the window, so `--help`, `--version` and the batch
sub-commands work on a machine without a display.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence

from nkdesk import __version__
from nkdesk.corpus import Corpus, CorpusError, load_corpus

EXIT_OK = 0
EXIT_USAGE = 2  # argparse's own status for bad arguments; bad input files share it

_APP_EPILOG = """\
sub-commands (batch work, no window):
  compare     report the passages the articles share and where they conflict

examples:
  nkdesk                          open the window on the bundled seed articles
  nkdesk ~/news/kursk/            open every .txt/.md/.html article in a folder
  nkdesk a.txt b.txt c.html       open these articles
  nkdesk compare --json > out.json
  nkdesk compare --help
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
    if not paths:
        from nkdesk.bundle import seeds_dir

        paths = [str(seeds_dir())]
    corpus = load_corpus(paths)
    for warning in corpus.warnings:
        print(f"nkdesk: warning: {warning}", file=sys.stderr)
    return corpus


def _run_app(args: argparse.Namespace) -> int:
    corpus = _load(args.paths)
    from nkdesk.ui.app import run

    return run(corpus)


def _run_compare(args: argparse.Namespace) -> int:
    from nkdesk.analysis import AnalysisError, compare
    from nkdesk.analysis.report import to_json, to_text

    corpus = _load(args.paths)
    try:
        comparison = compare(corpus.documents)
    except AnalysisError as error:
        print(f"nkdesk compare: {error}", file=sys.stderr)
        return EXIT_USAGE
    sys.stdout.write(to_json(comparison) if args.json else to_text(comparison))
    return EXIT_OK


_COMMANDS: dict[str, tuple[Callable[[], argparse.ArgumentParser], Callable[..., int]]] = {
    "compare": (_compare_parser, _run_compare),
}


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    # A sub-command is recognised only as the first argument, so that an
    # article file that happens to be called "compare" can still be opened
    # as ./compare.
    if argv and argv[0] in _COMMANDS:
        make_parser, run = _COMMANDS[argv[0]]
        args = make_parser().parse_args(argv[1:])
    else:
        args = _app_parser().parse_args(argv)
        run = _run_app
    try:
        return run(args)
    except CorpusError as error:
        print(f"nkdesk: {error}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
