"""Run problem cards' solutions against their tests, in a separate Python process with a time limit.

Code is compiled under the Markdown file's name, padded so that its line numbers are the file's line numbers: a
failing assert is reported at the exact line of the `.md` file.
"""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
from dataclasses import dataclass

from .cards import Card
from .findings import Finding, finding
from .source import Text
from .spans import scan

TIME_LIMIT_SECONDS = 10


@dataclass(frozen=True)
class Program:
    """One problem's code, located in its Markdown file."""

    card_id: str
    path: str
    solution: str
    solution_line: int
    tests: str
    tests_line: int

    def to_json(self) -> dict[str, object]:
        return self.__dict__.copy()


def code_block(text: Text) -> tuple[str, int] | None:
    """The first fenced code block of a field, and the file line of its first code line."""
    for span in scan(text.value):
        if span.kind == "fence":
            block = text.value[span.start : span.end]
            lines = block.split("\n")[1:]
            if lines and lines[-1].strip().startswith(("```", "~~~")):
                lines = lines[:-1]
            first_line, _ = text.locate(span.start)
            return "\n".join(lines) + "\n", first_line + 1
    return None


def program(card: Card, extra_tests: str = "") -> Program | Finding | None:
    """The card's solution and tests; a finding when either is not a code block; None when one is missing."""
    parts: dict[str, tuple[str, int]] = {}
    for name in ("Solution", "Tests"):
        text = card.fields.get(name)
        if text is None:
            return None  # already a missing-field error
        block = code_block(text)
        if block is None:
            return finding(card.path, text.line, 1, "missing-field", f"{name}: must be a ```python code block")
        parts[name] = block
    tests, tests_line = parts["Tests"]
    if extra_tests:
        tests = tests + "\n" + extra_tests
    return Program(card.id, card.path, parts["Solution"][0], parts["Solution"][1], tests, tests_line)


# The child process is self-contained: it imports nothing from this project.
_RUNNER = r"""
import json, os, signal, sys, traceback

real_stdout = sys.stdout
sys.stdout = open(os.devnull, "w")  # solutions may print; only the JSON result goes to the parent

class TimeLimit(Exception):
    pass

def on_alarm(signum, frame):
    raise TimeLimit()

signal.signal(signal.SIGALRM, on_alarm)
limit = float(sys.argv[1])
results = []
for item in json.load(sys.stdin):
    namespace = {"__name__": "solution_" + item["card_id"].replace("-", "_")}
    outcome = {"card_id": item["card_id"], "ok": True}
    signal.setitimer(signal.ITIMER_REAL, limit)
    try:
        for key in ("solution", "tests"):
            padded = "\n" * (item[key + "_line"] - 1) + item[key]
            exec(compile(padded, item["path"], "exec"), namespace)
    except BaseException as error:
        line = item["tests_line"]
        for frame in traceback.extract_tb(error.__traceback__):
            if frame.filename == item["path"]:
                line = frame.lineno
        if isinstance(error, TimeLimit):
            message = "did not finish within %ss" % limit
        elif isinstance(error, AssertionError):
            message = "assertion failed" + (": %s" % error if str(error) else "")
        else:
            message = "%s: %s" % (type(error).__name__, error)
        outcome = {"card_id": item["card_id"], "ok": False, "line": line, "message": message}
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
    results.append(outcome)
json.dump(results, real_stdout)
"""


def fingerprint(item: Program) -> str:
    """Identifies a program's code and location, so a passing run can be remembered between builds."""
    return hashlib.sha256(json.dumps(item.to_json(), sort_keys=True).encode()).hexdigest()


def run(programs: list[Program]) -> dict[str, Finding]:
    """A finding for every program whose solution or tests fail, by card id; empty when all pass."""
    if not programs:
        return {}
    payload = json.dumps([item.to_json() for item in programs])
    process = subprocess.run(
        [sys.executable, "-c", _RUNNER, str(TIME_LIMIT_SECONDS)],
        input=payload,
        capture_output=True,
        text=True,
        timeout=TIME_LIMIT_SECONDS * len(programs) + 30,
        check=False,
    )
    if process.returncode != 0:
        raise RuntimeError(f"solution runner crashed: {process.stderr.strip()[-2000:]}")
    by_id = {item.card_id: item for item in programs}
    failures: dict[str, Finding] = {}
    for result in json.loads(process.stdout):
        if not result["ok"]:
            item = by_id[result["card_id"]]
            message = f"{item.card_id}: solution fails its tests: {result['message']}"
            failures[item.card_id] = finding(item.path, int(result["line"]), 1, "solution-fails", message)
    return failures
