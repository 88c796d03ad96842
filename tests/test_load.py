"""The loader: YAML 1.2 values, positions, and the refusals."""

from __future__ import annotations

import math
import os
from pathlib import Path

import pytest

from generator.errors import Problem
from generator.load import RawDossier, load_folder, parse, read_dossier, resolve_plain

from .conftest import FIXTURES


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("NO", "NO"),
        ("no", "no"),
        ("yes", "yes"),
        ("on", "on"),
        ("Off", "Off"),
        ("y", "y"),
        ("true", True),
        ("False", False),
        ("~", None),
        ("null", None),
        ("", None),
        ("42", 42),
        ("-7", -7),
        ("0o17", 15),
        ("0x1F", 31),
        ("1.5", 1.5),
        ("1e3", 1000.0),
        ("19:30", "19:30"),  # a number in YAML 1.1 (sexagesimal)
        ("2026-02-01", "2026-02-01"),  # dates stay text for the schema
        ("0612345678", 612345678),  # hence the quoting hint for phone numbers
        ("1_000", "1_000"),
    ],
)
def test_plain_scalars_follow_yaml_1_2_core(text: str, value: object) -> None:
    assert resolve_plain(text) == value
    assert isinstance(resolve_plain(text), type(value))


def test_special_floats() -> None:
    assert resolve_plain(".inf") == math.inf
    assert resolve_plain("-.Inf") == -math.inf
    assert math.isnan(resolve_plain(".nan"))


def test_quoted_scalars_stay_text() -> None:
    value, _ = parse("a: \"true\"\nb: '42'\nc: !!str 7\nd: |\n  yes\n")
    assert value == {"a": "true", "b": "42", "c": "7", "d": "yes\n"}


def test_positions_of_values_and_keys_are_one_based() -> None:
    text = "name: Test\npartners:\n  - id: a\n    influence: 4\n"
    value, positions = parse(text)
    assert value == {"name": "Test", "partners": [{"id": "a", "influence": 4}]}
    assert positions.values[("name",)] == (1, 7)
    assert positions.values[("partners", 0)] == (3, 5)
    assert positions.values[("partners", 0, "influence")] == (4, 16)
    assert positions.keys[("partners", 0, "influence")] == (4, 5)
    # A path the file lacks falls back to the nearest enclosing value.
    assert positions.of_value(("partners", 0, "missing")) == (3, 5)


def test_flow_and_block_styles_give_the_same_values() -> None:
    block, _ = parse("a:\n  - x\n  - y\nb:\n  c: 1\n")
    flow, _ = parse("{a: [x, y], b: {c: 1}}")
    assert block == flow


def test_anchors_without_aliases_are_harmless() -> None:
    value, _ = parse("a: &anchor 1\n")
    assert value == {"a": 1}


def test_byte_order_mark_is_accepted(tmp_path: Path) -> None:
    path = tmp_path / "x.yml"
    path.write_bytes(b"\xef\xbb\xbf" + (FIXTURES / "minimal.yml").read_bytes())
    assert isinstance(read_dossier(path, "x.yml"), RawDossier)


def test_control_character_is_reported_with_its_position(tmp_path: Path) -> None:
    path = tmp_path / "x.yml"
    path.write_text("name: a\ntype: b\x07c\n", encoding="utf-8")
    problem = read_dossier(path, "x.yml")
    assert isinstance(problem, Problem)
    assert (problem.line, problem.column) == (2, 8)
    assert "control character (U+0007)" in problem.message


def test_non_utf8_byte_is_reported_with_its_position(tmp_path: Path) -> None:
    path = tmp_path / "x.yml"
    path.write_bytes(b"name: a\nsummary: caf\xe9\n")
    problem = read_dossier(path, "x.yml")
    assert isinstance(problem, Problem)
    assert (problem.line, problem.column) == (2, 13)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("a: !!python/object:os.system x\n", "YAML tags such as 'tag:yaml.org,2002:python"),
        ("a: !custom x\n", "YAML tags such as '!custom'"),
        ("<<: {a: 1}\n", "merge keys (<<) are not allowed"),
        ("? [a, b]\n: 1\n", "a key must be a plain word"),
        ("a: 1\nb: *x\n", "aliases (*x) are not allowed"),
        ("{*x: 1}\n", "aliases (*x) are not allowed"),
        ("? \n: 1\n", "a key must not be empty"),
    ],
)
def test_yaml_features_a_dossier_does_not_need_are_refused(
    tmp_path: Path, text: str, message: str
) -> None:
    path = tmp_path / "x.yml"
    path.write_text(text, encoding="utf-8")
    problem = read_dossier(path, "x.yml")
    assert isinstance(problem, Problem)
    assert message in problem.message


def test_readme_and_hidden_files_are_ignored(tmp_path: Path) -> None:
    (tmp_path / "README.md").write_text("# Dossiers\n", encoding="utf-8")
    (tmp_path / ".gitkeep").write_text("", encoding="utf-8")
    (tmp_path / "a.yml").write_text((FIXTURES / "minimal.yml").read_text(), encoding="utf-8")
    raws, problems, count = load_folder(tmp_path)
    assert ([r.slug for r in raws], problems, count) == (["a"], [], 1)


def test_other_files_and_folders_are_reported(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("x", encoding="utf-8")
    (tmp_path / "sub").mkdir()
    raws, problems, count = load_folder(tmp_path)
    assert raws == [] and count == 2
    assert [p.message.split(";")[0] for p in problems] == [
        "not a dossier: only .yml files belong in this folder",
        "folders are not read",
    ]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("a: " + "9" * 5000 + "\n", "a number of more than 30 digits is not plausible here"),
        ("a: 1" + "0" * 40 + ".5\n", "a number of more than 30 digits is not plausible here"),
    ],
)
def test_absurd_numbers_are_positioned_problems(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "x.yml"
    path.write_text(text, encoding="utf-8")
    problem = read_dossier(path, "x.yml")
    assert isinstance(problem, Problem)
    assert (problem.line, problem.column, problem.path, problem.message) == (1, 4, "a", message)


def test_a_named_pipe_is_not_read(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "x.yml")
    raws, problems, _ = load_folder(tmp_path)
    assert raws == []
    assert [p.message for p in problems] == ["not a regular file"]


@pytest.mark.parametrize("slug", ["index", "network"])
def test_reserved_names_are_refused(tmp_path: Path, slug: str) -> None:
    (tmp_path / f"{slug}.yml").write_text((FIXTURES / "minimal.yml").read_text(), "utf-8")
    raws, problems, _ = load_folder(tmp_path)
    assert raws == [] and "is reserved for the overview page" in problems[0].message
