"""Reading dossier files: YAML 1.2 values with the position of every field.

PyYAML's C parser (libyaml) gives a stream of events with positions. We build
the values from those events ourselves, because PyYAML's own constructors
follow YAML 1.1 (``no``, ``on`` and ``yes`` become booleans, ``19:30`` a number,
``2026-02-01`` a date), silently keep the last of two duplicate keys, and
expand aliases (an "alias bomb" of a few hundred bytes can fill memory).
Building from events is iterative, so deep nesting cannot overflow the stack
(libyaml's own composer segfaults at 100,000 levels); we stop at MAX_DEPTH.

Here plain scalars follow the YAML 1.2 core schema; dates and times stay text
so the schema can report a wrong date with its position; aliases and tags are
refused; keys must be unique.
"""

from __future__ import annotations

import math
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path as FsPath
from typing import Any

import yaml

from .errors import Path, Problem, format_path
from .i18n import N_, _

MAX_BYTES = 1024 * 1024
MAX_DEPTH = 32
MAX_NODES = 100_000
# \Z, not $: "$" also matches before a final newline, and "bieb\n.yml" is no address.
SLUG_PATTERN = re.compile(r"^[a-z0-9][a-z0-9-]{0,62}\Z")
EXTENSION = ".yml"
# Names the site uses for its own pages beside the coalition and organisation pages.
RESERVED = frozenset({"index", "network"})

_Loader: type[Any] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
LIBYAML = _Loader is not yaml.SafeLoader

_NULL = re.compile(r"^(~|null|Null|NULL|)$")
_BOOL = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
_INT10 = re.compile(r"^[-+]?[0-9]+$")
_INT8 = re.compile(r"^0o[0-7]+$")
_INT16 = re.compile(r"^0x[0-9a-fA-F]+$")
_FLOAT = re.compile(r"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$")
_INF = re.compile(r"^[-+]?\.(inf|Inf|INF)$")
_NAN = re.compile(r"^\.(nan|NaN|NAN)$")
_STR_TAG = "tag:yaml.org,2002:str"


@dataclass(frozen=True)
class Positions:
    """Where each field path starts in the file (1-based line and column)."""

    values: dict[Path, tuple[int, int]] = field(default_factory=dict)
    keys: dict[Path, tuple[int, int]] = field(default_factory=dict)

    def of_value(self, path: Path) -> tuple[int, int]:
        """Position of the value at path, or of the nearest enclosing value."""
        for end in range(len(path), -1, -1):
            found = self.values.get(path[:end])
            if found:
                return found
        return (1, 1)

    def of_key(self, path: Path) -> tuple[int, int]:
        """Position of the key that names path, falling back to its value."""
        return self.keys.get(path) or self.of_value(path)


@dataclass(frozen=True)
class RawDossier:
    """A dossier file read as plain values, before the schema has seen it."""

    file: str
    slug: str
    data: dict[str, Any]
    positions: Positions
    # Problems already found while reading (an unquoted colon the reader worked
    # around to check the rest); such a dossier is never valid.
    problems: tuple[Problem, ...] = ()


def strings(data: Any, path: Path = ()) -> Iterator[tuple[Path, str]]:
    """Every text value in raw dossier data, with its field path."""
    if isinstance(data, dict):
        for key, item in data.items():
            yield from strings(item, (*path, key))
    elif isinstance(data, list):
        for index, item in enumerate(data):
            yield from strings(item, (*path, index))
    elif isinstance(data, str):
        yield path, data


class _Stop(Exception):
    """Ends reading one file with a problem."""

    def __init__(self, line: int, column: int, path: Path, message: str, syntax: str = "") -> None:
        super().__init__(message)
        self.line, self.column, self.path, self.message = line, column, path, message
        # libyaml's own words for a syntax error (English in every language), or "".
        self.syntax = syntax


class WrittenFloat(float):
    """A float that remembers how it was written, so '250.000' can be questioned."""

    written: str

    def __new__(cls, text: str) -> WrittenFloat:
        value = super().__new__(cls, text)
        value.written = text
        return value


MAX_DIGITS = 30


