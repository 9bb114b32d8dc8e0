"""Write resources/sounds/voice/<lang>/*.wav: the clips the display board joins into a spoken call
("Mời công dân có số A071 đến quầy số 2"), made offline with espeak-ng (GPL-3 program; its output is ours).

Run again after changing a phrase: `apt-get install espeak-ng`, then `.venv/bin/python scripts/make_voice.py`.
Vietnamese uses espeak-ng's Southern voice (Ho Chi Minh City); English its default English voice.
The board never calls espeak-ng: the clips are shipped, so a ward PC needs nothing installed.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import wave
from array import array
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGET = ROOT / "resources" / "sounds" / "voice"
VOICES = {"vi": "vi-vn-x-south", "en": "en"}
DIGITS = {
    "vi": ["không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín"],
    "en": ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"],
}
# Letters as they are read aloud in each language (service group prefixes: A, B, C…).
VI_LETTERS = "a bê xê dê e ép giê hát i gi ca e-lờ em-mờ en-nờ o pê quy e-rờ ét tê u vê vê-kép ích-xì i-dài dét"
LETTERS = {
    "vi": {chr(ord("A") + i): name.replace("-", " ") for i, name in enumerate(VI_LETTERS.split())},
    "en": {chr(ord("A") + i): chr(ord("A") + i) for i in range(26)},
}
PHRASES = {
    "vi": {"invite": "Mời công dân có số", "to_counter": "đến quầy số"},
    "en": {"invite": "Number", "to_counter": "please go to counter"},
}
RATE = 22_050  # espeak-ng's own rate, and the chime's: clips join without resampling


def trim(samples: array, margin: int = RATE // 40) -> array:
    """Drop espeak-ng's leading and trailing silence, so joined clips sound like one sentence."""
    loud = [i for i, value in enumerate(samples) if abs(value) > 300]
    if not loud:
        return samples
    return samples[max(0, loud[0] - margin) : loud[-1] + margin]


def speak(voice: str, text: str, out: Path) -> None:
    subprocess.run(["espeak-ng", "-v", voice, "-s", "140", "-w", str(out), text], check=True)
    with wave.open(str(out)) as clip:
        assert clip.getframerate() == RATE and clip.getnchannels() == 1 and clip.getsampwidth() == 2
        samples = array("h", clip.readframes(clip.getnframes()))
    with wave.open(str(out), "wb") as clip:
        clip.setnchannels(1)
        clip.setsampwidth(2)
        clip.setframerate(RATE)
        clip.writeframes(trim(samples).tobytes())


def main() -> int:
    if shutil.which("espeak-ng") is None:
        print("espeak-ng is missing: apt-get install espeak-ng", file=sys.stderr)
        return 2
    for lang, voice in VOICES.items():
        folder = TARGET / lang
        folder.mkdir(parents=True, exist_ok=True)
        for old in folder.glob("*.wav"):
            old.unlink()
        for name, text in PHRASES[lang].items():
            speak(voice, text, folder / f"{name}.wav")
        for digit, text in enumerate(DIGITS[lang]):
            speak(voice, text, folder / f"{digit}.wav")
        for letter, text in LETTERS[lang].items():
            speak(voice, text, folder / f"letter_{letter}.wav")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
