"""The ``dossiers`` command line.

This is the only module that prints and sets exit codes; everything it calls
returns values or raises domain errors.
"""

from __future__ import annotations

import argparse
import errno
import json
import os
import sys
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import Any

from . import errors, i18n
from .build import BuildOptions, BusyError, build
from .cache import CACHE_DIR, CacheError
from .chartsvg import DrawingError, UnsafeDrawing
from .check import check_folder
from .cms import config_text
from .codeowners import codeowners, unowned
from .diff import FORMATS as DIFF_FORMATS
from .diff import as_text, summarise
from .engine import EngineError, check_port, serve
from .errors import DossierError
from .i18n import _, ngettext
from .layout import canonical
from .load import RESERVED, SLUG_PATTERN, discover, display_path, read_dossier
from .model import json_schema
from .revisions import RevisionError, dossiers_at
from .scaffold import new_dossier
from .site import DEFAULT_SITE_URL
from .sitefile import SETTINGS_FILE, describe_missing, read_settings
from .vocabulary import CooperationType
from .write import WriteError

DEFAULT_DIR = Path("coalitions")
CONTENT_DIR = Path("content")
SCHEMA_FILE = Path("schema/dossier.schema.json")
CODEOWNERS_FILE = Path(".github/CODEOWNERS")
CMS_FILE = Path("admin/config.yml")
GUIDE_FILE = CONTENT_DIR / "nl" / "dossier-schrijven.md"

EPILOG = """\
exit codes: 0 all well, 1 problems in dossiers, 2 wrong use of the command.
Documentation: README.md, and content/nl/dossier-schrijven.md (Dutch) for authors."""


def _command(sub: Any, name: str, help: str, description: str) -> argparse.ArgumentParser:
    """A subcommand with the shared epilog and layout."""
    parser: argparse.ArgumentParser = sub.add_parser(
        name,
        help=help,
        description=description,
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    return parser


def _dir_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--dir",
        type=Path,
        default=DEFAULT_DIR,
        help="folder with the dossiers (default: %(default)s)",
    )


def _settings_option(command: Any) -> None:
    command.add_argument(
        "--settings",
        type=Path,
        default=None,
        help=f"the site settings: publisher, contact, audit status (default: {SETTINGS_FILE}; "
        "a missing file means the defaults)",
    )


def _lang_option(parser: argparse.ArgumentParser, what: str = "messages") -> None:
    parser.add_argument(
        "--lang",
        choices=i18n.LANGUAGES,
        default=None,
        help=f"language of the {what}: nl (Dutch) or en (English); default ${i18n.ENV}, else nl",
    )


def _check_arguments(sub: Any) -> None:
    check = _command(
        sub,
        "check",
        "check every dossier and report all problems",
        "Read every dossier in the folder and report every problem as "
        "FILE:LINE:COLUMN: FIELD: MESSAGE, sorted. Exits 1 if there is any.",
    )
    _dir_option(check)
    _settings_option(check)
    _lang_option(check)
    check.add_argument(
        "--format",
        choices=errors.FORMATS,
        default="text",
        help="text for people, json for tools, github for annotations on a "
        "pull request (default: %(default)s)",
    )


def _check(args: argparse.Namespace) -> int:
    report = check_folder(args.dir)
    settings = args.settings or SETTINGS_FILE
    _, unsettled = read_settings(settings)
    sys.stdout.write(errors.render([*report.problems, *unsettled], args.format))
    # Said when asked for a file by name; `build` always says it.
    missing = describe_missing(settings) if args.settings else None
    if missing:
        print(missing, file=sys.stderr)
    elif unsettled:
        count = len(unsettled)
        problems = ngettext("{n} problem", "{n} problems", count).format(n=count)
        print(f"{settings}: {problems}", file=sys.stderr)
    print(report.summary(), file=sys.stderr)
    return 1 if report.problems or unsettled else 0


def _date_arg(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            _("not a date as YYYY-MM-DD: {text}").format(text=repr(text))
        ) from None


