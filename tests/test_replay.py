"""`python -m bot replay FILE`: staff replay a conversation file and read the transcript."""

import subprocess
import sys

from tests.conftest import PROJECT_DIR


def replay(assistant, path):
    return subprocess.run(
        [sys.executable, "-m", "bot", "replay", str(path), "--url", assistant.base_url],
        cwd=PROJECT_DIR,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_a_conversation_file_is_replayed_in_order_with_buttons(assistant, tmp_path, domain):
    script = tmp_path / "carer.txt"
    script.write_text(
        "# a carer checks direct payments\nhello\n\nwhat is a direct payment\neasy read please\n"
    )
    done = replay(assistant, script)
    assert done.returncode == 0, done.stderr
    said = [line for line in done.stdout.splitlines() if line.startswith("> ")]
    assert said == ["> hello", "> what is a direct payment", "> easy read please"]
    transcript = done.stdout
    assert "< A direct payment" in transcript
    assert "[Direct payments = /dp_what]" in transcript
    assert (
        transcript.index("> what is a direct payment")
        < transcript.index("< A direct payment")
        < transcript.index("> easy read please")
    )


def test_an_unreachable_assistant_is_reported_clearly(tmp_path):
    script = tmp_path / "one.txt"
    script.write_text("hello\n")
    done = subprocess.run(
        [sys.executable, "-m", "bot", "replay", str(script), "--url", "http://127.0.0.1:9"],
        cwd=PROJECT_DIR,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 1 and "could not be reached" in done.stderr
