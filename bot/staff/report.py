"""`python -m bot report --out DIR`: an HTML report for staff, with charts, their data and CSV files.

The report is one HTML file with its charts inside it (PNG as data URIs), so it opens offline and
can be emailed. Every chart has a text alternative and its numbers as a table beside it.
"""

import argparse
import base64
import csv
import html
import io
import re
from collections import Counter, defaultdict
from datetime import datetime
from pathlib import Path
from typing import Any, Callable, Dict, List, Optional, Sequence, Tuple

import matplotlib
import numpy as np

matplotlib.use("Agg")  # no display: draw to files
import matplotlib.pyplot as plt

from bot.staff.spreadsheet import spreadsheet_safe
from bot.store.database import Database
from bot.store.feedback import list_feedback
from bot.store.handovers import list_handovers

TOP_UNANSWERED = 15
RECENT_COMMENTS = 20
EXAMPLES = 3
SAME_MEANING = 0.7  # cosine between sentence vectors at which two questions count as one
Table = Tuple[Sequence[str], List[Sequence[Any]]]
Encode = Callable[[List[str]], np.ndarray]


def helpfulness_by_topic(feedback: List[Dict[str, Any]]) -> Table:
    counts: Dict[str, Counter] = defaultdict(Counter)
    for row in feedback:
        if row["kind"] == "helpful" and row["helpful"] is not None:
            counts[row["topic"] or "(no topic)"]["yes" if row["helpful"] else "no"] += 1
    rows = [
        (topic, c["yes"], c["no"], round(100 * c["yes"] / (c["yes"] + c["no"])))
        for topic, c in sorted(counts.items(), key=lambda item: -sum(item[1].values()))
    ]
    return ("Topic", "Helpful", "Not helpful", "Helpful (%)"), rows


def ratings_by_day(feedback: List[Dict[str, Any]]) -> Table:
    days: Dict[str, List[int]] = defaultdict(list)
    for row in feedback:
        if row["kind"] == "rating" and row["rating"]:
            days[row["created_at"][:10]].append(row["rating"])
    rows = [(day, len(r), round(sum(r) / len(r), 2)) for day, r in sorted(days.items())]
    return ("Day", "Ratings", "Average rating (1 to 5)"), rows


def sentence_vectors(texts: List[str]) -> np.ndarray:
    """Unit vectors from the assistant's sentence model (official weights, no Rasa model needed)."""
    from bot.server.nlu.sentence_encoder import SentenceEncoder  # imported only when used: loads the model

    return SentenceEncoder.load().encode(texts)


def common_unanswered(feedback: List[Dict[str, Any]], encode: Optional[Encode] = None) -> Table:
    """Questions the assistant could not answer, grouped by meaning, biggest group first.

    Same words (ignoring case and punctuation) are one question; questions whose sentence vectors
    are close (cosine >= SAME_MEANING to a group's first question) join that group. Messages with
    no words at all ("???") are one group of their own, so they never crowd out real questions.
    """
    counts: Counter = Counter()
    shown: Dict[str, str] = {}
    for row in feedback:
        if row["kind"] == "unanswered" and row["comment"]:
            key = " ".join(re.sub(r"[^\w\s]", "", row["comment"].lower()).split())
            counts[key] += 1
            shown.setdefault(key, row["comment"][:200])
    no_words = [key for key in counts if not key]
    questions = [key for key, _ in counts.most_common() if key]
    groups: List[List[str]] = []
    if questions:
        vectors = (encode or sentence_vectors)([shown[key] for key in questions])
        leaders: List[int] = []
        for index in range(len(questions)):
            match = next(
                (
                    g
                    for g, leader in enumerate(leaders)
                    if float(vectors[index] @ vectors[leader]) >= SAME_MEANING
                ),
                None,
            )
            if match is None:
                leaders.append(index)
                groups.append([questions[index]])
            else:
                groups[match].append(questions[index])
    rows = [
        (
            shown[group[0]],
            sum(counts[key] for key in group),
            " | ".join(shown[key] for key in group[1 : EXAMPLES + 1]),
        )
        for group in groups
    ]
    if no_words:
        rows.append(("(no words, for example ???)", sum(counts[key] for key in no_words), ""))
    rows.sort(key=lambda row: -row[1])
    return ("Question", "Times asked", "Other ways it was asked"), rows[:TOP_UNANSWERED]


