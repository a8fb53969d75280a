"""The `huiwu` command line: thin commands over the pipeline; messages in Chinese.

The frame (help pages, usage errors, typo suggestions) is `console.HuiwuGroup`; a command added here with
`@app.command` gets it as it is, given a Chinese `help` and a `metavar` on each option that takes a value.
"""
from __future__ import annotations

import functools
from pathlib import Path

import typer

from . import __version__, targets
from .console import HuiwuGroup, safe_console
from .errors import HuiwuError

app = typer.Typer(
    name="huiwu",
    cls=HuiwuGroup,
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    help="会务（huiwu）：把讲话提纲变成会议纪要、学习课件和学习要点。",
    context_settings={"help_option_names": ["-h", "--help"]},
)

OUTLINE_HELP = "讲话提纲文件：.txt、.docx，或 .doc/.wps/.rtf/.odt（需要 LibreOffice）；- 表示从标准输入读取"


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


def _show_version(value: bool) -> None:
    if value:
        typer.echo(f"huiwu {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: bool = typer.Option(False, "--version", "-V", is_eager=True, callback=_show_version, help="显示版本号并退出"),
) -> None:
    """会务（huiwu）"""


@app.command("parse", help="显示程序识别出的提纲结构（标题、各级标题、开头、结尾、金句等）。")
@friendly
def parse_cmd(
    outline: Path = typer.Argument(..., help=OUTLINE_HELP, metavar="提纲"),
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


@app.command("check", help="校对提纲：编号跳号、重号、颠倒，半角标点，引号括号不成对，未替换的占位符，"
                           "meeting.toml 中像样例的内容。有错误时退出码为 1。")
@friendly
def check_cmd(
    outline: Path = typer.Argument(..., help=OUTLINE_HELP, metavar="提纲"),
    meeting: Path | None = typer.Option(None, "--meeting", metavar="文件", help="会议信息文件（默认取提纲旁的 meeting.toml）"),
    sets: list[str] | None = typer.Option(None, "--set", metavar="占位符=值", help="替换占位符，如 --set XX=某市（可多次）"),
) -> None:
    from .meeting import load_meeting, parse_sets
    from .outline import parse_outline
    from .proofread import count, format_finding, proofread
    from .source import read_source

    source = read_source(outline)
    findings = proofread(source, parse_outline(source), load_meeting(outline, meeting, parse_sets(sets)))
    for finding in findings:
        _say(format_finding(source.path, finding))
    errors, warnings = count(findings)
    typer.echo(f"共 {errors} 个错误，{warnings} 个警告。" if errors or warnings else "未发现问题。", err=True)
    if errors:
        raise typer.Exit(1)


@app.command("build", help="生成会议纪要、学习课件和学习要点（每个提纲一个输出文件夹）。生成前先校对，"
                           "列出发现的问题；加 --strict 时有问题就不生成。",
             epilog="例：\n  huiwu build 提纲.docx -o 输出 --pdf\n  huiwu build 提纲文件夹/ --set XX=某市 --strict")
@friendly
def build_cmd(
    outlines: list[Path] = typer.Argument(..., help="讲话提纲文件或文件夹（可多个；- 表示从标准输入读取）", metavar="提纲…"),
    out_dir: Path = typer.Option(Path("output"), "-o", "--output", metavar="文件夹", help="输出文件夹"),
    meeting: Path | None = typer.Option(None, "--meeting", metavar="文件", help="会议信息文件（默认取提纲旁的 meeting.toml）"),
    only: list[str] | None = typer.Option(None, "--only", metavar="输出",
                                          help=f"只生成其中几项（可多次，或用逗号分隔）：{targets.choices()}"),
    pdf: bool = typer.Option(False, "--pdf", help="同时导出 PDF（需要 LibreOffice）"),
    sets: list[str] | None = typer.Option(None, "--set", metavar="占位符=值", help="替换占位符，如 --set XX=某市（可多次）"),
    templates: Path | None = typer.Option(None, "--templates", metavar="文件夹", help="自定义模板文件夹（huiwu init 生成的 templates）"),
    pptx_template: Path | None = typer.Option(None, "--pptx-template", metavar="文件", help="自定义课件模板 .pptx（按版式名称查找）"),
    minutes: str | None = typer.Option(None, "--minutes", metavar="简要|详细",
                                       help="纪要详略：简要（默认，只写要点和结论）或 详细（保留提纲每一句）；优先于 meeting.toml 的 [minutes] detail"),
    strict: bool = typer.Option(False, "--strict", help="校对发现错误或警告时不生成（退出码 1）"),
    jobs: int | None = typer.Option(None, "--jobs", "-j", metavar="数量", show_default="CPU 核数", help="同时生成的提纲数"),
    branches: Path | None = typer.Option(None, "--branches", metavar="支部名单",
                                         help="党支部名单（.xlsx 或 .csv），为每个支部生成支部学习包（见 huiwu init 生成的 支部.xlsx）"),
) -> None:
    from .batch import run_build

    raise typer.Exit(run_build(outlines, out_dir=out_dir, meeting=meeting, only=only, pdf=pdf, sets=sets,
                               templates=templates, pptx_template=pptx_template, jobs=jobs, strict=strict, minutes=minutes,
                               branches=branches, echo=_say))


@app.command("serve", help="打开网页版：在浏览器中上传提纲、填写会议信息、生成并下载材料（只在本机运行）。")
@friendly
def serve_cmd(
    port: int = typer.Option(8765, "--port", help="端口（默认 8765）"),
    host: str = typer.Option("127.0.0.1", "--host", help="监听地址（默认 127.0.0.1，只有本机能访问）"),
    no_browser: bool = typer.Option(False, "--no-browser", help="不自动打开浏览器"),
) -> None:
    from .web.server import serve

    serve(host=host, port=port, open_browser=not no_browser, echo=_say)


@app.command("init", help="生成待填写的 meeting.toml 和一份可修改的模板。")
@friendly
def init_cmd(
    directory: Path = typer.Argument(Path("."), help="目标文件夹（默认当前文件夹）", metavar="文件夹"),
    force: bool = typer.Option(False, "--force", help="覆盖已有文件"),
) -> None:
    from .init import init_project

    for path in init_project(directory, force=force):
        _say(f"已写入 {path}")
    _say(f"下一步：填写 {directory / 'meeting.toml'}，然后运行 huiwu build 提纲.docx --meeting {directory / 'meeting.toml'}"
         f"（使用修改过的模板时再加 --templates {directory / 'templates'}）。")


def main(argv: list[str] | None = None) -> None:
    """Run the command line (console script `huiwu` and `python -m generator`)."""
    safe_console()
    typer.main.get_command(app).main(args=argv, prog_name="huiwu")


if __name__ == "__main__":  # pragma: no cover
    main()
