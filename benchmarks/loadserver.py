"""The served dashboard for a load test: ``framescope serve`` in a process of its own, its
memory, CPU and run-queue wait sampled, and optionally profiled.

::

    python -m benchmarks.loadserver --serve-profiled FILE -- serve --data BUILD ...

runs ``framescope`` under cProfile, switched on by SIGUSR1 and off (writing FILE) by SIGUSR2:
:class:`Server` starts it so when asked to profile.
"""

from __future__ import annotations

import contextlib
import cProfile
import pstats
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import psutil

from benchmarks.run import _stop, _tree_rss

ROOT = Path(__file__).resolve().parents[1]
SAMPLE_SECONDS = 0.1


def free_port() -> int:
    """A TCP port nothing on this machine listens on now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@dataclass
class Server:
    """``framescope serve`` in a process of its own, its memory sampled from a thread."""

    data: Path
    port: int
    log: Path
    args: list[str] = field(default_factory=list)
    profile: Path | None = None
    wrapper: list[str] = field(default_factory=list)
    """Options of ``python`` that run ``framescope`` another way (``-m MODULE ... --``)."""
    samples: list[tuple[float, int]] = field(default_factory=list)
    process: psutil.Popen | None = None
    ready_seconds: float = 0.0
    _stop_sampling: threading.Event = field(default_factory=threading.Event)

    def command(self) -> list[str]:
        """The server's command line (under the profiling wrapper with ``profile``, or
        :attr:`wrapper`)."""
        serve = ["serve", "--data", str(self.data), "--port", str(self.port), *self.args]
        if self.wrapper:
            return [sys.executable, *self.wrapper, *serve]
        if self.profile is None:
            return [sys.executable, "-m", "framescope.cli", *serve]
        wrapper = [sys.executable, "-m", "benchmarks.loadserver", "--serve-profiled"]
        wrapper.append(str(self.profile))
        return [*wrapper, "--", *serve]

    def start(self, timeout: float = 900.0) -> None:
        """Start it and wait until it prints "serving" and accepts connections."""
        self.log.parent.mkdir(parents=True, exist_ok=True)
        tick = time.perf_counter()
        with self.log.open("w") as handle:
            self.process = psutil.Popen(
                self.command(), cwd=ROOT, stdout=handle, stderr=subprocess.STDOUT
            )
        threading.Thread(target=self._sample, daemon=True).start()
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                tail = "\n".join(self.log.read_text(errors="replace").splitlines()[-15:])
                msg = f"the server exited with code {self.process.returncode}:\n{tail}"
                raise RuntimeError(msg)
            serving = self.log.read_text(errors="replace").count("serving ")
            if serving >= self.workers and self._listening():
                self.ready_seconds = time.perf_counter() - tick
                return
            time.sleep(0.2)
        self.stop()
        msg = f"the server was not ready within {timeout:.0f} s (log: {self.log})"
        raise RuntimeError(msg)

    @property
    def workers(self) -> int:
        """Server processes asked for (``--workers N`` among the arguments); each says when it
        is serving.

        Examples
        --------
        >>> Server(Path("b"), 1, Path("log"), ["--workers", "2"]).workers
        2
        """
        if "--workers" in self.args[:-1]:
            return int(self.args[self.args.index("--workers") + 1])
        return 1

    def _listening(self) -> bool:
        with socket.socket() as probe:
            return probe.connect_ex(("127.0.0.1", self.port)) == 0

    def _sample(self) -> None:
        while not self._stop_sampling.is_set() and self.process is not None:
            self.samples.append((time.monotonic(), _tree_rss(self.process)))
            time.sleep(SAMPLE_SECONDS)

    def rss(self) -> int:
        """The server's process-tree RSS now."""
        return _tree_rss(self.process) if self.process is not None else 0

    def cpu_seconds(self) -> float:
        """User and system CPU time the server's processes have used so far."""
        if self.process is None:
            return 0.0
        total = 0.0
        with contextlib.suppress(psutil.NoSuchProcess):
            for member in [self.process, *self.process.children(recursive=True)]:
                with contextlib.suppress(psutil.NoSuchProcess):
                    times = member.cpu_times()
                    total += times.user + times.system
        return total

    def waited_seconds(self) -> float:
        """Seconds the server's threads have so far spent ready to run but waiting for a core
        (Linux ``schedstat``): what other load on the machine cost it. 0 where unknown."""
        if self.process is None:
            return 0.0
        total = 0
        with contextlib.suppress(psutil.NoSuchProcess):
            for member in [self.process, *self.process.children(recursive=True)]:
                for task in Path(f"/proc/{member.pid}/task").glob("*/schedstat"):
                    with contextlib.suppress(OSError, IndexError, ValueError):
                        total += int(task.read_text().split()[1])
        return total / 1e9

    def signal(self, number: int) -> None:
        """Send a signal to the server process (the profiling wrapper's switch)."""
        if self.process is not None:
            self.process.send_signal(number)

    def stop(self) -> None:
        """Stop the server and its children, and the sampling."""
        self._stop_sampling.set()
        if self.process is None:
            return
        with contextlib.suppress(psutil.NoSuchProcess):
            # With --workers, the forked workers as well as the process that forked them.
            members = [*self.process.children(recursive=True), self.process]
            for member in members:
                with contextlib.suppress(psutil.NoSuchProcess):
                    member.terminate()
            _, alive = psutil.wait_procs(members, timeout=15)
            if alive:
                _stop(self.process)

    def server_errors(self) -> int:
        """Tracebacks and ERROR lines in the server's log (callbacks that failed)."""
        text = self.log.read_text(errors="replace") if self.log.exists() else ""
        return sum(1 for line in text.splitlines() if "Traceback" in line or "ERROR" in line)


