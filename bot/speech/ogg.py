"""WAV to OGG/Opus, the only format Telegram plays as a voice note (libsndfile via soundfile)."""

import io
from pathlib import Path

import numpy as np
import soundfile

OPUS_RATE = 24000  # Opus takes 8, 12, 16, 24 or 48 kHz; espeak-ng makes 22.05 kHz


def wav_to_ogg_opus(path: Path) -> bytes:
    samples, rate = soundfile.read(str(path), dtype="float32")
    if samples.ndim > 1:
        samples = samples.mean(axis=1)
    length = int(len(samples) * OPUS_RATE / rate)
    resampled = np.interp(np.arange(length) * rate / OPUS_RATE, np.arange(len(samples)), samples).astype(
        "float32"
    )
    buffer = io.BytesIO()
    soundfile.write(buffer, resampled, OPUS_RATE, format="OGG", subtype="OPUS")
    return buffer.getvalue()
