"""What huiwu writes to a terminal, in Chinese: help pages, usage errors, typo suggestions, column widths.

typer and click speak English and their help layout changes between releases, so the frame is ours:
`HuiwuGroup` (the app's `cls`) gives every command a context whose help page is drawn here from the
parameters' stable attributes (opts, metavar, help, default), and turns click's usage errors into one
Chinese line. A command added with `@app.command` needs nothing more than a Chinese `help` and metavars.
"""
from __future__ import annotations

import difflib
import inspect
import re
import shutil
import sys
import unicodedata

import typer
from typer.core import TyperGroup

USAGE_EXIT = 2


def display_width(text: str) -> int:
    """Columns a string takes in a terminal: wide (CJK) characters take two."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def pad(text: str, width: int) -> str:
    return text + " " * max(0, width - display_width(text))


def safe_console() -> None:
    """Make printing never crash on characters the console cannot encode (GBK consoles): they become '?'."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            try:
                reconfigure(errors="replace")
            except (ValueError, OSError):  # pragma: no cover - a stream that cannot be reconfigured
                pass


# -- help pages ------------------------------------------------------------------------------------------


class HuiwuContext(TyperGroup.context_class):
    def get_help(self) -> str:
        return render_help(self)


def render_help(ctx) -> str:
    """Return the help page of `ctx.command` in Chinese."""
    command = ctx.command
    params = [p for p in command.get_params(ctx) if not getattr(p, "hidden", False)]
    arguments = [p for p in params if p.param_type_name == "argument"]
    options = [p for p in params if p.param_type_name == "option"]
    commands = _subcommands(ctx)
    usage = [ctx.command_path] + (["[选项]"] if options else []) + [_argument_usage(p) for p in arguments]
    if commands:
        usage.append("命令 [参数]…")
    out = [f"用法：{' '.join(usage)}", ""]
    if command.help:
        from .measure import wrap

        for paragraph in inspect.cleandoc(command.help).splitlines():
            out += ["  " + piece for piece in wrap(paragraph, (_columns() - 4) / 2)] if paragraph else [""]
        out.append("")
    if arguments:
        out += ["参数："] + _rows([(_argument_name(p), _param_help(ctx, p)) for p in arguments]) + [""]
    if options:
        out += ["选项："] + _rows([(_option_term(p), _param_help(ctx, p)) for p in options]) + [""]
    if commands:
        out += ["命令："] + _rows([(name, _short_help(cmd)) for name, cmd in commands]) + [""]
    if command.epilog:
        out += [command.epilog.strip("\n"), ""]
    return "\n".join(out).rstrip("\n")


def _subcommands(ctx) -> list[tuple[str, object]]:
    list_commands = getattr(ctx.command, "list_commands", None)
    if list_commands is None:
        return []
    found = [(name, ctx.command.get_command(ctx, name)) for name in list_commands(ctx)]
    return [(name, cmd) for name, cmd in found if cmd is not None and not getattr(cmd, "hidden", False)]


def _argument_name(param) -> str:
    return str(param.metavar or param.name.upper())


def _argument_usage(param) -> str:
    name = _argument_name(param)
    if param.nargs != 1 and not name.endswith("…"):
        name += "…"
    return name if param.required else f"[{name}]"


def _option_term(param) -> str:
    names = sorted([*param.opts, *getattr(param, "secondary_opts", [])], key=lambda o: (o.startswith("--"), o))
    term = ", ".join(names)
    if not getattr(param, "is_flag", False) and not getattr(param, "count", False):
        term += f" {param.metavar or '值'}"
    return term


def _param_help(ctx, param) -> str:
    if param.name == "help" and set(param.opts) <= set(ctx.help_option_names):
        return "显示本帮助并退出"
    text = param.help or ""
    extra = []
    if param.required and param.param_type_name == "option":
        extra.append("必填")
    shown = getattr(param, "show_default", None)
    default = param.default
    if isinstance(shown, str):
        extra.append(f"默认：{shown}")
    elif shown is not False and "默认" not in text and default not in (None, False, (), [], "") and not callable(default):
        extra.append(f"默认：{default}")
    return text + (f"（{'；'.join(extra)}）" if extra else "")


def _short_help(command) -> str:
    text = inspect.cleandoc(getattr(command, "short_help", None) or command.help or "")
    first = re.match(r"[^。！？\n]*[。！？]?", text)
    return first.group(0) if first else text


def _columns() -> int:
    return max(60, min(shutil.get_terminal_size((100, 24)).columns, 110))


