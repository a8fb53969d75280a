"""The deck layout stage, read as data: every excerpt whole, sizes, pagination, cards, timeline order, title breaks."""
from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.compose.deck import compose_deck
from generator.compose.templating import Wording
from generator.layout.deck import layout_deck
from generator.layout.placed import Frame, PlacedDeck, Shape
from generator.meeting import Meeting, load_meeting
from generator.outline import parse_outline
from generator.placeholders import fill_placeholders
from generator.source import read_source, text_to_source

from .conftest import ROOT, SEED, corpus_files
from .excerpts import why_not
from .helpers import word_ends
from .longtext import report

MEETING = ROOT / "seeds" / "meeting.toml"
FIXTURES = sorted((ROOT / "tests" / "fixtures" / "outlines").glob("*.txt"))
TEMPLATE_TITLES = ("思考题",)


def placed(text: str, meeting: Meeting | None = None) -> PlacedDeck:
    document = parse_outline(text_to_source(text, "x.txt"))
    meeting = meeting or Meeting()
    document = fill_placeholders(document, meeting.placeholders)
    return layout_deck(compose_deck(document, meeting, Wording()))


def excerpts(deck: PlacedDeck):
    """Yield (slide title, text) for every piece of a slide that must be an excerpt of the outline."""
    for slide in deck.slides:
        if slide.layout == "content" and not slide.title.startswith(TEMPLATE_TITLES):
            body = next(f for f in slide.frames() if f.placeholder == 1)
            for para in body.paras:
                yield slide.title, para.text
        if slide.layout == "graphic":
            shapes = [item for item in slide.items if isinstance(item, Shape) and item.frame is not None]
            # -- a card's or an event's body (its title frame is all bold; a body may hold a bold date) --
            bodies = [s for s in shapes if s.fill is None and s.frame.paras and not all(r.bold for r in s.frame.paras[0].runs)]
            for shape in bodies:
                yield slide.title, shape.frame.text


def assert_all_whole(deck: PlacedDeck, source: str) -> int:
    count = 0
    for title, text in excerpts(deck):
        reason = why_not(text, source)
        assert reason is None, (title, reason, text)
        count += 1
    return count


def test_seed_every_excerpt_whole():
    meeting = load_meeting(SEED, MEETING)
    text = SEED.read_text(encoding="utf-8")
    assert assert_all_whole(placed(text, meeting), text.replace("XX", "某市")) >= 60


@pytest.mark.parametrize("path", [*corpus_files(), *FIXTURES], ids=lambda p: p.stem)
def test_corpus_and_fixtures_every_excerpt_whole(path):
    text = read_source(path)
    source = "\n".join(line.text for line in text.lines)
    assert assert_all_whole(placed(source), source) >= 1


def test_long_report_every_excerpt_whole():
    text = report()
    assert assert_all_whole(placed(text), text) >= 100


# -- generated outlines: sentences with quotes, 、 series, subordinate clauses, very long sentences --
CLAUSE = st.sampled_from([
    "要坚持把党的政治建设摆在首位", "不管说什么话", "办什么事都要想一想是否符合党员身份", "持续整治“不担当、不作为、慢作为”",
    "切实增强“四个意识”、坚定“四个自信”、做到“两个维护”", "如果责任不落实", "再好的制度也会落空", "认真落实《党支部工作条例》",
    "既是一项政治工作", "也是一项业务工作", "这一系列重要指示精神", "各级党组织要层层压实责任", "严教育、严制度、严管理、严监督",
    "以开展“抓党建、促攻坚，保蓝天碧水净土”主题实践活动为契机", "1月13日", "去年7月9日", "全面提高党的建设质量",
])
SENTENCE = st.lists(CLAUSE, min_size=1, max_size=9).map(lambda cs: "，".join(cs) + "。")
BODY = st.lists(SENTENCE, min_size=1, max_size=5).map("".join)
SUB = st.tuples(st.sampled_from(["提升政治站位", "加强党员队伍管理", "抓作风从严"]), BODY)


@st.composite
def outlines(draw):
    lines = ["讲话提纲", "同志们："]
    lines.append(draw(BODY))
    for i, cn in enumerate("一二三"[: draw(st.integers(1, 3))]):
        lines.append(f"{cn}、加强第{i + 1}项建设，推动工作落实")
        for j, (heading, body) in enumerate(draw(st.lists(SUB, min_size=1, max_size=3))):
            lines.append(f"（{'一二三'[j]}）{heading}。{body}")
    lines.append("同志们，" + draw(BODY))
    return "\n".join(lines)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(outlines())
