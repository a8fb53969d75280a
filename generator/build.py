"""The pipeline for one outline: read → parse → fill → compose → render → write (atomically, all or nothing)."""
from __future__ import annotations

import os
import shutil
import sys
from dataclasses import dataclass, field, replace
from pathlib import Path

from . import fork, targets
from .errors import HuiwuError, OutputError, UsageError
from .meeting import load_meeting
from .paths import templates_dir
from .properties import GENERATOR, stamp
from .targets import BY_KEY, DEFAULT_KEYS, PACK_FOLDER, Target


@dataclass
class BuildOptions:
    out_dir: Path = Path("output")
    targets: tuple[str, ...] = DEFAULT_KEYS
    meeting_file: Path | None = None
    sets: dict[str, str] = field(default_factory=dict)
    templates: Path | None = None
    pptx_template: Path | None = None
    pdf: bool = False
    minutes: str | None = None       # 简要 | 详细; None: meeting.toml's [minutes] detail, else 简要
    branches: Path | None = None     # the 党支部 list (.xlsx/.csv) for 支部学习包
    strict: bool = False             # proofreading errors and warnings stop the build (nothing written)
    parallel: bool = False           # render the deck in a forked process beside the others (fork.py; one outline)


@dataclass
class BuildResult:
    outline: Path
    files: list[Path] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    findings: list = field(default_factory=list)    # proofreading: proofread.Finding, each with the file it is about
    folder: Path | None = None
    error: str | None = None
    exit_code: int = 0
    pdf_sources: list[Path] = field(default_factory=list)   # the files --pdf exports (the registry's pdf flags)
    written: list[Path] = field(default_factory=list)       # every file this build wrote, branch files and PDFs too


def reference_file(options: BuildOptions, target: Target) -> Path | None:
    """Return the reference file a target is rendered on: --pptx-template for the deck, else the user's
    reference from --templates when it has one, else the bundled one."""
    name = target.reference
    if name is None:
        return None
    if options.pptx_template and name.endswith(".pptx"):
        return options.pptx_template
    if options.templates and (options.templates / "reference" / name).is_file():
        return options.templates / "reference" / name
    return templates_dir() / "reference" / name


def build_outline(outline: Path, options: BuildOptions, folder_name: str | None = None,
                  data: bytes | None = None) -> BuildResult:
    """Build every requested output for one outline into OUT/<folder_name or outline stem>/.

    `data` is the outline's bytes when they do not come from the file (standard input). Never raises for a
    bad outline: the result carries the error and its exit code.
    """
    result = BuildResult(outline)
    try:
        _build(outline, options, result, folder_name or outline.stem, data)
    except HuiwuError as exc:
        result.error, result.exit_code = str(exc), exc.exit_code
    except Exception as exc:  # noqa: BLE001 - one bad outline must not stop a batch, nor show a traceback
        result.error, result.exit_code = f"{outline}: 内部错误：{type(exc).__name__}: {exc}", 70
    segment = sys.modules.get("generator.segment")
    if segment is not None:
        segment.save()   # the segmenter's answers, for the next build of this outline
    return result


def _build(outline: Path, options: BuildOptions, result: BuildResult, folder_name: str, data: bytes | None) -> None:
    mine = [BY_KEY[key] for key in options.targets if BY_KEY[key].scope == "outline"]
    apart = _forked_target(options, mine)
    # -- forked before the outline is even read: the child imports python-pptx while this process reads, parses
    # and composes; it writes the deck when sent the deck's view --
    child = None
    if apart is not None:
        try:
            child = fork.prepare(apart.label, _write, warm=apart.renderer)
        except OSError:     # no process to spare (a limit on processes, memory): the deck is written here
            apart = None
    try:
        _build_outputs(outline, options, result, folder_name, data, mine, apart, child)
    except BaseException:
        if child is not None:
            child.stop()
        raise


