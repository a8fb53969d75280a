"""`huiwu build` over many outlines: expand folders, build in parallel with a progress bar, report."""
from __future__ import annotations

import gc
import os
import sys
from dataclasses import replace
from pathlib import Path
from typing import Callable

from . import targets
from .build import BuildOptions, BuildResult, build_outline, check_templates, remove_stale
from .console import display_width, pad
from .errors import InputError, UsageError
from .meeting import detail_problem, parse_meeting, parse_sets
from .source import OUTLINE_SUFFIXES, STDIN_NAME, is_outline_file, is_stdin, read_stdin


def expand_outlines(items: list[Path], out_dir: Path | None = None) -> list[Path]:
    """Return the outline files named, with each folder replaced by the outlines in it (sorted).

    Files under the output folder, and files named like our own outputs, are not outlines.
    """
    out: list[Path] = []
    skip = out_dir.resolve() if out_dir is not None else None
    own = targets.output_file_names()
    for item in items:
        if item.is_dir():
            found = sorted(p for p in item.rglob("*") if is_outline_file(p) and p.name not in own
                           and not (skip and (skip == p.resolve().parent or skip in p.resolve().parents)))
            if not found:
                raise InputError(f"文件夹中没有提纲文件（{'、'.join(OUTLINE_SUFFIXES)}）。", str(item))
            out += found
        else:
            out.append(item)
    seen, unique = set(), []
    for path in out:
        key = path.resolve()
        if key not in seen:
            seen.add(key)
            unique.append(path)
    return unique


def run_build(outlines: list[Path], *, out_dir: Path, meeting: Path | None, only: list[str] | None, pdf: bool,
              sets: list[str] | None, templates: Path | None, pptx_template: Path | None, jobs: int | None,
              echo: Callable[[str], None], strict: bool = False, minutes: str | None = None,
              branches: Path | None = None) -> int:
    """Build every outline; print the proofreading findings, what was written and what failed; return the exit code."""
    options = BuildOptions(out_dir=out_dir, targets=targets.select(only, branches=branches is not None), meeting_file=meeting,
                           sets=parse_sets(sets), templates=templates, pptx_template=pptx_template, pdf=pdf, strict=strict,
                           minutes=minutes, branches=branches)
    if problem := detail_problem(minutes, "--minutes"):
        raise UsageError(problem)
    if branches is not None:
        from .branches import read_branches

        read_branches(branches)  # a bad row stops the build before anything is written
    if meeting is not None:
        parse_meeting(meeting)  # a broken --meeting file is one error, not one per outline
    for note in check_templates(templates) if templates is not None else []:
        echo(f"提示：{note}")
    if pptx_template is not None and not pptx_template.is_file():
        raise UsageError("--pptx-template 指定的课件模板文件不存在。", str(pptx_template))
    if jobs is not None and jobs < 1:
        raise UsageError(f"--jobs 应为正整数（收到 {jobs}）。")
    paths = expand_outlines(outlines, out_dir)
    if sum(is_stdin(p) for p in paths) > 1:
        raise UsageError("标准输入（-）只能读取一次。")
    data = {p: read_stdin() for p in paths if is_stdin(p)}
    if len(paths) == 1 and jobs != 1:
        options = replace(options, parallel=True)   # one outline: its deck renders beside the rest (fork.py)
    names = folder_names(paths)
    pending = _start_pdfs(paths, names, options)     # LibreOffice runs that start as the outlines are built
    try:
        results = _run(paths, names, options, jobs or os.cpu_count() or 1, data, pending)
        _print_findings(results, echo)
        if pdf:
            _export_pdfs(results, echo, pending)
    except BaseException:
        if pending is not None:   # -- an interrupt: LibreOffice runs in a session of its own, stop it --
            pending.cancel()
        raise
    for result in results:
        if not result.error and result.folder is not None:
            result.warnings += remove_stale(result.folder, result.written)
    return _report(results, echo)


def _run(paths: list[Path], names: dict[Path, str], options: BuildOptions, jobs: int, data: dict[Path, bytes],
         pending=None) -> list[BuildResult]:
    """Build the outlines into their folders `names`, in worker processes when there are several; hand each
    outline's files to `pending` (LibreOffice started on them, --pdf) as it is built."""
    import typer

    jobs = max(1, min(jobs, len(paths)))
    show = len(paths) > 1
    results: dict[Path, BuildResult] = {}

    def built(path: Path, result: BuildResult) -> None:
        results[path] = result
        bar.update(1)
        for made in result.pdf_sources if pending is not None else ():
            pending.ready(made)

    with typer.progressbar(length=len(paths), label="生成中", file=sys.stderr, show_pos=True) if show else _Null() as bar:
        if jobs == 1:
            for path in paths:
                built(path, build_outline(path, options, names[path], data.get(path)))
        else:
            from concurrent.futures import ProcessPoolExecutor

            _preload(options)
            with ProcessPoolExecutor(max_workers=jobs) as pool:
                futures = {path: pool.submit(build_outline, path, options, names[path], data.get(path)) for path in paths}
                for path, future in futures.items():
                    built(path, future.result())
    return [results[p] for p in paths]