def _build_arguments(sub: Any) -> None:
    build = _command(
        sub,
        "build",
        "check the dossiers, write the pages and build the site in site/",
        "Check every dossier, publish what is public, write the generated pages into "
        "content/nl and content/en, then build the Dutch site into site/ and the English "
        "one into site/en/ with MkDocs. Stops with the problems if any dossier has one; "
        "site/ is replaced only when every language is built.",
    )
    _dir_option(build)
    _settings_option(build)
    _lang_option(build)
    build.add_argument(
        "--content",
        type=Path,
        default=CONTENT_DIR,
        help="docs folder with nl/ and en/ (default: %(default)s)",
    )
    build.add_argument(
        "--date",
        type=_date_arg,
        default=None,
        help="build date YYYY-MM-DD: what counts as upcoming (default: today)",
    )
    build.add_argument(
        "--site-url",
        default=os.environ.get("SITE_URL", DEFAULT_SITE_URL),
        help="where the site will be published, for links in calendar feeds and event "
        "metadata (default: $SITE_URL, else %(default)s)",
    )
    build.add_argument(
        "--cache",
        type=Path,
        default=CACHE_DIR,
        help="folder of the content cache and the drawn charts; safe to delete, never "
        "to commit (default: %(default)s)",
    )
    build.add_argument(
        "--no-cache",
        action="store_true",
        help="do all the work again: neither read nor write the content cache "
        "(drawn charts are still reused)",
    )
    build.add_argument(
        "--pages-only", action="store_true", help="write the pages but do not run MkDocs"
    )
    build.add_argument(
        "--no-history",
        action="store_true",
        help="leave out each coalition's history of changes, read from git "
        "(the Changes section and the Atom feeds)",
    )


def _build(args: argparse.Namespace) -> int:
    options = BuildOptions(
        dossiers=args.dir,
        content=args.content,
        build_date=args.date,
        site_url=args.site_url,
        cache=args.cache,
        content_cache=not args.no_cache,
        pages_only=args.pages_only,
        settings=args.settings or SETTINGS_FILE,
        history=not args.no_history,
    )
    try:
        build(options, _say)
    except DossierError as err:
        sys.stdout.write(errors.render(err.problems, "text"))
        print(
            _("{n} problem(s) in the dossiers: nothing was built").format(n=len(err.problems)),
            file=sys.stderr,
        )
        return 1
    except (CacheError, BusyError, WriteError, EngineError, DrawingError, UnsafeDrawing) as err:
        print(f"dossiers: {err}", file=sys.stderr)
        return 1
    return 0


def _say(line: str) -> None:
    print(line, file=sys.stderr, flush=True)


def _serve_arguments(sub: Any) -> None:
    serve = _command(
        sub,
        "serve",
        "write the pages, then serve the Dutch site with live reload (stop with Ctrl+C)",
        "Write the generated pages as 'build --pages-only' does, then serve the Dutch site "
        "on http://HOST:PORT/ with MkDocs. Every save of a dossier regenerates its pages; "
        "while a dossier has a problem, every page shows it at the top and the site keeps "
        "the last good version. Stop with Ctrl+C.",
    )
    _dir_option(serve)
    _lang_option(serve)
    serve.add_argument("--host", default="127.0.0.1", help="address (default: %(default)s)")
    serve.add_argument(
        "--port",
        type=int,
        default=int(os.environ.get("PORT", "8000")),
        help="port (default: $PORT, else %(default)s)",
    )


def _serve(args: argparse.Namespace) -> int:
    try:
        check_port(args.host, args.port)
        try:
            build(BuildOptions(dossiers=args.dir, pages_only=True), _say)
        except DossierError as err:
            # Served all the same: every page shows the problems until they are fixed.
            sys.stdout.write(errors.render(err.problems, "text"))
            _say(
                _("{n} problem(s) in the dossiers: the preview shows them").format(
                    n=len(err.problems)
                )
            )
        _say(
            _("serving on http://{host}:{port}/ (stop with Ctrl+C)").format(
                host=args.host, port=args.port
            )
        )
        return serve(args.host, args.port, args.dir)
    except (CacheError, BusyError, WriteError, EngineError, DrawingError, UnsafeDrawing) as err:
        print(f"dossiers: {err}", file=sys.stderr)
        return 1


def _diff_arguments(sub: Any) -> None:
    diff = _command(
        sub,
        "diff",
        "say what changed in the dossiers between two git revisions, for reviewers",
        "Compare the dossiers at BASE with those at HEAD (default: the working tree) and "
        "print a summary in Markdown, fit for a pull-request comment. Changes that make "
        "something public, and new personal contact details, come first.",
    )
    diff.add_argument("base", help="git revision to compare with, e.g. main or origin/main")
    diff.add_argument(
        "head",
        nargs="?",
        default=None,
        help="git revision with the changes (default: the working tree)",
    )
    _lang_option(diff, "summary and messages")
    diff.add_argument(
        "--format",
        choices=DIFF_FORMATS,
        default=None,
        help="text for a terminal, markdown for a pull-request comment "
        "(default: text at a terminal, else markdown)",
    )
    _dir_option(diff)


