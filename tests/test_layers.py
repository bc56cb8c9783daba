"""Layer rules: core imports no Qt, SQL or reportlab; only store imports sqlite; gui runs no SQL."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src" / "jixiao"


def _imports(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


def _modules(layer: str) -> list[Path]:
    return sorted((SRC / layer).rglob("*.py"))


def test_core_imports_no_qt_sql_or_reportlab():
    for path in _modules("core"):
        forbidden = _imports(path) & {"PySide6", "sqlite3", "sqlite_utils", "reportlab"}
        assert not forbidden, f"{path.name} imports {forbidden}"


def test_only_store_imports_sqlite():
    for layer in ("core", "services", "report", "gui"):
        for path in _modules(layer):
            assert not _imports(path) & {"sqlite3", "sqlite_utils"}, f"{layer}/{path.name} imports sqlite"


def test_only_report_renderer_imports_reportlab():
    for layer in ("core", "store", "services", "gui"):
        for path in _modules(layer):
            assert "reportlab" not in _imports(path), f"{layer}/{path.name} imports reportlab"


def test_core_modules_import_with_qt_blocked():
    """Every core module imports in a fresh interpreter where PySide6 cannot be imported."""
    modules = [f"jixiao.core.{p.stem}" for p in _modules("core") if p.stem != "__init__"]
    code = (
        "import sys\n"
        "class Block:\n"
        "    def find_spec(self, name, path=None, target=None):\n"
        "        if name.split('.')[0] in ('PySide6', 'shiboken6', 'sqlite_utils', 'reportlab'):\n"
        "            raise ImportError('blocked: ' + name)\n"
        "sys.meta_path.insert(0, Block())\n"
        f"for m in {modules!r}:\n"
        "    __import__(m)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=SRC.parents[1])
    assert result.returncode == 0, result.stderr


def _full_imports(path: Path) -> set[str]:
    """Every module *path* imports, by its full dotted name (``from jixiao import store`` included)."""
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return names


def test_gui_and_cli_reach_the_data_file_only_through_services():
    """The window and the command line never import the store: reads, writes and file operations
    (open, back up, restore, move) go through ``services``."""
    for path in [*_modules("gui"), SRC / "cli.py"]:
        store = {
            name for name in _full_imports(path) if name == "jixiao.store" or name.startswith("jixiao.store.")
        }
        assert not store, f"{path.relative_to(SRC)} imports {sorted(store)}"
