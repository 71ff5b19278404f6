"""Makes speech with pyttsx3 (espeak-ng) in one worker process of its own, with a timeout and a cache.

pyttsx3 is not thread-safe, `runAndWait` blocks and `save_to_file` can hang or write nothing.
So the engine lives in one worker process (bot.speech.worker): the event loop only awaits its
answer, a hung synthesis is killed after a timeout (and the worker replaced), and the output is
checked. Audio is cached on disk by (text, voice, rate); the oldest files go when the cache is full.
"""

import asyncio
import hashlib
import json
import os
import sys
import wave
from dataclasses import dataclass
from pathlib import Path
from typing import Optional

BRITISH_VOICE = "gmw/en"  # espeak-ng's British English
RATES = {"normal": 165, "slow": 120}  # words per minute


class SpeechError(Exception):
    """The text could not be turned into speech."""


@dataclass
class Speech:
    audio_id: str
    path: Path
    cached: bool


class Synthesizer:
    """Turns text into WAV files under `cache_dir`, never blocking the caller's event loop."""

    def __init__(self, cache_dir: Path, cache_megabytes: int = 200, timeout_seconds: float = 10) -> None:
        self.cache_dir = cache_dir
        self.cache_bytes = cache_megabytes * 1024 * 1024
        self.timeout_seconds = timeout_seconds
        self.cache_dir.mkdir(parents=True, exist_ok=True)
        self._worker: Optional[asyncio.subprocess.Process] = None
        self._lock = asyncio.Lock()

    @classmethod
    def from_environment(cls, project_dir: Path) -> "Synthesizer":
        return cls(
            Path(os.environ.get("SPEECH_CACHE_DIR", project_dir / "var" / "speech")),
            int(os.environ.get("SPEECH_CACHE_MB", "200")),
            float(os.environ.get("SPEECH_TIMEOUT_SECONDS", "10")),
        )

    @staticmethod
    def audio_id(text: str, rate: str) -> str:
        return hashlib.sha256(f"{BRITISH_VOICE}|{rate}|{text}".encode()).hexdigest()

    def path_of(self, audio_id: str) -> Path:
        return self.cache_dir / f"{audio_id}.wav"

    async def _ask_worker(self, request: dict) -> dict:
        if self._worker is None or self._worker.returncode is not None:
            self._worker = await asyncio.create_subprocess_exec(
                sys.executable, "-m", "bot.speech.worker", BRITISH_VOICE,
                stdin=asyncio.subprocess.PIPE, stdout=asyncio.subprocess.PIPE,
                cwd=Path(__file__).resolve().parents[2],
            )
        self._worker.stdin.write((json.dumps(request) + "\n").encode())
        await self._worker.stdin.drain()
        line = await self._worker.stdout.readline()
        if not line:
            raise SpeechError("the speech worker stopped")
        return json.loads(line)

    def _replace_worker(self) -> None:
        worker, self._worker = self._worker, None
        if worker is not None and worker.returncode is None:
            worker.kill()

    async def speak(self, text: str, rate: str = "normal") -> Speech:
        """The WAV for `text`, from the cache or made now. Raises SpeechError."""
        if rate not in RATES:
            raise SpeechError(f"unknown rate {rate!r}")
        if not text.strip():
            raise SpeechError("there are no words to speak")
        audio_id = self.audio_id(text, rate)
        path = self.path_of(audio_id)
        if path.exists():
            path.touch()  # most recently used
            return Speech(audio_id, path, cached=True)
        # One synthesis at a time: the worker owns one engine. Other conversations are not
        # held up (the event loop stays free); only other speech requests queue here.
        async with self._lock:
            if not path.exists():
                request = {"text": text, "words_per_minute": RATES[rate], "path": str(path)}
                try:
                    answer = await asyncio.wait_for(self._ask_worker(request), self.timeout_seconds)
                except (asyncio.TimeoutError, SpeechError, OSError, ValueError) as error:
                    self._replace_worker()  # a hung or broken worker: a new one next time
                    raise SpeechError(f"speech failed: {error or 'took too long'}") from None
                if not answer.get("ok"):
                    raise SpeechError(answer.get("error", "speech failed"))
        self._evict(keep=path)
        return Speech(audio_id, path, cached=False)

    def _evict(self, keep: Path) -> None:
        """Deletes the least recently used audio until the cache fits; never the file just made."""
        files = sorted(self.cache_dir.glob("*.wav"), key=lambda f: f.stat().st_mtime)
        total = sum(f.stat().st_size for f in files)
        for oldest in files:
            if total <= self.cache_bytes:
                break
            if oldest == keep:
                continue
            total -= oldest.stat().st_size
            oldest.unlink(missing_ok=True)

    async def aclose(self) -> None:
        """Stops the worker (it also stops by itself when its input closes)."""
        worker, self._worker = self._worker, None
        if worker is not None and worker.returncode is None:
            worker.kill()
            await worker.wait()


def wav_seconds(path: Path) -> float:
    with wave.open(str(path), "rb") as audio:
        return audio.getnframes() / audio.getframerate()