def _diff(args: argparse.Namespace) -> int:
    try:
        old, old_problems = dossiers_at(args.base, args.dir)
        new, problems = dossiers_at(args.head, args.dir)
    except RevisionError as err:
        print(f"dossiers: {err}", file=sys.stderr)
        return 2
    broken = {Path(p.file).name.removesuffix(".yml"): p.file for p in problems}
    unreadable = {Path(p.file).name.removesuffix(".yml") for p in old_problems}
    summary = summarise(old, new, i18n.language(), broken, unreadable)
    fmt = args.format or ("text" if sys.stdout.isatty() else "markdown")
    sys.stdout.write(as_text(summary) if fmt == "text" else summary)
    return 0


def _new_arguments(sub: Any) -> None:
    new = _command(
        sub,
        "new",
        "start a new dossier for a type of cooperation",
        "Write coalitions/SLUG.yml: a draft dossier for the chosen type of cooperation, "
        "with a comment on each field and 'VUL IN' where you write. 'check' refuses it "
        "until every 'VUL IN' is replaced.",
    )
    new.add_argument(
        "slug",
        help="the file name without .yml, also the address on the site, e.g. gelijke-kansen-oost",
    )
    new.add_argument(
        "--type",
        required=True,
        choices=[t.value for t in CooperationType],
        help="products, goals, movement or platform (see content/nl/uitleg.md)",
    )
    _dir_option(new)
    _lang_option(new)


def _new(args: argparse.Namespace) -> int:
    if not SLUG_PATTERN.match(args.slug) or args.slug in RESERVED:
        print(
            _(
                "dossiers: '{slug}' cannot be a file name: use lowercase letters, digits "
                "and hyphens (at most 63), and not 'index' or 'network'"
            ).format(slug=args.slug),
            file=sys.stderr,
        )
        return 2
    target = args.dir / f"{args.slug}.yml"
    if target.exists() or target.is_symlink():
        print(
            _("dossiers: {target} exists already; choose another name").format(target=target),
            file=sys.stderr,
        )
        return 1
    args.dir.mkdir(parents=True, exist_ok=True)
    target.write_text(new_dossier(CooperationType(args.type)), encoding="utf-8")
    print(
        _("wrote {target}: replace every 'VUL IN', then run 'make check'").format(target=target),
        file=sys.stderr,
    )
    return 0


def _codeowners_arguments(sub: Any) -> None:
    owners = _command(
        sub,
        "codeowners",
        "write .github/CODEOWNERS from the partners' reviewers",
        "Write .github/CODEOWNERS so that every pull request asks review from the "
        "maintainers in site.yml, and one changing a dossier also from the handles its "
        "partners list under 'reviewers'. A dossier that no one would review is an error "
        "(exit 1). With --check, only say whether the file is up to date (exit 1 if not).",
    )
    _dir_option(owners)
    _settings_option(owners)
    owners.add_argument(
        "--output",
        type=Path,
        default=CODEOWNERS_FILE,
        help="where to write it (default: %(default)s)",
    )
    owners.add_argument(
        "--check",
        action="store_true",
        help="do not write; exit 1 if the file is missing or out of date",
    )


def _codeowners(args: argparse.Namespace) -> int:
    report = check_folder(args.dir)
    if report.problems:
        sys.stdout.write(errors.render(report.problems, "text"))
        print(_("fix the dossiers first: their reviewers cannot be read"), file=sys.stderr)
        return 1
    settings, unsettled = read_settings(args.settings or SETTINGS_FILE)
    if unsettled:
        sys.stdout.write(errors.render(unsettled, "text"))
        return 1
    alone = [
        errors.Problem(
            valid.file,
            1,
            1,
            "partners[].reviewers",
            _(
                "no one would review a change to this dossier: list reviewers under its "
                "partners, or maintainers in site.yml"
            ),
        )
        for valid in unowned(report.valid, settings.maintainers)
    ]
    if alone:
        sys.stdout.write(errors.render(alone, "text"))
        return 1
    text = codeowners(report.valid, settings.maintainers, folder=args.dir.as_posix().strip("/"))
    return _write_generated(args.output, text, args.check, "make codeowners")


def schema_text() -> str:
    return json.dumps(json_schema(), indent=2, ensure_ascii=False, sort_keys=True) + "\n"


def _schema_arguments(sub: Any) -> None:
    schema = _command(
        sub,
        "schema",
        "write the JSON Schema of a dossier, for editors",
        "Write the JSON Schema that editors use to complete and check dossiers.",
    )
    schema.add_argument(
        "--output",
        type=Path,
        default=SCHEMA_FILE,
        help="where to write it, or - for standard output (default: %(default)s)",
    )


def _schema(args: argparse.Namespace) -> int:
    text = schema_text()
    if str(args.output) == "-":
        sys.stdout.write(text)
        return 0
    return _write_generated(args.output, text, False, "make schema")


