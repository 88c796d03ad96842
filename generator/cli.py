"""The ``dossiers`` command line.

This is the only module that prints and sets exit codes; everything it calls
returns values or raises domain errors.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path

from . import errors
from .check import check_folder
from .model import json_schema

DEFAULT_DIR = Path("coalitions")
SCHEMA_FILE = Path("schema/dossier.schema.json")

EPILOG = """\
exit codes: 0 all well, 1 problems in dossiers, 2 wrong use of the command.
Documentation: README.md, and content/dossier-schrijven.md (Dutch) for authors."""


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="dossiers",
        description="Check the dossiers of coalitions and publish them as an open site.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    check = sub.add_parser(
        "check",
        help="check every dossier and report all problems",
        description=(
            "Read every dossier in the folder and report every problem as "
            "FILE:LINE:COLUMN: FIELD: MESSAGE, sorted. Exits 1 if there is any."
        ),
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    check.add_argument(
        "--dir",
        type=Path,
        default=DEFAULT_DIR,
        help="folder with the dossiers (default: %(default)s)",
    )
    check.add_argument(
        "--format",
        choices=errors.FORMATS,
        default="text",
        help="text for people, json for tools, github for annotations on a "
        "pull request (default: %(default)s)",
    )

    schema = sub.add_parser(
        "schema",
        help="write the JSON Schema of a dossier, for editors",
        description="Write the JSON Schema that editors use to complete and check dossiers.",
    )
    schema.add_argument(
        "--output",
        type=Path,
        default=SCHEMA_FILE,
        help="where to write it, or - for standard output (default: %(default)s)",
    )
    return parser


def schema_text() -> str:
    return json.dumps(json_schema(), indent=2, ensure_ascii=False, sort_keys=True) + "\n"


def _check(args: argparse.Namespace) -> int:
    report = check_folder(args.dir)
    sys.stdout.write(errors.render(report.problems, args.format))
    print(report.summary(), file=sys.stderr)
    return 1 if report.problems else 0


def _schema(args: argparse.Namespace) -> int:
    text = schema_text()
    if str(args.output) == "-":
        sys.stdout.write(text)
        return 0
    args.output.parent.mkdir(parents=True, exist_ok=True)
    if args.output.exists() and args.output.read_text(encoding="utf-8") == text:
        print(f"{args.output} is up to date", file=sys.stderr)
    else:
        args.output.write_text(text, encoding="utf-8")
        print(f"wrote {args.output}", file=sys.stderr)
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    handlers = {"check": _check, "schema": _schema}
    try:
        return handlers[args.command](args)
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except OSError as err:
        print(f"dossiers: {err.filename or ''}: {err.strerror}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
