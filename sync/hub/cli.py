"""`counter-hub`: serve the hub, enroll devices, list and revoke them, make peer tokens, show status."""

from __future__ import annotations

import argparse
import gc
import json
import logging
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from counter_app.errors import CounterError
from sync.hub import service
from sync.hub.store import hub_home, make_hub_engine
from sync.hub.tls import certificate_paths, ensure_certificate, fingerprint

if TYPE_CHECKING:
    from fastapi import FastAPI

WORKER_URL = "WARD_HUB_WORKER_DATABASE_URL"
# A PC syncs at least every 30 s (SyncEngine.interval_s) on a connection it keeps: held open longer than that,
# it is not closed and opened again (a TLS handshake) every time, and a request does not cross the server's
# closing an idle connection (uvicorn's default 5 s: a PC busy pulling for a few seconds lost its long poll)
KEEP_ALIVE_S = 65
# How long uvicorn's supervisor waits for a worker to answer its health ping before it kills and replaces it
# (uvicorn's default 5 s). A worker starved of CPU in a storm answered late and was killed with every long
# poll and request it held, which made the storm worse; a worker truly hung is still replaced.
WORKER_HEALTH_S = 30


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="counter-hub", description="Máy chủ đồng bộ Ward Counter")
    parser.add_argument("--database-url", help="mặc định: SQLite trong thư mục dữ liệu; hoặc postgresql+psycopg://…")
    sub = parser.add_subparsers(dest="command", required=True)
    serve = sub.add_parser("serve", help="chạy máy chủ")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8765)
    serve.add_argument(
        "--tls",
        action="store_true",
        help="HTTPS với chứng chỉ riêng của máy chủ (máy chủ phường trong mạng LAN); xem: counter-hub fingerprint",
    )
    serve.add_argument(
        "--tls-name", action="append", default=[], help="tên/IP của máy chủ ghi vào chứng chỉ (lặp lại được)"
    )
    serve.add_argument(
        "--upstream",
        help="máy chủ cấp trên: máy chủ thành phố (khi đây là máy chủ phường) hoặc máy chủ chính (dự phòng)",
    )
    serve.add_argument(
        "--upstream-token", help="mã do máy chủ cấp trên cấp (counter-hub ward-hub-token hoặc peer-token)"
    )
    serve.add_argument(
        "--upstream-token-file", type=Path, help="tệp chứa mã đó (không lộ mã trong danh sách tiến trình)"
    )
    serve.add_argument(
        "--workers",
        type=int,
        default=1,
        help="số tiến trình phục vụ (PostgreSQL; xem docs/hub.md: 1 mỗi lõi CPU, tối đa 2 mỗi lõi)",
    )
    enroll = sub.add_parser("enroll", help="tạo mã đăng ký một lần cho một máy quầy")
    enroll.add_argument("--unit", required=True, help="mã đơn vị hành chính (5 chữ số), ví dụ 27460")
    enroll.add_argument("--counter", type=int, required=True)
    publish = sub.add_parser(
        "publish", help="phát hành bảng của Thành phố (ngày nghỉ, danh mục, lệ phí, thời hạn lưu trữ) xuống các phường"
    )
    publish.add_argument("entity", choices=["calendar_entry", "catalog_release", "fee_entry", "retention_entry"])
    publish.add_argument("file", type=Path, help="danh sách JSON các bản ghi")
    publish.add_argument("--unit", action="append", default=[], help="mã phường/xã (lặp lại được)")
    publish.add_argument("--all-hcmc", action="store_true", help="cả 168 phường, xã, đặc khu của TP. Hồ Chí Minh")
    sub.add_parser("fingerprint", help="dấu vân tay chứng chỉ HTTPS để máy quầy ghim khi đăng ký")
    sub.add_parser("devices", help="liệt kê thiết bị")
    revoke = sub.add_parser("revoke", help="thu hồi mã của một thiết bị")
    revoke.add_argument("device_id")
    ward_hub = sub.add_parser("ward-hub-token", help="tạo mã cho máy chủ phường (chuyển lên và nhận về dữ liệu phường)")
    ward_hub.add_argument("--unit", required=True, help="mã đơn vị hành chính của phường/xã")
    ward_hub.add_argument("--name", default="ward hub")
    peer = sub.add_parser("peer-token", help="tạo mã cho máy chủ dự phòng chuyển dữ liệu lên")
    peer.add_argument("--name", default="backup hub")
    sub.add_parser("status", help="thiết bị, lần liên lạc cuối, số bản ghi theo đơn vị")
    return parser