def resolve_plain(text: str) -> Any:
    """The value of an unquoted scalar under the YAML 1.2 core schema.

    Raises ValueError for a number too long to be meant as one.
    """
    if len(text) > MAX_DIGITS and (_INT10.match(text) or _FLOAT.match(text)):
        raise ValueError(
            _("a number of more than {most} digits is not plausible here").format(most=MAX_DIGITS)
        )
    if _NULL.match(text):
        return None
    if text in _BOOL:
        return _BOOL[text]
    if _INT10.match(text):
        return int(text)
    if _INT8.match(text):
        return int(text[2:], 8)
    if _INT16.match(text):
        return int(text[2:], 16)
    if _FLOAT.match(text):
        return WrittenFloat(text)
    if _INF.match(text):
        return -math.inf if text.startswith("-") else math.inf
    if _NAN.match(text):
        return math.nan
    return text


def _pos(event: Any) -> tuple[int, int]:
    return event.start_mark.line + 1, event.start_mark.column + 1


class _Builder:
    """Builds plain values from a YAML event stream, without recursion."""

    def __init__(self, events: Iterator[Any]) -> None:
        self.events = events
        self.positions = Positions()
        self.nodes = 0

    def build(self) -> Any:
        documents: list[Any] = []
        for event in self.events:
            if isinstance(event, yaml.DocumentStartEvent):
                if documents:
                    line, col = _pos(event)
                    raise _Stop(
                        line, col, (), _("a dossier file holds one YAML document, not several")
                    )
                documents.append(self._document())
        return documents[0] if documents else None

    def _scalar(self, event: Any, path: Path) -> Any:
        line, col = _pos(event)
        if event.tag not in (None, "!", _STR_TAG):
            raise _Stop(line, col, path, _tags_message(event.tag))
        if event.tag is None and event.implicit[0]:
            try:
                return resolve_plain(event.value)
            except ValueError as err:
                raise _Stop(line, col, path, str(err)) from None
        return event.value

    def _document(self) -> Any:
        # Each open collection: [container, path, pending key, key position, seen keys].
        stack: list[list[Any]] = []
        root: Any = None
        for event in self.events:
            if isinstance(event, yaml.DocumentEndEvent):
                return root
            self.nodes += 1
            if self.nodes > MAX_NODES:
                line, col = _pos(event)
                raise _Stop(
                    line, col, (), _("too many values (more than {most})").format(most=MAX_NODES)
                )
            if isinstance(event, yaml.AliasEvent):
                line, col = _pos(event)
                raise _Stop(
                    line,
                    col,
                    self._child_path(stack),
                    _(
                        "aliases (*{anchor}) are not allowed in a dossier; write the value out"
                    ).format(anchor=event.anchor),
                )
            if isinstance(event, yaml.MappingEndEvent | yaml.SequenceEndEvent):
                done = stack.pop()
                if stack:
                    self._add(stack, done[0])
                else:
                    root = done[0]
                continue
            # A key in a mapping?
            if stack and isinstance(stack[-1][0], dict) and stack[-1][2] is None:
                self._key(stack[-1], event)
                continue
            path = self._child_path(stack)
            line, col = _pos(event)
            self.positions.values[path] = (line, col)
            if isinstance(event, yaml.ScalarEvent):
                value = self._scalar(event, path)
                if stack:
                    self._add(stack, value)
                else:
                    root = value
                continue
            if event.tag not in (None, "!"):
                raise _Stop(line, col, path, _tags_message(event.tag))
            if len(stack) >= MAX_DEPTH:
                raise _Stop(
                    line,
                    col,
                    path[:2],
                    _("nested too deeply (more than {most} levels)").format(most=MAX_DEPTH),
                )
            container: Any = {} if isinstance(event, yaml.MappingStartEvent) else []
            stack.append([container, path, None, None, {}])
        return root

    def _key(self, frame: list[Any], event: Any) -> None:
        line, col = _pos(event)
        if not isinstance(event, yaml.ScalarEvent):
            raise _Stop(line, col, frame[1], _("a key must be a plain word, not a list or mapping"))
        if event.tag not in (None, "!", _STR_TAG):
            raise _Stop(line, col, frame[1], _tags_message(event.tag))
        key = event.value
        if not key.strip():
            raise _Stop(line, col, frame[1], _("a key must not be empty"))
        if key == "<<":
            raise _Stop(line, col, frame[1], _("merge keys (<<) are not allowed in a dossier"))
        seen: dict[str, int] = frame[4]
        if key in seen:
            raise _Stop(
                line,
                col,
                (*frame[1], key),
                _("duplicate key '{key}' (first given on line {line}); give each key once").format(
                    key=key, line=seen[key]
                ),
            )
        seen[key] = line
        frame[2] = key
        self.positions.keys[(*frame[1], key)] = (line, col)

    @staticmethod
    def _child_path(stack: list[list[Any]]) -> Path:
        if not stack:
            return ()
        container, path, key = stack[-1][0], stack[-1][1], stack[-1][2]
        if isinstance(container, dict):
            return path if key is None else (*path, key)
        return (*path, len(container))

    @staticmethod
    def _add(stack: list[list[Any]], value: Any) -> None:
        frame = stack[-1]
        if isinstance(frame[0], dict):
            frame[0][frame[2]] = value
            frame[2] = None
        else:
            frame[0].append(value)


