"""The apps form layers, and a module imports only from its own app or from an app below it.

Data flows one way: intake collects and hands a typed request down to the actions in cases; the desk
and the portal read the case file. This test reads every module of every app (tests and migrations
aside: a test may build what it needs from anywhere) and fails on each import that reaches up or
sideways, naming the file, the line and the module, so a cycle between apps cannot come back.
Imports only for type checking count too: they are a dependency all the same.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

# Lowest first. An app may import from the apps in the layers before its own, never from its own layer.
LAYERS: list[set[str]] = [
    {"absence"},  # the words of an absence: days, date windows, the business calendar, the guide's limits
    {"conditions", "notices", "policies", "uswds"},  # the reason vocabulary, the outbox, the engine, form markup
    {"roster"},  # the employer's HR feed
    {"accounts"},  # people who sign in, matched to the roster
    {"cases"},  # the case file and the actions that write it
    {"letters"},  # the notices the law requires, as PDF letters kept with the case (cases calls them through a hook)
    {"intake"},  # the request flows: drafts that become typed requests for the cases actions
    {"audit"},  # who viewed what
    {"desk"},  # the specialists', HR's and supervisors' views
    {"portal"},  # the shell: home page, dashboard, demo data
    {"config"},  # settings and the URLs that put every app together
]
LAYER_OF = {app: index for index, layer in enumerate(LAYERS) for app in layer}
NOT_APPS = {"bench", "testing", "node_modules", "static", "templates", "var", "docs"}


def app_directories() -> list[str]:
    return sorted(
        path.parent.name
        for path in ROOT.glob("*/__init__.py")
        if path.parent.name not in NOT_APPS and not path.parent.name.startswith(".")
    )


def modules_of(app: str) -> list[Path]:
    return [
        path
        for path in sorted((ROOT / app).rglob("*.py"))
        if not {"tests", "migrations"} & set(path.relative_to(ROOT).parts)
    ]


def imported_apps(path: Path) -> list[tuple[int, str]]:
    """(line, module) of each import of another project app in the file."""
    found: list[tuple[int, str]] = []
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names = [node.module]
        else:
            continue
        found.extend((node.lineno, name) for name in names if name.split(".")[0] in LAYER_OF)
    return found


def upward_imports(app: str) -> list[str]:
    own = LAYER_OF[app]
    problems = []
    for path in modules_of(app):
        for line, module in imported_apps(path):
            target = module.split(".")[0]
            if target != app and LAYER_OF[target] >= own:
                where = path.relative_to(ROOT)
                problems.append(f"{where}:{line} imports {module} ({app} may not depend on {target})")
    return problems


def test_every_app_has_its_place_in_the_layers():
    assert set(app_directories()) == set(LAYER_OF), "add each new app to LAYERS, at the height it belongs"


@pytest.mark.parametrize("app", sorted(LAYER_OF))
def test_an_app_imports_only_from_the_layers_below_it(app):
    problems = upward_imports(app)
    assert not problems, "\n".join(problems)


def test_the_check_sees_an_upward_import(tmp_path, monkeypatch):
    # The check itself must be able to fail: a cases module importing intake is reported with its line.
    module = tmp_path / "cases" / "reaching_up.py"
    module.parent.mkdir()
    module.write_text("from intake.wizard import Wizard\n")
    monkeypatch.setattr(f"{__name__}.ROOT", tmp_path)
    assert upward_imports("cases") == ["cases/reaching_up.py:1 imports intake.wizard (cases may not depend on intake)"]
