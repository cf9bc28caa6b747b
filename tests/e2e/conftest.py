"""The installed app in a real X server: Xvfb, xdotool, ImageMagick's import.

Each test gets a fresh HOME and XDG folders under tmp_path, so the app's
settings neither come from nor leak into the machine's; the app runs from a
temporary directory, not the checkout, as the installed ``nkdesk`` script.
It is located and steered through ``NKDESK_DEBUG_STATE`` (see
``nkdesk.ui.debug_state``): xdotool can press keys and click, but cannot ask
where a passage is on the screen, and the state file can.
"""

from __future__ import annotations

import json
import os
import select
import shutil
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

APP = Path(sys.executable).parent / "nkdesk"
SCREEN = (1600, 1000)
XVFB_START_S = 10
WINDOW_TIMEOUT_S = 20
STATE_TIMEOUT_S = 15
EXIT_TIMEOUT_S = 15
POLL_S = 0.05
TOOLS = {"Xvfb": "xvfb", "xdotool": "xdotool", "import": "imagemagick", "convert": "imagemagick"}


def _missing() -> list[str]:
    missing = [
        f"{tool} (apt: {package})" for tool, package in TOOLS.items() if not shutil.which(tool)
    ]
    if not APP.is_file():
        missing.append(f"the installed nkdesk script at {APP} (pip install .)")
    return missing


@pytest.fixture(scope="session")
def display(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A fresh Xvfb server; the display number is the first free one (-displayfd)."""
    missing = _missing()
    if missing:
        pytest.skip("end-to-end tests need " + ", ".join(missing))
    log = tmp_path_factory.mktemp("xvfb") / "xvfb.log"
    read, write = os.pipe()
    width, height = SCREEN
    with log.open("wb") as stderr:
        server = subprocess.Popen(
            ["Xvfb", "-displayfd", str(write), "-screen", "0", f"{width}x{height}x24",
             "-nolisten", "tcp"],
            pass_fds=(write,),
            stdout=subprocess.DEVNULL,
            stderr=stderr,
        )  # fmt: skip
    os.close(write)
    try:
        ready, _, _ = select.select([read], [], [], XVFB_START_S)
        number = os.read(read, 32).decode().strip() if ready else ""
        if not number.isdigit():
            pytest.fail(f"Xvfb did not start: {log.read_text(errors='replace')[-2000:]}")
        yield f":{number}"
    finally:
        os.close(read)
        if server.poll() is None:
            server.terminate()
        server.wait(timeout=10)


class App:
    """One run of the installed ``nkdesk``, and the keys and clicks a person would use."""

    def __init__(self, display: str, home: Path, args: tuple[str, ...] = ()) -> None:
        self.display = display
        self.home = home
        self.state_path = home / "state.json"
        self.workdir = home / "work"
        self.workdir.mkdir(parents=True, exist_ok=True)
        self.env = {
            key: value
            for key, value in os.environ.items()
            if not key.startswith(("QT_", "XDG_")) and key not in ("DISPLAY", "WAYLAND_DISPLAY")
        }
        runtime = home / "runtime"
        runtime.mkdir(mode=0o700, exist_ok=True)
        self.env.update(
            DISPLAY=display,
            QT_QPA_PLATFORM="xcb",
            HOME=str(home),
            XDG_CONFIG_HOME=str(home / "config"),
            XDG_DATA_HOME=str(home / "data"),
            XDG_CACHE_HOME=str(home / "cache"),
            XDG_RUNTIME_DIR=str(runtime),
            NKDESK_DEBUG_STATE=str(self.state_path),
        )
        self.state_path.unlink(missing_ok=True)
        self.stdout = (home / "stdout.txt").open("wb")
        self.stderr_path = home / "stderr.txt"
        self.stderr = self.stderr_path.open("wb")
        self.process = subprocess.Popen(
            [str(APP), *args],
            cwd=self.workdir,
            env=self.env,
            stdout=self.stdout,
            stderr=self.stderr,
        )
        self.window = ""

    # -- the app's side ------------------------------------------------------

    def state(self) -> dict[str, Any]:
        try:
            data: dict[str, Any] = json.loads(self.state_path.read_text(encoding="utf-8"))
        except (FileNotFoundError, ValueError):
            return {}
        return data

    def wait_for(
        self,
        what: str,
        condition: Callable[[dict[str, Any]], object],
        timeout: float = STATE_TIMEOUT_S,
    ) -> dict[str, Any]:
        """Poll the state file until ``condition(state)`` holds; fail saying ``what``."""
        deadline = time.monotonic() + timeout
        state: dict[str, Any] = {}
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                pytest.fail(
                    f"nkdesk exited ({self.process.returncode}) waiting for {what}:\n{self.errors()}"
                )
            state = self.state()
            if state and condition(state):
                return state
            time.sleep(POLL_S)
        pytest.fail(
            f"timed out waiting for {what}; last state:\n{json.dumps(state, indent=1)[:3000]}"
        )

    def errors(self) -> str:
        if not self.stderr.closed:
            self.stderr.flush()
        return self.stderr_path.read_text(encoding="utf-8", errors="replace")

    # -- the person's side ---------------------------------------------------

    def xdotool(self, *args: str, timeout: float = STATE_TIMEOUT_S) -> str:
        result = subprocess.run(
            ["xdotool", *args], env=self.env, capture_output=True, text=True, timeout=timeout
        )
        assert result.returncode == 0, f"xdotool {' '.join(args)}: {result.stderr}"
        return result.stdout.strip()

    def find_window(self) -> str:
        """Wait for the main window to be mapped; give it the keyboard focus."""
        # --onlyvisible: Qt also makes unmapped helper windows named "nkdesk".
        found = self.xdotool(
            "search", "--sync", "--onlyvisible", "--name", " — nkdesk$", timeout=WINDOW_TIMEOUT_S
        )
        self.window = found.split()[0]
        # No window manager runs under Xvfb to give focus on mapping: ask X.
        self.xdotool("windowfocus", "--sync", self.window)
        return self.window

    def key(self, *keys: str) -> None:
        self.xdotool("key", "--clearmodifiers", *keys)

    def type(self, text: str) -> None:
        self.xdotool("type", "--clearmodifiers", "--delay", "15", text)

    def click(self, x: int, y: int) -> None:
        self.xdotool("mousemove", "--sync", str(x), str(y), "click", "1")

    def screenshot(self, path: Path) -> Path:
        subprocess.run(
            ["import", "-window", "root", str(path)], env=self.env, check=True, timeout=30
        )
        return path

    def quit(self) -> int:
        """Ctrl+Q, as the analyst would; the exit status."""
        self.key("ctrl+q")
        try:
            return self.process.wait(timeout=EXIT_TIMEOUT_S)
        finally:
            self.close()

    def close(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait(timeout=EXIT_TIMEOUT_S)
        self.stdout.close()
        self.stderr.close()


@pytest.fixture
def launch(display: str, tmp_path: Path) -> Iterator[Callable[..., App]]:
    """``launch(*args, home=None)``: start the installed nkdesk under Xvfb."""
    apps: list[App] = []

    def start(*args: str, home: Path | None = None) -> App:
        app = App(display, home or tmp_path / "home", args)
        apps.append(app)
        return app

    yield start
    for app in apps:
        app.close()
