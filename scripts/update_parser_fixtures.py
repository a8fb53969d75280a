#!/usr/bin/env python3
"""Rewrite the expected trees of tests/fixtures/parser/*.txt from the current parser (review the diff!)."""
from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from generator.outline import parse_outline  # noqa: E402
from generator.source import text_to_source  # noqa: E402
from tests.spec import FIXTURES, read_cases, spec_tree, write_cases  # noqa: E402

for path in sorted(FIXTURES.glob("*.txt")):
    cases = read_cases(path)
    for case in cases:
        case.expected = spec_tree(parse_outline(text_to_source(case.source, "fixture.txt")))
    write_cases(path, cases)
    print(path.relative_to(ROOT))
