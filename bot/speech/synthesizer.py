"""Makes speech with pyttsx3 (espeak-ng) in one worker process of its own, with a timeout and a cache.

pyttsx3 is not thread-safe, `runAndWait` blocks and `save_to_file` can hang or write nothing.
So each engine lives in a worker process of its own (bot.speech.worker), a small pool of them
(one per core by default): the event loop only awaits their answers, a hung synthesis is killed
after a timeout (and its worker replaced), and concurrent requests for the same audio share one
synthesis. Audio is cached on disk by (text, voice, rate); the least recently used goes first
when the cache is full.

Replies that hold a resident's own details are never cached under a name made from their words
(anyone could guess it): they are made each time, kept under a random name in a folder of their
conversation (`private/<owner>/`) for a short life, and deleted by forget-me and by purge.
"""

import asyncio
import hashlib
import json
import secrets
import shutil
import sys
import time
import wave
from dataclasses import dataclass
from pathlib import Path
from typing import Dict, Optional

from bot.settings import Settings

BRITISH_VOICE = "gmw/en"  # espeak-ng's British English
RATES = {"normal": 165, "slow": 120}  # words per minute


class SpeechError(Exception):
    """The text could not be turned into speech."""


@dataclass
class Speech:
    audio_id: str
    path: Path
    cached: bool


def owner_key(conversation: str) -> str:
    """The folder name of a conversation's private replies."""
    return hashlib.sha256(conversation.encode()).hexdigest()[:32]


def forget_private_speech(cache_dir: Path, conversation: str) -> None:
    """Deletes every private spoken reply of a conversation (forget-me, on whichever channel)."""
    shutil.rmtree(cache_dir / "private" / owner_key(conversation), ignore_errors=True)


class _Worker:
    """One `python -m bot.speech.worker` process, asked one JSON line at a time."""

    def __init__(self, process: asyncio.subprocess.Process) -> None:
        self.process = process

    @classmethod
    async def start(cls) -> "_Worker":
        return cls(
            await asyncio.create_subprocess_exec(
                sys.executable,
                "-m",
                "bot.speech.worker",
                BRITISH_VOICE,
                stdin=asyncio.subprocess.PIPE,
                stdout=asyncio.subprocess.PIPE,
                cwd=Path(__file__).resolve().parents[2],
            )
        )

    async def ask(self, request: dict) -> dict:
        self.process.stdin.write((json.dumps(request) + "\n").encode())
        await self.process.stdin.drain()
        line = await self.process.stdout.readline()
        if not line:
            raise SpeechError("the speech worker stopped")
        return json.loads(line)

    async def stop(self) -> None:
        if self.process.returncode is None:
            self.process.kill()
            await self.process.wait()


