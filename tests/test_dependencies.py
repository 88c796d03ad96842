"""Dependency hygiene: every version pinned exactly, with hashes, in one agreeing place each.

pyproject.toml pins what the project asks for (`==`, every extra too);
the locks in requirements/ (`make lock`) pin everything installed, including
what those pull in and the build backend, each with the sha256 of its files.
`make` installs with --require-hashes, so a file that is not the one locked
fails the install. The pins must agree, the installed packages must be the
pinned ones, and the advisory check (`make audit`, the Audit workflow) must
fail when it cannot look a package up rather than pass quietly.
"""

from __future__ import annotations

import re
import subprocess
import sys
import tomllib
from importlib import metadata
from pathlib import Path

import pytest
import yaml
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from .conftest import ROOT

PIN = re.compile(r"^(?P<name>[A-Za-z0-9][A-Za-z0-9._-]*)==(?P<version>[A-Za-z0-9.+!_-]+)$")
LOCKS = ("main", "fuzz", "audit")
HASH = re.compile(r"^--hash=sha256:[0-9a-f]{64}$")


def lock_entries(lock: str) -> dict[str, tuple[str, list[str]]]:
    """A lock's packages: name -> (version, its hashes); every entry checked for form."""
    text = (ROOT / "requirements" / f"{lock}.txt").read_text(encoding="utf-8")
    entries: dict[str, tuple[str, list[str]]] = {}
    # An entry is one logical line: "name==version [; marker] \ --hash=... \ --hash=...".
    for logical in text.replace("\\\n", " ").splitlines():
        requirement = logical.split("#", 1)[0].strip()
        if not requirement:
            continue
        words = requirement.split(" --hash")
        spec = words[0].split(";", 1)[0].strip()
        found = PIN.match(spec)
        assert found, f"requirements/{lock}.txt: not pinned with '==': {logical!r}"
        hashes = ["--hash" + w.strip() for w in words[1:]]
        assert hashes and all(HASH.match(h) for h in hashes), f"{lock}: {spec} without hashes"
        name = canonicalize_name(found["name"])
        assert name not in entries, f"requirements/{lock}.txt: {name} pinned twice"
        entries[name] = (found["version"], hashes)
    return entries


def constraints() -> dict[str, str]:
    """Every pinned version across the locks, which must agree with each other."""
    pins: dict[str, str] = {}
    for lock in LOCKS:
        for name, (version, _) in lock_entries(lock).items():
            assert pins.setdefault(name, version) == version, f"{name}: locks disagree"
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
        f"{where}: {requirement} but the locks have {pinned}; run 'make lock'"
    )


def test_installed_packages_are_the_pinned_versions() -> None:
    """A stale .venv would test other versions than CI installs."""
    pins = constraints()
    # The venv's own pip comes with Python; only `make audit` installs the locked
    # one (pip-audit needs it), so it is held to the lock only when that was run.
    if "pip-audit" not in {canonicalize_name(d.metadata["Name"]) for d in metadata.distributions()}:
        pins.pop("pip", None)
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
    # Every requirement hashed and pinned, so pip-audit resolves nothing itself.
    assert "--require-hashes" in audit.split() and "--disable-pip" in audit.split()
    assert "$(foreach lock,$(LOCKS),-r $(lock))" in audit, "every lock is audited"


def test_the_audit_workflow_runs_weekly_and_on_changed_pins() -> None:
    data = yaml.safe_load((ROOT / ".github" / "workflows" / "audit.yml").read_text("utf-8"))
    triggers = data[True]  # YAML 1.1 reads the key 'on' as true
    assert triggers["schedule"] and "workflow_dispatch" in triggers
    assert set(triggers["pull_request"]["paths"]) == {"requirements/*.txt", "pyproject.toml"}
    assert data["permissions"] == {"contents": "read"}
    steps = [s for job in data["jobs"].values() for s in job["steps"]]
    assert [s["run"] for s in steps if "run" in s] == ["make audit"]


def test_every_lock_entry_has_hashes() -> None:
    for lock in LOCKS:
        assert len(lock_entries(lock)) > 5, lock
    assert len(constraints()) > 20


