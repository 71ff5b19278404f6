"""The house rules, read from the code itself (ast; no model, no server).

- Each folder imports only what the README's map says it may (so the map stays true).
- Whatever the map says: actions never import the channels or the outbox worker, channels never
  write the project store, the Telegram bridge never imports the Rasa server's code, and
  `bot/speech` never imports Rasa.
- Nothing reads configuration at import time: only `bot/settings.py` reads the environment, and
  `settings()` is only ever called inside functions.
"""

import ast
import re
from pathlib import Path
from typing import Dict, Iterator, List, Optional, Tuple

import pytest

PROJECT_DIR = Path(__file__).resolve().parents[1]
OUR_PACKAGES = ("bot", "actions")
# Launchers hand the whole environment on to the processes they start; that is not reading a setting.
MAY_PASS_ENVIRONMENT_ON = ("bot.run",)
NEVER = [
    # (importer, imported, why)
    ("actions", "bot.server", "actions never import the channels (or anything the Rasa server loads)"),
    ("actions", "bot.outbox", "actions never import the outbox worker: the delivery methods are settings"),
    ("bot.server", "bot.store", "channels and the Rasa server never write the project database"),
    ("bot.telegram", "bot.server", "the Telegram bridge talks to the assistant over HTTP only"),
    ("bot.speech", "rasa", "bot/speech never imports Rasa (it runs in worker processes)"),
    ("bot.speech", "rasa_sdk", "bot/speech never imports Rasa (it runs in worker processes)"),
]


def module_name(path: Path) -> str:
    parts = list(path.relative_to(PROJECT_DIR).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def our_modules() -> Dict[str, Path]:
    return {
        module_name(path): path
        for package in OUR_PACKAGES
        for path in sorted((PROJECT_DIR / package).rglob("*.py"))
    }


def imported_modules(source: str, module: str, is_package: bool = False) -> Iterator[Tuple[str, int]]:
    """Every module `module` imports, anywhere in the file, as absolute names with line numbers."""
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name, node.lineno
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = module.split(".")
                base = base[: len(base) - node.level + (1 if is_package else 0)]
                parent = ".".join(base + ([node.module] if node.module else []))
            else:
                parent = node.module or ""
            yield parent, node.lineno
            for alias in node.names:  # `from bot import store` imports bot.store
                yield f"{parent}.{alias.name}", node.lineno


def is_within(name: str, package: str) -> bool:
    return name == package or name.startswith(package + ".")


def broken_never_rules(source: str, module: str, is_package: bool = False) -> List[str]:
    found = []
    for importer, imported, why in NEVER:
        if is_within(module, importer):
            for name, line in imported_modules(source, module, is_package):
                if is_within(name, imported):
                    found.append(f"{module}:{line} imports {name}: {why}")
    return sorted(set(found))


def settings_names(tree: ast.Module) -> set:
    """Local names bound to bot.settings.settings / Settings (aliases included)."""
    names = {"settings", "Settings"}
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module == "bot.settings":
            names |= {
                alias.asname or alias.name for alias in node.names if alias.name in ("settings", "Settings")
            }
    return names


def import_time_nodes(tree: ast.AST) -> Iterator[ast.AST]:
    """Nodes that run when the module is imported: everything but function bodies."""
    for child in ast.iter_child_nodes(tree):
        if isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef)):
            run_at_definition = child.decorator_list + child.args.defaults + child.args.kw_defaults
            for expression in filter(None, run_at_definition):
                yield from ast.walk(expression)
            continue
        if isinstance(child, ast.Lambda):
            continue
        yield child
        yield from import_time_nodes(child)


def configuration_reads(source: str, module: str) -> List[str]:
    """Where a module reads the environment itself, or calls settings() at import time."""
    tree = ast.parse(source)
    found = []
    if module != "bot.settings" and not any(is_within(module, p) for p in MAY_PASS_ENVIRONMENT_ON):
        for node in ast.walk(tree):
            if isinstance(node, ast.Attribute) and node.attr in ("environ", "getenv", "environb", "getenvb"):
                found.append(f"{module}:{node.lineno} reads os.{node.attr}: add a setting to bot/settings.py")
            if isinstance(node, ast.ImportFrom) and node.module == "os":
                for alias in node.names:
                    if alias.name in ("environ", "getenv"):
                        found.append(f"{module}:{node.lineno} imports os.{alias.name}: use bot/settings.py")
    names = settings_names(tree)
    for node in import_time_nodes(tree):
        if isinstance(node, ast.Call):
            called = node.func.id if isinstance(node.func, ast.Name) else getattr(node.func, "attr", None)
            if called in names:
                found.append(
                    f"{module}:{node.lineno} calls {called}() at import time: call it inside a function"
                )
    return found


# ---------- the README's map ----------


