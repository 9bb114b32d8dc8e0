"""Copy the icons and fonts the app ships from their npm packages into resources/ (run again to update).

    cd /tmp && npm pack @tabler/icons@3.52.0 @fontsource/be-vietnam-pro@5.3.0
    uv run --with fonttools --with brotli python scripts/vendor_look.py /tmp

Icons: the Tabler Icons outline SVGs the app uses (MIT), as they are, with the licence.
Fonts: Be Vietnam Pro (SIL OFL 1.1). Fontsource splits each weight into Unicode subsets (latin, latin-ext,
vietnamese); Qt does not fall back between files of one family, so each weight is merged into one TTF.
"""

from __future__ import annotations

import shutil
import sys
import tarfile
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ICONS = ROOT / "resources" / "icons"
FONTS = ROOT / "resources" / "fonts"
TABLER = "tabler-icons-3.52.0.tgz"
FONTSOURCE = "fontsource-be-vietnam-pro-5.3.0.tgz"
USED_ICONS = """
    speakerphone repeat user-x player-play circle-check arrows-exchange ticket file-plus search refresh logout
    settings users history device-tv hand-finger language printer file-text x alert-triangle clock cloud
    cloud-off list-details calendar-event info-circle inbox database-export trash chevron-down chevron-up
"""
WEIGHTS = {400: "Regular", 600: "SemiBold", 700: "Bold"}
SUBSETS = ("latin", "latin-ext", "vietnamese")


def unpack(archive: Path, into: Path) -> Path:
    with tarfile.open(archive) as tar:
        tar.extractall(into, filter="data")
    return into / "package"


def icons(package: Path) -> None:
    ICONS.mkdir(parents=True, exist_ok=True)
    for name in USED_ICONS.split():
        shutil.copyfile(package / "icons" / "outline" / f"{name}.svg", ICONS / f"{name}.svg")
    shutil.copyfile(package / "LICENSE", ICONS / "LICENSE-tabler-icons.txt")


def fonts(package: Path, work: Path) -> None:
    from fontTools.merge import Merger
    from fontTools.ttLib import TTFont

    FONTS.mkdir(parents=True, exist_ok=True)
    for weight, style in WEIGHTS.items():
        parts = []
        for subset in SUBSETS:
            font = TTFont(package / "files" / f"be-vietnam-pro-{subset}-{weight}-normal.woff")
            font.flavor = None
            part = work / f"{subset}-{weight}.ttf"
            font.save(part)
            parts.append(str(part))
        merged = Merger().merge(parts)
        merged.save(FONTS / f"BeVietnamPro-{style}.ttf")
    shutil.copyfile(package / "LICENSE", FONTS / "OFL-be-vietnam-pro.txt")


def main(folder: str) -> int:
    source = Path(folder)
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        icons(unpack(source / TABLER, work / "tabler"))
        fonts(unpack(source / FONTSOURCE, work / "fontsource"), work)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1] if len(sys.argv) > 1 else "."))