# --- profiling the server -------------------------------------------------------------------


def serve_profiled(out: Path, argv: list[str]) -> int:
    """``framescope`` with ``argv`` under cProfile, off until SIGUSR1; SIGUSR2 switches it off
    and writes ``out``. The server's callbacks and Bokeh's writes run on its main thread, the
    one cProfile sees (Panel runs no callback in a thread unless ``nthreads`` is set)."""
    from framescope import cli  # noqa: PLC0415

    profiler = cProfile.Profile()

    def on(*_: Any) -> None:
        profiler.enable()

    def off(*_: Any) -> None:
        profiler.disable()
        profiler.dump_stats(out)

    signal.signal(signal.SIGUSR1, on)
    signal.signal(signal.SIGUSR2, off)
    return cli.main(argv)


def _package(path: str) -> str:
    """Which library a profiled function's file belongs to."""
    if path == "~":
        return "builtins"
    if "site-packages/" in path:
        return path.split("site-packages/", 1)[1].split("/", 1)[0].removesuffix(".py")
    if "/framescope/" in path:
        return "framescope"
    return "stdlib " + Path(path).stem


def profile_summary(path: Path, limit: int = 25) -> dict[str, Any]:
    """Where a profiled server spent its time: own time by library (a built-in function's
    time goes to the library that called it), and the functions with the most cumulative
    and the most own time."""
    stats = pstats.Stats(str(path)).stats  # type: ignore[attr-defined]
    by_package: dict[str, float] = {}
    for function, (_, _, own, _, callers) in stats.items():
        package = _package(function[0])
        if package in ("builtins", "stdlib json") and callers:
            for caller, timing in callers.items():
                name = f"{_package(caller[0])} (via {package})"
                by_package[name] = by_package.get(name, 0.0) + timing[2]
        else:
            by_package[package] = by_package.get(package, 0.0) + own

    def name(function: tuple[str, int, str]) -> str:
        path, line, function_name = function
        if path == "~":
            return function_name
        return f"{path.split('site-packages/')[-1].split('src/')[-1]}:{line}({function_name})"

    def top(column: int) -> list[dict[str, Any]]:
        rows = sorted(stats.items(), key=lambda item: item[1][column], reverse=True)[:limit]
        return [
            {"function": name(f), "calls": s[1], "own_s": s[2], "cumulative_s": s[3]}
            for f, s in rows
        ]

    total = sum(entry[2] for entry in stats.values())
    return {
        "total_s": total,
        "by_package": dict(sorted(by_package.items(), key=lambda kv: -kv[1])[:limit]),
        "cumulative": top(3),
        "own": top(2),
    }


def _serve_profiled_argv(argv: Sequence[str]) -> tuple[Path, list[str]] | None:
    """``--serve-profiled FILE -- ARGS``: the wrapper the harness starts the server with."""
    if len(argv) >= 3 and argv[0] == "--serve-profiled" and argv[2] == "--":
        return Path(argv[1]), list(argv[3:])
    return None


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m benchmarks.loadserver --serve-profiled FILE -- ARGS``."""
    argv = list(sys.argv[1:] if argv is None else argv)
    wrapped = _serve_profiled_argv(argv)
    if wrapped is None:
        msg = "usage: python -m benchmarks.loadserver --serve-profiled FILE -- ARGS"
        raise SystemExit(msg)
    return serve_profiled(*wrapped)


if __name__ == "__main__":
    raise SystemExit(main())
