"""The house's floors (PREAMBLE, issue 10): collabtrack < units < taxonomy < reports.

Each app imports only the apps below it. These tests read the source (no import is executed) and name
every arrow that points up: the module, the line and the app it reaches. A lower app that needs something
of a higher one fills a registry from the higher app's AppConfig.ready(), or the thing moves down.
"""

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
LAYERS = ("collabtrack", "units", "taxonomy", "reports")
RANK = {app: floor for floor, app in enumerate(LAYERS)}
# The root URLconf and the settings compose the apps: the only places that may name a higher app as text.
COMPOSITION_ROOT = {"collabtrack/urls.py", "collabtrack/settings.py"}
MAX_LINES = 400
SKIPPED_DIRS = {"migrations", "static", ".venv", "node_modules", "__pycache__", ".git"}
# Template tag libraries and the app that owns each (templatetags/<library>.py).
TAG_LIBRARIES = {path.stem: path.parts[-3] for path in ROOT.glob("*/templatetags/*.py")}


def app_modules(app: str) -> list[Path]:
    return sorted(
        path for path in (ROOT / app).rglob("*.py") if not SKIPPED_DIRS & set(path.relative_to(ROOT).parts)
    )


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def is_module(dotted: str) -> bool:
    base = ROOT.joinpath(*dotted.split("."))
    return base.with_suffix(".py").is_file() or (base / "__init__.py").is_file()


def names_a_module(text: str) -> bool:
    """A dotted string that is, or starts with, one of the project's modules ("reports.tasks.send")."""
    parts = text.split(".")
    return any(is_module(".".join(parts[:end])) for end in range(len(parts), 1, -1))


def _string_argument(call: ast.Call) -> str | None:
    if call.args and isinstance(call.args[0], ast.Constant) and isinstance(call.args[0].value, str):
        return call.args[0].value
    return None


def _callee(call: ast.Call) -> str:
    func = call.func
    return func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")