def _serve(args: argparse.Namespace) -> int:
    """uvicorn's own access line is off: the guard writes the request log (one JSON line a request).
    On Linux uvicorn runs on uvloop with the httptools parser (dependencies of the package there)."""
    import uvicorn

    from sync.hub.app import create_app
    from sync.hub.relay import relay_and_pull

    logging.basicConfig(level=logging.INFO, format="%(message)s")
    engine = make_hub_engine(args.database_url)
    if args.upstream_token_file:
        args.upstream_token = args.upstream_token_file.read_text(encoding="utf-8").strip()
    if bool(args.upstream) != bool(args.upstream_token):
        print("Cần cả --upstream và --upstream-token.", file=sys.stderr)
        return 2
    tls: dict[str, str] = {}
    if args.tls:
        cert, key = ensure_certificate(hub_home() / "tls", args.tls_name or None)
        tls = {"ssl_certfile": str(cert), "ssl_keyfile": str(key)}
        print(f"HTTPS; dấu vân tay chứng chỉ (SHA-256): {fingerprint(cert.read_bytes())}", flush=True)
    if args.workers > 1:
        if engine.dialect.name != "postgresql" or args.upstream:
            print("Nhiều tiến trình (--workers) cần PostgreSQL và không dùng --upstream.", file=sys.stderr)
            return 2
        engine.dispose()  # each worker opens its own pool after the fork
        os.environ[WORKER_URL] = str(args.database_url)
        uvicorn.run(
            "sync.hub.cli:worker_app", factory=True, workers=args.workers, host=args.host, port=args.port,
            log_config=None, access_log=False, timeout_keep_alive=KEEP_ALIVE_S,
            timeout_worker_healthcheck=WORKER_HEALTH_S, **tls,  # type: ignore[arg-type]
        )  # fmt: skip
        return 0
    relay = (lambda: relay_and_pull(engine, args.upstream, args.upstream_token)) if args.upstream else None
    app = create_app(engine, relay)
    settle_heap()
    uvicorn.run(
        app, host=args.host, port=args.port, log_config=None, access_log=False,
        timeout_keep_alive=KEEP_ALIVE_S, **tls,  # type: ignore[arg-type]
    )  # fmt: skip
    return 0


def worker_app() -> FastAPI:
    """One of several stateless workers over the same PostgreSQL (`serve --workers N`)."""
    from sync.hub.app import create_app

    logging.basicConfig(level=logging.INFO, format="%(message)s")
    app = create_app(make_hub_engine(os.environ[WORKER_URL]))
    settle_heap()
    return app


def settle_heap() -> None:
    """Once the app is made: what exists now (FastAPI, SQLAlchemy, pydantic and their schemas, some 100,000
    objects) lives as long as the process, so it is moved out of the garbage collector's full passes, as the
    desktop app does once its window shows (ui/heap.py). A push of 2,000 operations makes tens of thousands of
    short-lived objects; the full passes they set off walked everything each time, 60-100 ms with the request
    waiting (seen through gc.callbacks: 7 in a push and pull of 100,000, half a second)."""
    gc.collect()  # nothing made at start that is already garbage is kept for good
    gc.freeze()


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if args.command == "serve":
        return _serve(args)
    engine = make_hub_engine(args.database_url)
    try:
        if args.command == "enroll":
            code = service.new_enrollment_code(engine, args.unit, args.counter)
            print(f"Mã đăng ký (dùng một lần, hết hạn sau 24 giờ): {code}")
            cert = certificate_paths(hub_home() / "tls")[0]
            if cert.exists():
                print(f"Dấu vân tay chứng chỉ (nhập cùng mã khi đăng ký): {fingerprint(cert.read_bytes())}")
        elif args.command == "publish":
            from counter_app.units import hcmc_units
            from sync.hub.publish import load, publish

            wards = [u.code for u in hcmc_units()] if args.all_hcmc else args.unit
            if not wards:
                print("Chọn --unit hoặc --all-hcmc.", file=sys.stderr)
                return 2
            applied = publish(engine, args.entity, load(args.file), wards)
            print(f"Đã phát hành {applied} bản ghi cho {len(wards)} đơn vị.")
        elif args.command == "fingerprint":
            cert = certificate_paths(hub_home() / "tls")[0]
            if not cert.exists():
                print("Máy chủ chưa có chứng chỉ: chạy counter-hub serve --tls một lần.", file=sys.stderr)
                return 1
            print(fingerprint(cert.read_bytes()))
        elif args.command == "devices":
            for d in service.list_devices(engine):
                state = "thu hồi" if d.revoked_at else "hoạt động"
                print(
                    f"{d.id}\t{d.kind}\t{d.unit_code}\tquầy {d.counter_no}\t{d.name}\t{d.last_seen_at or '-'}\t{state}"
                )
        elif args.command == "revoke":
            if not service.revoke(engine, args.device_id):
                print("Không có thiết bị này.", file=sys.stderr)
                return 1
            print("Đã thu hồi.")
        elif args.command == "ward-hub-token":
            print(service.new_ward_hub_token(engine, args.unit, args.name))
        elif args.command == "peer-token":
            print(service.new_peer_token(engine, args.name))
        elif args.command == "status":
            devices = [
                {
                    "id": d.id,
                    "unit": d.unit_code,
                    "counter": d.counter_no,
                    "last_seen": str(d.last_seen_at),
                    "revoked": d.revoked_at is not None,
                }
                for d in service.list_devices(engine)
            ]
            wards = [vars(w) for w in service.status(engine)]
            print(json.dumps({"devices": devices, "wards": wards}, ensure_ascii=False, indent=1))
    except CounterError as exc:
        print(str(exc), file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
