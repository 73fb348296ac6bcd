"""A long build says how far it is, and Ctrl-C stops it with one line and exit code 130, workers included."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from conftest import PROJECT_ROOT

CODE = """```python
def step_{n}(values: list[int], k: int) -> int:
    best = total = sum(values[:k])
    for i in range(k, len(values)):
        total += values[i] - values[i - k]
        best = max(best, total)
    seen: dict[int, int] = {{}}
    for index, value in enumerate(values):
        seen[value] = index
    return best + len(seen)
```"""


def _slow_tree(root: Path, files: int = 480, cards_per_file: int = 60) -> None:
    """Enough highlighted code that a cold build runs for well over the progress delay, even on an idle machine:
    the test interrupts it at its first progress line, so the tree's size costs only the time to write it."""
    (root / "t").mkdir(parents=True)
    (root / "tree.yaml").write_text("name: Slow\npackage: slow\nnamespace: slow\n")
    for file in range(files):
        cards = [
            f"## What does step {file}-{card} return? {{#s-{file}-{card}}}\n\nThe best window.\n\n"
            + CODE.format(n=f"{file}_{card}")
            + "\n\nSource: s\n"
            for card in range(cards_per_file)
        ]
        (root / "t" / f"f{file:03d}.md").write_text("\n".join(cards))


def test_progress_then_ctrl_c_exits_130_with_one_line(tmp_path: Path) -> None:
    content = tmp_path / "content"
    _slow_tree(content)
    out = tmp_path / "out"
    command = [sys.executable, str(PROJECT_ROOT / "build.py"), "build", "--content", str(content)]
    process = subprocess.Popen(
        [*command, "--out", str(out), "--no-addon", "--jobs", "2"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,  # a process group of its own, as a terminal's Ctrl-C reaches it
    )
    assert process.stderr is not None
    progress = process.stderr.readline()
    assert progress.startswith("build.py: compiling files "), progress
    os.killpg(process.pid, signal.SIGINT)
    started = time.monotonic()
    _, rest = process.communicate(timeout=60)
    assert process.returncode == 130
    assert time.monotonic() - started < 10, "the workers were stopped, not waited for"
    lines = [line for line in rest.splitlines() if line.strip() and not line.startswith("build.py: compiling")]
    assert lines == ["build.py: interrupted"], rest
    assert not (out / "slow.apkg").exists()