# libyaml's words for a ': ' inside a plain value.
_COLON_PROBLEM = "mapping values are not allowed"


# libyaml's most common words, so a Dutch message is Dutch throughout; others stay English.
YAML_WORDS = (
    N_("did not find expected '-' indicator"),
    N_("did not find expected key"),
    N_("did not find expected node content"),
    N_("could not find expected ':'"),
    N_("mapping values are not allowed in this context"),
    N_("found character that cannot start any token"),
    N_("found unexpected end of stream"),
    N_("found a tab character that violates indentation"),
    N_("while parsing a block collection"),
    N_("while parsing a block mapping"),
    N_("while parsing a flow sequence"),
    N_("while parsing a flow mapping"),
    N_("while parsing a flow node"),
    N_("while parsing a block node"),
    N_("while scanning a simple key"),
    N_("while scanning a quoted scalar"),
    N_("while scanning a plain scalar"),
)


def _tags_message(tag: str) -> str:
    return _("YAML tags such as '{tag}' are not allowed here").format(tag=tag)


def parse(text: str) -> tuple[Any, Positions]:
    """Parse YAML text into plain values and positions; raises _Stop on a problem."""
    builder = _Builder(iter(yaml.parse(text, Loader=_Loader)))
    try:
        try:
            value = builder.build()
        except yaml.MarkedYAMLError as err:
            if _Loader is yaml.SafeLoader or "nesting depth" not in (err.problem or ""):
                raise
            # libyaml 0.2.6 (PyYAML 6.0.4) stops deep flow nesting itself, at a
            # thousand levels and far along the line; the Python parser reads
            # lazily, so our own limit (MAX_DEPTH) names the field where it starts.
            builder = _Builder(iter(yaml.parse(text, Loader=yaml.SafeLoader)))
            value = builder.build()
    except _Stop as stop:
        stop.line, stop.column = _within(text, stop.line, stop.column)
        raise
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        line, col = _within(text, mark.line + 1, mark.column + 1) if mark else (1, 1)
        what = err.problem or "not valid YAML"
        context = ""
        if err.context and err.context_mark:
            start = _within(text, err.context_mark.line + 1, 1)[0]
            context = _(" ({context} that starts on line {line})").format(
                context=_(err.context), line=start
            )
        message = _("YAML syntax error: {problem}; check the indentation and quotes").format(
            problem=_(what) + context
        )
        raise _Stop(line, col, (), message, syntax=what) from None
    except yaml.YAMLError as err:
        message = _("YAML syntax error: {problem}").format(problem=err)
        raise _Stop(1, 1, (), message, syntax=str(err)) from None
    lines = text.splitlines() or [""]
    for where in (builder.positions.values, builder.positions.keys):
        for path, (line, col) in where.items():
            if line > len(lines):  # an empty value at the very end ('? name')
                where[path] = _within(text, line, col)
    return value, builder.positions


