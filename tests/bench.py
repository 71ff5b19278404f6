"""`make bench`: how well and how fast the assistant works on this machine. A benchmark, not a test.

Measures: training time; NLU intent macro-F1 by 5-fold cross-validation and accuracy on the
held-out phrasings (tests/nlu_heldout.yml); time until the server answers; REST latency of a
5-turn resident conversation, one resident at a time and 20 at once; memory of both servers.
Prints a Markdown table for the README and writes it to results/bench.md.
"""

import asyncio
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Dict, List

import httpx
import yaml

from bot.speech.synthesizer import Synthesizer

PROJECT_DIR = Path(__file__).resolve().parents[1]
RASA = str(Path(sys.executable).with_name("rasa"))
RASA_PORT, ACTIONS_PORT = 5205, 5255
CONVERSATION = [
    "hello",
    "what is a direct payment",
    "i look after my mum, can i get a carer's assessment",
    "what's the number for thurrock first",
    "thanks, bye",
]
TARGETS = {"macro_f1": ">= 0.95", "heldout_accuracy": ">= 0.95", "ready_s": "<= 45",
           "speech_first_ms": "< 300", "speech_cached_ms": "< 10"}


def timed(command: List[str]) -> float:
    started = time.monotonic()
    subprocess.run(command, cwd=PROJECT_DIR, check=True, capture_output=True)
    return time.monotonic() - started


def nlu_scores(out: Path) -> Dict[str, float]:
    subprocess.run(
        [RASA, "test", "nlu", "--nlu", "data/nlu", "--cross-validation", "--folds", "5",
         "--out", str(out / "cv")],
        cwd=PROJECT_DIR, check=True, capture_output=True,
    )
    subprocess.run(
        [RASA, "test", "nlu", "--nlu", "tests/nlu_heldout.yml", "--model",
         "models/front-door.tar.gz", "--out", str(out / "heldout")],
        cwd=PROJECT_DIR, check=True, capture_output=True,
    )
    cross = json.loads((out / "cv" / "intent_report.json").read_text())
    heldout = json.loads((out / "heldout" / "intent_report.json").read_text())
    return {
        "macro_f1": cross["macro avg"]["f1-score"],
        "heldout_accuracy": heldout["accuracy"],
    }


def rss_megabytes(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def children(pid: int) -> List[int]:
    return [int(p) for p in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]


def converse(client: httpx.Client) -> List[float]:
    sender = f"bench-{uuid.uuid4().hex[:10]}"
    latencies = []
    for message in CONVERSATION:
        started = time.monotonic()
        reply = client.post("/webhooks/rest/webhook", json={"sender": sender, "message": message})
        reply.raise_for_status()
        latencies.append((time.monotonic() - started) * 1000)
    return latencies


def percentile(values: List[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


def serving(workdir: Path) -> Dict[str, float]:
    endpoints = workdir / "endpoints.yml"
    endpoints.write_text(yaml.safe_dump({
        "action_endpoint": {"url": f"http://localhost:{ACTIONS_PORT}/webhook"},
        "tracker_store": {"type": "SQL", "dialect": "sqlite", "db": str(workdir / "tracker.db")},
    }))
    started = time.monotonic()
    process = subprocess.Popen(
        [sys.executable, "-m", "bot", "serve", "--port", str(RASA_PORT),
         "--actions-port", str(ACTIONS_PORT), "--endpoints", str(endpoints)],
        cwd=PROJECT_DIR, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    client = httpx.Client(base_url=f"http://localhost:{RASA_PORT}", timeout=60)
    try:
        deadline = time.monotonic() + 300
        while True:
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError("the assistant did not start")
            try:
                if client.post("/webhooks/rest/webhook",
                               json={"sender": "probe", "message": "/greet"}).json():
                    break
            except httpx.HTTPError:
                time.sleep(0.5)
        ready = time.monotonic() - started
        sequential = [ms for _ in range(10) for ms in converse(client)]
        with ThreadPoolExecutor(max_workers=20) as pool:
            wall = time.monotonic()
            concurrent = [ms for batch in pool.map(lambda _: converse(client), range(40))
                          for ms in batch]
            wall = time.monotonic() - wall
        memory = {f"rss_{'actions' if i else 'rasa'}_mb": rss_megabytes(pid)
                  for i, pid in enumerate(children(process.pid))}
        return {
            "ready_s": ready,
            "p50_sequential_ms": percentile(sequential, 0.5),
            "p95_sequential_ms": percentile(sequential, 0.95),
            "p50_20_concurrent_ms": percentile(concurrent, 0.5),
            "p95_20_concurrent_ms": percentile(concurrent, 0.95),
            "messages_per_s_20_concurrent": len(concurrent) / wall,
            **memory,
        }
    finally:
        process.terminate()
        process.wait(timeout=30)


SIXTY_WORD_ANSWER = (
    "A direct payment is money the council sets aside for your care and support, after an "
    "assessment of your needs. Instead of the council arranging your care, you use the money to "
    "choose and arrange it yourself. You can employ a personal assistant, pay an agency, or buy "
    "from small local care providers. Keep your receipts and send them to the council regularly."
)


def speech_timings(workdir: Path) -> Dict[str, float]:
    """First and cached synthesis of a 60-word answer; ten different answers asked at once."""
    async def measure() -> Dict[str, float]:
        synthesizer = Synthesizer(workdir / "speech")
        try:
            await synthesizer.speak("Warm up.")
            started = time.monotonic()
            await synthesizer.speak(SIXTY_WORD_ANSWER)
            first = time.monotonic() - started
            started = time.monotonic()
            await synthesizer.speak(SIXTY_WORD_ANSWER)
            cached = time.monotonic() - started

            async def timed_speak(n: int) -> float:
                began = time.monotonic()
                await synthesizer.speak(f"Answer {n}. {SIXTY_WORD_ANSWER}")
                return time.monotonic() - began

            together = await asyncio.gather(*(timed_speak(n) for n in range(10)))
            return {
                "speech_first_ms": first * 1000,
                "speech_cached_ms": cached * 1000,
                "speech_10_at_once_slowest_ms": max(together) * 1000,
                "speech_10_at_once_longest_wait_ms": (max(together) - first) * 1000,
            }
        finally:
            await synthesizer.aclose()

    return asyncio.run(measure())


def main() -> int:
    os.environ.setdefault("RASA_TELEMETRY_ENABLED", "false")
    with tempfile.TemporaryDirectory() as tmp:
        workdir = Path(tmp)
        results = {"training_s": timed(
            [RASA, "train", "--force", "--fixed-model-name", "bench", "--out", str(workdir / "m")]
        )}
        results.update(nlu_scores(workdir))
        results.update(serving(workdir))
        results.update(speech_timings(workdir))
    machine = f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"
    lines = [f"Measured {time.strftime('%Y-%m-%d')} on {machine} with `make bench`.", "",
             "| measure | value | target |", "| --- | --- | --- |"]
    for name, value in results.items():
        shown = f"{value:.3f}" if value < 10 else f"{value:.0f}"
        lines.append(f"| {name} | {shown} | {TARGETS.get(name, '')} |")
    report = "\n".join(lines)
    (PROJECT_DIR / "results").mkdir(exist_ok=True)
    (PROJECT_DIR / "results" / "bench.md").write_text(report + "\n")
    print(report)
    return 0


if __name__ == "__main__":
    sys.exit(main())
