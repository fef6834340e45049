"""Where the shared pabulib data lives, and what to do when it is not there.

The data dir is `$WSPOLNOTA_DATA_DIR` (default `<repo>/../shared/data`). Tests that need it
skip when it is absent, except in CI (`CI=true`), where missing data is a failure.
"""

from __future__ import annotations

import json
import os
from functools import cache
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[3]


def pabulib_dir() -> Path:
    root = os.environ.get("WSPOLNOTA_DATA_DIR") or str(REPO.parent / "shared" / "data")
    return Path(root) / "pabulib"


@cache
def reference() -> dict:
    path = pabulib_dir() / "reference.json"
    return json.loads(path.read_text()) if path.exists() else {"instances": {}}


def pb_files() -> list[str]:
    """Names of the sample files, or [None] so that a test still runs and skips/fails."""
    names = sorted(p.name for p in pabulib_dir().glob("*.pb"))
    return names or [None]


def require_data(name: str | None = None) -> Path:
    """Path of a sample file (or of the folder); skip, or fail in CI, when it is missing."""
    path = pabulib_dir() / name if name else pabulib_dir()
    if name is not None and path.exists() and name in reference()["instances"]:
        return path
    if name is None and (path / "reference.json").exists():
        return path
    reason = f"pabulib data not found at {path} (set WSPOLNOTA_DATA_DIR)"
    if os.environ.get("CI") == "true":
        pytest.fail(f"CI=true but {reason}")
    pytest.skip(reason)


@pytest.fixture
def data_dir() -> Path:
    return require_data()