def recent_comments(feedback: List[Dict[str, Any]]) -> Table:
    """The latest ratings that came with words, newest first."""
    rows = [
        (row["created_at"][:16].replace("T", " "), row["rating"] or "", row["comment"][:1000])
        for row in sorted(feedback, key=lambda r: r["created_at"], reverse=True)
        if row["kind"] == "rating" and row["comment"]
    ][:RECENT_COMMENTS]
    return ("When", "Rating (1 to 5)", "What they said"), rows


def unhelpful_answers(feedback: List[Dict[str, Any]]) -> Table:
    """Answers marked not helpful, with what residents said was missing."""
    missing: Dict[str, List[str]] = defaultdict(list)
    for row in feedback:
        if row["kind"] == "helpful" and row["helpful"] is False:
            missing[row["topic"] or "(no topic)"].append(row["comment"] or "")
    rows = [
        (topic, len(said), " | ".join([c[:300] for c in said if c][-EXAMPLES:]))
        for topic, said in sorted(missing.items(), key=lambda item: -len(item[1]))
    ]
    return ("Answer", "Times not helpful", "What was missing (latest)"), rows


def handovers_by(handovers: List[Dict[str, Any]], key) -> List[Tuple[str, int]]:
    return sorted(Counter(key(h) for h in handovers).items())


def plain_label(text: Any) -> str:
    """A label matplotlib draws as written: `$` would start mathtext (and a bad formula such as
    `$\\foo$` stops the whole report)."""
    return str(text).replace("$", r"\$")


def chart(kind: str, labels: List[str], series: Dict[str, List[float]], title: str, ylabel: str) -> str:
    """A chart as a PNG data URI; residents' words in labels are drawn as plain text."""
    labels = [plain_label(label) for label in labels]
    figure, axes = plt.subplots(figsize=(8, max(3, 0.4 * len(labels) + 1.5) if kind == "barh" else 4))
    if kind == "barh":
        left = [0] * len(labels)
        for name, values in series.items():
            axes.barh(labels, values, left=left, label=name)
            left = [a + b for a, b in zip(left, values)]
        axes.invert_yaxis()
        axes.set_xlabel(ylabel)
    elif kind == "line":
        for name, values in series.items():
            axes.plot(labels, values, marker="o", label=name)
        axes.set_ylim(0, 5.5)
        axes.set_ylabel(ylabel)
    else:
        for name, values in series.items():
            axes.bar(labels, values, label=name)
        axes.set_ylabel(ylabel)
    axes.set_title(title)
    if len(series) > 1:
        axes.legend()
    plt.setp(axes.get_xticklabels(), rotation=30, ha="right")
    figure.tight_layout()
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=100)
    plt.close(figure)
    return "data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode("ascii")


def html_table(caption: str, table: Table) -> str:
    head, rows = table
    if not rows:
        return f"<p>No data yet for: {html.escape(caption)}.</p>"
    header = "".join(f'<th scope="col">{html.escape(str(h))}</th>' for h in head)
    body = "".join(
        "<tr>" + "".join(f"<td>{html.escape(str(cell))}</td>" for cell in row) + "</tr>" for row in rows
    )
    return (
        f"<table><caption>{html.escape(caption)}</caption>"
        f"<thead><tr>{header}</tr></thead><tbody>{body}</tbody></table>"
    )


def section(heading: str, summary: str, image: str, table: Table) -> str:
    figure = ""
    if table[1]:
        figure = (
            f'<figure><img src="{image}" alt="{html.escape(summary)}">'
            f"<figcaption>{html.escape(summary)}</figcaption></figure>"
        )
    return (
        f"<section><h2>{html.escape(heading)}</h2>{figure}{html_table(heading + ' (data)', table)}</section>"
    )


def write_csv(path: Path, table: Table) -> None:
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(table[0])
        writer.writerows([spreadsheet_safe(cell) for cell in row] for row in table[1])


