"""The ``dossiers`` command line.

This is the only module that prints and sets exit codes; everything it calls
returns values or raises domain errors.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Sequence
from datetime import UTC, date, datetime
from pathlib import Path

from . import errors
from .cache import CACHE_DIR, CHART_CACHE, CONTENT_CACHE, Memo
from .check import check_folder
from .codeowners import codeowners
from .diff import summarise
from .errors import DossierError
from .load import RESERVED, SLUG_PATTERN
from .model import json_schema
from .parallel import cores
from .public import PublicSite
from .render.search import add_to_index, search_entries
from .revisions import RevisionError, dossiers_at
from .scaffold import new_dossier
from .site import (
    DEFAULT_SITE_URL,
    Outputs,
    publish_folder,
    render_languages,
    with_svgs_lazily,
)
from .vocabulary import CooperationType
from .write import WriteError, write_tree

DEFAULT_DIR = Path("coalitions")
CONTENT_DIR = Path("content")
MKDOCS_CONFIGS = (("nl", "mkdocs.yml", "site"), ("en", "mkdocs.en.yml", "site/en"))
SCHEMA_FILE = Path("schema/dossier.schema.json")
CODEOWNERS_FILE = Path(".github/CODEOWNERS")

EPILOG = """\
exit codes: 0 all well, 1 problems in dossiers, 2 wrong use of the command.
Documentation: README.md, and content/nl/dossier-schrijven.md (Dutch) for authors."""


def _dir_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--dir",
        type=Path,
        default=DEFAULT_DIR,
        help="folder with the dossiers (default: %(default)s)",
    )


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
    _dir_option(check)
    check.add_argument(
        "--format",
        choices=errors.FORMATS,
        default="text",
        help="text for people, json for tools, github for annotations on a "
        "pull request (default: %(default)s)",
    )

    build = sub.add_parser(
        "build",
        help="check the dossiers, write the pages and build the site in site/",
        description=(
            "Check every dossier, publish what is public, write the generated pages into "
            "content/nl and content/en, then build the Dutch site into site/ and the English "
            "one into site/en/ with MkDocs. Stops with the problems if any dossier has one."
        ),
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    _dir_option(build)
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
        help="folder of the content cache and the drawn charts; safe to delete "
        "(default: %(default)s)",
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

    diff = sub.add_parser(
        "diff",
        help="say what changed in the dossiers between two git revisions, for reviewers",
        description=(
            "Compare the dossiers at BASE with those at HEAD (default: the working tree) and "
            "print a summary in Markdown, fit for a pull-request comment. Changes that make "
            "something public, and new personal contact details, come first."
        ),
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    diff.add_argument("base", help="git revision to compare with, e.g. main or origin/main")
    diff.add_argument(
        "head",
        nargs="?",
        default=None,
        help="git revision with the changes (default: the working tree)",
    )
    diff.add_argument(
        "--lang",
        choices=("nl", "en"),
        default="nl",
        help="language of the summary (default: %(default)s)",
    )
    _dir_option(diff)

    new = sub.add_parser(
        "new",
        help="start a new dossier for a type of cooperation",
        description=(
            "Write coalitions/SLUG.yml: a draft dossier for the chosen type of cooperation, "
            "with a comment on each field and 'VUL IN' where you write. 'check' refuses it "
            "until every 'VUL IN' is replaced."
        ),
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
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

    owners = sub.add_parser(
        "codeowners",
        help="write .github/CODEOWNERS from the partners' reviewers",
        description=(
            "Write .github/CODEOWNERS so that a pull request changing a dossier asks review "
            "from the handles its partners list under 'reviewers'. With --check, only say "
            "whether the file is up to date (exit 1 if not)."
        ),
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    _dir_option(owners)
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


def _date_arg(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date as YYYY-MM-DD: {text!r}") from None


def _build(args: argparse.Namespace) -> int:
    build_date = args.date or date.today()
    # A one-off build keeps nothing in memory that it does not still need.
    memo = Memo(None if args.no_cache else args.cache / CONTENT_CACHE, remember=False)
    started = time.monotonic()
    try:
        report, site, digests = publish_folder(args.dir, build_date, memo)
    except DossierError as err:
        sys.stdout.write(errors.render(err.problems, "text"))
        print(f"{len(err.problems)} problem(s) in the dossiers: nothing was built", file=sys.stderr)
        return 1
    print(report.summary(), file=sys.stderr)
    print(
        f"published {len(site.coalitions)} coalitions (build date {build_date}) "
        f"in {time.monotonic() - started:.1f} s",
        file=sys.stderr,
    )
    # One language at a time, written before the next is made: only one is in memory.
    started = time.monotonic()
    for lang, found, charts in render_languages(site, args.site_url, memo, digests):
        print(
            f"pages ({lang}): {memo.hits} parts from the content cache, {memo.misses} made "
            f"({time.monotonic() - started:.1f} s)",
            file=sys.stderr,
        )
        memo.save()
        memo.hits = memo.misses = 0
        started = time.monotonic()
        outputs = Outputs(report, site, {lang: found}, {lang: charts})
        del found
        files, drawn = with_svgs_lazily(outputs, args.cache / CHART_CACHE, lang)
        print(
            f"charts ({lang}): {drawn.rendered} drawn, {drawn.cached} from the cache "
            f"({time.monotonic() - started:.1f} s)",
            file=sys.stderr,
        )
        try:
            done = write_tree(args.content / lang, files)
        except WriteError as err:
            print(f"dossiers: {err}", file=sys.stderr)
            return 1
        print(
            f"{args.content / lang}: {len(files)} files ({done.written} written, "
            f"{done.unchanged} unchanged, {done.removed} removed)",
            file=sys.stderr,
        )
        del files, outputs  # written: let go of this language's text
        started = time.monotonic()
    if args.pages_only:
        return 0
    return _engine(site, build_date)


def _engine(site: PublicSite, build_date: date) -> int:
    """Build every language's site with MkDocs, side by side where there are cores for it.

    MkDocs works on one core. The Dutch build empties site/ before it starts,
    so the other languages are built into a folder of their own and moved
    under site/ when all are done.
    """
    env = {
        # The sitemap's dates follow the build date, so two builds give the same bytes.
        "SOURCE_DATE_EPOCH": str(
            int(datetime.combine(build_date, datetime.min.time(), UTC).timestamp())
        ),
        **os.environ,
        # The engine's end-of-life banner is known and tracked in the README.
        "NO_MKDOCS_2_WARNING": "1",
    }
    side_by_side = cores() > 1
    started = time.monotonic()
    running: list[tuple[str, str, str, Path, subprocess.Popen[bytes]]] = []
    for lang, config, target in MKDOCS_CONFIGS:
        out = Path(target) if lang == "nl" else Path(f".site-{lang}")
        if out != Path(target):
            shutil.rmtree(out, ignore_errors=True)  # what a stopped build left
        print(f"building the site ({lang}) with MkDocs into {target}/ ...", file=sys.stderr)
        command = [sys.executable, "-m", "mkdocs", "build", "--quiet", "--strict"]
        run = subprocess.Popen([*command, "-f", config, "-d", str(out)], env=env)
        running.append((lang, config, target, out, run))
        if not side_by_side:
            run.wait()
    failed = False
    for lang, config, _, out, run in running:
        if run.wait() != 0:
            print(f"dossiers: MkDocs failed for {config}", file=sys.stderr)
            failed = True
            continue
        size = add_to_index(out / "search" / "search_index.json", search_entries(site, lang))
        print(
            f"  {lang} done after {time.monotonic() - started:.1f} s; "
            f"search index {size / 1e6:.1f} MB",
            file=sys.stderr,
        )
    if failed:
        return 1
    for _, _, target, out, _ in running:
        if Path(target) != out:
            shutil.rmtree(target, ignore_errors=True)
            out.rename(target)
    print("site ready: open site/index.html, or run 'make serve'", file=sys.stderr)
    return 0


def _diff(args: argparse.Namespace) -> int:
    try:
        old, old_problems = dossiers_at(args.base, args.dir)
        new, problems = dossiers_at(args.head, args.dir)
    except RevisionError as err:
        print(f"dossiers: {err}", file=sys.stderr)
        return 2
    broken = {Path(p.file).name.removesuffix(".yml"): p.file for p in problems}
    unreadable = {Path(p.file).name.removesuffix(".yml") for p in old_problems}
    sys.stdout.write(summarise(old, new, args.lang, broken, unreadable))
    return 0


def _new(args: argparse.Namespace) -> int:
    if not SLUG_PATTERN.match(args.slug) or args.slug in RESERVED:
        print(
            f"dossiers: '{args.slug}' cannot be a file name: use lowercase letters, digits "
            "and hyphens (at most 63), and not 'index' or 'network'",
            file=sys.stderr,
        )
        return 2
    target = args.dir / f"{args.slug}.yml"
    if target.exists() or target.is_symlink():
        print(f"dossiers: {target} exists already; choose another name", file=sys.stderr)
        return 1
    args.dir.mkdir(parents=True, exist_ok=True)
    target.write_text(new_dossier(CooperationType(args.type)), encoding="utf-8")
    print(f"wrote {target}: replace every 'VUL IN', then run 'make check'", file=sys.stderr)
    return 0


def _codeowners(args: argparse.Namespace) -> int:
    report = check_folder(args.dir)
    if report.problems:
        sys.stdout.write(errors.render(report.problems, "text"))
        print("fix the dossiers first: their reviewers cannot be read", file=sys.stderr)
        return 1
    text = codeowners(report.valid, folder=args.dir.as_posix().strip("/"))
    return _write_generated(args.output, text, args.check, "make codeowners")


def _schema(args: argparse.Namespace) -> int:
    text = schema_text()
    if str(args.output) == "-":
        sys.stdout.write(text)
        return 0
    return _write_generated(args.output, text, False, "make schema")


def _write_generated(path: Path, text: str, check: bool, remedy: str) -> int:
    """Write a generated, committed file if it changed; with check, only compare."""
    if path.exists() and path.read_text(encoding="utf-8") == text:
        print(f"{path} is up to date", file=sys.stderr)
        return 0
    if check:
        print(f"{path} is out of date: run '{remedy}' and commit it", file=sys.stderr)
        return 1
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    print(f"wrote {path}", file=sys.stderr)
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    handlers = {
        "check": _check,
        "build": _build,
        "codeowners": _codeowners,
        "new": _new,
        "diff": _diff,
        "schema": _schema,
    }
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
