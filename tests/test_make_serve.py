"""`make serve` (what `make run` ends with) stops cleanly on Ctrl-C and on SIGTERM: every
process it started exits, and no "Segmentation fault" (the old ``trap 'kill 0'`` signalled its
own shell, whose trap ran again, until bash overflowed its stack)."""

import os
import signal
import socket
import subprocess
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def group_alive(pgid: int) -> bool:
    try:
        os.killpg(pgid, 0)
    except ProcessLookupError:
        return False
    return True


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM], ids=["ctrl-c", "sigterm"])
def test_make_serve_stops_cleanly(sig, tmp_path):
    port = free_port()
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'serve.sqlite3'}",
        "REDIS_URL": "",
        "MAKEFLAGS": "",
    }
    proc = subprocess.Popen(
        ["make", "--no-print-directory", "serve", f"PORT={port}"],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
        start_new_session=True,
    )  # fmt: skip
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                time.sleep(0.3)
        else:
            pytest.fail("the server did not start")
        # Ctrl-C reaches the whole foreground process group; so does a service manager's TERM.
        os.killpg(proc.pid, sig)
        output, _ = proc.communicate(timeout=30)
        for _ in range(50):
            if not group_alive(proc.pid):
                break
            time.sleep(0.2)
    finally:
        if group_alive(proc.pid):
            os.killpg(proc.pid, signal.SIGKILL)
            proc.communicate()
            pytest.fail("processes of `make serve` were left running")
    # (make itself, signalled too, may say so: "make: *** [serve] Terminated".)
    assert "Segmentation fault" not in output and "KeyboardInterrupt" not in output, output[-2000:]