# A plain value with ': ' inside it: "title: Lezen: een plan" (or "- title: ...").
_COLON_LINE = re.compile(
    r"^(?P<key>\s*(?:- )?[A-Za-z_][\w-]*:[ \t]+)(?P<value>[^'\"\[{|>&*!#].*?)\s*$"
)
# At most this many unquoted colons are worked around in one file.
MOST_COLONS = 20


def _parse_around_colons(text: str) -> tuple[Any, Positions, list[_Stop]]:
    """Parse; where plain text holds ': ', report it and quote it to check the rest.

    libyaml stops at the first unquoted colon in a value, which would hide every
    other problem in the file. The quoted copy lives only in memory: the error
    stays, so the dossier is never valid until the author adds the quotes.
    """
    lines = text.split("\n")
    stops: list[_Stop] = []
    while True:
        try:
            data, positions = parse("\n".join(lines))
            return data, positions, stops
        except _Stop as stop:
            index = stop.line - 1
            found = None
            if stop.syntax.startswith(_COLON_PROBLEM) and len(stops) < MOST_COLONS:
                found = _COLON_LINE.match(lines[index]) if 0 <= index < len(lines) else None
            if found is None:
                # Reading cannot go on: the first problem, said to hide the others.
                first = stops[0] if stops else stop
                if first.syntax or stops:
                    first.message += _("; other problems in this file show once this is fixed")
                raise first from None
            key = found["key"].strip().removeprefix("- ").rstrip(":")
            value = found["value"]
            stops.append(
                _Stop(
                    stop.line,
                    len(found["key"]) + 1,
                    (),
                    _(
                        "the text of '{key}' holds a colon followed by a space, which YAML "
                        'reads as a new field: put the text in quotes, {key}: "{value}"'
                    ).format(key=key, value=shorten_quote(value)),
                )
            )
            escaped = value.replace("\\", "\\\\").replace('"', '\\"')
            lines[index] = f'{found["key"]}"{escaped}"'


def shorten_quote(value: str) -> str:
    return value if len(value) <= 60 else value[:57] + "..."


def _within(text: str, line: int, col: int) -> tuple[int, int]:
    """A position libyaml gives past the end of a file without a final line
    break (an unclosed '[', an empty value at the end) moved to the end of its
    last line, where editors and GitHub can show it."""
    lines = text.splitlines() or [""]
    if line > len(lines):
        return len(lines), len(lines[-1]) + 1
    return line, col


def _decode(raw: bytes) -> str:
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as err:
        before = raw[: err.start]
        line = before.count(b"\n") + 1
        col = err.start - (before.rfind(b"\n") + 1) + 1
        raise _Stop(line, col, (), _("the file is not UTF-8 text; save it as UTF-8")) from None
    bad = re.search(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]", text)
    if bad:
        before_text = text[: bad.start()]
        line = before_text.count("\n") + 1
        col = bad.start() - (before_text.rfind("\n") + 1) + 1
        raise _Stop(
            line,
            col,
            (),
            _("the file holds a control character ({char}); is it a binary file?").format(
                char=f"U+{ord(bad.group()):04X}"
            ),
        )
    return text


def read_dossier(path: FsPath, display: str) -> RawDossier | Problem:
    """Read one dossier file; a problem if it cannot be read as a dossier."""
    content = read_file(path, display)
    if isinstance(content, Problem):
        return content
    return read_bytes(content, path.name, display)


def read_file(path: FsPath, display: str) -> bytes | Problem:
    """A dossier file's bytes, refusing symbolic links and files over the size limit."""
    try:
        if path.is_symlink():
            raise _Stop(1, 1, (), _symlink_message())
        _check_size(path.stat().st_size)
        with path.open("rb") as handle:
            content = handle.read(MAX_BYTES + 1)
    except _Stop as stop:
        return _problem(display, stop)
    except OSError as err:
        return Problem(
            display, 1, 1, "(file)", _("cannot be read: {reason}").format(reason=err.strerror)
        )
    return content


