"""`make bench`: how well and how fast the assistant works on this machine. A benchmark, not a test.

Measures: training time; the served sentence encoder against the NumPy one (CPU a message, how near
its vectors); NLU intent macro-F1 by 5-fold cross-validation and accuracy on the
held-out phrasings (tests/nlu_heldout.yml); time until the server answers; REST latency
(p50/p95/p99), messages per second and errors for 5-turn resident conversations, one resident at
a time, 20 and 50 at once; memory of each of our processes; speech timings. In the same run it
serves a bare `rasa init` assistant from the same Rasa under the same load, and reports our p95
as a ratio of its p95. Prints a Markdown table for docs/benchmark.md and writes results/bench.md.
The timed training writes models/front-door.tar.gz, the model everything after it (and `make run`) uses.
Details (bot.details) on their held-out set (tests/details_heldout.yml): precision and recall per field.

It also holds every whole conversation in tests/conversations/ with our assistant and reports how
many pass (the failures' transcripts go to results/conversations.txt).
Last, a soak: whole conversations at a steady 5 messages a second for 30 minutes under `make run`'s
supervisor; RSS of each process after a warm-up and at the end, errors, and p95 per 5 minutes.

`python -m tests.bench --skip-nlu` leaves out the NLU part, the longest: each fold fine-tunes the sentence model.
`python -m tests.bench --conversations-only` only holds the conversations, with the model there is.
`python -m tests.bench --soak-only --soak-minutes 2 --soak-window-minutes 0.5` checks the soak on its own, briefly.
`python -m tests.bench --speed-only` only puts ours and a bare assistant side by side (latency, the Rasa
server's CPU per message read from /proc/<pid>/stat, a conversation of 300 turns), with the model there is.
"""

import argparse
import asyncio
import collections
import json
import os
import platform
import queue
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import ContextManager, Dict, Iterator, List, Sequence

import httpx

from bot.speech.synthesizer import Synthesizer
from tests.conftest import write_endpoints
from tests.conversation_runner import conversation_files, run_conversation
from tests.conversation_runner import load as load_conversation
from tests.test_two_questions import BOTH_ANSWERED_AT_LEAST, two_question_scores
from tests.details_score import (
    THRESHOLDS as DETAIL_THRESHOLDS,
)
from tests.details_score import (
    messages as detail_messages,
)
from tests.details_score import (
    score as detail_score,
)

PROJECT_DIR = Path(__file__).resolve().parents[1]
RASA = str(Path(sys.executable).with_name("rasa"))
RASA_PORT, ACTIONS_PORT, BARE_PORT = 5205, 5255, 5206
MODEL_NAME = "front-door"
CONVERSATION = [
    "hello",
    "what is a direct payment",
    "i look after my mum, can i get a carer's assessment",
    "what's the number for thurrock first",
    "thanks, bye",
]
CONCURRENCY = (20, 50)
# one resident's long conversation of ordinary questions: does a turn cost more as it grows?
LONG_CONVERSATION = [
    "what is a direct payment",
    "how do i get a carers assessment",
    "what's the number for thurrock first",
    "can i pay my daughter to look after me",
    "what is telecare",
    "do i have to pay for my care",
    "thank you",
]
LONG_TURNS = 300
CONVERSATIONS_PER_RESIDENT = 2
TARGETS = {
    "macro_f1": ">= 0.95",
    "heldout_accuracy": ">= 0.95",
    "ready_s": "<= 45",
    "p95_ratio_to_bare_20": "<= 1.5",
    "cpu_ms_per_message_ratio_to_bare_20": "<= 1.3",
    "messages_per_s_ratio_to_bare_20": ">= 0.8",
    "long_conversation_growth": "<= 2",
    "long_conversation_refused": "0",
    "errors_50": "0",
    "empty_replies_50": "0",
    "rss_rasa_mb": "<= 1536",
    "speech_first_ms": "< 300",
    "speech_cached_ms": "< 10",
    "conversations_passed": "= conversations",
    "soak_errors": "0",
    "soak_empty_replies": "0",
    "soak_rss_growth_max_pct": "< 5",
    "soak_p95_spread_pct": "<= 20",
    **{
        f"details_{field}_{measure}": f">= {needed}"
        for field, (precision, recall) in DETAIL_THRESHOLDS.items()
        for measure, needed in (("precision", precision), ("recall", recall))
    },
    "risk_recall": ">= 0.98",
    "risk_false_alarm_rate": "<= 0.02",
    "two_questions_both_answered": f">= {BOTH_ANSWERED_AT_LEAST}",
}
SOAK_RATE = 5.0  # messages a second