def readme_map() -> List[Tuple[List[str], List[str]]]:
    """Rows of the README's map: (folders or files as module names, what they may import)."""
    readme = (PROJECT_DIR / "README.md").read_text()
    section = readme.split("## The map", 1)[1].split("\n## ", 1)[0]
    rows = []
    for line in section.splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if len(cells) != 4 or cells[1] in ("folder", "---"):
            continue
        places = [
            path.rstrip("/").removesuffix(".py").replace("/", ".")
            for path in re.findall(r"`([\w/.]+)`", cells[1])
        ]
        may_import = re.findall(r"`([\w.]+)`", cells[3])
        rows.append((places, may_import))
    return rows


def place_of(module: str, rows: List[Tuple[List[str], List[str]]]) -> Optional[Tuple[str, List[str]]]:
    """The map's most specific folder or file that holds a module, and what it may import."""
    matches = [(place, may) for places, may in rows for place in places if is_within(module, place)]
    return max(matches, key=lambda match: len(match[0])) if matches else None


def map_breaches(module: str, imported: List[Tuple[str, int]], rows) -> List[str]:
    place = place_of(module, rows)
    if place is None:
        return [f"{module} is in no folder of the README's map: add a row for it"]
    home, may_import = place
    found = []
    for name, line in imported:
        if not name.startswith(tuple(p + "." for p in OUR_PACKAGES)) and name not in OUR_PACKAGES:
            continue
        if name in OUR_PACKAGES or is_within(name, home) or any(is_within(name, m) for m in may_import):
            continue
        found.append(
            f"{module}:{line} imports {name}, but the README's map lets `{home}` import only "
            f"{', '.join(may_import)}: change the import, or the map if the design changed"
        )
    return found


# ---------- the tree ----------

MODULES = our_modules()


@pytest.mark.parametrize("module", sorted(MODULES))
def test_never_rules(module):
    path = MODULES[module]
    assert broken_never_rules(path.read_text(), module, path.name == "__init__.py") == []


@pytest.mark.parametrize("module", sorted(MODULES))
def test_nothing_reads_configuration_at_import_time(module):
    assert configuration_reads(MODULES[module].read_text(), module) == []


@pytest.mark.parametrize("module", sorted(set(MODULES) - set(OUR_PACKAGES)))
def test_imports_follow_the_readme_map(module):
    path = MODULES[module]
    imported = list(imported_modules(path.read_text(), module, path.name == "__init__.py"))
    assert map_breaches(module, imported, readme_map()) == []


def test_the_readme_map_names_only_folders_that_exist():
    for places, _ in readme_map():
        for place in places:
            path = PROJECT_DIR / place.replace(".", "/")
            assert path.is_dir() or path.with_suffix(".py").exists(), (
                f"README's map names {place}, which is gone"
            )


# ---------- the rules catch what they should (planted violations) ----------


def test_planted_violations_are_caught():
    assert broken_never_rules("from bot.server.channels.rest import FORGET\n", "actions.details")
    assert broken_never_rules("import bot.outbox.worker\n", "actions.handover")
    assert broken_never_rules("from bot.store import handovers\n", "bot.server.channels.rest")
    assert broken_never_rules("from ...store.models import Handover\n", "bot.server.channels.rest")
    assert broken_never_rules("def f():\n    from rasa.core import agent\n", "bot.speech.worker")
    assert broken_never_rules("from bot.server.channels import inbound\n", "bot.telegram.bridge")
    assert not broken_never_rules("from bot.store.database import Database\n", "actions.details")


def test_planted_configuration_reads_are_caught():
    assert configuration_reads("import os\nURL = os.environ.get('X')\n", "bot.store.database")
    assert configuration_reads("import os\ndef f():\n    return os.getenv('X')\n", "actions.handover")
    assert configuration_reads("from os import environ\n", "bot.outbox.worker")
    assert configuration_reads(
        "from bot.settings import settings\nLIMIT = settings().max_body_bytes\n",
        "bot.server.channels.inbound",
    )
    assert configuration_reads(
        "from bot.settings import settings as s\nclass A:\n    x = s().smtp_port\n", "bot.outbox.worker"
    )
    assert configuration_reads(
        "from bot.settings import settings\ndef f(x=settings().smtp_port):\n    pass\n", "bot.outbox.worker"
    )
    assert not configuration_reads(
        "from bot.settings import settings\ndef f():\n    return settings().smtp_port\n", "bot.outbox.worker"
    )


def test_planted_map_breach_is_caught():
    rows = readme_map()
    assert map_breaches("bot.staff.lists", [("bot.telegram.bridge", 1)], rows)
    assert map_breaches("bot.newthing", [("bot.settings", 1)], rows)
    assert not map_breaches("bot.staff.lists", [("bot.store.database", 1)], rows)
