"""The pull-request workflow parses and calls only what the project has."""

from __future__ import annotations

import json
import re
import shlex
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from generator.cli import _parser

from .conftest import ROOT

WORKFLOWS = ROOT / ".github" / "workflows"
WORKFLOW = WORKFLOWS / "dossiers.yml"


def _workflow() -> dict[Any, Any]:
    data = yaml.load(WORKFLOW.read_text(encoding="utf-8"), Loader=yaml.SafeLoader)
    assert isinstance(data, dict)
    return data


def _steps() -> list[dict[str, Any]]:
    return [step for job in _workflow()["jobs"].values() for step in job["steps"]]


def _make_targets() -> set[str]:
    text = (ROOT / "Makefile").read_text(encoding="utf-8")
    return set(re.findall(r"^([a-z][a-z-]*):", text, re.M))


def test_workflow_has_the_shape_github_expects() -> None:
    data = _workflow()
    # PyYAML reads the key 'on' as True (YAML 1.1); GitHub reads it as 'on'.
    assert set(data.get(True, data.get("on", {}))) == {"pull_request", "push"}
    assert data["permissions"] == {"contents": "read"}
    for name, job in data["jobs"].items():
        assert job["runs-on"] == "ubuntu-latest", name
        for step in job["steps"]:
            assert ("uses" in step) != ("run" in step), step
            if "uses" in step:
                # Pinned by commit: a moved tag cannot change what runs.
                assert re.match(r"^actions/[a-z-]+(/[a-z-]+)?@[0-9a-f]{40}$", step["uses"]), step[
                    "uses"
                ]


_PIN = re.compile(r"uses: (\S+)@([0-9a-f]{40})  # (v\d+\.\d+\.\d+)$", re.M)


def test_every_action_is_pinned_with_its_version_named() -> None:
    """Each `uses:` names the release its commit is, and one action has one version."""
    texts = [f.read_text(encoding="utf-8") for f in sorted(WORKFLOWS.glob("*.yml"))]
    uses = [line for text in texts for line in text.splitlines() if "uses:" in line]
    pins = [m.groups() for text in texts for m in _PIN.finditer(text)]
    assert uses and len(pins) == len(uses), uses
    versions: dict[str, set[tuple[str, str]]] = {}
    for action, commit, version in pins:
        versions.setdefault(action, set()).add((commit, version))
    assert all(len(v) == 1 for v in versions.values()), versions


def test_a_push_to_main_never_cancels_a_running_deploy() -> None:
    concurrency = _workflow()["concurrency"]
    assert concurrency["cancel-in-progress"] == "${{ github.event_name == 'pull_request' }}"