def risk_scores() -> Dict[str, float]:
    """Risk heard in the held-out risk messages, and false alarms on the ordinary ones
    (tests/heldout/, read by the trained model and in context, as tests/test_risk_heldout.py)."""
    from tests.risk_eval import model_reader, score

    scores = score(model_reader(PROJECT_DIR / "models" / f"{MODEL_NAME}.tar.gz"))
    return {
        "risk_recall": scores.recall,
        "risk_false_alarm_rate": scores.false_alarm_rate,
        "risk_messages": scores.risk_count,
        "ordinary_messages": scores.ordinary_count,
        "imminent_self_harm_graded": scores.imminent_recall,
    }


def encoder_scores(model: Path) -> Dict[str, float]:
    """The trained model's sentence encoder on the held-out messages, one at a time on one core:
    the NumPy encoder on its tuned copies against the graph that serves them (issue 30), the CPU
    milliseconds a message for each and how near the served vectors are to the NumPy ones."""
    import tarfile

    from rasa.shared.nlu.training_data.loading import load_data
    from safetensors.numpy import load_file
    from threadpoolctl import threadpool_limits

    from bot.server.nlu.onnx_encoder import OnnxEncoder
    from bot.server.nlu.sentence_encoder import SentenceEncoder, encode_side_by_side, official_weights
    from bot.server.nlu.sentence_featurizer import ENCODER_FILE

    with tempfile.TemporaryDirectory() as tmp, tarfile.open(model) as archive:
        kept = [m for m in archive.getmembers() if "SentenceFeaturizer" in m.name and m.isfile()]
        archive.extractall(tmp, members=kept)
        files = {Path(m.name).name: Path(tmp) / m.name for m in kept}
        official = official_weights()
        tuned = [load_file(str(files[name])) for name in sorted(files) if name.startswith("tuned-")]
        numpy_copies = [SentenceEncoder.load({**official, **weights}) for weights in tuned]
        served = OnnxEncoder(files[ENCODER_FILE].read_bytes())
    texts = [
        message.get("text")
        for message in load_data(str(PROJECT_DIR / "tests" / "nlu_heldout.yml")).intent_examples
    ]
    results = {}
    with threadpool_limits(limits=1, user_api="blas"):
        for name, encode in (
            ("numpy", lambda text: encode_side_by_side(numpy_copies, [text], shared_layers=0)),
            ("served", lambda text: served.encode([text])),
        ):
            encode(texts[0])
            started = time.process_time()
            for text in texts:
                encode(text)
            results[f"encoder_{name}_ms"] = (time.process_time() - started) * 1000 / len(texts)
    cosines = (served.encode(texts) * encode_side_by_side(numpy_copies, texts, shared_layers=0)).sum(1)
    results["encoder_served_min_cosine"] = float(cosines.min()) / len(tuned)
    return results


def timed(command: List[str], cwd: Path = PROJECT_DIR) -> float:
    started = time.monotonic()
    subprocess.run(command, cwd=cwd, check=True, capture_output=True)
    return time.monotonic() - started


