"""The one jinja2 environment: sandboxed, StrictUndefined, user templates before the bundled ones."""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from ..errors import TemplateError
from ..paths import templates_dir


@lru_cache(maxsize=8)
def _environment(user_dir: str | None):
    import jinja2
    from jinja2.sandbox import SandboxedEnvironment

    from ..cache import template_bytecode_cache

    folders = []
    if user_dir:
        folders.append(str(Path(user_dir) / "text"))
    folders.append(str(templates_dir() / "text"))
    return SandboxedEnvironment(
        loader=jinja2.FileSystemLoader(folders, encoding="utf-8"),
        undefined=jinja2.StrictUndefined,
        autoescape=False,
        keep_trailing_newline=False,
        trim_blocks=True,
        lstrip_blocks=True,
        bytecode_cache=template_bytecode_cache(),
    )


class Wording:
    """Renders the short wording templates (templates/text/<name>.j2) that frame the outline's own text."""

    def __init__(self, user_dir: Path | None = None):
        self.user_dir = str(user_dir) if user_dir else None

    def __call__(self, name: str, **context) -> str:
        import jinja2

        env = _environment(self.user_dir)
        template_name = f"{name}.j2"
        try:
            template = env.get_template(template_name)
            return template.render(**context).strip()
        except jinja2.TemplateNotFound:
            raise TemplateError(f"找不到模板 {template_name}。", self._where(template_name)) from None
        except jinja2.TemplateSyntaxError as exc:
            raise TemplateError(f"模板语法错误：{exc.message}", exc.filename or self._where(template_name), exc.lineno) from None
        except jinja2.UndefinedError as exc:
            raise TemplateError(f"模板使用了未定义的变量（{exc.message}）。", self._where(template_name), _lineno(exc)) from None
        except jinja2.exceptions.SecurityError as exc:
            raise TemplateError(f"模板中有不允许的操作（{exc}）。", self._where(template_name), _lineno(exc)) from None
        except (TypeError, ValueError, ZeroDivisionError) as exc:
            raise TemplateError(f"模板运行出错（{exc}）。", self._where(template_name), _lineno(exc)) from None

    def preload(self) -> None:
        """Compile every wording template now (before a batch forks its workers, which then share them)."""
        env = _environment(self.user_dir)
        for name in env.list_templates(extensions=["j2"]):
            try:
                env.get_template(name)
            except Exception:  # noqa: BLE001 - a broken user template is reported when it is used, with file:line
                pass

    def _where(self, name: str) -> str:
        env = _environment(self.user_dir)
        for folder in env.loader.searchpath:
            if (Path(folder) / name).exists():
                return str(Path(folder) / name)
        return name


def _lineno(exc: BaseException) -> int | None:
    tb = exc.__traceback__
    line = None
    while tb is not None:
        if tb.tb_frame.f_code.co_filename.endswith(".j2") or "template" in tb.tb_frame.f_code.co_name:
            line = tb.tb_lineno
        tb = tb.tb_next
    return line