def test_the_lock_check_can_fail(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "requirements"
    folder.mkdir()
    monkeypatch.setattr(sys.modules[__name__], "ROOT", tmp_path)
    (folder / "main.txt").write_text("mergedeep==1.3.4\n", encoding="utf-8")
    with pytest.raises(AssertionError, match="without hashes"):
        lock_entries("main")
    (folder / "main.txt").write_text("mergedeep>=1 \\\n    --hash=sha256:" + "0" * 64, "utf-8")
    with pytest.raises(AssertionError, match="not pinned"):
        lock_entries("main")


def test_the_build_backend_is_pinned_and_locked() -> None:
    """A fresh install builds the project with the locked setuptools, not the newest one."""
    build = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["build-system"]
    (backend,) = [Requirement(r) for r in build["requires"]]
    (specifier,) = backend.specifier
    assert specifier.operator == "=="
    assert lock_entries("main")[canonicalize_name(backend.name)][0] == specifier.version
    lines = (ROOT / "requirements" / "build.in").read_text(encoding="utf-8").splitlines()
    assert [line for line in lines if line and not line.startswith("#")] == [str(backend)]


def _make_variable(name: str) -> str:
    text = (ROOT / "Makefile").read_text(encoding="utf-8")
    found = re.search(rf"^{name} :?= (.*)$", text, re.M)
    assert found, f"no make variable {name}"
    return found[1]


def test_make_installs_only_hashed_files() -> None:
    recipe = _make_recipe(r"\$\(STAMP\)")
    assert recipe[1:] == ["$(PIP_LOCKED) -r $(LOCK)", "$(PIP_PROJECT)", "@touch $(STAMP)"]
    assert _make_variable("LOCK") == "requirements/main.txt"
    assert "--require-hashes" in _make_variable("PIP_LOCKED").split()
    # The project itself: no download at all, so nothing that could go unchecked.
    project = _make_variable("PIP_PROJECT").split()
    assert {"--no-deps", "--no-build-isolation", "-e", "."} <= set(project)
    for target in ("fuzz", "audit"):
        installs = [line for line in _make_recipe(target) if " install" in line or "PIP" in line]
        assert installs == [f"$(PIP_LOCKED) -r requirements/{target}.txt"], target
    assert "pip install" not in (ROOT / "Makefile").read_text(encoding="utf-8")


def test_make_lock_writes_every_lock_with_hashes() -> None:
    recipe = _make_recipe("lock")
    assert [line.split(" -o ")[-1] for line in recipe] == [f"requirements/{n}.txt" for n in LOCKS]
    compile_flags = _make_variable("UV_COMPILE").split()
    assert {"--generate-hashes", "--universal"} <= set(compile_flags)


def _pip_install(
    requirement_file: Path, wheels: Path, target: Path
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "pip", "--disable-pip-version-check", "--isolated", "install",
         "--no-index", "--find-links", str(wheels), "--require-hashes", "--no-deps",
         "--target", str(target), "-r", str(requirement_file)],
        capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip


def test_a_file_that_is_not_the_locked_one_fails_the_install(tmp_path: Path) -> None:
    """pip, offline from a folder of wheels, installs the locked file and refuses a changed hash."""
    name = "mergedeep"  # small, pure Python, in the main lock
    version, hashes = lock_entries("main")[name]
    wheels = tmp_path / "wheels"
    download = subprocess.run(
        [sys.executable, "-m", "pip", "--disable-pip-version-check", "download", "--quiet",
         "--no-deps", "--only-binary", ":all:", "-d", str(wheels), f"{name}=={version}"],
        capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    if download.returncode != 0:
        pytest.skip(f"no wheel of {name} to be had here: {download.stderr[-300:]}")
    locked = tmp_path / "locked.txt"
    locked.write_text(f"{name}=={version} " + " ".join(hashes) + "\n", encoding="utf-8")
    done = _pip_install(locked, wheels, tmp_path / "ok")
    assert done.returncode == 0, done.stderr
    assert any((tmp_path / "ok").glob(f"{name}-{version}.dist-info"))
    # The same lock line with every hash changed in its last digit: the same wheel is refused.
    tampered = tmp_path / "tampered.txt"
    changed = [h[:-1] + ("0" if h[-1] != "0" else "1") for h in hashes]
    tampered.write_text(f"{name}=={version} " + " ".join(changed) + "\n", encoding="utf-8")
    done = _pip_install(tampered, wheels, tmp_path / "bad")
    assert done.returncode != 0
    assert "DO NOT MATCH THE HASHES" in done.stderr, done.stderr
    assert not (tmp_path / "bad").exists() or not any((tmp_path / "bad").iterdir())
