"""The shape of the pipeline, enforced: renderers never see the private model."""

from __future__ import annotations

import ast
import importlib
from pathlib import Path

import pytest

from .conftest import ROOT

RENDERERS = sorted((ROOT / "generator" / "render").glob("*.py"))
# What a renderer may import from the package: the public model, fixed vocabularies,
# Dutch time (the zone and the years a dossier may name), and the site settings
# (site.yml: only what the site publishes about itself).
ALLOWED = {
    "generator.public",
    "generator.vocabulary",
    "generator.amsterdam",
    "generator.render",
    "generator.settings",
}


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level == 0 and node.module:
                found.add(node.module)
            elif node.level == 1:  # from . import x / from .x import y, inside render/
                found.add("generator.render")
            elif node.level == 2:  # from ..x import y
                found.add(f"generator.{node.module}" if node.module else "generator")
    return found


@pytest.mark.parametrize("path", RENDERERS, ids=lambda p: p.name)
def test_renderers_import_only_the_public_model(path: Path) -> None:
    ours = {name for name in _imports(path) if name.split(".")[0] == "generator"}
    assert ours <= ALLOWED, f"{path.name} imports {sorted(ours - ALLOWED)}"


def test_the_check_sees_a_forbidden_import(tmp_path: Path) -> None:
    sample = tmp_path / "sample.py"
    sample.write_text("from ..model import Dossier\nfrom ..public import Coalition\n")
    assert _imports(sample) == {"generator.model", "generator.public"}


def test_only_the_command_line_prints() -> None:
    for path in sorted((ROOT / "generator").rglob("*.py")):
        if path.name in ("cli.py",):
            continue
        calls = [
            node
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
            if isinstance(node, ast.Call) and getattr(node.func, "id", "") == "print"
        ]
        assert calls == [], path


RENDER_MODULES = sorted((ROOT / "generator" / "render").glob("*.py"))


@pytest.mark.parametrize("path", RENDER_MODULES, ids=lambda p: p.name)
def test_renderers_keep_no_state_between_calls(path: Path) -> None:
    """Renderers are pure: no module-level list, dict or set they could fill, no
    `global`, no class-level store. Memory between builds lives in state.py alone."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    assert not any(isinstance(node, ast.Global | ast.Nonlocal) for node in ast.walk(tree))
    module = importlib.import_module(f"generator.render.{path.stem}")
    mutable = (list, dict, set, bytearray)
    for name, value in vars(module).items():
        if name.startswith("__") or not isinstance(value, mutable):
            continue
        # Constant tables are written in capitals and only read.
        assert name.lstrip("_").isupper(), f"{path.name}: module-level mutable {name!r}"
    for node in ast.walk(tree):
        if isinstance(node, ast.AnnAssign) and "ClassVar" in ast.unparse(node.annotation):
            raise AssertionError(f"{path.name}:{node.lineno}: a class-level store")


def test_only_the_serving_session_outlives_a_build() -> None:
    """No module of the generator keeps a cached object that could remember builds,
    except the serve session (a `functools.cache` on a function without arguments
    returns one shared object)."""
    singletons = []
    for path in sorted((ROOT / "generator").rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.FunctionDef)
                and not node.args.args
                and any(ast.unparse(d) in ("cache", "functools.cache") for d in node.decorator_list)
            ):
                singletons.append(f"{path.relative_to(ROOT)}:{node.name}")
    # code_version/_versioned: a digest of the code; _secret: bytes; _schema_text: the
    # export schema as text. All made once and never changed.
    assert sorted(singletons) == [
        "generator/cache.py:_secret",
        "generator/cache.py:_versioned",
        "generator/cache.py:code_version",
        "generator/render/exports.py:_schema_text",
        "generator/serving.py:session",
    ]
