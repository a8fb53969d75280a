"""The parser against spec fixtures: input beside the expected tree."""
from __future__ import annotations

import pytest

from generator.outline import parse_outline
from generator.source import text_to_source

from .spec import FIXTURES, read_cases, spec_tree

# pytest.param ids, not ids=: pytest escapes explicit non-ASCII ids twice when it runs twice in one process (mutmut does)
CASES = [pytest.param(case, id=f"{path.stem}:{case.title}") for path in sorted(FIXTURES.glob("*.txt")) for case in read_cases(path)]


@pytest.mark.parametrize("case", CASES)
def test_spec(case):
    document = parse_outline(text_to_source(case.source, "fixture.txt"))
    assert spec_tree(document) == case.expected


def test_a_very_long_line_parses_in_linear_time():
    """A hang guard, not a speed target: one line of 100,000 numerals once took minutes (unbounded CN_NUM)."""
    import signal

    if not hasattr(signal, "SIGALRM"):
        return

    def hang(*_):
        raise TimeoutError("parsing one long line did not finish in 20 s")

    previous = signal.signal(signal.SIGALRM, hang)
    signal.alarm(20)
    try:
        for line in ("一" * 100_000, "一是" * 30_000, "第一，" * 30_000):
            assert parse_outline(text_to_source("讲话\n" + line + "\n", "long.txt")).title
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
