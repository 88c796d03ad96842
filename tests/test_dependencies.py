"""Dependency hygiene: every version pinned exactly, in one agreeing place each.

pyproject.toml pins what the project asks for (`==`, every extra too);
constraints.txt pins everything installed, including what those pull in. The
two must agree, the installed packages must be the pinned ones, and the
advisory check (`make audit`, the Audit workflow) must fail when it cannot look
a package up rather than pass quietly.
"""

from __future__ import annotations

import re
import tomllib
from importlib import metadata

import pytest
import yaml
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from .conftest import ROOT

PIN = re.compile(r"^(?P<name>[A-Za-z0-9][A-Za-z0-9._-]*)==(?P<version>[A-Za-z0-9.+!_-]+)$")


def constraints() -> dict[str, str]:
    pins: dict[str, str] = {}
    for line in (ROOT / "constraints.txt").read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        found = PIN.match(line)
        assert found, f"constraints.txt: not pinned with '==': {line!r}"
        name = canonicalize_name(found["name"])
        assert name not in pins, f"constraints.txt: {name} pinned twice"
        pins[name] = found["version"]
    return pins


def requirements() -> list[tuple[str, Requirement]]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    found = [("dependencies", Requirement(r)) for r in project["dependencies"]]
    for extra, listed in project.get("optional-dependencies", {}).items():
        found += [(extra, Requirement(r)) for r in listed]
    return found


def test_every_constraint_is_pinned_exactly() -> None:
    assert len(constraints()) > 20


@pytest.mark.parametrize("where,requirement", requirements(), ids=lambda r: str(r))
def test_every_pyproject_dependency_is_pinned_and_agrees(
    where: str, requirement: Requirement
) -> None:
    specifiers = list(requirement.specifier)
    assert len(specifiers) == 1 and specifiers[0].operator == "==", (where, str(requirement))
    assert "*" not in specifiers[0].version, (where, str(requirement))
    assert not requirement.url and not requirement.extras, (where, str(requirement))
    pinned = constraints().get(canonicalize_name(requirement.name))
    assert pinned == specifiers[0].version, (
        f"{where}: {requirement} but constraints.txt has {pinned}; run 'make constraints'"
    )


def test_installed_packages_are_the_pinned_versions() -> None:
    """A stale .venv would test other versions than CI installs."""
    pins = constraints()
    wrong = {}
    for dist in metadata.distributions():
        name = canonicalize_name(dist.metadata["Name"])
        if name in pins and dist.version != pins[name]:
            wrong[name] = (dist.version, pins[name])
    assert wrong == {}, "installed (left) is not pinned (right): run 'make' again"


def test_the_pin_check_can_fail() -> None:
    assert not PIN.match("requests>=2")
    assert not PIN.match("atheris @ file:///tmp/atheris.whl")
    assert PIN.match("types-PyYAML==6.0.12.20261113")


def _make_recipe(target: str) -> list[str]:
    text = (ROOT / "Makefile").read_text(encoding="utf-8")
    found = re.search(rf"^{target}:.*\n((?:\t.*\n)+)", text, re.M)
    assert found, f"no make target {target}"
    return [line.strip() for line in found[1].splitlines()]


def test_make_audit_checks_the_pins_strictly() -> None:
    recipe = _make_recipe("audit")
    audit = next(line for line in recipe if "pip-audit" in line)
    assert "--strict" in audit.split(), "without --strict, packages it cannot look up pass"
    assert "-r constraints.txt" in audit and "--no-deps" in audit.split()


def test_the_audit_workflow_runs_weekly_and_on_changed_pins() -> None:
    data = yaml.safe_load((ROOT / ".github" / "workflows" / "audit.yml").read_text("utf-8"))
    triggers = data[True]  # YAML 1.1 reads the key 'on' as true
    assert triggers["schedule"] and "workflow_dispatch" in triggers
    assert set(triggers["pull_request"]["paths"]) == {"constraints.txt", "pyproject.toml"}
    assert data["permissions"] == {"contents": "read"}
    steps = [s for job in data["jobs"].values() for s in job["steps"]]
    assert [s["run"] for s in steps if "run" in s] == ["make audit"]
