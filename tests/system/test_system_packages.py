"""`.ci/system-packages` (what `make test` and CI run before the tests): installs the Debian
packages the tests drive as root, through sudo when it asks no password, and otherwise says
what to run. Run against stubs of id, sudo and apt-get on an empty PATH (gettext is then
missing); nothing is installed."""

import os
import shutil
import subprocess
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parents[2] / ".ci" / "system-packages"
BASH = shutil.which("bash")


def stub(folder: Path, name: str, body: str) -> None:
    path = folder / name
    path.write_text(f"#!{BASH}\n{body}\n")
    path.chmod(0o755)


def run(tmp_path, *, uid: int, sudo: str | None):
    """The script's exit code, its stderr, and the commands it ran (one line each)."""

    bin_dir, log = tmp_path / "bin", tmp_path / "ran.log"
    bin_dir.mkdir()
    os.symlink(shutil.which("env"), bin_dir / "env")
    stub(bin_dir, "id", f"echo {uid}")
    stub(bin_dir, "apt-get", f'echo "apt-get $* (${{DEBIAN_FRONTEND:-}})" >> {log}')
    if sudo == "passwordless":
        stub(bin_dir, "sudo", f'[ "$2" = true ] && exit 0; echo "sudo $*" >> {log}; shift; "$@"')
    elif sudo == "asks a password":
        stub(bin_dir, "sudo", "echo 'sudo: a password is required' >&2; exit 1")
    result = subprocess.run(
        [BASH, str(SCRIPT)],
        env={"PATH": str(bin_dir)},
        capture_output=True,
        text=True,
        timeout=30,
    )
    ran = log.read_text().splitlines() if log.exists() else []
    return result.returncode, result.stderr, ran


pytestmark = pytest.mark.skipif(BASH is None, reason="bash is not installed")


def test_as_root_it_installs_with_apt_get_directly(tmp_path):
    code, _, ran = run(tmp_path, uid=0, sudo=None)
    assert code == 0
    assert ran[0] == "apt-get update -qq ()"
    assert ran[1].startswith("apt-get install -y -qq --no-install-recommends")
    assert ran[1].endswith("(noninteractive)") and "gettext" in ran[1]
    assert len(ran) == 2


def test_a_user_with_passwordless_sudo_installs_through_it(tmp_path):
    code, _, ran = run(tmp_path, uid=1000, sudo="passwordless")
    assert code == 0
    # Each sudo line, then what it ran.
    assert ran[:2] == ["sudo -n env apt-get update -qq", "apt-get update -qq ()"]
    assert ran[2].startswith("sudo -n env DEBIAN_FRONTEND=noninteractive apt-get install")
    assert ran[3].startswith("apt-get install -y") and ran[3].endswith("(noninteractive)")
    assert "gettext" in ran[3] and len(ran) == 4


@pytest.mark.parametrize("sudo", ["asks a password", None])
def test_otherwise_it_says_what_to_run_and_installs_nothing(tmp_path, sudo):
    code, stderr, ran = run(tmp_path, uid=1000, sudo=sudo)
    assert code == 1 and not ran
    assert "The tests need:" in stderr and "sudo apt-get install -y" in stderr
    assert "gettext" in stderr