def _print_findings(results: list[BuildResult], echo) -> None:
    """Print the proofreading findings of every outline (a meeting.toml shared by several outlines, once)."""
    from .proofread import SERIOUS, format_finding

    findings = list(dict.fromkeys((f.level, format_finding(f.path, f)) for result in results for f in result.findings))
    for _, line in findings:
        echo(line)
    serious = sum(level in SERIOUS for level, _ in findings)
    if serious:
        echo(f"校对：发现 {serious} 处问题（见上；可用 huiwu check 单独校对，加 --strict 则有问题时不生成）。")


def folder_names(paths: list[Path]) -> dict[Path, str]:
    """Return an output folder name per outline: its stem, made unique when two outlines share one."""
    stems: dict[str, int] = {}
    for path in paths:
        stems[path.stem] = stems.get(path.stem, 0) + 1
    names: dict[Path, str] = {}
    taken: set[str] = set()
    for path in paths:
        stem = STDIN_NAME if is_stdin(path) else path.stem
        name = stem if stems[path.stem] == 1 else f"{path.parent.name}-{stem}"
        base, number = name, 2
        while name in taken:
            name, number = f"{base}-{number}", number + 1
        taken.add(name)
        names[path] = name
    return names


def _preload(options: BuildOptions) -> None:
    """Import the renderers, load the word segmenter and compile the wording templates before the pool forks,
    so that the workers share them instead of each doing it again."""
    import importlib

    from .compose.templating import Wording
    from .segment import preload

    for key in options.targets:
        for module in targets.BY_KEY[key].modules():
            importlib.import_module(module)
    preload()
    Wording(options.templates).preload()
    # -- what is loaded now is shared with the workers for good: keep the cyclic collector off it, or a worker's
    # first full collection touches every object and copies the whole process (a tenth of a second, now and then);
    # never undone (see fork.prepare) --
    gc.freeze()


class _Null:
    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False

    def update(self, n):
        pass


def _start_pdfs(paths: list[Path], names: dict[Path, str], options: BuildOptions):
    """Plan the LibreOffice runs for the files --pdf will export, to start as they are written (pdf.start_pdf); None when
    there is no --pdf or LibreOffice, and with 支部学习包 (their files are known only once the list is read)."""
    if not options.pdf or options.branches is not None:
        return None
    from .pdf import start_pdf

    main = [t for t in (targets.BY_KEY[key] for key in options.targets) if t.scope == "outline" and t.pdf]
    return start_pdf([options.out_dir / names[path] / target.file_name for path in paths for target in main])


def _export_pdfs(results: list[BuildResult], echo, pending=None) -> None:
    from .pdf import convert_to_pdf

    files = [f for r in results if not r.error for f in r.pdf_sources]
    pdfs, note = convert_to_pdf(files, pending=pending)
    if note:
        echo(f"提示：{note}")
    for result in results:
        made = [p for p in pdfs if p.with_suffix(".docx") in result.pdf_sources or p.with_suffix(".pptx") in result.pdf_sources]
        result.written += made
        result.files += [p for p in made if p.with_suffix(".docx") in result.files or p.with_suffix(".pptx") in result.files]


def display_name(path: Path) -> str:
    return STDIN_NAME if is_stdin(path) else str(path)


def _report(results: list[BuildResult], echo) -> int:
    """Print warnings, then what was written (one outline) or a table of every outline (a batch)."""
    import typer

    if len(results) == 1 and results[0].error:
        typer.echo(f"错误：{results[0].error}", err=True)
        return results[0].exit_code
    for result in results:
        for warning in result.warnings:
            echo(f"提示：{warning}")
    failed = [r for r in results if r.error]
    if len(results) == 1:
        echo(f"已生成  {display_name(results[0].outline)}")
        for path in results[0].files:
            echo(f"        → {path}")
        return 0
    rows = [("提纲", "结果", "输出文件 / 原因")]
    for result in results:
        if result.error:
            name = display_name(result.outline)
            reason = result.error.split(": ", 1)[-1] if result.error.startswith(name) else result.error
            rows.append((name, "失败", reason))
        else:
            folder = result.files[0].parent if result.files else ""
            names = "、".join(p.name for p in result.files)
            rows.append((display_name(result.outline), "成功", f"{folder}/（{names}）"))
    width = max(display_width(r[0]) for r in rows)
    for name, status, detail in rows:
        echo(f"{pad(name, width)}  {pad(status, 4)}  {detail}")
    echo(f"共 {len(results)} 个提纲：成功 {len(results) - len(failed)} 个，失败 {len(failed)} 个。")
    if not failed:
        return 0
    return failed[0].exit_code if len(failed) == len(results) else 1


__all__ = ["run_build", "expand_outlines", "folder_names"]
