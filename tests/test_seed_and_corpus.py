"""The seed parses to exactly its structure; the corpus outlines to the counts in their MANIFEST."""
from __future__ import annotations

import pytest

from generator.outline import parse_outline
from generator.source import read_source

from .conftest import CORPUS, SEED, corpus_files, per_module
from .helpers import squeeze

SEED_HEADINGS = {
    "加强政治建设，坚定不移维护核心、忠诚核心": ["提升政治站位", "坚持政治统领", "压实主体责任"],
    "加强思想建设，始终坚持思想建党、理论强党": ["学深悟透习近平新时代中国特色社会主义思想", "笃信笃行习近平生态文明思想", "坚持真学真信真用"],
    "加强组织建设，切实发挥政治优势、组织优势": ["夯实基层党建基础", "加强党员队伍管理", "选优配强党务干部"],
    "加强作风纪律建设，保持风清气正、纪律严明": ["抓作风从严", "抓思想从严", "抓执纪从严"],
    "加强党建引领，聚焦主业全力冲刺、攻坚突破": ["坚持党建与业务“两手抓、两手硬”", "锻造担当作为的铁军队伍", "确保“十三五”规划目标任务圆满收官"],
}


@pytest.fixture(scope=per_module)
def doc():
    return parse_outline(read_source(SEED))


def test_seed_sections_and_headings(doc):
    assert {s.heading: [c.heading for c in s.subsections] for s in doc.sections} == SEED_HEADINGS
    assert [s.number for s in doc.sections] == [1, 2, 3, 4, 5]
    assert all(c.level == 2 and c.heading_end == "。" and c.blocks for s in doc.sections for c in s.subsections)


def test_seed_front_matter(doc):
    assert [t.text for t in doc.title] == ["坚定不移全面从严管党治党", "为高标准打赢污染防治攻坚战凝聚强大力量"]
    assert doc.subtitle.text == "——生态环境系统全面从严治党工作会议讲话提纲"
    assert (doc.meeting_name, doc.genre) == ("生态环境系统全面从严治党工作会议", "讲话提纲")
    assert doc.transition.text == "下面，我就推动全面从严治党再讲几点意见。"


def test_seed_lead_items_and_problems(doc):
    leads = [p.points[0].lead for p in doc.preamble if p.is_lead_item]
    assert leads == ["补钙铸魂守初心。", "强基固本见实效。", "正风肃纪扬正气。", "强化服务保民生。"]
    problems = [p for p in doc.preamble if p.points and p.points[0].marker == "一是"]
    assert len(problems) == 1
    assert [(x.marker, x.lead) for x in problems[0].points] == [
        ("一是", "责任传导需要强化。"), ("二是", "结合融合需要强化。"), ("三是", "作风纪律需要强化。"), ("四是", "精神状态需要强化。")]


def test_seed_ascii_bracket_subsection_and_closing(doc):
    third = doc.sections[2].subsections[1]
    assert third.marker == "(二)" and third.heading == "加强党员队伍管理" and third.line == 25
    assert len(doc.closing) == 1 and doc.closing[0].text.startswith("同志们，全面从严治党永远在路上。")
    last = doc.sections[4].subsections[2]
    assert "同志们" not in last.text


def test_seed_entities(doc):
    assert {"事辍者无功，耕怠者无获", "改过不吝,从善如流"} <= {q.text for q in doc.entities.quotes}
    assert {"两个维护", "四个意识", "三会一课", "一岗双责", "八项规定"} <= {c.text for c in doc.entities.concepts}
    assert doc.entities.dates[0].date == "1月13日" and doc.entities.dates[0].line == 16
    assert [p.line for p in doc.placeholders] == [10, 21, 21, 35, 35]


def test_seed_nothing_lost(doc):
    assert squeeze(doc.all_text()) == squeeze(SEED.read_text(encoding="utf-8"))


# -- the corpus (../shared/corpus), when present: counts from its MANIFEST --
CORPUS_EXPECTED = {
    "01_zhutijiaoyu_gongzuohuiyi_jianghua.txt": dict(sections=3, subsections=[3, 3, 4], titles=2, closing="同志们，", credits=0),
    "02_zhutijiaoyu_gongzuohuiyi_zongjie.txt": dict(sections=6, subsections=[0] * 6, titles=1, closing="同志们，", credits=1),
}


@pytest.mark.skipif(not corpus_files(), reason=f"corpus not present at {CORPUS}")
@pytest.mark.parametrize("name", sorted(CORPUS_EXPECTED))
def test_corpus_counts(name):
    path = CORPUS / name
    if not path.exists():
        pytest.skip(f"{name} not in the corpus")
    expected = CORPUS_EXPECTED[name]
    document = parse_outline(read_source(path))
    assert len(document.sections) == expected["sections"]
    assert [len(s.subsections) for s in document.sections] == expected["subsections"]
    assert len(document.title) == expected["titles"]
    assert document.closing and document.closing[0].text.startswith(expected["closing"])
    assert len(document.credits) == expected["credits"]
    assert squeeze(document.all_text()) == squeeze(path.read_text(encoding="utf-8"))


@pytest.mark.skipif(not corpus_files(), reason=f"corpus not present at {CORPUS}")
def test_corpus_points():
    """02 has no numbered subsections: 一是/一要 and 要…。 lead sentences open its points."""
    document = parse_outline(read_source(CORPUS / "02_zhutijiaoyu_gongzuohuiyi_zongjie.txt"))
    markers = [p.marker or p.lead[:1] for s in document.sections for b in s.blocks for p in b.points]
    assert {"一是", "二是", "一要", "二要", "要"} <= set(markers)
    assert "最后再强调一点" in document.sections[-1].body_text