def test_generated_outlines_every_excerpt_whole(text):
    assert_all_whole(placed(text), text)


# -- geometry and sizes --
@pytest.mark.parametrize("text", [SEED.read_text(encoding="utf-8"), report(8, 4, 9)], ids=["seed", "long"])
def test_boxes_on_the_slide_and_sizes_readable(text):
    deck = placed(text)
    for slide in deck.slides:
        frames = list(slide.frames())
        for frame in frames:
            box = frame.box
            assert box.left >= 0 and box.top >= 0 and box.left + box.width <= 960 + 0.01 and box.bottom <= 540 + 0.01, slide.title
            assert all(para.size >= 20 for para in frame.paras), (slide.title, [p.size for p in frame.paras])
        if slide.layout == "content":
            body = next(f for f in frames if f.placeholder == 1)
            assert 1 <= len(body.paras) <= 5 and all(p.size >= 20 for p in body.paras)


def continuation_groups(deck: PlacedDeck):
    """Yield the slides of each 「……（续）」 run, by the title of its first slide."""
    groups: dict[str, list] = {}
    for slide in deck.slides:
        base = slide.title.removesuffix("（续）")
        groups.setdefault(base, []).append(slide)
    return {k: v for k, v in groups.items() if len(v) > 1}


def items_on(slide) -> int:
    if slide.layout == "content":
        return len(next(f for f in slide.frames() if f.placeholder == 1).paras)
    return sum(1 for item in slide.items if isinstance(item, Shape) and item.kind == "round_rect" and item.line)


def test_no_continuation_slide_with_a_lone_item():
    """Cards, quotes and points are balanced over their slides (7 → 4 + 3, never 6 + 1)."""
    deck = placed(report(6, 3, 6) + "“积力之所举，则无不胜也”。“功崇惟志，业广惟勤”。“道阻且长，行则将至”。“为之于未有，治之于未乱”。\n")
    for base, slides in continuation_groups(deck).items():
        counts = [items_on(s) for s in slides]
        assert max(counts) - min(counts) <= 1 or min(counts) > 1, (base, counts)


def test_timeline_in_date_order_with_relative_dates_resolved():
    text = ("讲话提纲\n——在2024年工作会议上的讲话\n今年以来，各项工作扎实推进。\n一、加强学习\n"
            "（一）学深悟透。3月5日，党组召开专题会议研究部署学习工作。去年7月9日，召开全系统警示教育大会。"
            "前年5月1日，出台学习制度。1月13日，党组理论学习中心组开展集中学习。\n")
    deck = placed(text, Meeting(date="2024年6月1日"))
    assert timeline(deck) == [("2022年", "前年5月1日"), ("2023年", "去年7月9日"), ("2024年", "1月13日"), ("2024年", "3月5日")]


def timeline(deck: PlacedDeck) -> list[tuple[str, str]]:
    """Return (year label, bold date) of each event, in slide order; the event's whole sentence is checked too."""
    out = []
    for slide in deck.slides:
        if not slide.title.startswith("重要时间节点"):
            continue
        shapes = [item for item in slide.items if isinstance(item, Shape)]
        years = [s.frame.text for s in shapes if s.fill == "B71C1C" and s.frame]
        bodies = [s.frame for s in shapes if s.fill is None and s.frame]
        for year, body in zip(years, bodies, strict=True):
            bold = [r.text for r in body.paras[0].runs if r.bold]
            assert len(bold) == 1 and body.text.endswith("。"), body.text
            out.append((year, bold[0]))
    return out


def test_timeline_year_from_the_outline_when_meeting_has_none():
    text = "讲话提纲\n2020年是决胜之年。\n一、加强学习\n（一）学深悟透。去年7月9日，召开大会。5月12日，出台制度。\n"
    assert timeline(placed(text)) == [("2019年", "去年7月9日"), ("2020年", "5月12日")]


def test_concept_cards_take_a_body_sentence_holding_the_term():
    """The term first appears in the title, right before the salutation: the card's context is a body sentence."""
    text = ("坚决做到“两个维护”争当表率先行\n同志们：\n今天召开会议。\n一、加强政治建设\n"
            "（一）提升站位。各级党组织要坚决做到“两个维护”，切实增强政治意识。\n")
    deck = placed(text)
    cards = [s for s in deck.slides if s.title.startswith("应知应会")]
    assert cards
    frames = [item.frame for s in cards for item in s.items if isinstance(item, Shape) and item.frame is not None]
    bodies = [f.text for f in frames if f.paras and not f.paras[0].runs[0].bold]
    assert bodies == ["各级党组织要坚决做到“两个维护”，切实增强政治意识。"]