class Synthesizer:
    """Turns text into WAV files under `cache_dir`, never blocking the caller's event loop."""

    def __init__(
        self,
        cache_dir: Path,
        cache_megabytes: int = 200,
        timeout_seconds: float = 10,
        workers: int = 2,
        private_seconds: float = 600,
    ) -> None:
        self.cache_dir = cache_dir
        self.private_dir = cache_dir / "private"
        self.private_seconds = private_seconds
        self.cache_bytes = cache_megabytes * 1024 * 1024
        self.timeout_seconds = timeout_seconds
        self.workers = workers
        self.cache_dir.mkdir(parents=True, exist_ok=True)
        self._idle: Optional[asyncio.Queue] = None  # made in the serving event loop
        self._in_flight: Dict[str, asyncio.Future] = {}

    @classmethod
    def from_settings(cls, config: Settings) -> "Synthesizer":
        return cls(
            config.speech_cache_dir,
            config.speech_cache_mb,
            config.speech_timeout_seconds,
            config.speech_workers,
            config.speech_private_seconds,
        )

    @staticmethod
    def audio_id(text: str, rate: str) -> str:
        return hashlib.sha256(f"{BRITISH_VOICE}|{rate}|{text}".encode()).hexdigest()

    def path_of(self, audio_id: str) -> Path:
        return self.cache_dir / f"{audio_id}.wav"

    def private_path_of(self, name: str) -> Optional[Path]:
        """A private reply's file, while it lives (None once expired or forgotten)."""
        for path in self.private_dir.glob(f"*/{name}.wav"):
            if time.time() - path.stat().st_mtime < self.private_seconds:
                return path
        return None

    def forget(self, conversation: str) -> None:
        """Forget me: every private reply of this conversation is deleted now."""
        forget_private_speech(self.cache_dir, conversation)

    def _sweep_private(self) -> None:
        oldest = time.time() - self.private_seconds
        for path in self.private_dir.glob("*/*.wav"):
            if path.stat().st_mtime < oldest:
                path.unlink(missing_ok=True)

    async def speak(self, text: str, rate: str = "normal", private_to: Optional[str] = None) -> Speech:
        """The WAV for `text`, from the cache or made now; with `private_to` (a conversation),
        made now under a random name that only lives a short while. Raises SpeechError."""
        if rate not in RATES:
            raise SpeechError(f"unknown rate {rate!r}")
        if not text.strip():
            raise SpeechError("there are no words to speak")
        if private_to is not None:
            self._sweep_private()
            name = secrets.token_urlsafe(24)
            folder = self.private_dir / owner_key(private_to)
            folder.mkdir(parents=True, exist_ok=True)
            await self._make(text, rate, folder / f"{name}.wav", evict=False)
            return Speech(name, folder / f"{name}.wav", cached=False)
        audio_id = self.audio_id(text, rate)
        path = self.path_of(audio_id)
        if path.exists():
            path.touch()  # most recently used
            return Speech(audio_id, path, cached=True)
        making = self._in_flight.get(audio_id)
        if making is None:
            making = asyncio.ensure_future(self._make(text, rate, path))
            self._in_flight[audio_id] = making
            making.add_done_callback(lambda _: self._in_flight.pop(audio_id, None))
        await asyncio.shield(making)
        return Speech(audio_id, path, cached=False)

    async def _make(self, text: str, rate: str, path: Path, evict: bool = True) -> None:
        if self._idle is None:
            self._idle = asyncio.Queue()
            for _ in range(self.workers):
                self._idle.put_nowait(None)  # a place for a worker, started when first needed
        try:  # every worker busy for too long: the reply comes without audio, not late
            worker = await asyncio.wait_for(self._idle.get(), self.timeout_seconds)
        except asyncio.TimeoutError:
            raise SpeechError("every speech worker is busy") from None
        try:
            worker = worker if worker and worker.process.returncode is None else await _Worker.start()
            request = {"text": text, "words_per_minute": RATES[rate], "path": str(path)}
            answer = await asyncio.wait_for(worker.ask(request), self.timeout_seconds)
        except (asyncio.TimeoutError, SpeechError, OSError, ValueError) as error:
            if worker:
                await worker.stop()  # hung or broken: a new worker takes its place next time
            worker = None
            raise SpeechError(f"speech failed: {error or 'it took too long'}") from None
        finally:
            self._idle.put_nowait(worker)
        if not answer.get("ok"):
            raise SpeechError(answer.get("error", "speech failed"))
        if evict:
            self._evict(keep=path)

    def _evict(self, keep: Path) -> None:
        """Deletes the least recently used audio until the cache fits; never the file just made."""
        files = sorted(self.cache_dir.glob("*.wav"), key=lambda f: f.stat().st_mtime)  # not private/
        total = sum(f.stat().st_size for f in files)
        for oldest in files:
            if total <= self.cache_bytes:
                break
            if oldest == keep:
                continue
            total -= oldest.stat().st_size
            oldest.unlink(missing_ok=True)

    async def aclose(self) -> None:
        """Stops the workers (each also stops by itself when its input closes)."""
        idle, self._idle = self._idle, None
        while idle is not None and not idle.empty():
            worker = idle.get_nowait()
            if worker:
                await worker.stop()


def wav_seconds(path: Path) -> float:
    with wave.open(str(path), "rb") as audio:
        return audio.getnframes() / audio.getframerate()
