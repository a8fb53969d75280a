"""Long outlines of the genre, made up for tests from phrase lists of our own (deterministic, varied sentences).

`report(sections, subsections, sentences)` writes a 党代会-style report: title, subtitle, salutation, preamble with
lead items and problems, numbered sections with （一） subsections whose body mixes requirements (要…), statements,
dated events, figures and quotations, and a closing. About 27,000 characters at the defaults (4× the seed).
"""
from __future__ import annotations

import random

from generator.outline.rules import int_to_cn

SUBJECTS = ("各级党组织", "全体党员干部", "各部门各单位", "领导班子成员", "基层党支部", "机关党委", "纪检监察机构", "党务干部队伍")
VERBS = ("坚持", "深化", "落实", "健全", "强化", "推进", "完善", "压实", "提升", "巩固")
OBJECTS = ("政治建设", "理论武装", "基层组织建设", "作风建设", "纪律建设", "监督执纪", "干部队伍建设", "制度建设",
           "主体责任", "意识形态工作", "党风廉政建设", "调查研究", "服务群众工作", "营商环境", "安全生产责任")
AIMS = ("推动各项工作落地见效", "确保各项任务按期完成", "形成上下联动的工作格局", "不断提高工作质量和水平",
        "把制度优势转化为治理效能", "以实际行动诠释对党忠诚")
MANNERS = ("层层传导压力", "逐项抓好落实", "坚持问题导向", "注重标本兼治", "突出重点难点", "强化跟踪问效")
QUOTES = ("“积力之所举，则无不胜也”", "“功崇惟志，业广惟勤”", "“道阻且长，行则将至”", "“为之于未有，治之于未乱”")
CONCEPTS = ("“两个维护”", "“四个意识”", "“三会一课”", "“一岗双责”", "“四种形态”", "“两个确立”")


def _requirement(rng: random.Random) -> str:
    subject = rng.choice(SUBJECTS)
    first = f"{rng.choice(VERBS)}{rng.choice(OBJECTS)}"
    second = f"{rng.choice(VERBS)}{rng.choice(OBJECTS)}"
    tail = rng.choice(AIMS)
    if rng.random() < 0.3:
        return f"{subject}要{first}，{rng.choice(MANNERS)}，把{second}作为重要任务，{tail}。"
    if rng.random() < 0.5:
        return f"要{first}，{rng.choice(MANNERS)}，{second}，{tail}。"
    return f"{subject}必须{first}、{second}，{rng.choice(MANNERS)}，{tail}。"


def _statement(rng: random.Random) -> str:
    return rng.choice((
        f"{rng.choice(OBJECTS)}是一项长期任务，只有常抓不懈，才能取得实效。",
        f"实践证明，{rng.choice(OBJECTS)}抓得实不实，直接关系到{rng.choice(AIMS)}。",
        f"{rng.choice(QUOTES)}，{rng.choice(OBJECTS)}贵在坚持。",
        f"落实{rng.choice(CONCEPTS)}，关键在于{rng.choice(VERBS)}{rng.choice(OBJECTS)}。",
    ))


def _event(rng: random.Random, month: int) -> str:
    return f"{month}月{rng.randint(1, 28)}日，市委召开专题会议研究{rng.choice(OBJECTS)}，要求{rng.choice(MANNERS)}。"


def _figure(rng: random.Random) -> str:
    return f"去年以来，共开展{rng.choice(OBJECTS)}专项检查{rng.randint(12, 90)}次，整改问题{rng.randint(100, 900)}个。"


def report(sections: int = 20, subsections: int = 4, sentences: int = 7, seed: int = 7) -> str:
    rng = random.Random(seed)
    lines = ["坚持不懈推进全面从严治党", "为高质量发展提供坚强政治保证", "——在全市党建工作会议上的报告", "同志们：",
             "今天召开全市党建工作会议，主要任务是总结工作、分析形势，部署今年全面从严治党重点任务。"]
    for lead in ("——政治建设持续加强。", "——基层基础不断夯实。", "——作风建设成效明显。"):
        lines.append(lead + _requirement(rng) + _statement(rng))
    lines.append("同时也要看到，工作中还存在一些问题和不足。一是责任落实不够到位。" + _statement(rng)
                 + "二是基层基础仍有短板。" + _figure(rng) + "三是作风建设仍需加强。" + _statement(rng))
    lines.append("下面，我讲几点意见。")
    for i in range(1, sections + 1):
        lines.append(f"{int_to_cn(i)}、{rng.choice(VERBS)}{rng.choice(OBJECTS)}，{rng.choice(AIMS)}")
        for j in range(1, subsections + 1):
            body = []
            for k in range(sentences):
                pick = rng.random()
                if k == 0 or pick < 0.45:
                    body.append(_requirement(rng))
                elif pick < 0.7:
                    body.append(_statement(rng))
                elif pick < 0.85:
                    body.append(_event(rng, rng.randint(1, 12)))
                else:
                    body.append(_figure(rng))
            lines.append(f"（{int_to_cn(j)}）{rng.choice(VERBS)}{rng.choice(OBJECTS)}。" + "".join(body))
    lines.append("同志们，全面从严治党永远在路上。" + _requirement(rng) + "让我们以更加昂扬的斗志，奋力开创新局面！")
    return "\n".join(lines) + "\n"