def nlu_scores(out: Path) -> Dict[str, float]:
    subprocess.run(
        [
            RASA,
            "test",
            "nlu",
            "--nlu",
            "data/nlu",
            "--cross-validation",
            "--folds",
            "5",
            "--out",
            str(out / "cv"),
        ],
        cwd=PROJECT_DIR,
        check=True,
        capture_output=True,
    )
    subprocess.run(
        [
            RASA,
            "test",
            "nlu",
            "--nlu",
            "tests/nlu_heldout.yml",
            "--model",
            f"models/{MODEL_NAME}.tar.gz",
            "--out",
            str(out / "heldout"),
        ],
        cwd=PROJECT_DIR,
        check=True,
        capture_output=True,
    )
    cross = json.loads((out / "cv" / "intent_report.json").read_text())
    heldout = json.loads((out / "heldout" / "intent_report.json").read_text())
    return {
        "macro_f1": cross["macro avg"]["f1-score"],
        "heldout_accuracy": heldout["accuracy"],
    }


def details_scores() -> Dict[str, float]:
    """Per field precision and recall of reading details, on the held-out messages."""
    results: Dict[str, float] = {"details_heldout_messages": len(detail_messages())}
    for field, counts in detail_score().items():
        results[f"details_{field}_precision"] = counts["precision"]
        results[f"details_{field}_recall"] = counts["recall"]
    return results


