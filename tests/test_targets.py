"""The output registry: one table says what each output is; --only names resolve through it."""
from __future__ import annotations

import pytest
from typer.testing import CliRunner

from generator import targets
from generator.cli import app
from generator.errors import UsageError

from .conftest import SEED

runner = CliRunner()


def test_every_target_names_importable_stages():
    for target in targets.TARGETS:
        assert callable(target.composer()) and callable(target.renderer()), target.key
        assert target.file_name.endswith((".docx", ".pptx"))


@pytest.mark.parametrize("words,keys", [
    (None, ("minutes", "deck", "summary")),
    (["deck", "minutes"], ("deck", "minutes")),
    (["纪要,课件"], ("minutes", "deck")),
    (["学习要点", "要点"], ("summary",)),
    (["deck，summary"], ("deck", "summary")),
])
def test_select(words, keys):
    assert targets.select(words) == keys


def test_unknown_name_is_a_usage_error_listing_the_choices():
    with pytest.raises(UsageError) as info:
        targets.select(["slides"])
    assert info.value.exit_code == 2 and "minutes（会议纪要）" in str(info.value)


def test_repeated_only_adds_up(tmp_path):
    result = runner.invoke(app, ["build", str(SEED), "-o", str(tmp_path), "--only", "deck", "--only", "minutes"])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in (tmp_path / SEED.stem).iterdir()) == ["会议纪要.docx", "学习课件.pptx"]


def test_unknown_only_exits_2(tmp_path):
    result = runner.invoke(app, ["build", str(SEED), "-o", str(tmp_path), "--only", "slides"])
    assert result.exit_code == 2 and "slides" in result.output
    assert not (tmp_path / SEED.stem).exists()