def build(
    feedback: List[Dict[str, Any]],
    handovers: List[Dict[str, Any]],
    out: Path,
    now: datetime,
    encode: Optional[Encode] = None,
) -> Path:
    """Writes report.html and its CSV files into `out` (encode: sentence vectors, for tests)."""
    out.mkdir(parents=True, exist_ok=True)
    helpful = helpfulness_by_topic(feedback)
    ratings = ratings_by_day(feedback)
    unanswered = common_unanswered(feedback, encode)
    comments = recent_comments(feedback)
    unhelpful = unhelpful_answers(feedback)
    per_day: Table = (("Day", "Handovers"), handovers_by(handovers, lambda h: h["created_at"][:10]))
    per_topic: Table = (("Topic", "Handovers"), handovers_by(handovers, lambda h: h["topic"]))
    tables = {
        "helpfulness_by_topic": helpful,
        "ratings_by_day": ratings,
        "unanswered_questions": unanswered,
        "recent_comments": comments,
        "unhelpful_answers": unhelpful,
        "handovers_by_day": per_day,
        "handovers_by_topic": per_topic,
    }
    for name, table in tables.items():
        write_csv(out / f"{name}.csv", table)
    write_csv(
        out / "feedback.csv",
        (list(feedback[0]) if feedback else ["created_at"], [list(r.values()) for r in feedback]),
    )

    best = max(helpful[1], key=lambda r: r[3], default=None)
    sections = [
        section(
            "Was this helpful? By topic",
            f"Bar chart of helpful and not helpful answers for {len(helpful[1])} topics"
            + (f"; the most helpful was {best[0]} at {best[3]}%." if best else "."),
            chart(
                "barh",
                [r[0] for r in helpful[1]],
                {"Helpful": [r[1] for r in helpful[1]], "Not helpful": [r[2] for r in helpful[1]]},
                "Was this helpful?",
                "Answers",
            )
            if helpful[1]
            else "",
            helpful,
        ),
        section(
            "Ratings over time",
            f"Line chart of the average rating (1 to 5) on {len(ratings[1])} days"
            + (f", from {ratings[1][0][2]} to {ratings[1][-1][2]}." if ratings[1] else "."),
            chart(
                "line",
                [r[0] for r in ratings[1]],
                {"Average rating": [r[2] for r in ratings[1]]},
                "Average rating by day",
                "Rating",
            )
            if ratings[1]
            else "",
            ratings,
        ),
        f"<section><h2>What residents wrote</h2>{html_table('Recent comments with their ratings', comments)}"
        f"{html_table('Answers marked not helpful, and what was missing', unhelpful)}</section>",
        section(
            "Questions the assistant could not answer",
            f"Bar chart of the {len(unanswered[1])} most common unanswered questions, grouped by meaning"
            + (f"; the most common was asked {unanswered[1][0][1]} times." if unanswered[1] else "."),
            chart(
                "barh",
                [r[0][:50] for r in unanswered[1]],
                {"Times asked": [r[1] for r in unanswered[1]]},
                "Most common unanswered questions",
                "Times asked",
            )
            if unanswered[1]
            else "",
            unanswered,
        ),
        section(
            "Handovers to Thurrock First per day",
            f"Bar chart of handovers on {len(per_day[1])} days, {len(handovers)} in all.",
            chart(
                "bar",
                [r[0] for r in per_day[1]],
                {"Handovers": [r[1] for r in per_day[1]]},
                "Handovers per day",
                "Handovers",
            )
            if per_day[1]
            else "",
            per_day,
        ),
        section(
            "Handovers by topic",
            f"Bar chart of handovers for {len(per_topic[1])} topics.",
            chart(
                "barh",
                [r[0] for r in per_topic[1]],
                {"Handovers": [r[1] for r in per_topic[1]]},
                "Handovers by topic",
                "Handovers",
            )
            if per_topic[1]
            else "",
            per_topic,
        ),
    ]
    page = f"""<!DOCTYPE html>
<html lang="en-GB"><head><meta charset="utf-8"><title>Thurrock Front Door: what residents told us</title>
<style>body{{font-family:Arial,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#0b0c0c;
line-height:1.4}}
table{{border-collapse:collapse;margin:1rem 0}}th,td{{border:1px solid #b1b4b6;padding:.3rem .6rem;text-align:left}}
caption{{font-weight:bold;text-align:left}}img{{max-width:100%}}</style></head>
<body><main><h1>Thurrock Front Door: what residents told us</h1>
<p>Made {now:%d %B %Y at %H:%M} UTC from {len(feedback)} feedback records and {len(handovers)} handovers.
The data behind each chart is in the table under it and in the CSV files beside this report.</p>
{"".join(sections)}
</main></body></html>
"""
    report = out / "report.html"
    report.write_text(page, encoding="utf-8")
    return report


def run(options: argparse.Namespace) -> int:
    database = Database()
    report = build(list_feedback(database), list_handovers(database), Path(options.out), datetime.utcnow())
    print(f"Wrote {report}")
    return 0
