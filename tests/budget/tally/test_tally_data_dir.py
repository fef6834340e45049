"""The data-dir helper: skip without the shared data, fail in CI."""

from __future__ import annotations

import pytest

from .conftest import pabulib_dir, require_data


def test_missing_data_skips_outside_ci(monkeypatch, tmp_path):
    monkeypatch.setenv("WSPOLNOTA_DATA_DIR", str(tmp_path))
    monkeypatch.delenv("CI", raising=False)
    assert pabulib_dir() == tmp_path / "pabulib"
    with pytest.raises(pytest.skip.Exception):
        require_data()


def test_missing_data_fails_in_ci(monkeypatch, tmp_path):
    monkeypatch.setenv("WSPOLNOTA_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match="CI=true"):
        require_data("Poland_Warszawa_2026.pb")
