from pathlib import Path

import pytest

from mythosmud.config import SecretError, Settings


def test_defaults_work_on_a_fresh_machine(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path)
    assert settings.resolved_database_url.startswith("sqlite+aiosqlite:///")
    assert settings.resolved_database_url.endswith("mythosmud.db")
    secret = settings.resolved_secret()
    assert len(secret) >= 32
    assert Settings(data_dir=tmp_path).resolved_secret() == secret  # kept, not regenerated
    assert (tmp_path / "secret.key").stat().st_mode & 0o077 == 0


def test_production_refuses_a_missing_or_placeholder_secret() -> None:
    for secret in ("", "change-me", "short"):
        with pytest.raises(SecretError):
            Settings(env="production", secret_key=secret)
    assert Settings(env="production", secret_key="k" * 40).secret_key == "k" * 40


def test_lists_come_from_comma_separated_variables(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MYTHOSMUD_ALLOWED_ORIGINS", "http://a.example, http://b.example")
    monkeypatch.setenv("MYTHOSMUD_COMMANDS_PER_SECOND", "0")
    settings = Settings()
    assert settings.allowed_origins == ["http://a.example", "http://b.example"]
    assert settings.commands_per_second == 0


def test_variables_fill_fields_and_arguments_win(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MYTHOSMUD_PORT", "9001")
    monkeypatch.setenv("mythosmud_log_level", "debug")  # names match in any case
    monkeypatch.setenv("MYTHOSMUD_NOT_A_SETTING", "ignored")
    assert Settings().port == 9001
    assert Settings().log_level == "debug"
    assert Settings(port=9002).port == 9002


def test_a_bad_variable_is_a_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MYTHOSMUD_PORT", "eighty")
    with pytest.raises(ValueError, match="port"):
        Settings()