def _build_outputs(outline: Path, options: BuildOptions, result: BuildResult, folder_name: str, data: bytes | None,
                   mine: list[Target], apart: Target | None, child: fork.Child | None) -> None:
    from .compose.templating import Wording
    from .outline import parse_outline
    from .placeholders import fill_placeholders
    from .proofread import SERIOUS, count, proofread
    from .source import read_source

    source = read_source(outline, data)
    document = parse_outline(source)
    meeting = load_meeting(outline, options.meeting_file, options.sets)
    if options.minutes:
        meeting = replace(meeting, detail=options.minutes)
    if not meeting.date and document.byline_date:
        meeting = replace(meeting, date=document.byline_date)
    findings = proofread(source, document, meeting)
    result.findings = [f if f.path else replace(f, path=source.path) for f in findings]
    if options.strict and any(f.level in SERIOUS for f in findings):
        errors, warnings = count(findings)
        raise HuiwuError(f"校对发现 {errors} 个错误、{warnings} 个警告；按 --strict 的要求没有生成任何文件。"
                         "改正后再生成，或去掉 --strict。", source.path)
    document = fill_placeholders(document, meeting.placeholders)
    wording = Wording(options.templates)
    folder = result.folder = options.out_dir / folder_name
    staged: list[tuple[Path, Path]] = []
    created = not folder.exists()
    made: list[Path] = []      # folders of the 支部学习包 this build created
    try:
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise OutputError(f"无法创建输出文件夹（{exc.strerror}）。", str(folder)) from None
        views: dict[str, object] = {}
        staged += [(temp_path(folder / t.file_name), folder / t.file_name) for t in mine]
        title = document.title_text
        for target in sorted(mine, key=lambda t: t is not apart):   # the forked one first: its child waits for it
            views[target.key] = target.composer()(document, meeting, wording)
            if target is apart:
                child.send(apart, views[apart.key], reference_file(options, apart), staged[mine.index(apart)][0],
                           title or apart.label, meeting.office)
        for target, (tmp, _) in zip(mine, staged, strict=True):
            result.warnings += [f"{document.source}: {w}" for w in getattr(views[target.key], "warnings", ())]
            if target is not apart:
                try:
                    _write(target, views[target.key], reference_file(options, target), tmp, title or target.label,
                           meeting.office)
                except Exception:
                    if child is not None and mine.index(apart) < mine.index(target):
                        child.result()   # -- the deck comes first: its error, if any, is the one reported --
                    raise
        if child is not None:
            child.result()
        main = len(staged)
        if options.branches is not None:
            from .pack import build_packs

            result.warnings += build_packs(document, meeting, wording, options, folder, views, staged, made)
        result.warnings += commit(staged)
        for index, (_, final) in enumerate(staged):
            result.written.append(final)
            if index < main:
                result.files.append(final)
            if _exports_pdf(final, index < main):
                result.pdf_sources.append(final)
        if len(staged) > main:
            result.files.append(staged[main][1].parent.parent)   # OUT/<outline>/支部
    except BaseException:
        if child is not None:
            child.stop()     # -- before the temporary files go: it may be writing one --
        for tmp, _ in staged:
            if tmp.exists():
                tmp.unlink()
        for path in reversed(made):
            if path.exists() and not any(path.iterdir()):
                path.rmdir()
        if created and folder.exists() and not any(folder.iterdir()):
            shutil.rmtree(folder, ignore_errors=True)
        raise


def _forked_target(options: BuildOptions, mine: list[Target]) -> Target | None:
    """Return the output written in a forked process beside the others: the deck (laying it out and writing it
    is over half of a build's rendering), when it is built with another output of the outline and the build
    may fork (fork.py).

    -- the child is forked before the outline is read and imports python-pptx meanwhile; composing stays in
    this process (it warms what every output shares: jinja2, the segmenter's answers, the sentence rules), and
    the child is sent the deck's view. Not with 支部学习包, which render in worker processes of their own --
    """
    deck = BY_KEY["deck"]
    if not options.parallel or options.branches is not None or deck not in mine or len(mine) < 2:
        return None
    return deck if fork.available() else None