def rss_megabytes(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def cpu_seconds(pid: int) -> float:
    """User and system CPU a process has used so far (/proc/<pid>/stat), steadier than latency."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def rasa_pid(pid: int) -> int:
    """The Rasa server's process: `pid` itself (a bare `rasa run`), or the supervisor's child that
    runs the model (`python -m bot serve`)."""
    children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    for child in children:
        if b"--model" in Path(f"/proc/{child}/cmdline").read_bytes().split(b"\0"):
            return int(child)
    return pid


def process_memory(pid: int) -> Dict[str, float]:
    """RSS of each of our processes, found by what they run."""
    names = {
        b"--model": "rasa",
        b"actions": "actions",
        b"outbox": "outbox",
        b"bot.run.crash_watch": "crash_watch",
    }
    memory = {"rss_supervisord_mb": rss_megabytes(pid)}
    for child in Path(f"/proc/{pid}/task/{pid}/children").read_text().split():
        arguments = Path(f"/proc/{child}/cmdline").read_bytes().split(b"\0")
        for marker, name in names.items():
            if marker in arguments:
                memory[f"rss_{name}_mb"] = rss_megabytes(int(child))
    return memory


@dataclass
class Turn:
    """One message and its reply: how long it took, whether it failed, whether it said nothing."""

    ms: float
    failed: bool
    empty: bool


def converse(client: httpx.Client) -> List[Turn]:
    """One resident's 5-turn conversation."""
    sender = f"bench-{uuid.uuid4().hex[:10]}"
    turns = []
    for message in CONVERSATION:
        started = time.monotonic()
        try:
            reply = client.post("/webhooks/rest/webhook", json={"sender": sender, "message": message})
            failed = reply.status_code != 200
            empty = not failed and not reply.json()
        except (httpx.HTTPError, ValueError):
            failed, empty = True, False
        turns.append(Turn((time.monotonic() - started) * 1000, failed, empty))
    return turns


def percentile(values: Sequence[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


def load(client: httpx.Client, residents: int) -> Dict[str, float]:
    """`residents` at once, each holding CONVERSATIONS_PER_RESIDENT conversations in turn.

    A reply with no messages is counted apart from failures: the server did the work (its time is
    in the percentiles) but a resident would have seen nothing.
    """
    with ThreadPoolExecutor(max_workers=residents) as pool:
        wall = time.monotonic()
        turns = [
            turn
            for batch in pool.map(lambda _: converse(client), range(residents * CONVERSATIONS_PER_RESIDENT))
            for turn in batch
        ]
        wall = time.monotonic() - wall
    replied = [turn.ms for turn in turns if not turn.failed]
    return {
        f"p50_{residents}_ms": percentile(replied, 0.5),
        f"p95_{residents}_ms": percentile(replied, 0.95),
        f"p99_{residents}_ms": percentile(replied, 0.99),
        f"messages_per_s_{residents}": len(replied) / wall,
        f"errors_{residents}": len(turns) - len(replied),
        f"empty_replies_{residents}": sum(turn.empty for turn in turns),
    }


@contextmanager
def serving(command: List[str], cwd: Path, port: int, env: Dict[str, str]) -> Iterator[Dict]:
    """Starts a server, waits until it answers; yields its client, start-up time and process."""
    started = time.monotonic()
    process = subprocess.Popen(
        command, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    client = httpx.Client(
        base_url=f"http://localhost:{port}", timeout=120, limits=httpx.Limits(max_connections=100)
    )
    try:
        deadline = time.monotonic() + 300
        while True:
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"{command} did not start")
            try:
                if client.post("/webhooks/rest/webhook", json={"sender": "probe", "message": "hello"}).json():
                    break
            except (httpx.HTTPError, ValueError):
                time.sleep(0.5)
        yield {"client": client, "ready_s": time.monotonic() - started, "process": process, "env": env}
    finally:
        process.terminate()
        process.wait(timeout=30)


def long_conversation(client: httpx.Client) -> Dict[str, float]:
    """One resident's conversation of LONG_TURNS ordinary questions: the median time of turns 11-20
    and of the last ten, and how many times slower the last ten are."""
    sender = f"bench-long-{uuid.uuid4().hex[:8]}"
    times, refused = [], 0
    for turn in range(LONG_TURNS):
        message = LONG_CONVERSATION[turn % len(LONG_CONVERSATION)]
        started = time.monotonic()
        reply = client.post("/webhooks/rest/webhook", json={"sender": sender, "message": message})
        times.append((time.monotonic() - started) * 1000)
        refused += reply.status_code != 200 or not reply.json()  # a refusal is fast: never a real turn
    early, late = percentile(times[10:20], 0.5), percentile(times[-10:], 0.5)
    return {
        "long_turns_11_20_ms": early,
        "long_last_10_ms": late,
        "long_conversation_growth": late / early,
        "long_conversation_refused": refused,
    }


def measure(client: httpx.Client, pid: int) -> Dict[str, float]:
    """Latency one at a time and under load; the Rasa server's CPU per message at 20 at once."""
    sequential = [turn.ms for _ in range(10) for turn in converse(client) if not turn.failed]
    results = {
        "p50_sequential_ms": percentile(sequential, 0.5),
        "p95_sequential_ms": percentile(sequential, 0.95),
    }
    server = rasa_pid(pid)
    for residents in CONCURRENCY:
        used = cpu_seconds(server)
        results.update(load(client, residents))
        messages = residents * CONVERSATIONS_PER_RESIDENT * len(CONVERSATION)
        results[f"cpu_ms_per_message_{residents}"] = (cpu_seconds(server) - used) * 1000 / messages
    results.update(long_conversation(client))
    return results


def conversations(client: httpx.Client, env: Dict[str, str]) -> Dict[str, float]:
    """How many whole conversations pass (those marked as known failures count as failing)."""
    outcomes = []
    for path in conversation_files():
        outcome = run_conversation(path, client, env)
        print(f"{'pass' if outcome.passed else 'FAIL'} {path.stem}", file=sys.stderr, flush=True)
        outcomes.append(outcome)
    failed = [outcome.report() for outcome in outcomes if not outcome.passed]
    (PROJECT_DIR / "results").mkdir(exist_ok=True)
    (PROJECT_DIR / "results" / "conversations.txt").write_text("\n\n".join(failed) + "\n")
    return {
        "conversations": len(outcomes),
        "conversations_passed": len(outcomes) - len(failed),
        "conversations_known_failures": sum(
            1 for o in outcomes if load_conversation(o.path).get("known_failure")
        ),
    }


def our_server(workdir: Path) -> ContextManager[Dict]:
    """`python -m bot serve` (what `make run` runs) on the bench's ports, with its own database."""
    endpoints = write_endpoints(workdir, ACTIONS_PORT)
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{workdir / 'front_door.db'}",
        "TRACKER_STANDBY_PATH": str(workdir / "standby.db"),
        "SPOOL_DIR": str(workdir / "spool"),
        # the bench is many residents from one address: the per-address limit would refuse them
        "RATE_LIMIT_EXEMPT_ADDRESSES": "127.0.0.1 ::1",
        # the 300-turn conversation sends as fast as it is answered (about ten a second), which the
        # per-sender limit (30 in 10 s) refuses: no resident types that fast, so it is lifted here
        "RATE_LIMIT_MESSAGES": "100000",
    }
    command = [
        sys.executable,
        "-m",
        "bot",
        "serve",
        "--port",
        str(RASA_PORT),
        "--actions-port",
        str(ACTIONS_PORT),
        "--endpoints",
        str(endpoints),
    ]
    return serving(command, PROJECT_DIR, RASA_PORT, env)


def ours(
    workdir: Path, conversations_only: bool = False, with_conversations: bool = True
) -> Dict[str, float]:
    with our_server(workdir) as server:
        if conversations_only:
            return conversations(server["client"], server["env"])
        results = {"ready_s": server["ready_s"], **measure(server["client"], server["process"].pid)}
        results.update(process_memory(server["process"].pid))
        if with_conversations:
            results.update(conversations(server["client"], server["env"]))
    return results


def soak(workdir: Path, minutes: float, window_minutes: float) -> Dict[str, float]:
    """Whole conversations at a steady SOAK_RATE messages a second for `minutes`.

    Open loop: a message is due every 1/SOAK_RATE s whatever the replies' speed, taken from a
    conversation waiting for its next turn (a new one if none waits), so a slow reply never
    slows the load. RSS of each process after a one-minute warm-up and at the end; p95 of each
    window of `window_minutes`; errors and empty replies over the whole run.
    """
    conversation_turns: "queue.Queue[tuple]" = queue.Queue()
    done: List[tuple] = []  # (seconds since start, Turn)
    failures: "collections.Counter[str]" = collections.Counter()  # why messages failed, counted
    lock = threading.Lock()
    measuring_since = [float("inf")]  # set when the warm-up ends

    def send(client: httpx.Client, sender: str, turn: int, counted: bool) -> None:
        message = CONVERSATION[turn]
        began = time.monotonic()
        try:
            reply = client.post("/webhooks/rest/webhook", json={"sender": sender, "message": message})
            failed = reply.status_code != 200
            empty = not failed and not reply.json()
            reason = f"HTTP {reply.status_code}"
        except (httpx.HTTPError, ValueError) as error:
            failed, empty, reason = True, False, type(error).__name__
        if counted:  # not a warm-up message (even one that waited in the pool until now)
            with lock:
                if failed:
                    failures[reason] += 1
                done.append(
                    (began - measuring_since[0], Turn((time.monotonic() - began) * 1000, failed, empty))
                )
        if turn + 1 < len(CONVERSATION):
            conversation_turns.put((sender, turn + 1))

    def drive(client: httpx.Client, pool: ThreadPoolExecutor, seconds: float, counted: bool) -> None:
        due = started = time.monotonic()
        while due < started + seconds:
            time.sleep(max(0.0, due - time.monotonic()))
            try:
                sender, turn = conversation_turns.get_nowait()
            except queue.Empty:
                sender, turn = f"soak-{uuid.uuid4().hex[:10]}", 0
            pool.submit(send, client, sender, turn, counted)
            due += 1 / SOAK_RATE

    with our_server(workdir) as server, ThreadPoolExecutor(max_workers=64) as pool:
        client, pid = server["client"], server["process"].pid
        drive(client, pool, 60, counted=False)  # warm-up: caches, first conversations
        memory_start = process_memory(pid)
        measuring_since[0] = time.monotonic()
        progress({"soak_started_minutes": minutes})
        rasa_rss: List[float] = []  # the Rasa server's RSS at the end of each window: growth's shape
        stop = threading.Event()

        def sample() -> None:
            while not stop.wait(window_minutes * 60):
                rasa_rss.append(process_memory(pid).get("rss_rasa_mb", 0.0))

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        drive(client, pool, minutes * 60, counted=True)
        pool.shutdown(wait=True)
        stop.set()
        memory_end = process_memory(pid)
    results: Dict[str, float] = {
        "soak_minutes": minutes,
        "soak_messages_per_s": len(done) / (minutes * 60),
        "soak_errors": sum(turn.failed for _, turn in done),
        "soak_empty_replies": sum(turn.empty for _, turn in done),
        **{f"soak_failed_{reason.replace(' ', '_')}": count for reason, count in failures.items()},
    }
    growth = []
    for name, start_mb in memory_start.items():
        end_mb = memory_end.get(name, 0.0)
        part = name[len("rss_") : -len("_mb")]
        results[f"soak_rss_{part}_start_mb"] = start_mb
        results[f"soak_rss_{part}_end_mb"] = end_mb
        growth.append((end_mb - start_mb) / start_mb * 100 if start_mb else 0.0)
    results["soak_rss_growth_max_pct"] = max(growth)
    for n, rss in enumerate(rasa_rss):
        results[f"soak_rss_rasa_at_minute_{(n + 1) * window_minutes:g}_mb"] = rss
    window = window_minutes * 60
    p95s = []
    for n in range(max(1, int(round(minutes * 60 / window)))):
        replied = [turn.ms for at, turn in done if n * window <= at < (n + 1) * window and not turn.failed]
        if replied:
            p95s.append(percentile(replied, 0.95))
            results[f"soak_p95_minutes_{n * window_minutes:g}_to_{(n + 1) * window_minutes:g}_ms"] = p95s[-1]
    results["soak_p95_spread_pct"] = (max(p95s) - min(p95s)) / min(p95s) * 100
    return results


def bare(workdir: Path) -> Dict[str, float]:
    """A bare `rasa init` assistant (in-memory tracker, no action server) under the same load."""
    project = workdir / "bare"
    project.mkdir()
    results = {
        "bare_init_and_training_s": timed(
            [RASA, "init", "--no-prompt", "--init-dir", str(project)], cwd=workdir
        )
    }
    command = [RASA, "run", "--model", "models", "--port", str(BARE_PORT)]
    with serving(command, project, BARE_PORT, dict(os.environ)) as server:
        measured = measure(server["client"], server["process"].pid)
        results["bare_ready_s"] = server["ready_s"]
        results["bare_rss_rasa_mb"] = rss_megabytes(server["process"].pid)
    results.update({f"bare_{name}": value for name, value in measured.items()})
    return results


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


def progress(results: Dict[str, float]) -> None:
    """Show what is measured so far: the whole run takes about an hour."""
    print(json.dumps({name: round(value, 3) for name, value in results.items()}), file=sys.stderr, flush=True)


def side_by_side(workdir: Path, with_conversations: bool = True) -> Dict[str, float]:
    """Ours and a bare `rasa init` under the same load, and ours as ratios of it (issue 30)."""
    results = {**ours(workdir, with_conversations=with_conversations), **bare(workdir)}
    for residents in CONCURRENCY:
        for name in ("p95", "cpu_ms_per_message"):
            results[f"{name}_ratio_to_bare_{residents}"] = (
                results[f"{name}_{residents}_ms" if name == "p95" else f"{name}_{residents}"]
                / results[f"bare_{name}_{residents}_ms" if name == "p95" else f"bare_{name}_{residents}"]
            )
        results[f"messages_per_s_ratio_to_bare_{residents}"] = (
            results[f"messages_per_s_{residents}"] / results[f"bare_messages_per_s_{residents}"]
        )
    return results


def measure_all(workdir: Path, options: argparse.Namespace) -> Dict[str, float]:
    """Everything but the soak: details, training, our assistant and a bare one under load, speech, NLU."""
    results: Dict[str, float] = details_scores()
    progress(results)
    results["training_s"] = timed(
        [RASA, "train", "--force", "--fixed-model-name", MODEL_NAME, "--out", "models"]
    )
    progress(results)
    results.update(encoder_scores(PROJECT_DIR / "models" / f"{MODEL_NAME}.tar.gz"))
    results.update(risk_scores())
    results["two_questions_both_answered"] = two_question_scores(
        PROJECT_DIR / "models" / f"{MODEL_NAME}.tar.gz"
    )[0]
    progress(results)
    results.update(side_by_side(workdir))
    progress(results)
    results.update(speech_timings(workdir))
    if not options.skip_nlu:
        results.update(nlu_scores(workdir))
    return results


def main() -> int:
    global RASA_PORT, ACTIONS_PORT  # a shared machine may have others' servers on the usual ports
    parser = argparse.ArgumentParser(description="Measure the assistant on this machine.")
    parser.add_argument(
        "--skip-nlu", action="store_true", help="leave out cross-validation, the longest part"
    )
    parser.add_argument(
        "--conversations-only",
        action="store_true",
        help="only hold tests/conversations/ with the current model and say how many pass",
    )
    parser.add_argument(
        "--speed-only",
        action="store_true",
        help="only ours and a bare assistant side by side (latency, CPU per message, a long conversation), "
        "with the model there is",
    )
    parser.add_argument("--soak-minutes", type=float, default=30, help="length of the soak (0: no soak)")
    parser.add_argument("--soak-window-minutes", type=float, default=5, help="p95 is reported per window")
    parser.add_argument("--soak-only", action="store_true", help="only the soak, with the model in models/")
    parser.add_argument("--port", type=int, default=RASA_PORT, help="our Rasa server's port (5205)")
    parser.add_argument(
        "--actions-port", type=int, default=ACTIONS_PORT, help="our action server's port (5255)"
    )
    options = parser.parse_args()
    RASA_PORT, ACTIONS_PORT = options.port, options.actions_port
    os.environ.setdefault("RASA_TELEMETRY_ENABLED", "false")
    if options.conversations_only:
        with tempfile.TemporaryDirectory() as tmp:
            results = ours(Path(tmp), conversations_only=True)
        print(
            f"{results['conversations_passed']} of {results['conversations']} conversations pass "
            f"({results['conversations_known_failures']} marked as known failures); "
            "failures: results/conversations.txt"
        )
        return 0 if results["conversations_passed"] == results["conversations"] else 1
    with tempfile.TemporaryDirectory() as tmp:
        workdir = Path(tmp)
        if options.speed_only:
            results = encoder_scores(PROJECT_DIR / "models" / f"{MODEL_NAME}.tar.gz")
            results.update(side_by_side(workdir, with_conversations=False))
        else:
            results = measure_all(workdir, options) if not options.soak_only else {}
        if options.soak_minutes and not options.speed_only:
            (workdir / "soak").mkdir()
            results.update(soak(workdir / "soak", options.soak_minutes, options.soak_window_minutes))
    machine = f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"
    lines = [
        f"Measured {time.strftime('%Y-%m-%d')} on {machine} with `make bench`.",
        "",
        "| measure | value | target |",
        "| --- | --- | --- |",
    ]
    for name, value in results.items():
        shown = str(value) if isinstance(value, int) else f"{value:.3f}" if value < 10 else f"{value:.0f}"
        lines.append(f"| {name} | {shown} | {TARGETS.get(name, '')} |")
    report = "\n".join(lines)
    (PROJECT_DIR / "results").mkdir(exist_ok=True)
    (PROJECT_DIR / "results" / "bench.md").write_text(report + "\n")
    print(report)
    return 0


if __name__ == "__main__":
    sys.exit(main())