def references(path: Path) -> list[tuple[int, str, str]]:
    """(line, dotted target, how) for every import, dynamic import and dotted module path in the file,
    including imports inside functions."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    package = module_name(path) if path.name == "__init__.py" else module_name(path).rpartition(".")[0]
    found, arguments = [], set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name, "import") for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            target = node.module or ""
            if node.level:
                base = package.split(".")[: len(package.split(".")) - (node.level - 1)]
                target = ".".join([*base, target] if target else base)
            found.append((node.lineno, target, "import"))
        elif isinstance(node, ast.Call) and _callee(node) in {"import_module", "__import__", "include"}:
            text = _string_argument(node)
            if text:
                found.append((node.lineno, text, f"{_callee(node)}()"))
                arguments.add(id(node.args[0]))
        elif isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in arguments:
            text = node.value
            if re.fullmatch(r"[a-z_]+(\.[A-Za-z_]\w*)+", text) and names_a_module(text):
                found.append((node.lineno, text, "string"))
    return found


def upward_references(app: str) -> list[str]:
    problems = []
    for path in app_modules(app):
        relative = path.relative_to(ROOT).as_posix()
        for line, target, how in references(path):
            reached = target.split(".")[0]
            if reached not in RANK or RANK[reached] <= RANK[app]:
                continue
            if how != "import" and relative in COMPOSITION_ROOT:
                continue
            problems.append(f"{relative}:{line} ({how}) reaches up into {reached!r}: {target}")
    return problems


@pytest.mark.parametrize("app", LAYERS)
def test_no_module_imports_an_app_above_its_own(app):
    problems = upward_references(app)
    assert not problems, f"{app} must import only {LAYERS[: RANK[app]] or 'nothing of ours'}:\n" + "\n".join(
        problems
    )


def test_the_walk_sees_imports_inside_functions_relative_imports_and_dynamic_ones(tmp_path, monkeypatch):
    """The checker itself can fail: a planted module with every kind of upward arrow is caught."""
    package = tmp_path / "units" / "deep"
    package.mkdir(parents=True)
    (tmp_path / "reports").mkdir()
    (tmp_path / "reports" / "__init__.py").write_text("")
    (tmp_path / "reports" / "tasks.py").write_text("")
    (tmp_path / "units" / "__init__.py").write_text("")
    (package / "__init__.py").write_text("")
    (package / "planted.py").write_text(
        "import importlib\n"
        "from . import sibling\n"
        "def late():\n"
        "    from reports.selectors import unit_activity\n"
        "    importlib.import_module('reports.charts')\n"
        "    return 'reports.tasks.send'\n"
    )
    monkeypatch.setattr(f"{__name__}.ROOT", tmp_path)
    found = {(line, target) for line, target, _ in references(package / "planted.py")}
    assert found == {
        (1, "importlib"),
        (2, "units.deep"),
        (4, "reports.selectors"),
        (5, "reports.charts"),
        (6, "reports.tasks.send"),
    }
    assert [problem.split(" (")[0] for problem in upward_references("units")] == [
        "units/deep/planted.py:4",
        "units/deep/planted.py:5",
        "units/deep/planted.py:6",
    ]


TEMPLATE_REFERENCE = re.compile(r"{%\s*(load|include|extends)\s+([^%]*?)\s*%}")


def template_references(path: Path) -> list[tuple[int, str, str]]:
    """(line, app reached, what) for each tag library loaded and each template included or extended."""
    found = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        for tag, argument in TEMPLATE_REFERENCE.findall(line):
            if tag == "load":
                words = argument.split(" from ")[-1].split()
                found += [
                    (number, TAG_LIBRARIES[word], f"load {word}") for word in words if word in TAG_LIBRARIES
                ]
            else:
                name = argument.split()[0].strip("\"'")
                found.append((number, name.split("/")[0], f"{tag} {name}"))
    return found


@pytest.mark.parametrize("app", LAYERS)
def test_no_template_of_an_app_loads_or_includes_a_higher_app(app):
    """templates/<app>/ follows the same floors: a lower page does not load a higher app's tag library or
    include its partials."""
    problems = [
        f"{path.relative_to(ROOT).as_posix()}:{line} {what}"
        for path in sorted((ROOT / "templates" / app).rglob("*"))
        if path.is_file()
        for line, reached, what in template_references(path)
        if reached in RANK and RANK[reached] > RANK[app]
    ]
    assert not problems, f"templates/{app}/ reaches up:\n" + "\n".join(problems)


def url_namespaces() -> dict[str, str]:
    """Each URL namespace and the app that owns it, from the `app_name` of every urls module."""
    owners = {}
    for app in LAYERS:
        for path in (ROOT / app).rglob("*urls.py") if (ROOT / app).is_dir() else []:
            text = path.read_text(encoding="utf-8")
            match = re.search(r"^app_name\s*=\s*[\"'](\w+)[\"']", text, re.MULTILINE)
            if match:
                owners[match.group(1)] = app
    return owners


URL_NAME = re.compile(r"^(\w+):[\w-]+$")
TEMPLATE_URL = re.compile(r"{%\s*url\s+[\"'](\w+):[\w-]+[\"']")


def upward_url_names(app: str, owners: dict[str, str]) -> list[str]:
    """Every URL name of a higher app's namespace written in `app`'s Python (string constants) or in
    templates/<app>/ ({% url %}): a lower page that links up registers the link instead."""
    problems = []
    for path in app_modules(app):
        relative = path.relative_to(ROOT).as_posix()
        if relative in COMPOSITION_ROOT:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                match = URL_NAME.match(node.value)
                if match and RANK.get(owners.get(match.group(1), app), 0) > RANK[app]:
                    problems.append(f"{relative}:{node.lineno} names {node.value!r}")
    for path in sorted((ROOT / "templates" / app).rglob("*")):
        if not path.is_file():
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            for namespace in TEMPLATE_URL.findall(line):
                if RANK.get(owners.get(namespace, app), 0) > RANK[app]:
                    problems.append(f"{path.relative_to(ROOT).as_posix()}:{number} links to {namespace}:")
    return problems


@pytest.mark.parametrize("app", LAYERS)
def test_no_app_names_a_higher_apps_pages(app):
    """collabtrack's menu, start pages and links come from the apps that own the pages
    (collabtrack.navigation), so a lower floor never names a page of a higher one."""
    owners = url_namespaces()
    assert {"units", "taxonomy", "reports", "district", "data", "jobs"} <= set(owners), owners
    problems = upward_url_names(app, owners)
    assert not problems, f"{app} names pages of a higher app:\n" + "\n".join(problems)


def test_the_url_name_check_can_fail(tmp_path, monkeypatch):
    for app, namespace in (("units", "units"), ("reports", "district")):
        (tmp_path / app).mkdir()
        (tmp_path / app / "urls.py").write_text(f'app_name = "{namespace}"\n')
    (tmp_path / "units" / "planted.py").write_text('LINK = "district:rollup"\nOWN = "units:list"\n')
    (tmp_path / "templates" / "units").mkdir(parents=True)
    (tmp_path / "templates" / "units" / "page.html").write_text(
        "<a href=\"{% url 'district:rollup' %}\">x</a>\n"
    )
    monkeypatch.setattr(f"{__name__}.ROOT", tmp_path)
    assert upward_url_names("units", url_namespaces()) == [
        "units/planted.py:1 names 'district:rollup'",
        "templates/units/page.html:1 links to district:",
    ]


def python_files() -> list[Path]:
    return sorted(path for path in ROOT.rglob("*.py") if not SKIPPED_DIRS & set(path.relative_to(ROOT).parts))


def test_no_python_file_outside_migrations_is_over_400_lines():
    lengths = {path.relative_to(ROOT).as_posix(): len(path.read_text(encoding="utf-8").splitlines())
               for path in python_files()}  # fmt: skip
    assert "tests/test_layers.py" in lengths and "manage.py" in lengths, "the walk missed files"
    too_long = sorted((length, name) for name, length in lengths.items() if length > MAX_LINES)
    assert not too_long, f"over {MAX_LINES} lines (split by concern):\n" + "\n".join(
        f"{name}: {length} lines" for length, name in too_long
    )
