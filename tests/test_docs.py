"""The README and docs/ stay true to the tree: every link to a file here leads somewhere, and
docs/architecture.md lists every file of every process (so a newcomer finds their room)."""

import re
from pathlib import Path

import pytest

PROJECT_DIR = Path(__file__).resolve().parents[1]
PAGES = [PROJECT_DIR / "README.md", *sorted((PROJECT_DIR / "docs").glob("*.md"))]
LINK = re.compile(r"\]\(([^)#\s]+)(?:#[^)]*)?\)")


@pytest.mark.parametrize("page", PAGES, ids=lambda page: page.name)
def test_links_to_files_here_lead_somewhere(page):
    for target in LINK.findall(page.read_text()):
        if re.match(r"[a-z]+:", target):  # http:, https:, mailto:
            continue
        assert (page.parent / target).exists(), f"{page.name} links to {target}, which is not there"


def test_architecture_page_lists_every_file_of_every_process():
    page = (PROJECT_DIR / "docs" / "architecture.md").read_text()
    named = set(re.findall(r"`([\w./-]+)`", page))
    for path in sorted([*(PROJECT_DIR / "bot").rglob("*.py"), *(PROJECT_DIR / "actions").rglob("*.py")]):
        relative = path.relative_to(PROJECT_DIR)
        if path.name == "__init__.py" or "migrations" in relative.parts:
            continue
        folders = {f"{parent.as_posix()}/" for parent in relative.parents if len(parent.parts) > 1}
        assert str(relative) in named or folders & named, (
            f"docs/architecture.md should say in one line what {relative} is for"
        )
