"""The `huiwu` command line: thin commands over the pipeline; messages in Chinese."""
from __future__ import annotations

import functools
import sys
from pathlib import Path

import typer

from .errors import HuiwuError

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    help="会务（huiwu）：把讲话提纲变成会议纪要、学习课件和学习要点。",
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _say(message: str) -> None:
    typer.echo(message)


def _fail(message: str, code: int) -> None:
    typer.echo(message, err=True)
    raise typer.Exit(code)


def friendly(func):
    """Turn HuiwuError and unexpected errors into one Chinese line and an exit code (no traceback)."""

    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        try:
            return func(*args, **kwargs)
        except HuiwuError as exc:
            _fail(f"错误：{exc}", exc.exit_code)
        except KeyboardInterrupt:
            _fail("已中断。", 130)
        except (typer.Exit, typer.Abort, SystemExit):
            raise
        except Exception as exc:  # noqa: BLE001 - users must never see a traceback
            _fail(f"内部错误：{type(exc).__name__}: {exc}。请把提纲文件和这条信息反馈给维护者。", 70)

    return wrapper


@app.command("parse", help="显示程序识别出的提纲结构（标题、各级标题、开头、结尾、金句等）。")
@friendly
def parse_cmd(
    outline: Path = typer.Argument(..., help="讲话提纲文件（.txt 或 .docx）"),
    json_out: bool = typer.Option(False, "--json", help="以 JSON 输出完整模型"),
) -> None:
    from .outline import parse_outline
    from .source import read_source

    document = parse_outline(read_source(outline))
    if json_out:
        import json

        from .native import to_native

        _say(json.dumps(to_native(document), ensure_ascii=False, indent=2))
    else:
        from .native import pretty

        _say(pretty(document))


@app.command("check", help="校对提纲：编号跳号重号、半角标点、引号括号不成对、未替换的占位符。")
@friendly
def check_cmd(outline: Path = typer.Argument(..., help="讲话提纲文件（.txt 或 .docx）")) -> None:
    from .outline import parse_outline
    from .proofread import proofread
    from .source import read_source

    source = read_source(outline)
    findings = proofread(source, parse_outline(source))
    for f in findings:
        _say(f"{outline}:{f.line}: {f.level}: {f.message}")
    errors = sum(f.level == "错误" for f in findings)
    warnings = sum(f.level == "警告" for f in findings)
    typer.echo(f"共 {errors} 个错误，{warnings} 个警告。" if findings else "未发现问题。", err=True)
    if errors:
        raise typer.Exit(1)


@app.command("build", help="生成会议纪要、学习课件和学习要点（每个提纲一个输出文件夹）。")
@friendly
def build_cmd(
    outlines: list[Path] = typer.Argument(..., help="讲话提纲文件或文件夹（可多个）"),
    out_dir: Path = typer.Option(Path("output"), "-o", "--output", help="输出文件夹"),
    meeting: Path | None = typer.Option(None, "--meeting", help="会议信息文件（默认取提纲旁的 meeting.toml）"),
    only: str | None = typer.Option(None, "--only", help="只生成其中几项：minutes,deck,summary"),
    pdf: bool = typer.Option(False, "--pdf", help="同时导出 PDF（需要 LibreOffice）"),
    sets: list[str] | None = typer.Option(None, "--set", help="替换占位符，如 --set XX=某市（可多次）"),
    templates: Path | None = typer.Option(None, "--templates", help="自定义模板文件夹（huiwu init 生成）"),
    pptx_template: Path | None = typer.Option(None, "--pptx-template", help="自定义课件模板 .pptx（按版式名称查找）"),
    jobs: int = typer.Option(0, "--jobs", "-j", help="并行数（默认等于 CPU 核数）"),
) -> None:
    from .batch import run_build

    raise typer.Exit(run_build(outlines, out_dir=out_dir, meeting=meeting, only=only, pdf=pdf, sets=sets,
                               templates=templates, pptx_template=pptx_template, jobs=jobs, echo=_say))


@app.command("init", help="生成待填写的 meeting.toml 和一份可修改的模板。")
@friendly
def init_cmd(
    directory: Path = typer.Argument(Path("."), help="目标文件夹（默认当前文件夹）"),
    force: bool = typer.Option(False, "--force", help="覆盖已有文件"),
) -> None:
    from .init import init_project

    for path in init_project(directory, force=force):
        _say(f"已写入 {path}")


def main() -> None:
    app(prog_name="huiwu")


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
