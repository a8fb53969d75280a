"""Run the web page: bind the port (a clear message when it is taken), open the browser, stop cleanly on Ctrl-C."""
from __future__ import annotations

import ipaddress
import socket
import threading
import time
from typing import Callable

from ..errors import UsageError

DEFAULT_PORT = 8765


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def serve(host: str = "127.0.0.1", port: int = DEFAULT_PORT, open_browser: bool = True,
          echo: Callable[[str], None] = print) -> None:
    """Serve the page until Ctrl-C. Raise UsageError when the address cannot be used."""
    import uvicorn

    from .app import LOOPBACK, create_app

    if not 0 < port < 65536:
        raise UsageError(f"端口 {port} 无效；请用 1–65535 之间的数字，如 --port {DEFAULT_PORT}。")
    sock = _bind(host, port)
    loopback = is_loopback(host)
    # -- bound to a loopback address: that address is a Host too (--host 127.0.0.2 is loopback, not in LOOPBACK) --
    app = create_app(allowed_hosts=tuple(dict.fromkeys((*LOOPBACK, host.strip("[]").lower()))) if loopback else None)
    config = uvicorn.Config(app, log_level="warning", access_log=False, lifespan="on", server_header=False,
                            timeout_graceful_shutdown=5)
    server = uvicorn.Server(config)
    shown = "127.0.0.1" if host in ("0.0.0.0", "::") else host
    url = f"http://{'[' + shown + ']' if ':' in shown else shown}:{sock.getsockname()[1]}/"
    if not loopback:
        echo(f"警告：服务监听在 {host}，同一网络中的任何人都能打开此页面并用它生成文件；只在本机使用时请去掉 --host。")
    echo(f"会务网页已启动：{url}  （按 Ctrl+C 停止）")
    if open_browser:
        threading.Thread(target=_open_when_ready, args=(server, url), daemon=True).start()
    try:
        server.run(sockets=[sock])
    except KeyboardInterrupt:
        pass  # -- uvicorn has shut down (builds stopped, temporary files removed) and passes Ctrl-C on: the normal stop --
    finally:
        sock.close()
    echo("会务网页已停止。")


def _bind(host: str, port: int) -> socket.socket:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    if hasattr(socket, "SO_EXCLUSIVEADDRUSE"):  # Windows: refuse a port another program holds
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_EXCLUSIVEADDRUSE, 1)
    else:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host, port))
    except OSError as exc:
        sock.close()
        if isinstance(exc, socket.gaierror) or exc.errno in (99, 10049):
            raise UsageError(f"无法使用地址 {host}（{exc.strerror or exc}）；一般用默认的 127.0.0.1 即可。") from None
        raise UsageError(f"端口 {port} 已被占用（可能会务网页已经开着）。请用 --port 换一个端口，如 --port {port + 1}。") from None
    sock.listen(64)
    return sock


def _open_when_ready(server, url: str) -> None:
    import webbrowser

    for _ in range(100):
        if server.started:
            break
        time.sleep(0.05)
    try:
        webbrowser.open(url)
    except Exception:  # noqa: BLE001 - no browser: the address is printed
        pass


__all__ = ["serve", "DEFAULT_PORT", "is_loopback"]
