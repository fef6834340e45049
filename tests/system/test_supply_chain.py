"""Supply chain (issue 15): the runtime set holds no development or test package, every
requirement is pinned to one version with its hashes, and `make run` installs the runtime
set only. No network, no database: the files and `make -n` are read."""

import re
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
# Test, lint and bench tools, and what pulls in a commercial solver (pabutools → gurobipy).
DEVELOPMENT = {
    "aiosmtpd",
    "daphne",
    "factory-boy",
    "faker",
    "gurobipy",
    "hypothesis",
    "pabutools",
    "pip-tools",
    "playwright",
    "polib",
    "pulp",
    "ruff",
    "schemathesis",
    "time-machine",
}
REQUIREMENT = re.compile(r"^(?P<name>[A-Za-z0-9][A-Za-z0-9._-]*)(?P<rest>.*)$")


def requirements(name: str) -> dict[str, str]:
    """Each requirement of a pip-compiled file: its normalised name -> the whole entry
    (continuation lines joined, comments dropped)."""

    text = re.sub(r"\\\n", " ", (ROOT / name).read_text())
    entries = {}
    for line in text.splitlines():
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        match = REQUIREMENT.match(line)
        assert match, f"{name}: not a plain requirement: {line!r}"
        entries[re.sub(r"[._]+", "-", match["name"]).lower()] = line
    return entries


def test_the_runtime_set_holds_no_development_package():
    runtime = requirements("requirements.txt")
    found = {n for n in runtime if n in DEVELOPMENT or n.startswith("pytest")}
    assert not found, f"development packages in requirements.txt: {sorted(found)}"


@pytest.mark.parametrize("name", ["requirements.txt", "requirements-dev.txt"])
def test_every_requirement_is_pinned_with_hashes(name):
    entries = requirements(name)
    assert entries
    for package, entry in entries.items():
        assert re.match(r"^[A-Za-z0-9._-]+==[^=\s;]+(\s|;|$)", entry), f"{package} not ==: {entry}"
        assert re.search(r"--hash=sha256:[0-9a-f]{64}", entry), f"{package} has no hash"


def test_the_development_set_pins_the_runtime_set_alike():
    runtime, development = requirements("requirements.txt"), requirements("requirements-dev.txt")
    for package, entry in runtime.items():
        pin = entry.split()[0]
        assert development.get(package, "").split()[:1] == [pin], package


def make_dry_run(target: str) -> str:
    if shutil.which("make") is None:
        pytest.skip("make is not installed")
    result = subprocess.run(
        ["make", "--dry-run", "--always-make", target],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
        timeout=30,
    )
    return result.stdout


def test_make_run_installs_the_runtime_set_only():
    commands = make_dry_run("run")
    installs = [line for line in commands.splitlines() if "pip install" in line]
    assert any("--require-hashes -r requirements.txt" in line for line in installs), commands
    assert all("-r requirements.txt" in line or "--upgrade pip" in line for line in installs)
    assert "requirements-dev" not in commands and ".ci/system-packages" not in commands


def test_make_test_installs_the_development_set_and_system_packages():
    commands = make_dry_run("test")
    assert "--require-hashes -r requirements-dev.txt" in commands
    assert ".ci/system-packages" in commands
