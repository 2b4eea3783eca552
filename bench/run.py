"""Benchmark: median wall time and peak memory per output and size, beside pandoc.

Every case is a whole process (imports included), as an author experiences it. Results
are printed as a Markdown table; nothing is asserted. Options: --quick skips 3,200
slides; --repeat N sets the runs per case (default 5; 1 at 3,200 slides).
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

from make_outline import make  # noqa: E402
from serve_loop import warm_edits  # noqa: E402
from to_markdown import convert  # noqa: E402

# As on an author's machine: Python may cache compiled bytecode (this sandbox turns that
# off by default, which adds ~0.4 s of compiling to every process).
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def run(command: list[str], cwd: Path) -> tuple[float, float, float]:
    """Wall seconds, CPU seconds (user + system) and peak resident MB of one child process.

    CPU time is shown beside wall time: on a shared machine other processes stretch the
    wall time, not the CPU time a build needs."""
    started = time.perf_counter()
    process = subprocess.Popen(
        command, cwd=cwd, env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - started
    if status != 0:
        error = process.stderr.read().decode() if process.stderr else ""
        raise SystemExit(f"failed: {' '.join(command)}\n{error}")
    return seconds, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def measure(command: list[str], cwd: Path, repeat: int) -> tuple[float, float, float]:
    if repeat > 1:
        run(command, cwd)  # warm-up: bytecode and font caches, as after a first build
    runs = [run(command, cwd) for _ in range(repeat)]
    return (statistics.median(t for t, _, _ in runs), statistics.median(c for _, c, _ in runs),
            max(m for _, _, m in runs))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true", help="skip 3,200 slides")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--edits", type=int, default=20, help="one-slide edits through serve")
    args = parser.parse_args()
    sizes = [32, 320] if args.quick else [32, 320, 3200]
    course = [sys.executable, "-m", "build_tools"]
    pandoc = shutil.which("pandoc")
    rows = []
    before = os.getloadavg()
    with tempfile.TemporaryDirectory() as tmp:
        for size in sizes:
            folder = Path(tmp) / f"n{size}"
            if size == 32:
                source = folder / "source" / "course.yaml"
                source.parent.mkdir(parents=True)
                shutil.copy(ROOT / "source" / "course.yaml", source)
            else:
                source = make(size, folder / "source" / "course.yaml")
            repeat = 1 if size >= 3200 else args.repeat
            out = folder / "build"
            for target in ("slides", "handout", "notes", "web", "all"):
                command = [
                    *course,
                    "build",
                    target,
                    "--source",
                    str(source),
                    "--out",
                    str(out),
                    "--force",
                    "--allow-overflow",
                ]
                seconds, cpu, memory = measure(command, ROOT, repeat)
                rows.append((size, f"ours: {target}", seconds, cpu, memory))
            command = [*course, "build", "all", "--source", str(source), "--out", str(out),
                       "--allow-overflow"]
            seconds, cpu, memory = measure(command, ROOT, repeat)
            rows.append((size, "ours: all, no change", seconds, cpu, memory))
            if size <= 320:
                serve_source = folder / "serve" / "source" / "course.yaml"
                serve_source.parent.mkdir(parents=True)
                shutil.copy(source, serve_source)
                web, everything = warm_edits(serve_source, folder / "serve" / "build", ROOT,
                                             ENV, args.edits)
                nan = float("nan")
                rows.append((size, f"ours: warm edit -> web deck reloads (serve, median of "
                             f"{args.edits})", web, nan, nan))
                rows.append((size, f"ours: warm edit -> all outputs (serve, median of "
                             f"{args.edits})", everything, nan, nan))
            if pandoc:
                markdown = convert(source, folder / "course.md")
                command = [
                    pandoc,
                    str(markdown),
                    "-o",
                    str(folder / "pandoc.pptx"),
                    "--slide-level=2",
                ]
                seconds, cpu, memory = measure(command, ROOT, repeat)
                rows.append((size, "pandoc: pptx", seconds, cpu, memory))
            print(f"… {size} slides done", file=sys.stderr, flush=True)
    print(
        f"Machine: {platform.machine()}, {os.cpu_count()} cores, Python "
        f"{platform.python_version()}, {platform.platform()}"
    )
    if pandoc:
        version = subprocess.run([pandoc, "--version"], capture_output=True, text=True)
        print(f"pandoc: {version.stdout.splitlines()[0]}")
    print()
    print(f"Load average before: {before}; after: {os.getloadavg()}")
    print()
    print("| slides | case | median wall time | median CPU time | peak memory |")
    print("| ---: | --- | ---: | ---: | ---: |")
    for size, case, seconds, cpu, memory in rows:
        # NaN: not measured (the serve loop times events, not a process)
        shown_cpu = "–" if cpu != cpu else f"{cpu:.2f} s"
        shown = "–" if memory != memory else f"{memory:.0f} MB"
        print(f"| {size} | {case} | {seconds:.2f} s | {shown_cpu} | {shown} |")


if __name__ == "__main__":
    main()
