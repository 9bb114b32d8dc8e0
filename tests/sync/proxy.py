"""A small TCP proxy of our own between client and hub, with fault modes, for the fault tests.

Runs its own asyncio loop in a thread on 127.0.0.1. Modes:
  pass      forward both ways
  refuse    close every new connection at once (like connection refused / reset)
  drop_request   read part of the request, then close without forwarding it
  drop_response  forward the request, read the hub's whole answer, then close without sending it
                 (the hub committed; the client never hears)
  delay     forward, but hold the answer `delay_s` seconds (slow network)
  error503  answer HTTP 503 without forwarding
  reset     read part of the request, then abort with a TCP reset (RST, not a clean close)
  garbage   forward the request, then answer random bytes instead of the hub's answer
  cut       forward the request, pass on only the first bytes of the hub's answer, then close
"""

from __future__ import annotations

import asyncio
import os
import socket
import struct
import threading

from tests.sync.hubserver import free_port

ERROR_503 = (
    b"HTTP/1.1 503 Service Unavailable\r\ncontent-type: application/json\r\ncontent-length: 2\r\n"
    b"connection: close\r\n\r\n{}"
)


class FaultProxy:
    def __init__(self, target_port: int) -> None:
        self.target_port = target_port
        self.port = free_port()
        self.mode = "pass"
        self.delay_s = 0.0
        self.faults_left: int | None = None  # None: every connection; n: the next n, then pass
        self.connections = 0
        self._loop = asyncio.new_event_loop()
        self._ready = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()
        self._ready.wait(10)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def set(self, mode: str, faults: int | None = None, delay_s: float = 0.0) -> None:
        self.mode, self.faults_left, self.delay_s = mode, faults, delay_s

    def _run(self) -> None:
        asyncio.set_event_loop(self._loop)
        self._server = self._loop.run_until_complete(asyncio.start_server(self._handle, "127.0.0.1", self.port))
        self._ready.set()
        self._loop.run_forever()

    def close(self) -> None:
        async def shutdown() -> None:
            self._server.close()
            tasks = [t for t in asyncio.all_tasks() if t is not asyncio.current_task()]
            for task in tasks:
                task.cancel()
            await asyncio.gather(*tasks, return_exceptions=True)

        asyncio.run_coroutine_threadsafe(shutdown(), self._loop).result(10)
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(10)
        self._loop.close()

    def _current_mode(self) -> str:
        if self.mode == "pass" or self.faults_left == 0:
            return "pass"
        if self.faults_left is not None:
            self.faults_left -= 1
        return self.mode

    async def _handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self.connections += 1
        mode = self._current_mode()
        try:
            if mode == "refuse":
                return
            if mode in ("drop_request", "error503", "reset"):
                await reader.read(64)
                if mode == "error503":
                    writer.write(ERROR_503)
                    await writer.drain()
                if mode == "reset":
                    _abort(writer)
                return
            up_reader, up_writer = await asyncio.open_connection("127.0.0.1", self.target_port)
            try:
                await self._relay(reader, writer, up_reader, up_writer, mode)
            finally:
                up_writer.close()
        except (ConnectionError, asyncio.IncompleteReadError):
            pass
        finally:
            writer.close()

    async def _relay(
        self,
        reader: asyncio.StreamReader,
        writer: asyncio.StreamWriter,
        up_reader: asyncio.StreamReader,
        up_writer: asyncio.StreamWriter,
        mode: str,
    ) -> None:
        async def upstream() -> None:
            while data := await reader.read(65536):
                up_writer.write(data)
                await up_writer.drain()

        pump = asyncio.ensure_future(upstream())
        try:
            while data := await up_reader.read(65536):
                if mode == "drop_response":
                    return  # the hub answered (so it committed); the client never hears it
                if mode == "garbage":
                    writer.write(os.urandom(len(data)))  # the hub committed; the client hears noise
                    await writer.drain()
                    return
                if mode == "cut":
                    writer.write(data[: max(1, len(data) // 3)])  # part of the headers or body, then gone
                    await writer.drain()
                    return
                if mode == "delay":
                    await asyncio.sleep(self.delay_s)
                writer.write(data)
                await writer.drain()
        finally:
            pump.cancel()


def _abort(writer: asyncio.StreamWriter) -> None:
    """Close with RST: SO_LINGER with a zero timeout makes close() abort the connection."""
    sock = writer.get_extra_info("socket")
    if sock is not None:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
