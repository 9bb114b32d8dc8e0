from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from counter_app import catalog
from counter_app.config import resources_dir
from counter_app.errors import ValidationError


def test_shipped_catalog_is_broad_and_complete() -> None:
    cat = catalog.load_catalog()
    assert len(cat.procedures) >= 40
    assert len(cat.fields()) >= 7
    assert {"Hộ tịch", "Chứng thực", "Hộ kinh doanh", "Đất đai", "Xây dựng", "Bảo trợ xã hội"} <= set(cat.fields())
    for proc in cat.procedures:
        assert proc.papers and proc.result and proc.legal_basis
        if proc.online != "none":
            assert proc.online_steps and any("VNeID" in p for p in proc.online_prerequisites)
    birth = cat.get("1.001193")
    assert birth.name == "Đăng ký khai sinh" and birth.same_day
    assert birth.papers[0].form_label_vi == "Bản chính"


def test_unknown_code_is_a_vietnamese_error() -> None:
    with pytest.raises(ValidationError, match="không có trong danh mục"):
        catalog.load_catalog().get("9.999999")


def test_search_is_accent_insensitive() -> None:
    cat = catalog.load_catalog()
    assert cat.search("khai sinh")[0].name.startswith("Đăng ký khai sinh")
    assert any(p.code == "1.000894" for p in cat.search("dang ky ket hon"))
    assert cat.search("Đăng ký kết hôn")[0].code == "1.000894"
    assert cat.search("2.000815")[0].code == "2.000815"


def _write(folder: Path, body: object, name: str = "x.json") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text(json.dumps(body, ensure_ascii=False), encoding="utf-8")
    return folder


def _one_procedure() -> dict[str, object]:
    data = json.loads((resources_dir() / "catalog" / "ho_tich.json").read_text(encoding="utf-8"))
    return {"catalog_version": "test", "procedures": [data["procedures"][0]]}


def test_validation_names_file_and_field(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "broken.json").write_text("{not json", encoding="utf-8")
    with pytest.raises(ValidationError, match="broken.json.*JSON"):
        catalog.load_catalog(tmp_path / "a")

    body = _one_procedure()
    del body["procedures"][0]["result"]  # type: ignore[index]
    with pytest.raises(ValidationError, match=r"missing.json, trường procedures\[0\] \(mã 1.001193\).result"):
        catalog.load_catalog(_write(tmp_path / "b", body, "missing.json"))

    body = _one_procedure()
    body["procedures"][0]["processing_days"] = "ba ngày"  # type: ignore[index]
    with pytest.raises(ValidationError, match="wrongtype.json.*processing_days"):
        catalog.load_catalog(_write(tmp_path / "c", body, "wrongtype.json"))

    folder = _write(tmp_path / "d", _one_procedure(), "one.json")
    _write(folder, _one_procedure(), "two.json")
    with pytest.raises(ValidationError, match="two.json: mã thủ tục 1.001193 bị trùng"):
        catalog.load_catalog(folder)


def test_replacement_catalog_is_validated_then_installed(tmp_path: Path) -> None:
    official = tmp_path / "official"
    shutil.copytree(resources_dir() / "catalog", official)
    body = _one_procedure()
    body["procedures"][0]["code"] = "1.999001"  # type: ignore[index]
    body["procedures"][0]["name"] = "Thủ tục chính thức mới"  # type: ignore[index]
    _write(official, body, "zz_new.json")
    installed = catalog.install_catalog(official)
    assert installed.get("1.999001").name == "Thủ tục chính thức mới"
    assert catalog.default_catalog().get("1.999001")
    broken = _write(tmp_path / "broken", {"catalog_version": "x"})
    with pytest.raises(ValidationError):
        catalog.install_catalog(broken)
    assert catalog.default_catalog().get("1.999001")  # a bad replacement changed nothing
