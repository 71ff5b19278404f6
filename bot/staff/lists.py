"""Staff commands for handovers: `python -m bot handovers [--json] [--status S] | show REF | export --csv FILE`."""

import argparse
import csv
import json
import sys
from typing import Any, Dict, List

from bot.staff.spreadsheet import spreadsheet_safe
from bot.store.database import Database
from bot.store.handovers import find_handover, list_handovers

TABLE_COLUMNS = [
    ("Reference", "reference", 16),
    ("Received (UTC)", "created_at", 20),
    ("Status", "status", 8),
    ("Urgency", "urgency", 8),
    ("Topic", "topic", 28),
    ("Name", "full_name", 20),
    ("Phone", "phone", 13),
    ("Needs", "communication_needs", 20),
]
CSV_FIELDS = [
    "reference",
    "created_at",
    "status",
    "urgency",
    "communication_needs",
    "topic",
    "channel",
    "full_name",
    "organisation",
    "asking_for",
    "cared_for",
    "phone",
    "email",
    "postcode",
    "area",
    "contact_preference",
    "contact_time",
    "cared_for_name",
    "cared_for_postcode",
    "cared_for_area",
    "cared_for_phone",
    "date_of_birth",
    "nhs_number",
    "need",
    "summary",
]


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true", help="a JSON list, oldest first, every field")
    parser.add_argument(
        "--status", choices=["pending", "sent", "failed", "withdrawn"], help="only handovers with this status"
    )
    actions = parser.add_subparsers(dest="action")
    show = actions.add_parser("show", help="every field of one handover")
    show.add_argument("reference")
    export = actions.add_parser("export", help="write handovers to a CSV file")
    export.add_argument("--csv", required=True, metavar="FILE")


def cell(value: Any, width: int) -> str:
    text = " ".join(str(value or "").split())
    return text if len(text) <= width else text[: width - 1] + "…"


def table(handovers: List[Dict[str, Any]]) -> str:
    lines = ["  ".join(title.ljust(width) for title, _, width in TABLE_COLUMNS)]
    for handover in handovers:
        lines.append("  ".join(cell(handover[key], width).ljust(width) for _, key, width in TABLE_COLUMNS))
    lines.append(f"{len(handovers)} handover(s)")
    return "\n".join(lines)


def details(handover: Dict[str, Any]) -> str:
    lines = [f"{key}: {handover[key]}" for key in CSV_FIELDS if key != "summary"]
    lines.append("summary:\n" + handover["summary"])
    lines.append("deliveries:")
    lines += [
        f"  {d['method']}: {d['status']}, {d['attempts']} attempt(s)"
        + (f", last error: {d['last_error']}" if d["last_error"] else "")
        for d in handover["deliveries"]
    ] or ["  none configured (read here)"]
    lines += (
        ["notes added after sending:"]
        + [f"  {note['created_at']} ({note['status']}): {note['text']}" for note in handover.get("notes", [])]
        if handover.get("notes")
        else []
    )
    return "\n".join(lines)


def run(options: argparse.Namespace) -> int:
    database = Database()
    if options.action == "show":
        handover = find_handover(database, options.reference)
        if not handover:
            print(f"No handover with reference {options.reference}", file=sys.stderr)
            return 1
        print(json.dumps(handover, indent=2) if options.json else details(handover))
        return 0
    handovers = list_handovers(database, options.status)
    if options.action == "export":
        with open(options.csv, "w", newline="", encoding="utf-8") as handle:
            writer = csv.DictWriter(handle, fieldnames=CSV_FIELDS, extrasaction="ignore")
            writer.writeheader()
            writer.writerows(
                {key: spreadsheet_safe(value) for key, value in handover.items()} for handover in handovers
            )
        print(f"Wrote {len(handovers)} handover(s) to {options.csv}")
        return 0
    print(json.dumps(handovers, indent=2) if options.json else table(handovers))
    return 0


FEEDBACK_COLUMNS = [
    ("Received (UTC)", "created_at", 20),
    ("Kind", "kind", 10),
    ("Channel", "channel", 8),
    ("Topic", "topic", 26),
    ("Helpful", "helpful", 7),
    ("Rating", "rating", 6),
    ("Comment", "comment", 40),
]


def add_feedback_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true", help="a JSON list, oldest first, every field")
    parser.add_argument("--kind", choices=["helpful", "rating", "unanswered"], help="only this kind")


def run_feedback(options: argparse.Namespace) -> int:
    from bot.store.feedback import list_feedback

    rows = list_feedback(Database(), options.kind)
    if options.json:
        print(json.dumps(rows, indent=2))
        return 0
    lines = ["  ".join(title.ljust(width) for title, _, width in FEEDBACK_COLUMNS)]
    for row in rows:
        shown = {**row, "helpful": {True: "yes", False: "no"}.get(row["helpful"], "")}
        lines.append("  ".join(cell(shown[key], width).ljust(width) for _, key, width in FEEDBACK_COLUMNS))
    lines.append(f"{len(rows)} record(s)")
    print("\n".join(lines))
    return 0