def card_texts(deck: PlacedDeck) -> list[tuple[str, str]]:
    """(title, body) of every 应知应会 card, in order; body "" when the card shows none."""
    out = []
    for slide in deck.slides:
        if not slide.title.startswith("应知应会"):
            continue
        frames = [item.frame for item in slide.items if isinstance(item, Shape) and item.frame is not None]
        for frame in frames:
            if frame.paras and frame.paras[0].runs[0].bold:
                out.append([frame.text, ""])
            elif out:
                out[-1][1] = frame.text
    return [tuple(pair) for pair in out]


def test_every_seed_concept_card_shows_a_sentence_holding_its_terms():
    """A card with a term and no sentence teaches nothing: the grid with room for every card's sentence wins."""
    deck = placed(SEED.read_text(encoding="utf-8"), load_meeting(SEED, MEETING))
    cards = card_texts(deck)
    assert len(cards) >= 8
    for title, body in cards:
        assert body, title
        assert all(term in body for term in re.findall(r"“([^”]+)”", title)), (title, body)
    bodies = [body for _, body in cards]
    assert len(bodies) == len(set(bodies))      # -- no sentence shown under two titles --


def test_concepts_sharing_their_only_sentence_share_one_card():
    text = ("讲话提纲\n一、加强政治建设\n（一）提升站位。要切实增强“四个意识”、坚定“四个自信”。\n"
            "（二）严明纪律。要驰而不息纠治“四风”。要落实“一岗双责”，纠治“四风”。\n")
    cards = card_texts(placed(text))
    # -- 一岗双责's only sentence holds 四风 too: one card, led by the sentence holding both --
    assert cards == [("“四个意识”“四个自信”", "要切实增强“四个意识”、坚定“四个自信”。"),
                     ("“四风”“一岗双责”", "要落实“一岗双责”，纠治“四风”。")]


# -- title breaks --
def test_long_titles_break_between_words():
    text = (ROOT / "tests" / "fixtures" / "outlines" / "长标题.txt").read_text(encoding="utf-8")
    deck = placed(text)
    broken = 0
    for slide in deck.slides:
        for frame in slide.frames():
            if frame.placeholder != 0:
                continue
            for para in frame.paras:
                raw = "".join(r.text for r in para.runs)
                if "\n" not in raw:
                    continue
                whole = raw.replace("\n", "")
                ends = word_ends(whole)
                at = 0
                for line in raw.split("\n")[:-1]:
                    at += len(line)
                    assert at in ends, (whole, line)
                broken += 1
    assert broken >= 2


def test_frames_are_placeholders_or_boxes_of_the_layout():
    deck = placed(SEED.read_text(encoding="utf-8"))
    kinds = {slide.layout for slide in deck.slides}
    assert kinds == {"cover", "toc", "content", "graphic", "section", "closing"}
    for slide in deck.slides:
        assert all(isinstance(item, (Frame, Shape)) for item in slide.items)
        assert re.sub(r"（续）$", "", slide.title) or slide.layout in ("cover",)


def test_a_long_sentence_is_shown_whole_when_the_slide_has_room():
    """Two key sentences, the second past a point's usual line cap: the slide has room, so no 「……」 form."""
    long = ("要着力把政治优势、组织优势转化为治污攻坚的强大动力，坚持党员干部打头阵、当先锋，聚焦大气、水、土污染治理中心工作，"
            "精准治污、科学治污、依法治污，找差距、补短板、强弱项，天天算账，日日攻坚，尽全力压缩每一微克污染物，"
            "尽全力拼抢每一个优良天气，尽全力守护每一条河流，务必全面完成约束性指标。")
    text = f"讲话提纲\n一、打好攻坚战\n（一）确保目标完成。党建工作成效好不好，最终还是要看生态环境质量有没有改善。{long}\n（二）压实责任。要压实责任。\n"
    deck = placed(text)
    slide = next(s for s in deck.slides if s.title == "确保目标完成")
    body = next(f for f in slide.frames() if f.placeholder == 1)
    assert [p.text for p in body.paras] == ["党建工作成效好不好，最终还是要看生态环境质量有没有改善。", long]
