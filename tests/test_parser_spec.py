"""The parser against spec fixtures: input beside the expected tree."""
from __future__ import annotations

import pytest

from generator.outline import parse_outline
from generator.source import text_to_source

from .spec import FIXTURES, read_cases, spec_tree

CASES = [case for path in sorted(FIXTURES.glob("*.txt")) for case in read_cases(path)]


@pytest.mark.parametrize("case", CASES, ids=[f"{c.file.stem}:{c.title}" for c in CASES])
def test_spec(case):
    document = parse_outline(text_to_source(case.source, "fixture.txt"))
    assert spec_tree(document) == case.expected
