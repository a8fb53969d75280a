"""The parser against spec fixtures: input beside the expected tree."""
from __future__ import annotations

import os

import pytest

from generator.outline import parse_outline
from generator.source import text_to_source

from .spec import FIXTURES, read_cases, spec_tree, write_cases

CASES = [case for path in sorted(FIXTURES.glob("*.txt")) for case in read_cases(path)]


@pytest.mark.parametrize("case", CASES, ids=[f"{c.file.stem}:{c.title}" for c in CASES])
def test_spec(case):
    document = parse_outline(text_to_source(case.source, "fixture.txt"))
    assert spec_tree(document) == case.expected


def test_update_fixtures():
    """HUIWU_UPDATE_FIXTURES=1 rewrites the expected trees (review the diff before committing)."""
    if not os.environ.get("HUIWU_UPDATE_FIXTURES"):
        pytest.skip("set HUIWU_UPDATE_FIXTURES=1 to regenerate the parser fixtures")
    for path in sorted(FIXTURES.glob("*.txt")):
        cases = read_cases(path)
        for case in cases:
            case.expected = spec_tree(parse_outline(text_to_source(case.source, "fixture.txt")))
        write_cases(path, cases)
