"""`huiwu serve` as a command: listens on 127.0.0.1, warns on other addresses, stops on Ctrl-C leaving nothing;
the other commands never import the web stack."""
from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from typer.testing import CliRunner

from generator.cli import app

from .conftest import ROOT, SEED

WEB_STACK = ("starlette", "uvicorn", "multipart", "python_multipart", "pypdfium2", "anyio", "h11", "generator.web")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start(*args: str, temp: Path | None = None) -> subprocess.Popen:
    """Start `huiwu serve`; with `temp`, its temporary folders go there (other tests' servers run beside it)."""
    env = {**os.environ, "PYTHONUNBUFFERED": "1", "TMPDIR": str(temp or os.environ.get("TMPDIR", "/tmp"))}
    return subprocess.Popen([sys.executable, "-m", "generator", "serve", "--no-browser", *args], cwd=ROOT, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, encoding="utf-8")


def wait_for(url: str, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2) as answer:
                if answer.status == 200:
                    return
        except OSError:
            time.sleep(0.1)
    raise AssertionError(f"{url} did not answer")


def listening_addresses(port: int) -> set[str]:
    """Local addresses listening on `port` (Linux /proc/net/tcp)."""
    out = set()
    for line in Path("/proc/net/tcp").read_text().splitlines()[1:]:
        local, state = line.split()[1], line.split()[3]
        address, hex_port = local.split(":")
        if state == "0A" and int(hex_port, 16) == port:
            out.add(socket.inet_ntoa(bytes.fromhex(address)[::-1]))
    return out


def test_serve_help_is_chinese():
    result = CliRunner().invoke(app, ["serve", "--help"])
    assert result.exit_code == 0
    assert "--port" in result.output and "--no-browser" in result.output and "只有本机能访问" in result.output


def test_the_other_commands_do_not_import_the_web_stack(tmp_path):
    code = ("import sys\nfrom typer.testing import CliRunner\nfrom generator.cli import app\n"
            f"for args in (['--help'], ['parse', {str(SEED)!r}], ['check', {str(SEED)!r}],"
            f" ['build', {str(SEED)!r}, '-o', {str(tmp_path)!r}, '--only', 'minutes'], ['serve', '--help']):\n"
            "    r = CliRunner().invoke(app, args)\n"
            "    assert r.exit_code in (0, 1), (args, r.output)\n"
            f"print(sorted(m for m in sys.modules if m.split('.')[0] in {WEB_STACK!r} or m.startswith('generator.web')))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]", result.stdout


@pytest.mark.skipif(not Path("/proc/net/tcp").exists(), reason="reads the listening sockets from Linux's /proc/net/tcp")
def test_serve_listens_on_loopback_only_and_ctrl_c_stops_it_cleanly(tmp_path):
    port = free_port()
    temp = tmp_path          # its own TMPDIR: servers of parallel tests make their folders elsewhere
    before = set(temp.glob("huiwu-serve-*"))
    process = start("--port", str(port), temp=temp)
    try:
        wait_for(f"http://127.0.0.1:{port}/")
        assert listening_addresses(port) == {"127.0.0.1"}
        assert len(set(temp.glob("huiwu-serve-*")) - before) == 1
        process.send_signal(signal.SIGINT)
        out, err = process.communicate(timeout=30)
    finally:
        if process.poll() is None:
            process.kill()
    assert process.returncode == 0, err
    assert f"会务网页已启动：http://127.0.0.1:{port}/" in out and "会务网页已停止。" in out
    assert "警告" not in out and "Traceback" not in err
    assert set(temp.glob("huiwu-serve-*")) - before == set()   # -- its temporary folder is gone --


def test_serve_on_all_addresses_warns_in_one_line():
    port = free_port()
    process = start("--host", "0.0.0.0", "--port", str(port))
    try:
        wait_for(f"http://127.0.0.1:{port}/")
        # -- any Host is accepted on a network address --
        request = urllib.request.Request(f"http://127.0.0.1:{port}/", headers={"Host": "huiwu.example"})
        assert urllib.request.urlopen(request, timeout=5).status == 200
        process.send_signal(signal.SIGINT)
        out, _ = process.communicate(timeout=30)
    finally:
        if process.poll() is None:
            process.kill()
    warnings = [line for line in out.splitlines() if line.startswith("警告")]
    assert len(warnings) == 1 and "任何人" in warnings[0]


def test_a_port_in_use_is_one_chinese_line_and_exit_2():
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen(1)
        port = busy.getsockname()[1]
        result = subprocess.run([sys.executable, "-m", "generator", "serve", "--no-browser", "--port", str(port)],
                                capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert result.returncode == 2
    assert f"端口 {port} 已被占用" in result.stderr and "Traceback" not in result.stderr
    result = subprocess.run([sys.executable, "-m", "generator", "serve", "--no-browser", "--port", "70000"],
                            capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert result.returncode == 2 and "端口 70000 无效" in result.stderr


@pytest.mark.skipif(not Path("/proc/net/tcp").exists(), reason="Linux answers on all of 127.0.0.0/8")
def test_serve_on_another_loopback_address_answers_there(tmp_path):
    """--host 127.0.0.2 is loopback: the page answers on that address (its Host is allowed), with no warning."""
    port = free_port()
    process = start("--host", "127.0.0.2", "--port", str(port), temp=tmp_path)
    try:
        wait_for(f"http://127.0.0.2:{port}/")
        process.send_signal(signal.SIGINT)
        out, _ = process.communicate(timeout=30)
    finally:
        if process.poll() is None:
            process.kill()
    assert "警告" not in out
