"""The spoken call after the chime: "Mời công dân có số A071 đến quầy số 2", joined at run time from the
clips scripts/make_voice.py made offline (resources/sounds/voice/<lang>/), so the PC needs no speech engine.

Numbers are read digit by digit ("A không bảy một"), as the ticket is printed; letters by their names.
"""

from __future__ import annotations

import os
import tempfile
import time
import wave
from array import array
from pathlib import Path

from counter_app.config import resources_dir

SOUNDS = resources_dir() / "sounds"
CHIME = SOUNDS / "chime.wav"
VOICE = SOUNDS / "voice"
RATE = 22_050
PAUSE = array("h", [0] * (RATE // 5))  # 0.2 s between the chime and the words
GAP = array("h", [0] * (RATE // 20))  # a breath between words


def _samples(path: Path) -> array[int]:
    with wave.open(str(path)) as clip:
        return array("h", clip.readframes(clip.getnframes()))


def words(label: str, counter_no: int, language: str) -> list[Path]:
    """The clips of one call, in order; a character without a clip is left out rather than mispronounced."""
    folder = VOICE / (language if (VOICE / language).is_dir() else "vi")

    def spell(text: str) -> list[Path]:
        clips = [folder / (f"{ch}.wav" if ch.isdigit() else f"letter_{ch.upper()}.wav") for ch in text]
        return [clip for clip in clips if clip.exists()]

    return [folder / "invite.wav", *spell(label), folder / "to_counter.wav", *spell(str(counter_no))]


def call_sound(label: str, counter_no: int, language: str, volume: int, folder: Path | None = None) -> Path:
    """One WAV: the chime, then the spoken call, at `volume` percent; written to a temporary file."""
    joined = _samples(CHIME) + PAUSE
    for clip in words(label, counter_no, language):
        joined += _samples(clip) + GAP
    factor = max(0, min(volume, 100)) / 100
    if factor < 1:
        joined = array("h", (int(value * factor) for value in joined))
    if folder is not None:
        folder.mkdir(parents=True, exist_ok=True)
        for old in folder.glob("call-*.wav"):  # played long ago: a call lasts a few seconds
            if time.time() - old.stat().st_mtime > 120:
                old.unlink(missing_ok=True)
    handle, name = tempfile.mkstemp(prefix="call-", suffix=".wav", dir=folder)
    os.close(handle)
    target = Path(name)
    with wave.open(str(target), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(RATE)
        out.writeframes(joined.tobytes())
    return target
