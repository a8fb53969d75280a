"""The outline's numbering and punctuation rules: the one place for these regexes."""
from __future__ import annotations

import re
from dataclasses import dataclass

CN_DIGITS = "零一二三四五六七八九"
#: A Chinese numeral as outlines write them, up to 九百九十九 (bounded: an unbounded run made long lines quadratic).
CN_NUM = "[一二三四五六七八九十百零〇两]{1,5}"
SPACE = "[ \t\u3000\u00a0]"

#: Closing punctuation of a sentence.
SENTENCE_END = "。！？!?"
#: Punctuation that may not start a line (used when measuring text for slides).
NO_LINE_START = "，。、；：？！）》」』”’,.;:?!)]%"


def cn_to_int(text: str) -> int | None:
    """Return the value of a Chinese numeral up to 九百九十九 (一 → 1, 十二 → 12, 二十 → 20)."""
    text = text.replace("两", "二").replace("〇", "零")
    if not text or any(c not in CN_DIGITS + "十百" for c in text):
        return None
    total, current = 0, 0
    for ch in text:
        if ch == "百":
            total += (current or 1) * 100
            current = 0
        elif ch == "十":
            total += (current or 1) * 10
            current = 0
        else:
            current = CN_DIGITS.index(ch)
    return total + current


def int_to_cn(value: int) -> str:
    """Return the Chinese numeral for 1..999 (12 → 十二)."""
    if value < 10:
        return CN_DIGITS[value]
    if value < 20:
        return "十" + (CN_DIGITS[value % 10] if value % 10 else "")
    if value < 100:
        return CN_DIGITS[value // 10] + "十" + (CN_DIGITS[value % 10] if value % 10 else "")
    rest = value % 100
    head = CN_DIGITS[value // 100] + "百"
    if not rest:
        return head
    return head + ("零" + int_to_cn(rest) if rest < 10 else ("一" if rest < 20 else "") + int_to_cn(rest))


@dataclass(frozen=True)
class HeadingRule:
    """A numbering style that can open a line as a section heading."""

    kind: str
    rank: int            # lower ranks nest higher
    pattern: re.Pattern[str]
    chinese: bool        # numeral group is Chinese (else Arabic)


def _rule(kind: str, rank: int, regex: str, chinese: bool) -> HeadingRule:
    return HeadingRule(kind, rank, re.compile(regex), chinese)


#: Heading numbering styles, by rank. The marker group holds the number as written, `num` its numeral.
HEADING_RULES: tuple[HeadingRule, ...] = (
    _rule("part", 0, rf"^(?P<marker>第(?P<num>{CN_NUM})部分{SPACE}*[、，,：:．.]?{SPACE}*)(?P<rest>.+)$", True),
    _rule("cn", 1, rf"^(?P<marker>(?P<num>{CN_NUM}){SPACE}*[、，,．.]{SPACE}*)(?P<rest>.+)$", True),
    _rule("cn_paren", 2, rf"^(?P<marker>[（(]{SPACE}*(?P<num>{CN_NUM}){SPACE}*[)）]{SPACE}*[、，,．.]?{SPACE}*)(?P<rest>.+)$", True),
    _rule("ordinal", 3, rf"^(?P<marker>第(?P<num>{CN_NUM})[，,、：:]{SPACE}*)(?P<rest>.+)$", True),
    _rule("arabic", 4, rf"^(?P<marker>(?P<num>\d{{1,2}})(?:[．.](?!\d)|、){SPACE}*)(?P<rest>.+)$", False),
    _rule("arabic_paren", 5, rf"^(?P<marker>[（(]{SPACE}*(?P<num>\d{{1,2}}){SPACE}*[)）]{SPACE}*[、．.]?{SPACE}*)(?P<rest>.+)$", False),
    _rule("circled", 6, rf"^(?P<marker>(?P<num>[①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳]){SPACE}*)(?P<rest>.+)$", False),
)
RULES_BY_KIND = {r.kind: r for r in HEADING_RULES}
#: Paragraphs opening with 一是/一要…: the top level only of an outline that has no numbered headings at all.
ENUM_PARAGRAPH_RULE = _rule("enum", 7, rf"^(?P<marker>(?P<num>{CN_NUM})(?:是|要)(?!否|不是))(?P<rest>.+)$", True)
#: Paragraphs opening with 首先/其次/再次/第三…/最后 (a transcript's points): the top level only of an outline that
#: has no numbered headings and no 一是/二是 run; `num` is the ordinal word (see SEQUENCE_WORDS).
SEQUENCE_PARAGRAPH_RULE = _rule("sequence", 8, rf"^(?P<marker>(?P<num>首先|其次|再次|最后|第{CN_NUM})[，,、：:]{SPACE}*)(?P<rest>.+)$", True)
#: The values of the ordinal words a sequence may use (第N counts N; 最后 is the next one after two or more).
SEQUENCE_WORDS = {"首先": 1, "其次": 2, "再次": 3}
CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"


def numeral_value(rule: HeadingRule, num: str) -> int | None:
    if rule.kind == "circled":
        return CIRCLED.index(num) + 1
    if rule.chinese:
        return cn_to_int(num)
    return int(num)


#: The dashes that open a subtitle or a lead item (—— as typed, or two ASCII/full-width hyphens).
DASH = r"(?:——|--|—|－－|─)+"
#: A subtitle line: leading dash, names the meeting and the genre.
SUBTITLE = re.compile(rf"^{DASH}\s*(?P<text>.+)$")
#: A lead item: ——补钙铸魂守初心。扎实推进…
LEAD_ITEM = re.compile(rf"^(?P<marker>{DASH})(?P<lead>[^。！？!?]{{2,30}}[。！？!?])(?P<body>.*)$")
#: Genre words, longest first.
GENRES = "讲话提纲|总结讲话|发言提纲|党课讲稿|主持词|讲话|发言|报告|讲稿|提纲"
#: The genre word in a subtitle or title, and the meeting it names.
GENRE = re.compile(
    r"^(?P<who>.*?(?:同志)?)(?:在)?(?P<meeting>[^在]*?(?:会议|大会|座谈会|推进会|动员会|部署会|会|培训班|学习班|研讨班|党课))"
    rf"(?:上)?(?:的)?(?P<genre>{GENRES})$"
)
GENRE_ONLY = re.compile(rf"(?P<genre>{GENRES})$")
#: A byline under the title: the date in brackets, or who speaks (主讲人：…, 市委书记　张××).
BYLINE = re.compile(
    r"^(?:[（(]\s*\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日\s*[)）]"
    r"|(?:主讲人|报告人|讲话人|发言人|作者)\s*[：:].{1,30}"
    r"|[^，。；：！？]{2,30}?[\u3000 ]+[\u4e00-\u9fff×ＸX]{2,4})$"
)
#: A salutation on its own line.
SALUTATION = re.compile(r"^(?:同志们|各位(?:领导|同志|代表|委员)[^，。]{0,10}|同志们、朋友们)[：:！!，,]?$")
#: Openers of the closing part of a speech (after the last section).
CLOSING_OPENER = re.compile(r"^(?:同志们|各位同志|让我们)")
#: The transition sentence before the first section.
TRANSITION = re.compile(
    r"(?:^|(?<=[。！？]))(?P<t>(?:(?:下面|这里|接下来|现在|为此|借此机会)[，,]?[^。！？]{0,40}?(?:讲|谈|强调|提|说)[^。！？]{0,30}"
    r"|[^。！？]{0,24}(?:讲|谈)(?:[一二三四五六七八九十几两\d]+)(?:点|个方面|个问题|条)[^。！？]{0,20})[。：:！])$"
)
#: A trailing source credit: （来源：共产党员网）
CREDIT = re.compile(r"^[（(](?:来源|文章来源|稿件来源|本文来源|作者|责任编辑|编辑|原载)[：:].*[)）]$|^(?:来源|文章来源|责任编辑)[：:].{1,40}$")
#: Inline enumeration markers: 一是 / 一要 / 第一，/ 首先
INLINE_ENUM = re.compile(rf"(?P<marker>(?P<num>{CN_NUM})(?P<kind>是|要|方面|则)(?!否|不是|的)|第(?P<num2>{CN_NUM})(?P<kind2>[，,、])"
                         r"|(?P<num3>\d{1,2})(?P<kind3>[.．、])(?!\d)|[（(](?P<num4>\d{1,2})[)）])")
#: Placeholders for anonymised names.
PLACEHOLDER = re.compile(r"(?<![A-Za-z])(?:X{2,}|x{2,}|Ｘ{2,}|×{2,}|某某|○○|〇〇|\*{2,}|□{2,})(?![A-Za-z])")
#: Dates that open an event: 1月13日, 2023年3月30日, 去年7月9日.
EVENT_DATE = re.compile(r"(?:(?:\d{4}|去|今|前)年)?\d{1,2}月\d{1,2}日")
#: A full date (2024年3月15日), with the spaces some typists leave inside it.
FULL_DATE = re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")
#: Quotation marks.
QUOTE = re.compile(r"“(?P<q>[^“”]{1,60})”")
#: A numbered concept: 两个维护, 四个意识, 三会一课, 一岗双责, 八项规定.
CONCEPT = re.compile(
    r"^(?:[一二三四五六七八九十两百千]+[个项条种大][^，,。；]{1,12}|[一二三四五六七八九十两][^，,。；、]{1,2}[一二三四五六七八九十两][^，,。；、]{1,2}"
    r"|[一二三四五六七八九十两][\u4e00-\u9fff]{1,3})$"
)
#: Well-known numbered concepts that also count unquoted.
KNOWN_CONCEPTS = ("三会一课", "一岗双责", "八项规定", "两个维护", "两个确立", "四个意识", "四个自信", "两学一做", "四风", "四种形态")


#: A clause that states a requirement: it opens with a requirement verb (要…, 坚持…) or with a subject then a
#: modal (全系统要…). Used to rank key sentences and, in the excerpt rule, as proof that a clause has its verb.
IMPERATIVE = re.compile(r"^(?:要(?![求点素])|必须|务必|坚持|加强|强化|推动|推进|深入|确保|坚定|提高|注重|切实|全面|持续|扎实|着力|始终|"
                         r"坚决|不断|努力|自觉|严格|大力|积极|狠抓|抓好|做好|落实)")
#: 要 as a modal verb (要坚持…), not inside 重要/主要/需要/只要/要求/要点…
MODAL = r"(?:(?<![重主需只紧纲提扼概必想])要(?![求点素件害闻务职])|必须|务必|应当)"
SUBJECT_THEN_MUST = re.compile(rf"^[^，。；“”]{{1,16}}?{MODAL}")
HAS_MODAL = re.compile(MODAL)


def full_width_marker(marker: str) -> str:
    """Return a numbering marker as printed: ASCII brackets and punctuation set full-width, spaces dropped
    ((二) → （二）, 一 、 → 一、)."""
    marker = re.sub(SPACE, "", marker)
    return marker.replace("(", "（").replace(")", "）").replace(",", "，").replace(":", "：")
