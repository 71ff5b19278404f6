"""Issue 28, personal data at rest: staff outputs, logs, defaults and purge (no assistant needed)."""

import csv
import json
import os
import signal
import subprocess
import sys
import time
from datetime import datetime, timedelta

import pytest
import sqlalchemy as sa
from rasa.core.tracker_store import SQLTrackerStore

from bot.outbox.worker import OutboxSettings
from bot.settings import Settings
from bot.speech.synthesizer import SpeechError, Synthesizer
from bot.staff.report import build
from bot.store.database import Database
from bot.store.feedback import list_feedback, record_feedback
from bot.store.handovers import create_handover, list_handovers
from bot.store.models import Feedback
from tests.conftest import PROJECT_DIR
from tests.test_purge import add_events

HOSTILE = [
    "$\\foo$",
    '=HYPERLINK("http://evil.example","x")',
    "+1+1",
    "-2+3",
    "@SUM(A1)",
    "$x$ and $$ and \\",
    "=cmd|' /C calc'!A0",
]
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def test_hostile_unanswered_questions_still_make_the_report_and_are_shown_as_written(tmp_path):
    database = Database(f"sqlite:///{tmp_path / 'report.db'}")
    for text in HOSTILE:
        record_feedback(database, "web:hostile", "unanswered", comment=text)
    report = build(list_feedback(database), list_handovers(database), tmp_path / "out", datetime.utcnow())
    page = report.read_text()
    assert page.count("<img") == 1, "the unanswered-questions chart was drawn"
    assert "$\\foo$" in page, "staff see the resident's words as written"


def test_csv_cells_never_start_a_spreadsheet_formula(tmp_path):
    database = Database(f"sqlite:///{tmp_path / 'csv.db'}")
    for text in [text for text in HOSTILE if "$" not in text]:  # formulas only (mathtext: above)
        record_feedback(database, "web:hostile", "unanswered", comment=text)
        create_handover(
            database, "web:hostile", {"topic": text, "summary": text, "full_name": text, "need": text}, []
        )
    build(list_feedback(database), list_handovers(database), tmp_path / "out", datetime.utcnow())
    export = tmp_path / "handovers.csv"
    done = subprocess.run(
        [sys.executable, "-m", "bot", "handovers", "export", "--csv", str(export)],
        cwd=PROJECT_DIR,
        capture_output=True,
        text=True,
        env={**os.environ, "DATABASE_URL": f"sqlite:///{tmp_path / 'csv.db'}"},
    )
    assert done.returncode == 0, done.stderr
    files = [export, *sorted((tmp_path / "out").glob("*.csv"))]
    cells = [cell for path in files for row in csv.reader(path.open(encoding="utf-8")) for cell in row]
    assert '\'=HYPERLINK("http://evil.example","x")' in cells, "shown as text, not dropped"
    dangerous = [cell for cell in cells if cell.startswith(FORMULA_STARTS)]
    assert dangerous == []


def test_a_failed_database_write_does_not_put_personal_details_in_the_error(tmp_path):
    database = Database(f"sqlite:///{tmp_path / 'fail.db'}")
    with pytest.raises(sa.exc.IntegrityError) as failure, database.session() as session:
        session.add(Feedback(conversation_key="k", kind=None, comment="Margaret Hill 07700 900123"))
    assert "07700 900123" not in str(failure.value) and "Margaret" not in str(failure.value)


def test_the_tracker_store_hides_sql_parameters_too(tmp_path, monkeypatch):
    from bot.server.tracker_store import ProjectTrackerStore

    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'tracker.db'}")
    monkeypatch.setenv("TRACKER_STANDBY_PATH", str(tmp_path / "standby.db"))
    store = ProjectTrackerStore()
    for engine in (store.engine, store._standby_store().engine):  # the database and the standby file
        with pytest.raises(sa.exc.StatementError) as failure, engine.connect() as connection:
            connection.execute(sa.text("select * from no_such_table where x = :x"), {"x": "07700 900123"})
        assert "07700 900123" not in str(failure.value)


def test_smtp_to_another_machine_uses_starttls_unless_told_otherwise():
    assert OutboxSettings.from_settings(Settings(smtp_host="smtp.example.org")).smtp_starttls is True
    assert OutboxSettings.from_settings(Settings(smtp_host="127.0.0.1")).smtp_starttls is False
    assert (
        OutboxSettings.from_settings(
            Settings(smtp_host="smtp.example.org", smtp_starttls=False)
        ).smtp_starttls
        is False
    )


