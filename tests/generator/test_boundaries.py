"""The architecture's contracts: the generator never imports Anki, and only the add-on's desktop modules touch Qt."""

from __future__ import annotations

import ast
import subprocess
import sys

from conftest import PROJECT_ROOT

QT_MODULES = ("gui.py", "background.py")  # the wiring, and the guard every background operation goes through


def _imports(path: str) -> set[str]:
    tree = ast.parse((PROJECT_ROOT / path).read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


def test_generator_source_never_imports_anki_or_aqt() -> None:
    for path in sorted((PROJECT_ROOT / "generator").rglob("*.py")):
        assert not _imports(str(path.relative_to(PROJECT_ROOT))) & {"anki", "aqt", "PyQt6"}, path


def test_importing_the_generator_loads_no_anki_module() -> None:
    probe = (
        "import sys, generator, generator.cli, addon.categories\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('anki', 'aqt', 'PyQt6'))\n"
        "print(bad); sys.exit(1 if bad else 0)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe], cwd=PROJECT_ROOT, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_only_the_desktop_modules_import_qt() -> None:
    for path in sorted((PROJECT_ROOT / "addon").rglob("*.py")):
        if path.relative_to(PROJECT_ROOT / "addon").as_posix() in QT_MODULES:
            continue
        assert not _imports(str(path.relative_to(PROJECT_ROOT))) & {"aqt", "PyQt6", "PyQt5"}, path


def test_categories_module_is_anki_free() -> None:
    assert not _imports("addon/categories.py") & {"anki", "aqt"}


# The report's data flow; each step imports only earlier ones. `cards` keeps the per-card results between reports,
# `plan` is the model's pure part, `project` runs Anki's simulator on a finished report.
READINESS_LAYERS = ("read", "cards", "plan", "model", "project", "render", "cli")


def _relative_imports(path: str) -> set[str]:
    """The sibling modules a module of a package imports (`from .x import ...`, `from . import x`)."""
    tree = ast.parse((PROJECT_ROOT / path).read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.level == 1:
            names.update([node.module.split(".")[0]] if node.module else [alias.name for alias in node.names])
    return names


def test_readiness_modules_follow_the_data_flow() -> None:
    for index, layer in enumerate(READINESS_LAYERS):
        later = set(READINESS_LAYERS[index + 1 :])
        assert not _relative_imports(f"addon/readiness/{layer}.py") & later, layer
    for layer in ("read", "cards", "project"):
        assert layer not in _relative_imports("addon/readiness/render.py"), "render sees a report, never the collection"
    assert not _imports("addon/readiness/plan.py") & {"anki", "aqt"}, "the plan is a pure function"


def _generator_imports() -> dict[str, set[str]]:
    """Which generator modules each generator module imports, lazily or for type checking included."""
    modules = {path.stem for path in (PROJECT_ROOT / "generator").glob("*.py")}
    graph: dict[str, set[str]] = {}
    for name in modules:
        tree = ast.parse((PROJECT_ROOT / "generator" / f"{name}.py").read_text(encoding="utf-8"))
        found: set[str] = set()
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.level == 1:
                if node.module:
                    found.add(node.module.split(".")[0])
                else:
                    found.update(alias.name for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("generator."):
                found.add(node.module.split(".")[1])
        graph[name] = found & modules - {name}
    return graph


def test_the_generator_modules_form_layers() -> None:
    """No two modules import each other, directly or round a longer circle (`markup` and `full_markdown`, and
    `manifest` and `pipeline`, once did)."""
    graph = _generator_imports()
    finished: set[str] = set()

    def visit(module: str, path: list[str]) -> None:
        if module in path:
            raise AssertionError("import cycle: " + " -> ".join([*path[path.index(module) :], module]))
        if module in finished:
            return
        for imported in sorted(graph[module]):
            visit(imported, [*path, module])
        finished.add(module)

    for module in sorted(graph):
        visit(module, [])
