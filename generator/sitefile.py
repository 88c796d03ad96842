"""Reading site.yml (the site settings) with the dossier loader's positions and
the dossier validator's messages; a missing file means the defaults."""

from __future__ import annotations

from pathlib import Path as FsPath

from pydantic import ValidationError

from .errors import Problem, format_path
from .i18n import _
from .load import RawDossier, _Stop, parse, read_file
from .settings import DEFAULTS, Settings
from .validate import _schema_problem

SETTINGS_FILE = FsPath("site.yml")


def read_settings(path: FsPath = SETTINGS_FILE) -> tuple[Settings, list[Problem]]:
    """The settings in `path`, or the defaults when it does not exist; with the
    problems found (then the settings are the defaults)."""
    if not path.exists() and not path.is_symlink():
        return DEFAULTS, []
    display = str(path)
    content = read_file(path, display)
    if isinstance(content, Problem):
        return DEFAULTS, [content]
    try:
        text = content.decode("utf-8")
    except UnicodeDecodeError:
        return DEFAULTS, [Problem(display, 1, 1, "(file)", _("is not UTF-8 text"))]
    if not text.strip():
        return DEFAULTS, []
    try:
        data, positions = parse(text)
    except _Stop as stop:
        where = format_path(stop.path) or "(file)"
        return DEFAULTS, [Problem(display, stop.line, stop.column, where, stop.message)]
    if not isinstance(data, dict):
        return DEFAULTS, [
            Problem(display, 1, 1, "(file)", _("site.yml must be a mapping (publisher:, ...)"))
        ]
    raw = RawDossier(file=display, slug="site", data=data, positions=positions)
    try:
        return Settings.model_validate(data), []
    except ValidationError as err:
        return DEFAULTS, [_schema_problem(raw, e, Settings) for e in err.errors(include_url=False)]


def describe_missing(path: FsPath = SETTINGS_FILE) -> str | None:
    """A plain sentence when the settings file is missing, else None."""
    if path.exists():
        return None
    return _(
        "{path} not found: the site uses the default publisher, contact addresses and "
        "audit status (C); copy site.yml from the repository to set them"
    ).format(path=path)
