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
# Calls that make an empty or filled container, as a module-level value: `dict()`, `collections.defaultdict(list)`…
CONTAINERS = {"dict", "list", "set", "bytearray", "defaultdict", "OrderedDict", "Counter", "deque", "ChainMap"}
CONTAINERS |= {"WeakKeyDictionary", "WeakValueDictionary", "WeakSet"}
# Methods that change a dict, list, set or deque in place.
MUTATORS = {"append", "extend", "insert", "remove", "pop", "popitem", "clear", "sort", "reverse", "update", "setdefault"}
MUTATORS |= {"add", "discard", "difference_update", "intersection_update", "symmetric_difference_update"}
MUTATORS |= {"appendleft", "extendleft", "popleft", "rotate", "__setitem__", "__delitem__"}
FUNCTIONS = (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)


def is_container(value: ast.expr | None) -> bool:
    if isinstance(value, MUTABLE):
        return True
    if isinstance(value, ast.Call):
        func = value.func
        name = func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else None
        return name in CONTAINERS
    return False


def module_containers(tree: ast.Module) -> dict[str, int]:
    """The module-level names bound to a container (whatever their case), with the line of their binding."""
    found = {}
    for node in tree.body:
        targets = node.targets if isinstance(node, ast.Assign) else [node.target] if isinstance(node, ast.AnnAssign) else []
        for target in targets:
            if isinstance(target, ast.Name) and is_container(node.value):
                found[target.id] = node.lineno
    return found


def root_name(node: ast.expr) -> str | None:
    """`cache` for `cache`, `cache[key]`, `cache[key].items`, `cache.data[key]`…"""
    while isinstance(node, (ast.Subscript, ast.Attribute)):
        node = node.value
    return node.id if isinstance(node, ast.Name) else None


def local_names(function: ast.AST) -> set[str]:
    """The names a function binds itself (its parameters and what its own body assigns), so that a
    module-level name of the same spelling is not the one it writes to; `global` names are not local."""
    names, declared_global = set(), set()
    args = function.args
    for arg in [*args.posonlyargs, *args.args, *args.kwonlyargs, args.vararg, args.kwarg]:
        if arg is not None:
            names.add(arg.arg)
    body = function.body if isinstance(function.body, list) else [function.body]
    stack = list(body)
    while stack:
        node = stack.pop()
        if isinstance(node, ast.Global):
            declared_global.update(node.names)
        elif isinstance(node, ast.Name) and isinstance(node.ctx, (ast.Store, ast.Del)):
            names.add(node.id)
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            names.add(node.name)
            stack.extend(node.decorator_list)
            continue  # its body is its own scope
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            names.update((a.asname or a.name).split(".")[0] for a in node.names)
        elif isinstance(node, ast.ExceptHandler) and node.name:
            names.add(node.name)
        if isinstance(node, ast.Lambda):
            continue
        stack.extend(ast.iter_child_nodes(node))
    return names - declared_global


def writes_in(function: ast.AST, containers: set[str], shadowed: set[str]) -> list[tuple[int, str]]:
    """Where a function (or one nested in it) writes into one of the module's containers."""
    shadowed = shadowed | local_names(function)
    writes = []
    body = function.body if isinstance(function.body, list) else [function.body]
    stack = list(body)
    while stack:
        node = stack.pop()
        if isinstance(node, FUNCTIONS):
            writes += writes_in(node, containers, shadowed)
            continue
        written = None
        if isinstance(node, (ast.Subscript, ast.Attribute)) and isinstance(node.ctx, (ast.Store, ast.Del)):
            written = root_name(node.value)  # cache[key] = …, del cache[key], cache[key] += …
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in MUTATORS:
            written = root_name(node.func.value)  # cache.setdefault(…), cache[key].append(…)
        if written in containers and written not in shadowed:
            writes.append((node.lineno, written))
        stack.extend(ast.iter_child_nodes(node))
    return writes


