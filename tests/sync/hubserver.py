"""Run the real hub with uvicorn on 127.0.0.1 in a background thread, for tests."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Sequence
from pathlib import Path

import httpx
import uvicorn
from sqlalchemy.engine import Engine
from starlette.types import ASGIApp

from sync.hub.app import Relay, create_app
from sync.hub.store import make_hub_engine


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class RunningHub:
    def __init__(
        self,
        database_url: str,
        relay: Callable[[Engine], Relay] | None = None,
        port: int | None = None,
        tls: tuple[Path, Path] | None = None,
        wrap: Callable[[ASGIApp], ASGIApp] | None = None,
    ) -> None:
        self.tls = tls  # (certificate, key): serve HTTPS as a ward hub on the LAN does
        self.wrap = wrap  # around the app: e.g. a hub from before, which ignores what it does not know
        self.engine: Engine = make_hub_engine(database_url)
        self.relay = relay(self.engine) if relay else None
        self.port = port or free_port()
        self._server: uvicorn.Server | None = None
        self._thread: threading.Thread | None = None

    @property
    def url(self) -> str:
        return f"{'https' if self.tls else 'http'}://127.0.0.1:{self.port}"

    def start(self) -> RunningHub:
        app = create_app(self.engine, self.relay)
        config = uvicorn.Config(
            self.wrap(app) if self.wrap else app,
            host="127.0.0.1",
            port=self.port,
            log_config=None,
            lifespan="on",
            timeout_graceful_shutdown=1,  # long polls would hold a stop for their whole wait
            ssl_certfile=str(self.tls[0]) if self.tls else None,
            ssl_keyfile=str(self.tls[1]) if self.tls else None,
        )
        self._server = uvicorn.Server(config)
        self._thread = threading.Thread(target=self._server.run, daemon=True)
        self._thread.start()
        deadline = time.monotonic() + 15
        while not self._server.started:
            if time.monotonic() > deadline or not self._thread.is_alive():
                raise RuntimeError("hub did not start")
            time.sleep(0.02)
        return self

    def stop(self) -> None:
        if self._server is not None and self._thread is not None:
            self._server.should_exit = True
            self._thread.join(timeout=15)
            self._server = None

    def restart(self) -> None:
        self.stop()
        self.start()

    def close(self) -> None:
        self.stop()
        self.engine.dispose()


class ProcessHub:
    """The hub as IT staff run it (`counter-hub serve`), in its own process: for tests of many PCs at once,
    where a hub sharing the test's interpreter would be starved by the PCs."""

    def __init__(
        self, database_url: str, port: int | None = None, extra: Sequence[str] = (), env: dict[str, str] | None = None
    ) -> None:
        self.database_url, self.port, self.extra = database_url, port or free_port(), list(extra)
        self.env = {**os.environ, **(env or {})}
        self.engine: Engine = make_hub_engine(database_url)  # the store, for enrollment codes and checks
        self._process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> ProcessHub:
        command = [sys.executable, "-m", "sync.hub.cli", "--database-url", self.database_url, "serve"]
        command += ["--port", str(self.port), *self.extra]
        self._process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=self.env)
        deadline = time.monotonic() + 20
        while True:
            try:
                if httpx.get(f"{self.url}/v1/health", timeout=1).status_code == 200:
                    return self
            except httpx.HTTPError:
                pass
            if time.monotonic() > deadline or self._process.poll() is not None:
                raise RuntimeError("hub did not start")
            time.sleep(0.1)

    def stop(self) -> None:
        if self._process is not None:
            self._process.terminate()
            try:
                self._process.wait(10)
            except subprocess.TimeoutExpired:
                self._process.kill()
                self._process.wait(5)
            self._process = None

    def close(self) -> None:
        self.stop()
        self.engine.dispose()