def _zizmor(folder: Path) -> list[dict[str, Any]]:
    zizmor = Path(sys.executable).parent / "zizmor"
    done = subprocess.run(
        [str(zizmor), "--offline", "--format", "json", "--no-progress", str(folder)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    # zizmor exits 0 when clean and 10-14 by the worst finding; anything else is a failure.
    assert done.returncode == 0 or 10 <= done.returncode <= 14, done.stderr
    findings = json.loads(done.stdout)
    assert isinstance(findings, list)
    return findings


def test_zizmor_finds_nothing_in_the_workflows(tmp_path: Path) -> None:
    assert [f["ident"] for f in _zizmor(WORKFLOWS)] == []
    # The same run on a copy with one action back on a tag finds it, so the empty list counts.
    copy = tmp_path / ".github" / "workflows"
    copy.mkdir(parents=True)
    text = WORKFLOW.read_text(encoding="utf-8")
    (copy / "dossiers.yml").write_text(_PIN.sub(r"uses: \1@\3", text, count=1), "utf-8")
    assert "unpinned-uses" in {f["ident"] for f in _zizmor(copy)}


def _commands() -> list[str]:
    found = []
    for step in _steps():
        if "run" in step:
            plain = re.sub(r"\$\{\{[^}]*\}\}", "X", step["run"])
            found += [part.strip() for part in re.split(r"\|\||&&|\n|>", plain) if part.strip()]
    return found


def test_make_targets_exist() -> None:
    targets = [c.split()[1] for c in _commands() if c.startswith("make ")]
    assert targets and set(targets) <= _make_targets()


@pytest.mark.parametrize("command", [c for c in _commands() if c.startswith(".venv/bin/dossiers")])
def test_dossiers_commands_parse(command: str) -> None:
    _parser().parse_args(shlex.split(command)[1:])


def test_only_known_programs_are_called() -> None:
    programs = {shlex.split(c)[0] for c in _commands() if not c.startswith("summary.md")}
    assert programs <= {"make", ".venv/bin/dossiers", "gh"}, programs


def test_the_summary_step_compares_with_the_base_branch() -> None:
    summary = next(s for s in _steps() if s.get("name", "").startswith("Summarise"))
    assert summary["run"] == '.venv/bin/dossiers diff "$BASE" HEAD > summary.md'
    assert summary["env"]["BASE"] == "origin/${{ github.base_ref }}"
    assert Path(WORKFLOW).read_text(encoding="utf-8").count("fetch-depth: 0") == 1


def test_no_expression_is_pasted_into_a_shell_command() -> None:
    """Values from the event go through env:, never straight into run: (script injection)."""
    for step in _steps():
        assert "${{" not in step.get("run", ""), step


def test_only_the_comment_job_may_write_and_it_runs_no_project_code() -> None:
    jobs = _workflow()["jobs"]
    writers = {name for name, job in jobs.items() if "write" in job.get("permissions", {}).values()}
    assert writers == {"comment", "publish"}
    assert all(s["run"].startswith("gh ") for s in jobs["comment"]["steps"] if "run" in s)
    checkout = next(
        s for s in jobs["build"]["steps"] if s.get("uses", "").startswith("actions/checkout")
    )
    assert checkout["with"]["persist-credentials"] is False


def _cache_steps() -> dict[str, dict[str, Any]]:
    steps = _workflow()["jobs"]["build"]["steps"]
    return {
        s["uses"].split("@")[0]: s for s in steps if s.get("uses", "").startswith("actions/cache")
    }


def test_builds_start_warm_and_only_main_saves_the_cache() -> None:
    """Chart drawings and the content cache come back from main's runs; nothing else writes."""
    cache = _cache_steps()
    # Restore and save separately: the all-in-one actions/cache saves at the end of
    # every run, pull requests included.
    assert set(cache) == {"actions/cache/restore", "actions/cache/save"}
    restore, save = cache["actions/cache/restore"], cache["actions/cache/save"]
    assert "if" not in restore
    assert save["if"] == "github.event_name == 'push' && github.ref == 'refs/heads/main'"
    # The signing secret travels with the entries, or every restored entry is a miss.
    paths = {".cache", "~/.cache/dossiers"}
    assert set(restore["with"]["path"].split()) == set(save["with"]["path"].split()) == paths
    prefix = restore["with"]["restore-keys"]
    assert save["with"]["key"].startswith(prefix) and restore["with"]["key"].startswith(prefix)
    steps = [s.get("name", s.get("uses")) for s in _workflow()["jobs"]["build"]["steps"]]
    assert steps.index(restore["name"]) < steps.index("Build the site") < steps.index(save["name"])


def test_the_cached_folders_are_the_ones_the_build_uses(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from generator.cache import CACHE_DIR, secret_path

    # A runner sets no XDG_CACHE_HOME, so the secret is under ~/.cache/dossiers.
    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    monkeypatch.setenv("HOME", str(tmp_path))
    assert secret_path().parent == tmp_path / ".cache" / "dossiers"
    restored = _cache_steps()["actions/cache/restore"]["with"]["path"].split()
    assert CACHE_DIR.as_posix() in restored and "~/.cache/dossiers" in restored
