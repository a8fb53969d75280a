"""Titles made from names: the 纪要标志 from the meeting's name, a branch document's title from the branch and the
meeting form — no word said twice."""
from __future__ import annotations

import pytest

from generator.compose.branch import branch_form
from generator.compose.templating import Wording


@pytest.mark.parametrize("name, mark", [
    ("全市数字政府建设推进会", "全市数字政府建设推进会纪要"),
    ("生态环境系统全面从严治党工作会议", "生态环境系统全面从严治党工作会议纪要"),
    ("局党组会", "局党组会纪要"),
    ("党组理论学习中心组学习", "党组理论学习中心组学习会议纪要"),
])
def test_mark_adds_only_the_words_the_name_lacks(name, mark):
    assert Wording()("minutes/mark", mark=None, meeting_name=name, office="某局") == mark


@pytest.mark.parametrize("branch, form, title", [
    ("机关第二党支部", "支部党员大会", "机关第二党支部党员大会签到表"),
    ("机关第二党支部", "支部委员会", "机关第二党支部委员会签到表"),
    ("机关第二党支部", "主题党日", "机关第二党支部主题党日签到表"),
    ("监测站党小组", "党小组会", "监测站党小组会签到表"),
])
def test_signin_title_says_a_shared_word_once(branch, form, title):
    assert Wording()("branch/signin_title", branch=branch, form=form, branch_form=branch_form(branch, form)) == title