def _rows(rows: list[tuple[str, str]]) -> list[str]:
    """Two columns: terms padded to one width (CJK counted double), help wrapped to the terminal."""
    from .measure import wrap

    width = min(max(display_width(term) for term, _ in rows), 28)
    room = _columns() - width - 6
    lines = []
    for term, text in rows:
        pieces = wrap(text, room / 2) if text else [""]
        if display_width(term) > width:
            lines.append(f"  {term}")
            lines += [f"  {' ' * width}  {piece}" for piece in pieces]
            continue
        lines.append(f"  {pad(term, width)}  {pieces[0]}".rstrip())
        lines += [f"  {' ' * width}  {piece}" for piece in pieces[1:]]
    return lines


# -- the group: Chinese help for every command, Chinese usage errors ------------------------------------


class HuiwuGroup(TyperGroup):
    """The `huiwu` command group."""

    context_class = HuiwuContext

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for command in self.commands.values():
            command.context_class = HuiwuContext

    def resolve_command(self, ctx, args):
        name = args[0] if args else ""
        if name and not name.startswith("-") and self.get_command(ctx, name) is None:
            known = self.list_commands(ctx)
            close = difflib.get_close_matches(name, known, n=1, cutoff=0.5)
            hint = f"是否要用 {close[0]}？" if close else f"可用的命令：{'、'.join(known)}。"
            ctx.fail(f"没有“{name}”这个命令，{hint}")
        return super().resolve_command(ctx, args)

    def main(self, args=None, prog_name=None, complete_var=None, standalone_mode=True, **extra):
        """Run the command line; usage errors become one Chinese line and exit 2 (help without arguments: 0)."""
        try:
            code = super().main(args=args, prog_name=prog_name or "huiwu", complete_var=complete_var,
                                standalone_mode=False, **extra)
        except Exception as exc:  # noqa: BLE001 - click's usage errors, whichever click typer ships
            if type(exc).__name__ == "NoArgsIsHelpError":
                typer.echo(exc.ctx.get_help())
                code = 0
            elif hasattr(exc, "format_message"):
                typer.echo(f"用法错误：{usage_message(exc)}", err=True)
                ctx = getattr(exc, "ctx", None)
                typer.echo(f"用 {ctx.command_path if ctx is not None else 'huiwu'} -h 查看用法。", err=True)
                code = USAGE_EXIT
            elif type(exc).__name__ == "Abort":
                typer.echo("已中断。", err=True)
                code = 1
            else:
                raise
        code = code if isinstance(code, int) else 0
        if not standalone_mode:
            return code
        sys.exit(code)


_CJK = re.compile(r"[\u4e00-\u9fff]")


def _param_name(param) -> str:
    if param is None:
        return ""
    opts = getattr(param, "opts", None) or []
    if getattr(param, "param_type_name", "") == "option" and opts:
        return max(opts, key=len)
    return str(getattr(param, "metavar", None) or getattr(param, "name", "") or "")


def usage_message(exc) -> str:
    """Return a Chinese line for a click usage error."""
    kind = type(exc).__name__
    name = _param_name(getattr(exc, "param", None)) or str(getattr(exc, "param_hint", "") or "")
    message = str(getattr(exc, "message", "") or exc.format_message())
    if kind == "MissingParameter":
        return f"缺少参数 {name}。"
    if kind == "NoSuchOption":
        option = getattr(exc, "option_name", "")
        close = difflib.get_close_matches(option, getattr(exc, "possibilities", None) or [], n=1, cutoff=0.3)
        return f"没有选项 {option}" + (f"，是否要用 {close[0]}？" if close else "。")
    if kind == "BadParameter":
        value = re.match(r"'(.*)' is not a valid", message)
        # -- click says "is not a valid integer", typer's own types "is not a valid int" --
        detail = "应为整数" if re.search(r"\bint(eger)?\b", message) else "应为数字" if "float" in message else message
        return f"参数 {name} 的值{f'“{value.group(1)}”' if value else ''}不对（{detail}）。"
    if kind == "BadOptionUsage":
        option = getattr(exc, "option_name", "")
        if "requires an argument" in message:
            return f"选项 {option} 后面缺少取值。"
        if "does not take a value" in message:
            return f"选项 {option} 不需要取值。"
        return f"选项 {option} 用法不对。"
    if _CJK.search(message) and kind == "UsageError":    # ours, already in Chinese (an unknown command)
        return message
    if message.startswith("Got unexpected extra argument"):
        return f"多余的参数 {message.split('(', 1)[-1].rstrip(')')}。"
    if message.startswith("Missing command"):
        return "缺少命令。"
    return message


__all__ = ["HuiwuGroup", "render_help", "usage_message", "display_width", "pad", "safe_console"]
