"""The font table: which face each role uses (Word's East Asian + Latin slots, PowerPoint), and which installed
faces may print a missing one in the PDFs LibreOffice makes.
"""
from __future__ import annotations

import functools
import shutil
import subprocess
import sys

#: Chinese faces named by 公文 practice (GB/T 9704 names only the families).
XIAOBIAOSONG = "方正小标宋简体"
FANGSONG = "仿宋_GB2312"
HEITI = "黑体"
KAITI = "楷体_GB2312"
SONGTI = "宋体"
LATIN = "Times New Roman"

#: Deck faces (projected, sans-serif reads better).
DECK_TITLE = "微软雅黑"
DECK_BODY = "微软雅黑"
DECK_LATIN = "Arial"

_SERIF_SC = ("Noto Serif CJK SC", "Source Han Serif SC", "思源宋体", "AR PL UMing CN")
_SANS_SC = ("Noto Sans CJK SC", "Source Han Sans SC", "思源黑体", "WenQuanYi Zen Hei")
_KAI_SC = ("AR PL UKai CN", "LXGW WenKai", "霞鹜文楷")
#: Stand-ins for the PDF export, best first: for each face the documents may name (ours and the common variants a
#: user's reference uses), faces that print it acceptably when it is not installed. Only faces with Simplified
#: Chinese glyph forms: a JP, KR, TC or HK face would print other forms of the same characters. The same design
#: under another name (仿宋 for 仿宋_GB2312) comes first, then open fonts: Fandol (TeX Live), Noto CJK, Source Han,
#: AR PL, LXGW WenKai.
STAND_INS: dict[str, tuple[str, ...]] = {
    XIAOBIAOSONG: ("方正小标宋_GBK", "FZXiaoBiaoSong-B05S", "Noto Serif CJK SC SemiBold", "Source Han Serif SC SemiBold",
                   *_SERIF_SC),
    FANGSONG: ("仿宋", "FangSong", "方正仿宋_GBK", "FZFangSong-Z02S", "FandolFang", *_SERIF_SC),
    "仿宋": ("仿宋_GB2312", "FangSong_GB2312", "FangSong", "方正仿宋_GBK", "FandolFang", *_SERIF_SC),
    KAITI: ("楷体", "KaiTi", "方正楷体_GBK", "FZKaiTi-Z03S", "FandolKai", *_KAI_SC),
    "楷体": ("楷体_GB2312", "KaiTi_GB2312", "KaiTi", "方正楷体_GBK", "FandolKai", *_KAI_SC),
    HEITI: ("SimHei", "方正黑体_GBK", "FandolHei", *_SANS_SC),
    SONGTI: ("SimSun", "FandolSong", *_SERIF_SC),
    DECK_TITLE: ("Microsoft YaHei", *_SANS_SC),
}

#: How to get the real faces, for the one line that names the stand-ins.
INSTALL_HINT = ("安装正式字体后重新导出即可（Windows：右键字体文件选“为所有用户安装”；Linux：复制到 ~/.local/share/fonts "
                "后运行 fc-cache -f）")
OPEN_FONTS_HINT = "Debian/Ubuntu 可安装开源字体：sudo apt-get install fonts-noto-cjk fonts-noto-cjk-extra fonts-arphic-ukai"


@functools.lru_cache(maxsize=1)
def installed_families() -> frozenset[str] | None:
    """Return the font family names installed here (every localised name, case-folded); None when unknown.

    Read locally, no network: fontconfig's fc-list where it exists (Linux, most Unix), the font registry on
    Windows (where the 公文 fonts are usually installed already).
    """
    names: list[str] = []
    if shutil.which("fc-list"):
        try:
            out = subprocess.run(["fc-list", "--format", "%{family}\n"], capture_output=True, text=True,
                                 encoding="utf-8", errors="replace", timeout=60, check=False).stdout
        except (OSError, subprocess.SubprocessError):
            return None
        for line in out.splitlines():
            names += line.split(",")
    elif sys.platform == "win32":
        names = _windows_families()
    else:
        return None
    return frozenset(name.strip().casefold() for name in names if name.strip())


def _windows_families() -> list[str]:
    """Family names from the Windows font registry ("仿宋 (TrueType)", "SimSun & NSimSun (TrueType)")."""
    import re
    import winreg  # type: ignore[import-not-found]

    names: list[str] = []
    key_path = r"SOFTWARE\Microsoft\Windows NT\CurrentVersion\Fonts"
    for root in (winreg.HKEY_LOCAL_MACHINE, winreg.HKEY_CURRENT_USER):
        try:
            with winreg.OpenKey(root, key_path) as key:
                index = 0
                while True:
                    try:
                        value = winreg.EnumValue(key, index)[0]
                    except OSError:
                        break
                    index += 1
                    names += re.sub(r"\s*\((TrueType|OpenType)\)\s*$", "", value).split(" & ")
        except OSError:
            continue
    return names


def stand_ins(installed: frozenset[str] | None = None) -> dict[str, str | None]:
    """Return {face: stand-in} for every face of STAND_INS that is not installed; None when nothing here can stand in.

    An empty table when the installed fonts cannot be read (nothing is substituted then).
    """
    installed = installed_families() if installed is None else installed
    if installed is None:
        return {}
    table: dict[str, str | None] = {}
    for face, candidates in STAND_INS.items():
        if face.casefold() not in installed:
            table[face] = next((c for c in candidates if c.casefold() in installed), None)
    return table


__all__ = ["XIAOBIAOSONG", "FANGSONG", "HEITI", "KAITI", "SONGTI", "LATIN", "DECK_TITLE", "DECK_BODY", "DECK_LATIN",
           "STAND_INS", "installed_families", "stand_ins"]
