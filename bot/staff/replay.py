"""`python -m bot replay FILE`: says each line of FILE to the running assistant, prints the transcript.

Staff use it to check flows after content changes. Blank lines and lines starting with # are skipped.
"""

import argparse
import sys
import uuid
from typing import Any, Dict, Iterable, List, TextIO

import httpx


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "file",
        type=argparse.FileType("r", encoding="utf-8"),
        help="one resident line per line ('-' for stdin)",
    )
    parser.add_argument("--url", default="http://localhost:5005", help="where the assistant runs")
    parser.add_argument("--sender", default=None, help="conversation id (default: a new one each run)")


def transcript_lines(said: str, replies: List[Dict[str, Any]]) -> Iterable[str]:
    yield f"> {said}"
    for reply in replies:
        for line in (reply.get("text") or "").splitlines():
            yield f"< {line}"
        buttons = reply.get("buttons") or []
        if buttons:
            yield "  [" + "] [".join(f"{b['title']} = {b['payload']}" for b in buttons) + "]"


def replay(lines: TextIO, url: str, sender: str, out: TextIO) -> int:
    with httpx.Client(base_url=url, timeout=120) as http:
        for raw in lines:
            said = raw.rstrip("\n")
            if not said.strip() or said.lstrip().startswith("#"):
                continue
            try:
                answer = http.post("/webhooks/rest/webhook", json={"sender": sender, "message": said})
            except httpx.HTTPError as error:
                print(f"The assistant at {url} could not be reached: {error}", file=sys.stderr)
                return 1
            for line in transcript_lines(said, answer.json()):
                print(line, file=out)
    return 0


def run(options: argparse.Namespace) -> int:
    sender = options.sender or f"replay:{uuid.uuid4().hex[:12]}"
    return replay(options.file, options.url, sender, sys.stdout)