def _exports_pdf(path: Path, main: bool) -> bool:
    """Return whether --pdf exports a file: the registry says so for the outline's files and for the packs'."""
    target = next((t for t in BY_KEY.values() if t.file_name == path.name), None)
    return target is not None and (target.pdf if main else target.branch_pdf)


def commit(staged: list[tuple[Path, Path]]) -> list[str]:
    """Rename every (temporary, final) pair into place, all or nothing; return notes for the user.

    -- the earlier files are first moved aside: on Windows a file open in Word/WPS cannot be moved, and that
    must stop the build before any output is replaced; should a later step fail, the earlier files come back.
    An earlier file edited in Word/WPS since huiwu wrote it is not thrown away: it is kept beside the new one
    as 会议纪要（修改稿）.docx --
    """
    aside: list[tuple[Path, Path]] = []
    placed: list[Path] = []
    current = None
    try:
        for _, current in staged:
            if current.exists():
                backup = current.with_name(f".~{os.getpid()}-old-{current.name}")
                os.replace(current, backup)
                aside.append((backup, current))
        for tmp, current in staged:
            os.replace(tmp, current)
            placed.append(current)
    except OSError as exc:
        for final in placed:
            final.unlink(missing_ok=True)
        for backup, final in aside:
            os.replace(backup, final)
        raise OutputError(f"无法写入文件（{exc.strerror}）；若文件正在 Word/WPS 中打开，请先关闭，再重新生成。",
                          str(current)) from None
    notes = []
    for backup, final in aside:
        if _edited_elsewhere(backup):
            kept = _edited_copy_name(final)
            try:
                os.replace(backup, kept)
            except OSError:
                pass
            else:
                notes.append(f"{final}: 上次生成后在 Word/WPS 中修改过，已另存为 {kept.name}；{final.name} 是本次生成的新文件。")
                continue
        backup.unlink(missing_ok=True)
    return notes


def _edited_copy_name(final: Path) -> Path:
    """Return a free name for an edited earlier copy of `final`: 会议纪要（修改稿）.docx, then （修改稿2）…"""
    number = 1
    while True:
        kept = final.with_name(f"{final.stem}（修改稿{number if number > 1 else ''}）{final.suffix}")
        if not kept.exists():
            return kept
        number += 1


def temp_path(final: Path) -> Path:
    """Return the temporary name an output is written to before it is renamed into place."""
    return final.with_name(f".~{os.getpid()}-{final.stem}{final.suffix}")


def _write(target: Target, view, reference: Path, path: Path, title: str, creator: str | None) -> None:
    """Render a composed output on its reference file and save it to `path` (a temporary name)."""
    save_output(target.renderer()(view, reference), path, title, target.label, creator)


def save_output(obj, path: Path, title: str, subject: str, creator: str | None) -> None:
    """Stamp an output's file properties and save it to `path` (a temporary name)."""
    stamp(obj, title=title, subject=subject, creator=creator)
    try:
        if type(obj).__module__.startswith("pptx."):    # a deck: the same package, written faster
            from .render.pptx_package import save_presentation

            save_presentation(obj, str(path))
        else:
            obj.save(str(path))
    except OSError as exc:
        raise OutputError(f"无法写入文件（{exc.strerror}）。请检查文件夹权限或换一个 -o 目录。", str(path)) from None


