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
    outline: Path = typer.Argument(..., help="讲话提纲文件（.txt 或 .docx）", metavar="提纲"),
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
def check_cmd(outline: Path = typer.Argument(..., help="讲话提纲文件（.txt 或 .docx）", metavar="提纲")) -> None:
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
    outlines: list[Path] = typer.Argument(..., help="讲话提纲文件或文件夹（可多个）", metavar="提纲…"),
    out_dir: Path = typer.Option(Path("output"), "-o", "--output", help="输出文件夹"),
    meeting: Path | None = typer.Option(None, "--meeting", help="会议信息文件（默认取提纲旁的 meeting.toml）"),
    only: list[str] | None = typer.Option(None, "--only", help="只生成其中几项：minutes,deck,summary 或 纪要,课件,要点（可多次）"),
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
    directory: Path = typer.Argument(Path("."), help="目标文件夹（默认当前文件夹）", metavar="文件夹"),
    force: bool = typer.Option(False, "--force", help="覆盖已有文件"),
) -> None:
    from .init import init_project

    for path in init_project(directory, force=force):
        _say(f"已写入 {path}")


def main(argv: list[str] | None = None) -> None:
    """Run the command line; usage errors are reported in Chinese (click's own words are English)."""
    command = typer.main.get_command(app)
    try:
        code = command.main(args=argv, prog_name="huiwu", standalone_mode=False)
    except Exception as exc:  # noqa: BLE001 - click's and typer's usage errors, whichever click they ship
        kind = type(exc).__name__
        if kind == "NoArgsIsHelpError":
            typer.echo(exc.ctx.get_help())
            sys.exit(0)
        if not hasattr(exc, "format_message"):
            raise
        typer.echo(f"用法错误：{usage_message(exc)}", err=True)
        ctx = getattr(exc, "ctx", None)
        path = ctx.command_path if ctx is not None else "huiwu"
        typer.echo(f"用 {path} -h 查看用法。", err=True)
        sys.exit(2)
    sys.exit(code if isinstance(code, int) else 0)


def _param_name(param) -> str:
    if param is None:
        return ""
    opts = getattr(param, "opts", None) or []
    if getattr(param, "param_type_name", "") == "option" and opts:
        return "/".join(opts)
    return str(getattr(param, "metavar", None) or getattr(param, "human_readable_name", None) or getattr(param, "name", "") or "")


def usage_message(exc) -> str:
    """Return a Chinese line for a click usage error."""
    kind = type(exc).__name__
    name = _param_name(getattr(exc, "param", None)) or str(getattr(exc, "param_hint", "") or "")
    if kind == "MissingParameter":
        return f"缺少参数 {name}。"
    if kind == "NoSuchOption":
        return f"没有选项 {getattr(exc, 'option_name', '')}。"
    if kind == "BadParameter":
        detail = str(getattr(exc, "message", ""))
        detail = "应为整数" if "integer" in detail else detail
        return f"参数 {name} 的值不对（{detail}）。"
    if kind == "BadOptionUsage":
        return f"选项 {getattr(exc, 'option_name', '')} 用法不对（{getattr(exc, 'message', '')}）。"
    message = exc.format_message()
    if message.startswith("Got unexpected extra argument"):
        return f"多余的参数 {message.split('(', 1)[-1].rstrip(')')}。"
    if message.startswith("No such command"):
        return f"没有这个命令：{message.split(' ')[-1].strip('.')}（可用：build、parse、check、init）。"
    return message


if __name__ == "__main__":  # pragma: no cover
    main()
