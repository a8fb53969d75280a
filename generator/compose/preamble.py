"""What the paragraphs before the first section are: the meeting's purpose, the problems, the review."""
from __future__ import annotations

import re

from ..model import Paragraph

#: 今天召开……会议， / 这次会议的主要任务是…: the paragraph that states the meeting and its purpose.
OPENING = re.compile(r"^(?:今天|今日|这次|此次|本次|今天上午|今天下午)(?:我们)?(?:召开|举行)[^，。]{0,60}?(?:会议|大会|会)[，,]"
                     r"|^(?:这次|此次|本次|今天的?)(?:会议|大会)(?=的?主要任务|的?任务|的?主题)")
_PROBLEM = re.compile(r"问题|不足|差距|短板")


def is_problems(paragraph: Paragraph) -> bool:
    """Return whether a paragraph enumerates problems (……存在的问题和不足。一是…二是…)."""
    return (not paragraph.is_lead_item and any(p.marker for p in paragraph.points)
            and bool(_PROBLEM.search(paragraph.text)))
