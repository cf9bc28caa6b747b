"""Run the nkdesk command line in a child process and read its peak memory.

The child writes its peak resident memory last, on stderr. On Linux it is
read from /proc (VmHWM): getrusage's maxrss keeps the parent's peak at the
fork, however much smaller the process it then runs.
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Sequence

_CHILD = """
import atexit, re, resource, sys

def peak_kb():
    try:
        with open("/proc/self/status") as status:
            return int(re.search(r"VmHWM:\\s+(\\d+)", status.read()).group(1))
    except (OSError, AttributeError):
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss

atexit.register(lambda: sys.stderr.write("\\nPEAK_KB %d\\n" % peak_kb()))
from nkdesk.cli import main
sys.exit(main(sys.argv[1:]))
"""


def run_cli(arguments: Sequence[str]) -> tuple[str, int]:
    """``nkdesk ARGUMENTS`` in a child process: what it printed, and its peak memory in KB."""
    done = subprocess.run(
        [sys.executable, "-c", _CHILD, *arguments], capture_output=True, text=True, check=True
    )
    return done.stdout, int(done.stderr.rsplit("PEAK_KB", 1)[1])