def _cms_arguments(sub: Any) -> None:
    cms = _command(
        sub,
        "cms",
        "write the browser editor's configuration from the model",
        "Write admin/config.yml, the configuration of the browser editor at /admin/ "
        "(Sveltia CMS): a form field for every dossier field, with the Dutch help of "
        "content/nl/dossier-schrijven.md, and the repository from site.yml (editor:). "
        "With --check, only say whether the file is up to date (exit 1 if not).",
    )
    _settings_option(cms)
    cms.add_argument(
        "--output",
        type=Path,
        default=CMS_FILE,
        help="where to write it, or - for standard output (default: %(default)s)",
    )
    cms.add_argument(
        "--check",
        action="store_true",
        help="do not write; exit 1 if the file is missing or out of date",
    )


def _cms(args: argparse.Namespace) -> int:
    settings, problems = read_settings(args.settings or SETTINGS_FILE)
    if problems:
        sys.stdout.write(errors.render(problems, "text"))
        return 1
    guide = GUIDE_FILE.read_text(encoding="utf-8")
    text = config_text(guide, settings.editor.repository, settings.editor.branch)
    if str(args.output) == "-":
        sys.stdout.write(text)
        return 0
    return _write_generated(args.output, text, args.check, "make cms")


def _format_arguments(sub: Any) -> None:
    fmt = _command(
        sub,
        "format",
        "put dossiers into the canonical layout",
        "Rewrite each dossier in the canonical layout: the schema line on top, the "
        "fields in the order of the templates, block style, defaults left out. No value "
        "changes ('dossiers diff' reports nothing). Only the comments at the top of a "
        "file are kept. With --check, only list the files that are not in the layout "
        "(exit 1 if any).",
    )
    _dir_option(fmt)
    fmt.add_argument("files", nargs="*", type=Path, help="dossier files (default: every one)")
    fmt.add_argument(
        "--check",
        action="store_true",
        help="do not write; exit 1 if a file is not in the canonical layout",
    )


def _format(args: argparse.Namespace) -> int:
    files, problems = (list(args.files), []) if args.files else discover(args.dir)
    untidy: list[Path] = []
    for path in files:
        raw = read_dossier(path, display_path(path))
        if isinstance(raw, errors.Problem):
            problems.append(raw)
            continue
        if raw.problems:  # read around a syntax problem: not safe to rewrite
            problems.extend(raw.problems)
            continue
        text = path.read_text(encoding="utf-8")
        tidy = canonical(raw.data, text)
        if tidy == text:
            continue
        untidy.append(path)
        if not args.check:
            path.write_text(tidy, encoding="utf-8")
    if problems:
        sys.stdout.write(errors.render(problems, "text"))
    for path in untidy:
        if args.check:
            print(_("{file}: not in the canonical layout").format(file=path), file=sys.stderr)
        else:
            print(_("formatted {file}").format(file=path), file=sys.stderr)
    if args.check and untidy:
        print(_("run 'dossiers format' and commit the result"), file=sys.stderr)
    return 1 if problems or (args.check and untidy) else 0


def _write_generated(path: Path, text: str, check: bool, remedy: str) -> int:
    """Write a generated, committed file if it changed; with check, only compare."""
    if path.exists() and path.read_text(encoding="utf-8") == text:
        print(_("{path} is up to date").format(path=path), file=sys.stderr)
        return 0
    if check:
        print(
            _("{path} is out of date: run '{remedy}' and commit it").format(
                path=path, remedy=remedy
            ),
            file=sys.stderr,
        )
        return 1
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    print(_("wrote {path}").format(path=path), file=sys.stderr)
    return 0


# Each command: (adds its arguments, runs it), in the order --help lists them.
COMMANDS: dict[str, tuple[Callable[[Any], None], Callable[[argparse.Namespace], int]]] = {
    "check": (_check_arguments, _check),
    "build": (_build_arguments, _build),
    "serve": (_serve_arguments, _serve),
    "diff": (_diff_arguments, _diff),
    "new": (_new_arguments, _new),
    "codeowners": (_codeowners_arguments, _codeowners),
    "schema": (_schema_arguments, _schema),
    "cms": (_cms_arguments, _cms),
    "format": (_format_arguments, _format),
}


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="dossiers",
        description="Check the dossiers of coalitions and publish them as an open site.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for add_arguments, _run in COMMANDS.values():
        add_arguments(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    i18n.set_language(getattr(args, "lang", None))
    try:
        return COMMANDS[args.command][1](args)
    except KeyboardInterrupt:
        print(_("interrupted"), file=sys.stderr)
        return 130
    except OSError as err:
        where = f"{err.filename}: " if err.filename else ""
        reason = _("the disk is full") if err.errno == errno.ENOSPC else err.strerror or str(err)
        print(f"dossiers: {where}{reason}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
