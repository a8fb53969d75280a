"""支部学习包: the outline's composed views, made into each 党支部's own files and rendered in parallel.

The outline is parsed once and each output composed once (the build hands its views over); per branch only
the `branch` stage of each registry entry runs (a few lines of the view change), then the render. Renders are
CPU-bound python-docx/python-pptx work, so they are spread over worker processes, whole branches per worker.
Every file goes to a temporary name first; the build renames them all at the end, or removes them all.
"""
from __future__ import annotations

import gc
import os
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from .branches import Branch, read_branches
from .errors import OutputError
from .targets import BY_KEY, PACK_FOLDER

#: Fewest branches for which worker processes pay off (each worker costs a fork and a copy of the views).
PARALLEL_FROM = 4


@dataclass(frozen=True)
class _Job:
    key: str
    view: object
    reference: Path | None
    path: Path            # the temporary file
    title: str
    creator: str | None   # the issuing office, for the file's properties


def sample_names(branches, path: Path) -> list[str]:
    """Return a warning when the list still holds sample values (王××, ××会议室) from huiwu init's 支部.xlsx."""
    from .outline.rules import PLACEHOLDER

    found = [(b, value) for b in branches for value in (b.speaker, b.host, b.recorder, b.place, *b.members)
             if value and PLACEHOLDER.search(value)]
    if not found:
        return []
    rows = sorted({b.row for b, _ in found})
    return [f"{path}: 第 {'、'.join(map(str, rows[:5]))}{' 等' if len(rows) > 5 else ''} 行有像是样例的内容（如“{found[0][1]}”），"
            "会原样出现在支部文件中；请填写真实姓名和地点。"]


def build_packs(document, meeting, wording, options, folder: Path, views: dict[str, object],
                staged: list[tuple[Path, Path]], made: list[Path]) -> list[str]:
    """Render every 支部学习包 of one outline into temporary files under FOLDER/支部/<支部>/.

    `views` holds the outline's composed views by target key (composed here when the build made none);
    each (temporary, final) pair is added to `staged` and each folder created to `made` before anything is
    rendered, so that the build can finish or undo all of them. Return warnings for the user.
    """
    from .build import reference_file, temp_path

    branches = read_branches(options.branches)
    targets = [BY_KEY[key] for key in options.targets if BY_KEY[key].branch]
    if not targets:
        return ["所选的输出都不属于支部学习包（课件、要点、学习记录、签到表、应知应会测试），未生成支部文件。"]
    warnings: list[str] = sample_names(branches, options.branches)
    for target in targets:
        if target.key not in views:
            views[target.key] = target.composer()(document, meeting, wording)
            warnings += [f"{document.source}: {w}" for w in getattr(views[target.key], "warnings", ())]
    title = document.title_text
    groups: list[list[_Job]] = []
    for branch in branches:
        where = _folder(folder / PACK_FOLDER / branch.folder, made)
        jobs = []
        for target in targets:
            view = target.brancher()(views[target.key], branch, wording)
            final = where / target.file_name
            tmp = temp_path(final)
            staged.append((tmp, final))
            jobs.append(_Job(target.key, view, reference_file(options, target), tmp, title or target.label, meeting.office))
        groups.append(jobs)
    _render_all(groups)
    return warnings


def _folder(path: Path, made: list[Path]) -> Path:
    missing = [p for p in (path.parent, path) if not p.exists()]
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(f"无法创建支部文件夹（{exc.strerror}）。", str(path)) from None
    made += [p for p in missing if p not in made]
    return path


def _render_all(groups: list[list[_Job]]) -> None:
    """Render the jobs: in worker processes when there are enough branches and this is not a worker already."""
    import multiprocessing

    workers = min(os.cpu_count() or 1, len(groups))
    if workers < 2 or len(groups) < PARALLEL_FROM or multiprocessing.parent_process() is not None:
        for jobs in groups:
            render_jobs(jobs)
        return
    for key in {job.key for jobs in groups for job in jobs}:     # import the renderers once, before the fork
        for module in BY_KEY[key].modules():
            __import__(module)
    gc.freeze()     # -- shared with the workers: see batch._preload --
    chunks = [[job for jobs in groups[index::workers] for job in jobs] for index in range(workers)]
    with ProcessPoolExecutor(max_workers=workers) as pool:
        for future in [pool.submit(render_jobs, chunk) for chunk in chunks]:
            future.result()


def render_jobs(jobs: list[_Job]) -> None:
    from .build import save_output

    for job in jobs:
        target = BY_KEY[job.key]
        save_output(target.renderer()(job.view, job.reference), job.path, job.title, target.label, job.creator)


__all__ = ["build_packs", "Branch"]
