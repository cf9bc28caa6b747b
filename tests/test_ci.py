"""The CI scripts: .ci/system-deps finds or installs a browser on Debian and Ubuntu both (issue #10)."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SYSTEM_DEPS = REPO / ".ci" / "system-deps"
SNAP_STUB = """#!/bin/sh
echo "Command '$0' requires the chromium snap to be installed." >&2
exit 1
"""

pytestmark = pytest.mark.skipif(
    shutil.which("dpkg-query") is None, reason="system-deps is for Debian and Ubuntu (dpkg)"
)


def system_deps(tmp_path: Path, distro: str, browsers: dict[str, str]) -> str:
    """Run ``system-deps --test --dry-run`` as on ``distro``, with these browsers first on PATH."""
    release = tmp_path / "os-release"
    release.write_text(f"ID={distro}\n", encoding="utf-8")
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    for name, script in browsers.items():
        (bin_dir / name).write_text(script, encoding="utf-8")
        (bin_dir / name).chmod(0o755)
    env = {
        **os.environ,
        "PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}",
        "NKDESK_OS_RELEASE": str(release),
    }
    # Every package reads as missing, so the dry run lists all it would install.
    (bin_dir / "dpkg-query").write_text("#!/bin/sh\nexit 1\n", encoding="utf-8")
    (bin_dir / "dpkg-query").chmod(0o755)
    done = subprocess.run(
        ["bash", str(SYSTEM_DEPS), "--test", "--dry-run"],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


STUBS = {"chromium": SNAP_STUB, "chromium-browser": SNAP_STUB}
HIDDEN = {"google-chrome": SNAP_STUB, "google-chrome-stable": SNAP_STUB}


def test_on_ubuntu_the_snap_stub_is_not_installed_and_the_reason_is_given(tmp_path: Path) -> None:
    out = system_deps(tmp_path, "ubuntu", {**STUBS, **HIDDEN})
    installs = out.split("would install ", 1)[1].split()
    assert "chromium" not in installs and "chromium-browser" not in installs
    assert "xvfb" in installs and "xdotool" in installs
    assert "the browser tests will skip" in out


def test_on_debian_chromium_is_installed_when_none_runs(tmp_path: Path) -> None:
    out = system_deps(tmp_path, "debian", {**STUBS, **HIDDEN})
    assert "chromium" in out.split("would install ", 1)[1].split()


@pytest.mark.parametrize("distro", ["debian", "ubuntu"])
def test_a_browser_that_runs_is_used_wherever_it_is(tmp_path: Path, distro: str) -> None:
    chrome = "#!/bin/sh\necho 'Google Chrome 131.0.6778.85'\n"
    out = system_deps(tmp_path, distro, {**STUBS, "google-chrome": chrome})
    assert f"headless browser: {tmp_path / 'bin' / 'google-chrome'}" in out
    assert "chromium" not in out.split("would install ", 1)[1].split()
