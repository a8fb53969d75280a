"""PDF export through LibreOffice headless: one run for many files, its own profile, a timeout."""
from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

INSTALL_HINT = ("未找到 LibreOffice，已跳过 PDF 导出（其他文件已生成）。安装方法：Debian/Ubuntu 执行 "
                "sudo apt-get install libreoffice-writer-nogui libreoffice-impress-nogui fonts-noto-cjk；"
                "Windows 请安装 LibreOffice 并把其 program 文件夹加入 PATH。")


def find_soffice() -> str | None:
    for name in ("soffice", "libreoffice"):
        path = shutil.which(name)
        if path:
            return path
    for candidate in (r"C:\Program Files\LibreOffice\program\soffice.exe", "/Applications/LibreOffice.app/Contents/MacOS/soffice"):
        if os.path.exists(candidate):
            return candidate
    return None


def convert_to_pdf(files: list[Path], timeout: float = 600) -> tuple[list[Path], str | None]:
    """Write FILE.pdf beside each file, converting all of them in one LibreOffice run.

    Return the PDFs written and a message for the user when some or all could not be made.
    """
    if not files:
        return [], None
    soffice = find_soffice()
    if not soffice:
        return [], INSTALL_HINT
    work = Path(tempfile.mkdtemp(prefix="huiwu-pdf-"))
    profile = work / "profile"
    staged = {}
    try:
        for index, path in enumerate(files):
            # -- unique names: many outlines each have a 会议纪要.docx, and --outdir is one folder --
            name = f"{index:04d}{path.suffix}"
            shutil.copyfile(path, work / name)
            staged[work / f"{index:04d}.pdf"] = path.with_suffix(".pdf")
        command = [soffice, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore",
                   "--convert-to", "pdf", "--outdir", str(work), *sorted(str(p) for p in work.iterdir() if p.suffix != ".pdf" and p.is_file())]
        try:
            subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=timeout, check=False)
        except subprocess.TimeoutExpired:
            return _collect(staged), f"LibreOffice 在 {int(timeout)} 秒内未完成 PDF 转换，已停止；部分 PDF 可能缺失。"
        except OSError as exc:
            return [], f"无法启动 LibreOffice（{exc}），已跳过 PDF 导出。"
        written = _collect(staged)
        missing = len(files) - len(written)
        return written, (f"有 {missing} 个文件未能转换为 PDF。" if missing else None)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _collect(staged: dict[Path, Path]) -> list[Path]:
    written = []
    for made, final in staged.items():
        if made.exists() and made.stat().st_size > 0:
            tmp = final.with_name(f".~{os.getpid()}-{final.name}")
            shutil.copyfile(made, tmp)
            os.replace(tmp, final)
            written.append(final)
    return written
