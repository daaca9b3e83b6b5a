"""The package's layout holds: imports run one way (site → presentation → analysis → data), and no
module keeps mutable state at module level."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from conftest import ROOT

PACKAGE = ROOT / "macros"
# Each layer may import the layers after it, never those before it. plugin.py and __init__.py sit on top.
LAYERS = ["site", "presentation", "analysis", "data"]


def modules():
    return sorted(p for p in PACKAGE.rglob("*.py") if "templates" not in p.parts)


def layer_of(path: Path) -> str | None:
    parts = path.relative_to(PACKAGE).parts
    return parts[0] if len(parts) > 1 and parts[0] in LAYERS else None


def imported_layers(path: Path) -> set[str]:
    """The sub-packages of macros/ that a module imports, absolute or relative, at any depth in the file."""
    package = path.relative_to(ROOT).with_suffix("").parts[:-1]  # ("macros", "site")
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        names = []
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[: len(package) - node.level + 1]
                target = list(base) + (node.module.split(".") if node.module else [])
                names = [target] if node.module else [target + [a.name] for a in node.names]
            elif node.module:
                names = [node.module.split(".")] + [node.module.split(".") + [a.name] for a in node.names]
        elif isinstance(node, ast.Import):
            names = [a.name.split(".") for a in node.names]
        for name in names:
            if len(name) > 1 and name[0] == "macros" and name[1] in LAYERS:
                found.add(name[1])
    return found


@pytest.mark.parametrize("path", modules(), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_imports_run_from_the_site_down_to_the_data(path):
    layer = layer_of(path)
    if layer is None:
        return  # plugin.py and __init__.py may import every layer
    allowed = set(LAYERS[LAYERS.index(layer) :])
    assert imported_layers(path) <= allowed, f"{path.relative_to(ROOT)} imports {imported_layers(path) - allowed}"


def test_the_import_check_sees_a_wrong_way_import(tmp_path, monkeypatch):
    """The check above would pass on a package with no imports at all; show it catches one going up."""
    module = PACKAGE / "data" / "model.py"
    wrong = tmp_path / "macros" / "data" / "model.py"
    wrong.parent.mkdir(parents=True)
    wrong.write_text(module.read_text(encoding="utf-8") + "\nfrom ..presentation import wording\n", encoding="utf-8")
    monkeypatch.setattr(f"{__name__}.ROOT", tmp_path)
    found = imported_layers(wrong)
    assert "presentation" in found and not found <= {"data"}  # what the test above would flag for a data module


MUTABLE = (ast.Dict, ast.List, ast.Set, ast.DictComp, ast.ListComp, ast.SetComp)


@pytest.mark.parametrize("path", modules(), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_no_module_level_mutable_state(path):
    """Module-level dicts, lists and sets that code could fill in, `global` statements and memoising
    decorators on functions that take the build's data: per-build state belongs on the plugin's objects.
    Constant tables are written in capitals and never changed; the checks below allow only those."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    problems = []
    for node in tree.body:
        targets = node.targets if isinstance(node, ast.Assign) else [node.target] if isinstance(node, ast.AnnAssign) else []
        value = getattr(node, "value", None)
        for target in targets:
            if isinstance(target, ast.Name) and isinstance(value, MUTABLE) and not target.id.isupper() and target.id != "__all__":
                problems.append(f"line {node.lineno}: {target.id} is a mutable module-level value")
    for node in ast.walk(tree):
        if isinstance(node, ast.Global):
            problems.append(f"line {node.lineno}: global {', '.join(node.names)}")
    assert not problems, f"{path.relative_to(ROOT)}: " + "; ".join(problems)