def mutable_state(source: str) -> list[str]:
    """What keeps mutable state at module level in a module's source: a module-level dict, list or set
    (or a defaultdict, deque…) that a function writes to, whatever its name's case; one not named in
    capitals (a constant table is); and `global` statements."""
    tree = ast.parse(source)
    problems = []
    containers = module_containers(tree)
    for name, line in containers.items():
        if not name.isupper() and name != "__all__":
            problems.append(f"line {line}: {name} is a mutable module-level value")
    for node in ast.walk(tree):
        if isinstance(node, ast.Global):
            problems.append(f"line {node.lineno}: global {', '.join(node.names)}")
    writes = set()
    stack: list[ast.AST] = [tree]
    while stack:  # each outermost function (writes_in looks inside the ones nested in it, with their scopes)
        node = stack.pop()
        if isinstance(node, FUNCTIONS):
            writes.update(writes_in(node, set(containers), set()))
        else:
            stack.extend(ast.iter_child_nodes(node))
    for line, name in sorted(writes):
        problems.append(f"line {line}: a function writes into {name}, a module-level container (line {containers[name]}), at run time")
    return problems


@pytest.mark.parametrize("path", modules(), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_no_module_level_mutable_state(path):
    """Module-level dicts, lists and sets that code fills in at run time, whatever their names' case, and
    `global` statements: per-build state belongs on the plugin's objects, and a process-wide cache on a
    function of its arguments (`functools.cache`). Constant tables are written in capitals and never
    changed once the module is imported (filling one in at import time, at module level, is allowed)."""
    problems = mutable_state(path.read_text(encoding="utf-8"))
    assert not problems, f"{path.relative_to(ROOT)}: " + "; ".join(problems)


WRITTEN_AT_RUN_TIME = {
    "a capitalised cache filled by subscript": "_FORMS: dict[tuple, int] = {}\ndef f(k):\n    _FORMS[k] = 1\n",
    "by setdefault": "CACHE = dict()\ndef f(k):\n    return CACHE.setdefault(k, 1)\n",
    "an item changed in place": "from collections import defaultdict\nSEEN = defaultdict(list)\ndef f(k):\n    SEEN[k].append(1)\n",
    "a list added to by a method": "class A:\n    def f(self):\n        RUNS.append(self)\nRUNS = []\n",
    "a set added to in a nested function": "DONE = set()\ndef f():\n    def g(x):\n        DONE.add(x)\n    return g\n",
    "an item deleted": "TABLE = {1: 2}\ndef f():\n    del TABLE[1]\n",
    "a lambda": "LOG = []\nlog = lambda x: LOG.append(x)\n",
    "a global rebound": "COUNT = 0\ndef f():\n    global COUNT\n    COUNT += 1\n",
    "a lower-case table": "table = {1: 2}\n",
}
NOT_STATE = {
    "a constant table filled at import time": "TABLE = {}\nfor k in range(3):\n    TABLE[k] = k\ndef f(k):\n    return TABLE[k]\n",
    "a local of the same name": "CACHE = {}\ndef f(k):\n    CACHE = {}\n    CACHE[k] = 1\n    return CACHE\n",
    "a parameter of the same name": "ROWS = []\ndef f(ROWS):\n    ROWS.append(1)\n",
    "an enclosing function's local": "ROWS = []\ndef f():\n    ROWS = []\n    def g():\n        ROWS.append(1)\n    g()\n    return ROWS\n",
    "a read-only table": "SHAPES = {'a': 1}\ndef f(k):\n    return SHAPES.get(k, 0)\n",
    "a cached function": "import functools\n@functools.cache\ndef f(k):\n    return [k]\n",
}


@pytest.mark.parametrize("case", WRITTEN_AT_RUN_TIME)
def test_the_state_check_sees_a_module_level_container_written_at_run_time(case):
    """The check above would pass on a package with no state at all; show it catches each way of keeping some."""
    assert mutable_state(WRITTEN_AT_RUN_TIME[case])


@pytest.mark.parametrize("case", NOT_STATE)
def test_the_state_check_leaves_constants_locals_and_caches_alone(case):
    assert mutable_state(NOT_STATE[case]) == []
