"""A lean HTTP/1.1 client for the load generator: one keep-alive connection on 127.0.0.1, one request at a
time, the body read by its Content-Length. The load generator shares the machine's cores with the hub and
PostgreSQL; httpx spends more CPU per request than the hub's own work on a small push, so measuring the hub
through it measured the client."""

from __future__ import annotations

import asyncio
import contextlib
import select


class LeanError(Exception):
    """The connection failed, timed out or answered something this client does not read."""


class LeanHTTP:
    def __init__(self, host: str, port: int, headers: dict[str, str]) -> None:
        self.host, self.port = host, port
        self._head = "".join(f"{k}: {v}\r\n" for k, v in {"Host": f"{host}:{port}", **headers}.items())
        self._reader: asyncio.StreamReader | None = None
        self._writer: asyncio.StreamWriter | None = None
        self._turn = asyncio.Lock()  # one request at a time on the connection

    async def request(self, method: str, target: str, body: bytes = b"", timeout: float = 30.0) -> tuple[int, bytes]:
        try:
            async with self._turn:
                return await asyncio.wait_for(self._exchange(method, target, body), timeout)
        except (OSError, EOFError, asyncio.IncompleteReadError, asyncio.LimitOverrunError, TimeoutError) as exc:
            await self.close()
            raise LeanError(type(exc).__name__) from None

    async def _exchange(self, method: str, target: str, body: bytes) -> tuple[int, bytes]:
        if self._reader is not None and self._writer is not None and _closed_while_idle(self._reader, self._writer):
            await self.close()
        if self._writer is None:
            self._reader, self._writer = await asyncio.open_connection(self.host, self.port)
        assert self._reader is not None
        kind = "Content-Type: application/json\r\n" if body else ""
        head = f"{method} {target} HTTP/1.1\r\n{self._head}{kind}Content-Length: {len(body)}\r\n\r\n"
        self._writer.write(head.encode() + body)
        lines = (await self._reader.readuntil(b"\r\n\r\n")).decode("latin-1").split("\r\n")
        status = int(lines[0].split(" ", 2)[1])
        length = None
        for line in lines[1:]:
            name, _, value = line.partition(":")
            if name.lower() == "content-length":
                length = int(value)
        if length is None:
            raise EOFError("an answer without Content-Length")
        return status, await self._reader.readexactly(length)

    async def close(self) -> None:
        writer, self._reader, self._writer = self._writer, None, None
        if writer is not None:
            writer.close()
            with contextlib.suppress(OSError):
                await writer.wait_closed()


def _closed_while_idle(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> bool:
    """The server closed the idle keep-alive connection (uvicorn does past its keep-alive time): the loop read
    the close already, or, as httpcore sees it before reusing one (the engine's client), the socket is readable
    with no request out (this client's own loop may not have read the close yet when it is busy)."""
    if reader.at_eof():
        return True
    sock = writer.get_extra_info("socket")
    if sock is None or sock.fileno() < 0:
        return True
    poller = select.poll()  # not select(): the generator holds 2,000 connections, past select's 1,024
    poller.register(sock.fileno(), select.POLLIN)
    return bool(poller.poll(0))
