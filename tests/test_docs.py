"""The documents in docs/: the vendored copies of ../shared, the index of decision records, the paths they name.

No database is needed. docs/ carries copies of what every developer and CI have beside the project in
../shared (the specification, the measures, the public contracts), so a clone on its own can be followed. Where
../shared is present (CI always has it) a copy must be the same bytes; elsewhere it must at least be there.
"""

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"
SHARED = ROOT.parent / "shared"
DECISIONS = DOCS / "decisions"

# Path inside ../shared → path inside docs/ (the same relative path).
VENDORED = [
    "SPEC.md",
    "measures/README.md",
    "measures/longhua-2014-48.zh.txt",
    "contracts/README.md",
    "contracts/dossier.schema.json",
]
# Folders of ../shared copied whole: a file added there must be copied too.
VENDORED_FOLDERS = ["measures", "contracts"]


@pytest.mark.parametrize("name", VENDORED)
def test_the_vendored_copy_is_the_shared_file(name):
    copy = DOCS / name
    assert copy.is_file(), f"docs/{name} is missing: copy it from ../shared/{name}"
    assert copy.stat().st_size > 0, f"docs/{name} is empty"
    original = SHARED / name
    if SHARED.is_dir():
        assert original.is_file(), f"../shared/{name} no longer exists: remove docs/{name} and this entry"
        assert copy.read_bytes() == original.read_bytes(), (
            f"docs/{name} differs from ../shared/{name}: copy it again (cp ../shared/{name} docs/{name})")


@pytest.mark.parametrize("folder", VENDORED_FOLDERS)
def test_every_shared_file_of_a_vendored_folder_is_copied(folder):
    if SHARED.is_dir():
        wanted = {f"{folder}/{p.name}" for p in (SHARED / folder).iterdir() if p.is_file()}
    else:
        wanted = {f"{folder}/{p.name}" for p in (DOCS / folder).iterdir() if p.is_file()}
    assert wanted, f"nothing in {folder}/"
    assert wanted <= set(VENDORED), f"not vendored into docs/: {sorted(wanted - set(VENDORED))}"


def test_the_api_serves_the_same_dossier_schema_as_docs_shows():
    # housing/api/ keeps its own copy for a deployment without ../shared; readers look at docs/contracts/.
    assert (ROOT / "housing/api/dossier.schema.json").read_bytes() == (DOCS / "contracts/dossier.schema.json").read_bytes()


def _records() -> list[Path]:
    return sorted(p for p in DECISIONS.iterdir() if p.is_file() and p.name != "README.md")


def test_every_decision_record_is_in_the_index():
    index = (DECISIONS / "README.md").read_text(encoding="utf-8")
    linked = set(re.findall(r"\]\(([^)#\s]+)\)", index))
    records = {p.name for p in _records()}
    assert len(records) >= 19
    assert records - linked == set(), f"add these to docs/decisions/README.md: {sorted(records - linked)}"
    assert linked - records == set(), f"the index links records that do not exist: {sorted(linked - records)}"


def test_every_decision_record_is_numbered_and_titled():
    numbers = []
    for record in _records():
        match = re.fullmatch(r"(\d{4})-[a-z0-9-]+\.md", record.name)
        assert match, f"{record.name}: name it NNNN-short-name.md"
        first_line = (record.read_text(encoding="utf-8").splitlines() or [""])[0]
        assert first_line.startswith(f"# {match.group(1)} — "), f"{record.name}: the title must start '# {match.group(1)} — '"
        numbers.append(int(match.group(1)))
    assert len(numbers) == len(set(numbers)), "two records share a number"


# Decision records speak of the project: no tracker numbers, no work sessions.
_NOT_ABOUT_THE_PROJECT = re.compile(r"#\d+|\bissues?\b|\bsessions?\b", re.IGNORECASE)


@pytest.mark.parametrize("record", [p.name for p in sorted(DECISIONS.glob("*.md"))])
def test_a_decision_record_mentions_no_issue_or_session(record):
    text = (DECISIONS / record).read_text(encoding="utf-8")
    found = [(n, line.strip()) for n, line in enumerate(text.splitlines(), 1) if _NOT_ABOUT_THE_PROJECT.search(line)]
    assert found == [], f"docs/decisions/{record}: {found}"


# A path of the project written in backquotes in the maintainers' documents.
_PROJECT_PATH = re.compile(r"`((?:housing|publicity|departments|config|tests|bench|templates|locale|docs)/[^`\s:]*)")
# Written by the benchmarks, not versioned.
_NOT_VERSIONED = ("bench/results/",)


def _maintainers_documents() -> list[Path]:
    # The vendored copies are someone else's text, and docs/workflow.md is generated from the code.
    vendored = {DOCS / name for name in VENDORED}
    return sorted(p for p in DOCS.rglob("*.md") if p not in vendored and p.name != "workflow.md")


@pytest.mark.parametrize("document", [str(p.relative_to(DOCS)) for p in _maintainers_documents()])
def test_the_paths_a_document_names_exist(document):
    text = (DOCS / document).read_text(encoding="utf-8")
    missing = sorted({path for path in _PROJECT_PATH.findall(text)
                      if "<" not in path  # a placeholder: tests/housing/<chapter>/
                      and not path.startswith(_NOT_VERSIONED) and not (ROOT / path).exists()})
    assert missing == [], f"docs/{document} names paths that do not exist: {missing}"