def read_bytes(content: bytes, name: str, display: str) -> RawDossier | Problem:
    """Read a dossier from its bytes (a file, or a file at a git revision)."""
    slug = name.removesuffix(EXTENSION)
    try:
        _check_size(len(content))
        if slug in RESERVED:
            raise _Stop(
                1,
                1,
                (),
                _("'{slug}' is reserved for the overview page; choose another file name").format(
                    slug=slug
                ),
            )
        if not SLUG_PATTERN.match(slug):
            raise _Stop(
                1,
                1,
                (),
                _(
                    "'{name}' is not a valid file name: the name before .yml is the "
                    "coalition's address on the site and may hold only lowercase letters, "
                    "digits and hyphens (at most 63)"
                ).format(name=name),
            )
        text = _decode(content)
        if not text.strip():
            raise _Stop(
                1, 1, (), _("the file is empty; a dossier starts with 'name:' and 'status:'")
            )
        data, positions, colons = _parse_around_colons(text)
        if not isinstance(data, dict):
            raise _Stop(1, 1, (), _("a dossier must be a mapping of fields (name:, status:, ...)"))
    except _Stop as stop:
        return _problem(display, stop)
    return RawDossier(
        file=display,
        slug=slug,
        data=data,
        positions=positions,
        problems=tuple(_problem(display, stop) for stop in colons),
    )


def _check_size(size: int) -> None:
    if size > MAX_BYTES:
        raise _Stop(
            1,
            1,
            (),
            _("the file is {size} MiB; a dossier may be at most {most} MiB").format(
                size=f"{size / 1024 / 1024:.1f}", most=MAX_BYTES // 1024 // 1024
            ),
        )


def _problem(display: str, stop: _Stop) -> Problem:
    return Problem(
        display, stop.line, stop.column, format_path(stop.path) or "(file)", stop.message
    )


def discover(directory: FsPath) -> tuple[list[FsPath], list[Problem]]:
    """The dossier files in a folder, and problems with anything else in it."""
    problems: list[Problem] = []
    files: list[FsPath] = []
    if not directory.is_dir():
        return [], [Problem(str(directory), 1, 1, "(folder)", _("no such folder"))]
    # os.scandir knows each entry's kind without a system call per file, which
    # counts with thousands of dossiers (make serve looks at them on every save).
    with os.scandir(directory) as listing:
        entries = sorted(listing, key=lambda e: e.name)
    for entry in entries:
        name = entry.name
        if name.startswith(".") or name.lower() in ("readme.md",):
            continue
        if name.endswith(EXTENSION) and entry.is_file(follow_symlinks=False):
            files.append(directory / name)
            continue
        shown = display_path(directory / name)
        if entry.is_symlink():
            problems.append(
                Problem(
                    shown,
                    1,
                    1,
                    "(file)",
                    _symlink_message(),
                )
            )
        elif entry.is_dir(follow_symlinks=False):
            problems.append(
                Problem(
                    shown,
                    1,
                    1,
                    "(file)",
                    _("folders are not read; put dossier files directly in {folder}/").format(
                        folder=directory.name
                    ),
                )
            )
        elif name.endswith(".yaml"):
            problems.append(
                Problem(
                    shown,
                    1,
                    1,
                    "(file)",
                    _("dossier files end in .yml; rename it to {name}.yml").format(name=name[:-5]),
                )
            )
        elif name.endswith(EXTENSION):
            problems.append(Problem(shown, 1, 1, "(file)", _("not a regular file")))
        else:
            problems.append(
                Problem(
                    shown,
                    1,
                    1,
                    "(file)",
                    _("not a dossier: only .yml files belong in this folder"),
                )
            )
    return files, problems


def _symlink_message() -> str:
    return _("symbolic links are not read; put the dossier file itself here")


def display_path(path: FsPath) -> str:
    """A path as the user would type it: relative to the working folder if inside it."""
    try:
        return str(path.absolute().relative_to(FsPath.cwd()))
    except ValueError:
        return str(path)


def load_folder(directory: FsPath) -> tuple[list[RawDossier], list[Problem], int]:
    """Read every dossier in a folder: the dossiers, all problems, and how many files."""
    files, problems = discover(directory)
    count = len(files) + len(problems)
    dossiers: list[RawDossier] = []
    for path in files:
        result = read_dossier(path, display_path(path))
        if isinstance(result, Problem):
            problems.append(result)
        else:
            dossiers.append(result)
    return dossiers, problems, count
