"""The pipeline for one outline: read → parse → fill → compose → render → write (atomically, all or nothing)."""
from __future__ import annotations

import os
import shutil
from dataclasses import dataclass, field, replace
from pathlib import Path

from .errors import HuiwuError, OutputError
from .meeting import Meeting, load_meeting
from .paths import templates_dir
from .targets import BY_KEY, DEFAULT_KEYS, Target


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


@dataclass
class BuildResult:
    outline: Path
    files: list[Path] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    error: str | None = None
    exit_code: int = 0


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


def build_outline(outline: Path, options: BuildOptions, folder_name: str | None = None) -> BuildResult:
    """Build every requested output for one outline into OUT/<folder_name or outline stem>/.

    Never raises for a bad outline: the result carries the error and its exit code.
    """
    result = BuildResult(outline)
    try:
        _build(outline, options, result, folder_name or outline.stem)
    except HuiwuError as exc:
        result.error, result.exit_code = str(exc), exc.exit_code
    except Exception as exc:  # noqa: BLE001 - one bad outline must not stop a batch, nor show a traceback
        result.error, result.exit_code = f"{outline}: 内部错误：{type(exc).__name__}: {exc}", 70
    return result


def _build(outline: Path, options: BuildOptions, result: BuildResult, folder_name: str) -> None:
    from .compose.templating import Wording
    from .outline import parse_outline
    from .placeholders import fill_placeholders, unfilled
    from .source import read_source

    source = read_source(outline)
    document = parse_outline(source)
    meeting = load_meeting(outline, options.meeting_file, options.sets)
    if not meeting.date and document.byline_date:
        meeting = replace(meeting, date=document.byline_date)
    result.warnings += [f"{outline}: {note}" for note in source.notes]
    if not document.sections:
        result.warnings.append(f"{outline}: 没有识别出“一、”“（一）”等编号的部分，输出只含开头和结尾。")
    missing: dict[str, list[int]] = {}
    for token, line in unfilled(document, meeting.placeholders):
        missing.setdefault(token, []).append(line)
    for token, lines in missing.items():
        where = "、".join(str(n) for n in dict.fromkeys(lines))
        result.warnings.append(f"{outline}:{lines[0]}: 占位符“{token}”未替换（第 {where} 行）；在 meeting.toml 的 [placeholders] 中填写，"
                               f"或用 --set {token}=…。")
    document = fill_placeholders(document, meeting.placeholders)
    wording = Wording(options.templates)
    folder = options.out_dir / folder_name
    staged: list[tuple[Path, Path]] = []
    created = not folder.exists()
    try:
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise OutputError(f"无法创建输出文件夹（{exc.strerror}）。", str(folder)) from None
        for key in options.targets:
            target = BY_KEY[key]
            final = folder / target.file_name
            tmp = _temp_path(final)
            staged.append((tmp, final))
            result.warnings += _render(target, document, meeting, wording, options, tmp)
        for tmp, final in staged:
            try:
                os.replace(tmp, final)
            except OSError as exc:
                raise OutputError(f"无法写入文件（{exc.strerror}）；若文件正在 Word/WPS 中打开，请先关闭。", str(final)) from None
            result.files.append(final)
    except BaseException:
        for tmp, _ in staged:
            if tmp.exists():
                tmp.unlink()
        if created and folder.exists() and not any(folder.iterdir()):
            shutil.rmtree(folder, ignore_errors=True)
        raise


def _temp_path(final: Path) -> Path:
    return final.with_name(f".~{os.getpid()}-{final.stem}{final.suffix}")


def _render(target: Target, document, meeting: Meeting, wording, options: BuildOptions, path: Path) -> list[str]:
    """Compose and render one output into `path`; return its warnings for the user."""
    view = target.composer()(document, meeting, wording)
    out = target.renderer()(view, reference_file(options, target))
    _save(out, path, document.title_text or target.label)
    return [f"{document.source}: {w}" for w in getattr(view, "warnings", ())]


def _save(obj, path: Path, title: str) -> None:
    props = obj.core_properties
    props.title = title
    props.author = "huiwu"
    props.last_modified_by = "huiwu"
    props.comments = "由 huiwu（会务）根据讲话提纲生成"
    try:
        obj.save(str(path))
    except OSError as exc:
        raise OutputError(f"无法写入文件（{exc.strerror}）。请检查文件夹权限或换一个 -o 目录。", str(path)) from None
