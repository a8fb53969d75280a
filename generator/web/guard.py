"""ASGI middleware that keeps the server safe: a limit on request bodies, the Host and Origin checks that stop
other web sites (and DNS rebinding) from using a server bound to this computer, and strict response headers."""
from __future__ import annotations

from urllib.parse import urlsplit

from .uploads import TOO_LARGE, BadRequest

DRAIN_LIMIT = 256 * 1024 * 1024   # an over-large body is read to its end (up to this) so the browser sees the answer

#: nothing is loaded from anywhere but this server; no inline script; no framing
HEADERS = [
    (b"content-security-policy", b"default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
                                 b"object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'"),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"same-origin"),   # -- so that our own form posts carry our Origin --
    (b"x-frame-options", b"DENY"),
]


class TooLarge(BadRequest):
    def __init__(self):
        super().__init__(TOO_LARGE, "outline", 413)


class Guard:
    def __init__(self, app, limit: int, allowed_hosts: tuple[str, ...] | None = None):
        self.app = app
        self.limit = limit
        self.allowed_hosts = allowed_hosts     # None: any Host (the server is bound to a network address)

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        headers = {k.lower(): v.decode("latin-1") for k, v in scope["headers"]}
        host = headers.get(b"host", "")
        problem = None
        if self.allowed_hosts is not None and _hostname(host) not in self.allowed_hosts:
            problem = (400, "不接受这个主机名的请求。请用 http://127.0.0.1 打开本页面。")
        elif scope["method"] not in ("GET", "HEAD", "OPTIONS") and b"origin" in headers:
            # -- a browser names the page that sent a POST; another site (or a sandboxed frame: "null") is refused --
            if urlsplit(headers[b"origin"]).netloc.lower() != host.lower():
                problem = (403, "拒绝来自其他网站的请求。")
        if problem:
            return await _plain(send, *problem)

        received = 0
        over = False

        async def limited_receive():
            nonlocal received, over
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.limit and not over:
                    over = True
                    while message.get("more_body") and received < DRAIN_LIMIT:
                        message = await receive()
                        received += len(message.get("body", b""))
                    raise TooLarge()
            return message

        async def secure_send(message):
            if message["type"] == "http.response.start":
                message = dict(message)
                message["headers"] = list(message.get("headers", [])) + HEADERS
            await send(message)

        await self.app(scope, limited_receive, secure_send)


def _hostname(host: str) -> str:
    if host.startswith("["):
        return host[1:].split("]", 1)[0].lower()
    return host.rsplit(":", 1)[0].lower() if host.count(":") == 1 else host.lower()


async def _plain(send, status: int, message: str) -> None:
    import json

    body = json.dumps({"error": message}, ensure_ascii=False).encode("utf-8")
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"application/json; charset=utf-8"), (b"content-length", str(len(body)).encode())]
                + HEADERS})
    await send({"type": "http.response.body", "body": body})


__all__ = ["Guard", "TooLarge", "HEADERS"]
