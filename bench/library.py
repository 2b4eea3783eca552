"""Benchmark: a library of N courses built by one command, against N one-course builds.

The courses are copies of the ``course new`` example (14 slides, every kind). One
``course build`` forks workers that share the imports and font metrics; N separate
``course build --source`` processes (as a shell loop would run them) each pay them. The
no-change rebuild of the whole library is timed too. Printed as a Markdown table; nothing
is asserted. Usage: python bench/library.py [--count 50]
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

# As on an author's machine: Python may cache compiled bytecode.
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
COURSE = [sys.executable, "-m", "build_tools"]


def timed(commands: list[list[str]], cwd: Path) -> float:
    started = time.perf_counter()
    for command in commands:
        subprocess.run(command, cwd=cwd, env=ENV, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--count", type=int, default=50)
    count = parser.parse_args().count
    with tempfile.TemporaryDirectory() as tmp:
        project = Path(tmp) / "library"
        subprocess.run([*COURSE, "new", str(project)], env=ENV, check=True,
                       stdout=subprocess.DEVNULL)
        example = project / "source" / "course.yaml"
        for index in range(count):
            shutil.copy(example, project / "source" / f"course{index:03d}.yaml")
        example.unlink()
        sources = sorted((project / "source").glob("*.yaml"))
        timed([[*COURSE, "build", "notes", "--source", str(sources[0]), "--out",
                str(Path(tmp) / "warm")]], project)  # warm-up: bytecode and font caches
        library = timed([[*COURSE, "build", "--force"]], project)
        unchanged = timed([[*COURSE, "build"]], project)
        separate = timed(
            [[*COURSE, "build", "--force", "--source", str(s), "--out",
              str(project / "separate" / s.stem)] for s in sources],
            project,
        )
    print(f"{count} courses of 14 slides, {os.cpu_count()} cores")
    print()
    print("| case | wall time | per course |")
    print("| --- | ---: | ---: |")
    for case, seconds in (
        (f"library: one `course build` of {count} courses", library),
        (f"{count} separate `course build --source` runs", separate),
        ("library: no-change rebuild", unchanged),
    ):
        print(f"| {case} | {seconds:.1f} s | {seconds / count:.2f} s |")


if __name__ == "__main__":
    main()