def refused_to_start(command, env) -> str:
    """Runs a launcher that should stop at once; returns what it said (stops it, and all it
    started, if it does not)."""
    process = subprocess.Popen(
        [sys.executable, "-m", "bot", *command],
        cwd=PROJECT_DIR,
        env=env,
        text=True,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )
    try:
        _, said = process.communicate(timeout=60)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.communicate()
        raise AssertionError(f"`python -m bot {command[0]}` started instead of refusing") from None
    assert process.returncode != 0
    return said


def test_serving_beyond_development_without_a_salt_stops_with_a_clear_message(tmp_path):
    env = {"PATH": os.environ["PATH"], "HOME": str(tmp_path), "ENVIRONMENT": "production"}
    assert "CONVERSATION_HASH_SALT" in refused_to_start(
        ["serve", "--port", "5629", "--actions-port", "5630"], env
    )
    public = {**env, "ENVIRONMENT": "development", "HOST": "0.0.0.0"}
    assert "CONVERSATION_HASH_SALT" in refused_to_start(["serve-scaled"], public)
    assert Settings().unsafe_for_production() == [], "make run and the tests need no settings"
    assert Settings(environment="production", conversation_hash_salt="k" * 40).unsafe_for_production() == []


def test_purge_removes_comments_unanswered_questions_standby_conversations_and_spoken_replies(tmp_path):
    url = f"sqlite:///{tmp_path / 'all.db'}"
    database = Database(url)
    old = datetime.utcnow() - timedelta(days=100)
    record_feedback(database, "web:old", "rating", now=old, rating=2, comment="Margaret Hill is my name")
    record_feedback(
        database, "web:old", "unanswered", now=old, comment="can my son Tom Hill at RM17 6SL get help"
    )
    record_feedback(database, "web:new", "unanswered", now=datetime.utcnow(), comment="blue badge?")
    standby_path = tmp_path / "standby.db"
    standby = SQLTrackerStore(dialect="sqlite", db=str(standby_path))
    add_events(standby, "web:kept-during-an-outage", days_ago=120)
    replica_standby = SQLTrackerStore(dialect="sqlite", db=str(tmp_path / "standby-5006.db"))  # run-scaled
    add_events(replica_standby, "web:kept-by-another-replica", days_ago=120)
    speech = tmp_path / "speech"
    (speech / "private" / "owner").mkdir(parents=True)
    cached = speech / ("a" * 64 + ".wav")
    private = speech / "private" / "owner" / "Xy3.wav"
    for path in (cached, private):
        path.write_bytes(b"RIFF")
        os.utime(path, (time.time() - 100 * 86400,) * 2)
    fresh_private = speech / "private" / "owner" / "fresh.wav"
    fresh_private.write_bytes(b"RIFF")

    env = {
        "DATABASE_URL": url,
        "TRACKER_STANDBY_PATH": str(standby_path),
        "SPEECH_CACHE_DIR": str(speech),
        "PATH": "/usr/bin:/bin",
    }
    done = subprocess.run(
        [sys.executable, "-m", "bot", "purge", "--older-than", "90d"],
        cwd=PROJECT_DIR,
        env=env,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr

    rows = json.dumps(list_feedback(database))
    assert "Margaret" not in rows and "Tom Hill" not in rows
    assert [(f["kind"], f["rating"]) for f in list_feedback(database)] == [
        ("rating", 2),
        ("unanswered", None),
    ]
    for kept in (standby, replica_standby):
        with kept.session_scope() as session:
            assert session.execute(sa.text("select count(*) from events")).scalar() == 0
    assert not cached.exists() and not private.exists()
    assert fresh_private.exists(), "a reply made a moment ago is still playing"


def test_when_every_speech_worker_stays_busy_a_reply_comes_without_audio_not_late(tmp_path):
    import asyncio

    synthesizer = Synthesizer(tmp_path / "speech", timeout_seconds=30, workers=1)

    async def two_at_once():
        busy = asyncio.ensure_future(synthesizer.speak("Busy. " * 300))
        await asyncio.sleep(0.2)
        synthesizer.timeout_seconds = 0.3
        started = time.monotonic()
        with pytest.raises(SpeechError):
            await asyncio.wait_for(synthesizer.speak("Waiting for a worker."), 20)
        waited = time.monotonic() - started
        busy.cancel()
        await synthesizer.aclose()
        return waited

    assert asyncio.run(two_at_once()) < 2
