"""Package the Anki add-on as `<package>.ankiaddon`: the add-on's files at the top of a zip, reproducibly.

Anki installs such a file through "Install from file"; it takes the folder name from `manifest.json`'s `package`.
"""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

from .findings import UsageError
from .ledger import write_atomic

_INCLUDE_SUFFIXES = {".py", ".json", ".md", ".html", ".css", ".js", ".svg", ".png"}
_EXCLUDE_PARTS = {"__pycache__", "tests", "test", "user_files"}
_ZIP_DATE = (1980, 1, 1, 0, 0, 0)


def read_manifest(path: Path) -> dict[str, object]:
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise UsageError(f"{path}: cannot read the add-on manifest: {error}") from None
    if not isinstance(manifest, dict) or not all(isinstance(manifest.get(key), str) for key in ("package", "name")):
        raise UsageError(f"{path}: the manifest needs string values for 'package' and 'name'")
    return manifest


def addon_files(addon_dir: Path) -> list[Path]:
    files = []
    for path in sorted(addon_dir.rglob("*")):
        relative = path.relative_to(addon_dir)
        if not path.is_file() or path.suffix not in _INCLUDE_SUFFIXES:
            continue
        if any(part in _EXCLUDE_PARTS or part.startswith(".") for part in relative.parts):
            continue
        if relative.name == "meta.json":  # Anki's per-user state, never shipped
            continue
        files.append(path)
    return files


def build_addon(addon_dir: Path, manifest_path: Path, out_dir: Path, version: str | None = None) -> Path:
    """Zip the add-on; `version` (the project's, from pyproject.toml) becomes the manifest's `human_version`."""
    manifest = read_manifest(manifest_path)
    if version is not None:
        manifest["human_version"] = version
    target = out_dir / f"{manifest['package']}.ankiaddon"
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        entries = [("manifest.json", (json.dumps(manifest, indent=2, ensure_ascii=False) + "\n").encode("utf-8"))]
        entries += [(path.relative_to(addon_dir).as_posix(), path.read_bytes()) for path in addon_files(addon_dir)]
        for name, content in sorted(entries):
            info = zipfile.ZipInfo(name, date_time=_ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, content)
    write_atomic(target, buffer.getvalue())
    return target
