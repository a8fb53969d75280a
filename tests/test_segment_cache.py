"""The segmenter's answers kept across processes: a rebuild needs no dictionary, writes the same files, and the
cache holds no text of the outline."""
from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import zipfile
from pathlib import Path

from .conftest import ROOT

#: A title long enough to be broken into lines (word boundaries) and sentences long enough to be shortened (verbs).
OUTLINE = """关于深入学习贯彻新时代中国特色社会主义思想进一步推动全面从严治党向纵深发展的讲话提纲

一、提高政治站位，把握新时代全面从严治党的新要求
（一）深刻认识管党治党的极端重要性。要坚持党中央集中统一领导，把全面从严治党作为党的建设的长期战略、永恒课题，以钉钉子精神推动各项任务落地见效，确保党中央决策部署在本系统不折不扣贯彻落实。
（二）准确把握当前形势。要清醒看到，反腐败斗争形势依然严峻复杂，“四风”问题树倒根存，必须保持战略定力。
二、压实政治责任
（一）落实主体责任。各级党组织书记要履行第一责任人职责，做到重要工作亲自部署、重大问题亲自过问、重点环节亲自协调、重要案件亲自督办。
"""

RUN = """
import sys
from generator.cli import main
sys.argv = ["huiwu", "build", sys.argv[1], "-o", sys.argv[2]]
try:
    main()
except SystemExit as exc:
    code = exc.code
print("rjieba" in sys.modules, code)
"""


def build(outline: Path, out: Path, cache: Path) -> tuple[bool, str]:
    env = {**os.environ, "HUIWU_CACHE_DIR": str(cache)}
    done = subprocess.run([sys.executable, "-c", RUN, str(outline), str(out)], capture_output=True, text=True,
                          encoding="utf-8", cwd=ROOT, env=env)
    assert done.returncode == 0, done.stderr
    loaded, code = done.stdout.split()[-2:]
    assert code in ("0", "None"), done.stdout
    return loaded == "True", done.stdout


def parts(folder: Path) -> dict[str, bytes]:
    """Every part of every Office file in `folder`, but the build time in docProps/core.xml."""
    out = {}
    for path in sorted(folder.rglob("*.*x")):
        with zipfile.ZipFile(path) as package:
            for name in package.namelist():
                if name != "docProps/core.xml":
                    out[f"{path.name}/{name}"] = package.read(name)
    return out


def test_a_rebuild_loads_no_dictionary_and_writes_the_same_files(tmp_path):
    outline = tmp_path / "提纲.txt"
    outline.write_text(OUTLINE, encoding="utf-8")
    cache = tmp_path / "cache"
    first_loaded, _ = build(outline, tmp_path / "first", cache)
    second_loaded, _ = build(outline, tmp_path / "second", cache)
    assert first_loaded and not second_loaded
    first, second = parts(tmp_path / "first"), parts(tmp_path / "second")
    assert first.keys() == second.keys() and len(first) > 20
    assert [name for name in first if first[name] != second[name]] == []
    # -- both kinds of answer were needed, so both were kept --
    stored = json.loads(next(cache.glob("segment-*.json")).read_text(encoding="utf-8"))
    assert stored["words"] and stored["predicate"]


def test_the_cache_holds_no_text_of_the_outline(tmp_path):
    outline = tmp_path / "提纲.txt"
    outline.write_text(OUTLINE, encoding="utf-8")
    build(outline, tmp_path / "out", tmp_path / "cache")
    files = [p for p in (tmp_path / "cache").rglob("*") if p.is_file() and p.name.startswith("segment-")]
    assert len(files) == 1
    text = files[0].read_text(encoding="utf-8")
    assert not re.search(r"[\u3400-\u9fff]", text)


def test_a_broken_cache_file_is_ignored_and_replaced(tmp_path):
    outline = tmp_path / "提纲.txt"
    outline.write_text(OUTLINE, encoding="utf-8")
    cache = tmp_path / "cache"
    build(outline, tmp_path / "first", cache)
    kept = next(cache.glob("segment-*.json"))
    for broken in ('{"words": [1, 2], "predicate": {}}', "{not json", json.dumps({"words": {k: [999] for k in
                   json.loads(kept.read_text(encoding="utf-8"))["words"]}, "predicate": {}})):
        kept.write_text(broken, encoding="utf-8")
        loaded, _ = build(outline, tmp_path / "again", cache)
        assert loaded                                     # -- the answers were worked out again --
        assert parts(tmp_path / "again") == parts(tmp_path / "first")
        assert json.loads(kept.read_text(encoding="utf-8"))["predicate"]


def test_kept_answers_are_the_segmenters_answers(tmp_path, monkeypatch):
    """Answers read back from the cache file equal the dictionary's, for verbs (inside quotes too) and words."""
    from generator import segment

    texts = ["坚持党中央集中统一领导", "全面从严治党永远在路上", "“四风”问题", "《中国共产党纪律处分条例》", "不忘初心、牢记使命",
             "以钉钉子精神推动各项任务落地见效"]
    monkeypatch.setenv("HUIWU_CACHE_DIR", str(tmp_path / "cache"))

    def clear():
        for cached in (segment._store, segment.words, segment.has_predicate):
            cached.cache_clear()

    clear()
    try:
        fresh = [(segment.has_predicate(t), segment.words(t)) for t in texts]
        assert {answer for answer, _ in fresh} == {True, False}
        segment.save()
        clear()
        monkeypatch.setattr(segment, "_rjieba", lambda: (_ for _ in ()).throw(AssertionError("dictionary loaded")))
        assert [(segment.has_predicate(t), segment.words(t)) for t in texts] == fresh
    finally:
        clear()


def test_the_cache_keeps_only_the_newest_answers(tmp_path, monkeypatch):
    from generator import segment

    monkeypatch.setenv("HUIWU_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setattr(segment, "_STORE_MAX", 3)
    for cached in (segment._store, segment.words, segment.has_predicate):
        cached.cache_clear()
    try:
        texts = [f"要加强第{n}项工作" for n in "一二三四五"]
        for text in texts:
            segment.has_predicate(text)
        segment.save()
        stored = json.loads(next((tmp_path / "cache").glob("segment-*.json")).read_text(encoding="utf-8"))
        assert list(stored["predicate"]) == [segment._key(t) for t in texts[-3:]]
    finally:
        for cached in (segment._store, segment.words, segment.has_predicate):
            cached.cache_clear()


def test_saving_keeps_answers_another_process_saved_meanwhile(tmp_path, monkeypatch):
    """A deck written in a forked process, or a batch worker, saves its answers while this process runs: this
    process's save adds to them instead of writing its own older view over them."""
    from generator import segment

    monkeypatch.setenv("HUIWU_CACHE_DIR", str(tmp_path / "cache"))
    for cached in (segment._store, segment.words, segment.has_predicate):
        cached.cache_clear()
    try:
        segment.has_predicate("要加强理论学习")
        segment.save()
        path = next((tmp_path / "cache").glob("segment-*.json"))
        other = json.loads(path.read_text(encoding="utf-8"))
        other["predicate"]["from-another-process"] = True     # saved by someone else after this process read the file
        path.write_text(json.dumps(other), encoding="utf-8")
        segment.has_predicate("要严守纪律规矩")
        segment.save()
        stored = json.loads(path.read_text(encoding="utf-8"))["predicate"]
        assert "from-another-process" in stored
        assert {segment._key("要加强理论学习"), segment._key("要严守纪律规矩")} <= set(stored)
    finally:
        for cached in (segment._store, segment.words, segment.has_predicate):
            cached.cache_clear()