def remove_stale(folder: Path, written: list[Path]) -> list[str]:
    """Delete the outputs of an earlier build in `folder` (and its 支部学习包 folders) that this build did not
    write; return what was done.

    Only files named like huiwu's outputs (targets.py) are considered, and a .docx/.pptx only while its last
    author is still huiwu (a copy edited in Word/WPS is kept, with a note). A PDF left from an earlier --pdf
    build is deleted, since it no longer matches the file beside it; a branch folder left empty (a branch no
    longer on the list) goes too. So the folder always holds one build.
    """
    keep = {p.resolve() for p in written}
    notes = _remove_stale_in(folder, keep)
    pack = folder / PACK_FOLDER
    if pack.is_dir():
        for branch in sorted(p for p in pack.iterdir() if p.is_dir()):
            notes += _remove_stale_in(branch, keep)
            _remove_if_empty(branch)
        _remove_if_empty(pack)
    return notes


def _remove_if_empty(folder: Path) -> None:
    try:
        if not any(folder.iterdir()):
            folder.rmdir()
    except OSError:
        pass


def _remove_stale_in(folder: Path, keep: set[Path]) -> list[str]:
    deleted, notes = [], []
    for name in sorted(targets.output_file_names()):
        path = folder / name
        if not path.is_file() or path.resolve() in keep:
            continue
        if not _written_by_huiwu(path):
            notes.append(f"{path}: 上次生成后在 Word/WPS 中修改过，已保留；本次没有生成它，内容可能与本次的文件不一致。")
            continue
        try:
            path.unlink()
        except OSError as exc:
            notes.append(f"{path}: 无法删除上次生成的这个文件（{exc.strerror}）；它与本次生成的文件不一致，请手动删除。")
        else:
            deleted.append(name)
    if deleted:
        notes.insert(0, f"{folder}: 已删除上次生成、本次没有生成的 {'、'.join(deleted)}（留着会与本次的文件不一致）。")
    return notes


def _written_by_huiwu(path: Path) -> bool:
    if path.suffix == ".pdf":
        try:
            with open(path, "rb") as handle:
                return handle.read(5) == b"%PDF-"
        except OSError:
            return False
    return _last_modified_by(path) == GENERATOR


def _edited_elsewhere(path: Path) -> bool:
    """Return whether an Office file was last saved by someone else than huiwu (Word and WPS record the user)."""
    author = _last_modified_by(path)
    return author is not None and author != GENERATOR


def _last_modified_by(path: Path) -> str | None:
    """Return an Office file's cp:lastModifiedBy, or None when it is not an Office file or records nobody."""
    import re
    import zipfile

    try:
        with zipfile.ZipFile(path) as archive:
            core = archive.read("docProps/core.xml").decode("utf-8", "replace")
    except (OSError, KeyError, zipfile.BadZipFile):
        return None
    author = re.search(r"<cp:lastModifiedBy>([^<]*)</cp:lastModifiedBy>", core)
    return author.group(1) if author else None


def check_templates(folder: Path) -> list[str]:
    """Return warnings about a --templates folder; raise UsageError when it holds no templates at all."""
    if not folder.is_dir():
        raise UsageError("--templates 指定的模板文件夹不存在。", str(folder))
    bundled = templates_dir()
    text, reference = folder / "text", folder / "reference"
    wording = sorted(text.rglob("*.j2")) if text.is_dir() else []
    references = [t.reference for t in targets.TARGETS if t.reference and (reference / t.reference).is_file()]
    if not wording and not references:
        names = "、".join(dict.fromkeys(t.reference for t in targets.TARGETS if t.reference))
        nested = next((p for p in (folder / "templates",) if (p / "text").is_dir() or (p / "reference").is_dir()), None)
        hint = f"是否要用 --templates {nested}？" if nested else "请用 huiwu init 生成一份模板后修改。"
        raise UsageError(f"--templates 指定的文件夹中没有模板：缺少 text/（措辞模板 *.j2）和 reference/（{names}）。{hint}",
                         str(folder))
    known = {p.relative_to(bundled / "text") for p in (bundled / "text").rglob("*.j2")}
    return [f"{p}: 这个模板不对应任何内置模板（文件名或所在文件夹写错了？），不会被使用。"
            for p in wording if p.relative_to(text) not in known]
