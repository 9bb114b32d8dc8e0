"""Write resources/sounds/chime.wav: a soft two-tone chime (stdlib only), for the display board."""

from __future__ import annotations

import math
import struct
import wave
from pathlib import Path

RATE = 22_050


def tone(freq: float, seconds: float, volume: float = 0.35) -> list[int]:
    frames = int(RATE * seconds)
    return [
        int(32767 * volume * math.exp(-3 * i / frames) * math.sin(2 * math.pi * freq * i / RATE)) for i in range(frames)
    ]


def main() -> None:
    samples = tone(880.0, 0.45) + tone(660.0, 0.7)
    target = Path(__file__).resolve().parent.parent / "resources" / "sounds" / "chime.wav"
    with wave.open(str(target), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(RATE)
        out.writeframes(struct.pack(f"<{len(samples)}h", *samples))


if __name__ == "__main__":
    main()
