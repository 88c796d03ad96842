"""The site settings (site.yml), the accessibility statement and the brand colour."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from generator.cli import main
from generator.engine import footer_env
from generator.render.statement import BRAND_CSS, brand_css, statement, statement_pages
from generator.settings import DEFAULTS, AuditStatus, Settings, contrast
from generator.sitefile import read_settings

ROOT = Path(__file__).resolve().parent.parent
DAY = date(2026, 12, 2)


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "site.yml"
    path.write_text(text, encoding="utf-8")
    return path


def test_shipped_settings_are_valid() -> None:
    settings, problems = read_settings(ROOT / "site.yml")
    assert problems == []
    assert settings.publisher.email


def test_missing_file_means_defaults(tmp_path: Path) -> None:
    assert read_settings(tmp_path / "site.yml") == (DEFAULTS, [])
    assert DEFAULTS.status is AuditStatus.C  # no audit recorded


def test_problems_are_positioned(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        "publisher:\n  emial: a@b.nl\naccessibility:\n  audit: {status: F, date: x}\n"
        'colour: "#ffff00"\n',
    )
    _, problems = read_settings(path)
    found = {p.path: (p.line, p.column, p.message) for p in problems}
    assert found["publisher.emial"][:2] == (2, 3)
    assert "did you mean 'email'" in found["publisher.emial"][2]
    assert found["accessibility.audit.status"][:2] == (4, 19)
    assert "A, B, C, D, E" in found["accessibility.audit.status"][2]
    assert "YYYY-MM-DD" in found["accessibility.audit.date"][2]
    assert "4.5:1" in found["colour"][2]
    assert all(p.file == str(path) for p in problems)


def test_broken_yaml_is_a_problem_not_a_traceback(tmp_path: Path) -> None:
    _, problems = read_settings(_write(tmp_path, "publisher: [\n"))
    assert len(problems) == 1 and problems[0].line >= 1


def test_check_command_reports_settings(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = _write(tmp_path, "publisher:\n  name: 3\n  wat: x\n")
    code = main(["check", "--dir", str(ROOT / "coalitions"), "--settings", str(bad)])
    out = capsys.readouterr().out
    assert code == 1
    assert f"{bad}:3:3: publisher.wat: unknown field 'wat'" in out
    assert (
        main(["check", "--dir", str(ROOT / "coalitions"), "--settings", str(tmp_path / "no")]) == 0
    )
    assert "not found" in capsys.readouterr().err


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_statement_without_audit_has_status_c(lang: str) -> None:
    text = statement(DEFAULTS, lang, DAY)
    assert "**C:" in text
    assert DEFAULTS.accessibility.email in text
    assert DEFAULTS.publisher.organisation in text
    assert "Nationale ombudsman" in text
    assert "axe-core" in text and "Content-Security-Policy" in text
    assert "'wasm-unsafe-eval'" in text
    assert ("2 december 2026" if lang == "nl" else "2 December 2026") in text
    assert str(DEFAULTS.accessibility.response_days) in text


def test_statement_follows_the_settings() -> None:
    settings = Settings.model_validate(
        {
            "publisher": {"organisation": "Provincie Noord"},
            "accessibility": {
                "email": "hulp@noord.nl",
                "response_days": 10,
                "audit": {"status": "B", "date": "2026-06-01", "by": "Bureau Toets"},
            },
        }
    )
    nl = statement(settings, "nl", DAY)
    assert "**B: voldoet gedeeltelijk**" in nl
    assert "Bureau Toets op 1 juni 2026" in nl
    assert "hulp@noord.nl" in nl and "10 werkdagen" in nl and "Provincie Noord" in nl
    en = statement(settings, "en", DAY)
    assert "**B: partially compliant**" in en and "10 working days" in en


def test_pages_at_the_old_addresses() -> None:
    pages = statement_pages(DEFAULTS, DAY)
    assert "toegankelijkheid.md" in pages["nl"]
    assert "accessibility.md" in pages["en"]


def test_brand_colour_keeps_contrast() -> None:
    assert contrast("#ffffff", "#000000") == pytest.approx(21)
    assert "--md-primary-fg-color" not in brand_css(DEFAULTS)
    coloured = Settings.model_validate({"colour": "#1f5f8b"})
    assert "--md-primary-fg-color: #1f5f8b" in statement_pages(coloured, DAY)["nl"][BRAND_CSS]


def test_footer_values_come_from_settings() -> None:
    env = footer_env(Settings.model_validate({"publisher": {"email": "x@y.nl"}}), DAY, "nl")
    assert env["DOSSIERS_EMAIL"] == "x@y.nl"
    assert env["DOSSIERS_UPDATED"] == "2 december 2026"
    assert env["DOSSIERS_BUILD_DATE"] == "2026-12-02"


def test_settings_model_imports_nothing_of_the_dossiers() -> None:
    """Renderers may import the settings model, so it must not reach the private model."""
    from .test_architecture import _imports

    ours = {n for n in _imports(ROOT / "generator" / "settings.py") if n.startswith("generator")}
    assert ours <= {"generator.render"}  # level-1 imports: none today
