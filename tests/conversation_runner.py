"""Whole conversations from tests/conversations/*.yml, said to a running assistant and checked.

Each file is one conversation, written as a resident would write it; each turn asserts what a
person would notice in the replies, and the end asserts what was stored (the handovers, read with
`python -m bot handovers --json` from the database the assistant wrote). Every conversation is also
checked for the properties residents asked for, whatever its file says:

- tell us once: no detail is asked for while the assistant holds it, nor after the resident said
  a value that was then stored;
- nothing stored that was not said: every name, number, postcode, email, time and need stored is
  made of the resident's own words;
- no loops: no reply is identical to either of the two replies before it;
- a reference, once given, can be recalled: the runner asks for it at the end, in its own words,
  and the answer must give every reference and whether it was sent, without asking anything.

Used by tests/test_conversations.py (one test a file) and by `make bench` (how many pass).
The file format is described in docs/development.md ("How to write a conversation test").
"""

import hashlib
import json
import re
from difflib import SequenceMatcher
import subprocess
import sys
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Dict, List, Optional

import httpx
import sqlalchemy as sa
import yaml

PROJECT_DIR = Path(__file__).resolve().parents[1]
CONVERSATIONS_DIR = PROJECT_DIR / "tests" / "conversations"
REFERENCE = re.compile(r"\bTF-\d{8}-\d{4}\b")
# channel -> (webhook, how that channel names a resident)
CHANNELS = {
    # "web:" and "telegram:" are reserved for the channels' own residents (issue 28): a caller names
    # itself with any other id
    "web": ("rest", "resident-{id}"),
    "telegram": ("rest", "tg-{number}"),
    "speech": ("speech", "resident-{id}"),
}
TURN_KEYS = {
    "say",
    "starts_with",
    "contains",
    "contains_any",
    "lacks",
    "buttons",
    "lacks_buttons",
    "urgent",
    "restart",
}
FILE_KEYS = {"who", "channel", "clock", "turns", "stored", "known_failure"}
# Details the resident gives and the question that asks for each (utter_ask_<slot>).
DETAIL_SLOTS = (
    "full_name",
    "asking_for",
    "cared_for",
    "phone",
    "email",
    "postcode",
    "contact_preference",
    "contact_time",
    "communication_needs",
    "need",
    "organisation",
    "cared_for_name",
    "cared_for_postcode",
)
# Stored fields made of the resident's own words (people records add *_name, *_phone, ...).
OWN_WORDS_FIELDS = {"full_name", "cared_for", "phone", "email", "postcode", "contact_time", "need"}
OWN_WORDS_SUFFIXES = ("_name", "_phone", "_email", "_postcode")
NEGATIONS = {"not", "dont", "don", "never", "no", "avoid"}  # words_of splits "don't"
NOT_A_VALUE = {"", "declined to say", "not given", "you chose not to say", "none"}
# Asking for a reference at the end, in different words for different files.
RECALL_QUESTIONS = (
    "what was my reference number again?",
    "sorry can you tell me my reference again",
    "did it send? whats my ref",
    "has my request gone through",
    "I've lost the reference number you gave me",
)
# The urgent answers (actions/safety.py); their follow-up answers are not a new urgent answer.
URGENT_PREFIXES = (
    "utter_risk_self_harm",
    "utter_risk_someone_else",
    "utter_risk_abuse",
    "utter_risk_domestic",
    "utter_risk_neglect",
    "utter_risk_danger",
    "utter_risk_carer_harm",
    "utter_risk_missed_care",
    "utter_risk_without_carer",
    "utter_risk_unsafe_alone",
    "utter_risk_not_safe_now",
    "utter_risk_medical_emergency",
)


class ConversationLoader(yaml.SafeLoader):
    """YAML where only true/false are booleans: `say: no` says "no", and a button titled Yes is "Yes"."""


ConversationLoader.yaml_implicit_resolvers = {
    first: [(tag, pattern) for tag, pattern in resolvers if tag != "tag:yaml.org,2002:bool"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
ConversationLoader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|false)$"), list("tf")
)


class ConversationFileError(ValueError):
    """A conversation file that does not follow the format."""


@dataclass
class Turn:
    said: str
    replies: List[Dict[str, Any]]
    actions: List[str] = field(default_factory=list)  # the responses the assistant used (utter_...)

    @property
    def text(self) -> str:
        return "\n".join(reply.get("text") or "" for reply in self.replies)

    @property
    def buttons(self) -> List[str]:
        return [button["title"] for reply in self.replies for button in reply.get("buttons") or []]

    @property
    def urgent(self) -> bool:
        return any(action.startswith(URGENT_PREFIXES) for action in self.actions)


@dataclass
class Outcome:
    """What happened in one conversation, and what was wrong with it."""

    path: Path
    turns: List[Turn] = field(default_factory=list)
    stored: List[Dict[str, Any]] = field(default_factory=list)
    problems: List[str] = field(default_factory=list)

    @property
    def passed(self) -> bool:
        return not self.problems

    def transcript(self) -> str:
        lines = []
        for number, turn in enumerate(self.turns, 1):
            lines.append(f"{number:>2} > {turn.said}")
            for reply in turn.replies:
                lines += [f"   < {line}" for line in (reply.get("text") or "").splitlines()]
                if reply.get("buttons"):
                    lines.append("     [" + "] [".join(b["title"] for b in reply["buttons"]) + "]")
            if turn.urgent:
                lines.append("     (urgent answer)")
        for handover in self.stored:
            shown = {k: v for k, v in handover.items() if k not in ("deliveries", "created_at") and v}
            lines.append("stored: " + json.dumps(shown, ensure_ascii=False))
        return "\n".join(lines)

    def report(self) -> str:
        return (
            f"{self.path.name}:\n"
            + "\n".join(f"- {p}" for p in self.problems)
            + "\n\nTranscript:\n"
            + self.transcript()
        )


def conversation_files() -> List[Path]:
    return sorted(CONVERSATIONS_DIR.glob("*.yml"))


def load(path: Path) -> Dict[str, Any]:
    """Reads and checks one conversation file (a mistake in it is reported, not run)."""
    conversation = yaml.load(path.read_text(encoding="utf-8"), Loader=ConversationLoader)
    if not isinstance(conversation, dict):
        raise ConversationFileError(f"{path.name}: expected who, channel, turns and stored")
    unknown = set(conversation) - FILE_KEYS
    if unknown:
        raise ConversationFileError(f"{path.name}: unknown keys {sorted(unknown)}")
    if not str(conversation.get("who") or "").strip():
        raise ConversationFileError(f"{path.name}: say who is speaking ('who:')")
    if conversation.get("channel", "web") not in CHANNELS:
        raise ConversationFileError(f"{path.name}: channel must be one of {sorted(CHANNELS)}")
    turns = conversation.get("turns")
    if not isinstance(turns, list) or not turns:
        raise ConversationFileError(f"{path.name}: no turns")
    for number, turn in enumerate(turns, 1):
        if not isinstance(turn, dict) or not (set(turn) & {"say", "restart"}):
            raise ConversationFileError(f"{path.name}: turn {number} needs 'say:'")
        unknown = set(turn) - TURN_KEYS
        if unknown:
            raise ConversationFileError(f"{path.name}: turn {number}: unknown keys {sorted(unknown)}")
    return conversation


def as_list(value: Any) -> List[str]:
    if value is None:
        return []
    return [str(item) for item in value] if isinstance(value, list) else [str(value)]


def folded(text: str) -> str:
    """Case- and space-insensitive; typographic apostrophes as plain ones; digits grouped any way
    ("07700 900 314" and "07700 900314" are the same number to the person reading it)."""
    return re.sub(r"(?<=\d) (?=\d)", "", " ".join(text.replace("\u2019", "'").lower().split()))


class Conversation:
    """One resident talking to a running assistant over a channel's webhook."""

    def __init__(self, http: httpx.Client, env: Dict[str, str], channel: str) -> None:
        webhook, sender = CHANNELS[channel]
        self.http = http
        self.env = env
        self.webhook = f"/webhooks/{webhook}/webhook"
        self.sender = sender.format(id=uuid.uuid4(), number=uuid.uuid4().int % 10**9)
        self.tracker = sa.create_engine(env["DATABASE_URL"])
        self.last_event_id = 0
        self.events: List[Dict[str, Any]] = []  # the whole conversation so far

    def say(self, text: str) -> Turn:
        answer = self.http.post(self.webhook, json={"sender": self.sender, "message": text})
        replies = (
            answer.json()
            if answer.status_code == 200
            else [{"text": f"(HTTP {answer.status_code}: {answer.text[:200]})"}]
        )
        return Turn(
            text,
            replies,
            [
                event.get("metadata", {}).get("utter_action", "")
                for event in self.new_events()
                if event.get("event") == "bot"
            ],
        )

    def new_events(self) -> List[Dict[str, Any]]:
        """The conversation's events since last asked, from Rasa's tracker tables."""
        with self.tracker.connect() as connection:
            rows = connection.execute(
                sa.text("SELECT id, data FROM events WHERE sender_id = :sender AND id > :last ORDER BY id"),
                {"sender": self.sender, "last": self.last_event_id},
            ).fetchall()
        if rows:
            self.last_event_id = rows[-1][0]
        new = [json.loads(row[1]) for row in rows]
        self.events += new
        return new

    def references(self) -> set:
        """Every handover reference in the database now (quicker than the staff command)."""
        with self.tracker.connect() as connection:
            if not sa.inspect(connection).has_table("handovers"):
                return set()
            return set(connection.execute(sa.text("SELECT reference FROM handovers")).scalars())

    def close(self) -> None:
        self.tracker.dispose()


def stored_handovers(env: Dict[str, str]) -> List[Dict[str, Any]]:
    """Every handover in the assistant's database, read as staff read them."""
    done = subprocess.run(
        [sys.executable, "-m", "bot", "handovers", "--json"],
        cwd=PROJECT_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    if done.returncode != 0:
        raise RuntimeError(f"python -m bot handovers --json failed: {done.stderr[-2000:]}")
    return json.loads(done.stdout)


def run_conversation(
    path: Path,
    http: httpx.Client,
    env: Dict[str, str],
    restart: Optional[Callable[[], None]] = None,
) -> Outcome:
    """Holds the conversation in `path` with the assistant at `http`; returns what happened."""
    outcome = Outcome(path)
    try:
        conversation = load(path)
    except (ConversationFileError, yaml.YAMLError) as error:
        outcome.problems.append(f"the file is not a conversation test: {error}")
        return outcome
    # the assistant's now (CLOCK_OVERRIDE), for answers that depend on the hour
    clock = conversation.get("clock")
    usual_clock = env.get("CLOCK_OVERRIDE")
    if clock:
        if restart is None:
            outcome.problems.append("this run cannot restart the assistant with a clock")
            return outcome
        env["CLOCK_OVERRIDE"] = str(clock)
        restart()
    talk = Conversation(http, env, conversation.get("channel", "web"))
    before = talk.references()
    try:
        for number, step in enumerate(conversation["turns"], 1):
            if step.get("restart"):
                if restart is None:
                    outcome.problems.append(f"turn {number}: this run cannot restart the assistant")
                    return outcome
                restart()
                if "say" not in step:
                    continue
            turn = talk.say(str(step["say"]))
            outcome.turns.append(turn)
            outcome.problems += [f"turn {number} ({turn.said!r}): {p}" for p in turn_problems(step, turn)]
        outcome.stored = [h for h in stored_handovers(env) if h["reference"] not in before]
        outcome.problems += stored_problems(conversation.get("stored"), outcome.stored)
        outcome.problems += loop_problems(outcome.turns)
        outcome.problems += asked_twice_problems(talk.events, outcome)
        outcome.problems += invented_problems(outcome)
        outcome.problems += recall_problems(talk, outcome, env)
    except httpx.HTTPError as error:
        outcome.problems.append(f"the assistant could not be reached: {error!r}")
    finally:
        talk.close()
        if clock:
            if usual_clock is None:
                env.pop("CLOCK_OVERRIDE", None)
            else:
                env["CLOCK_OVERRIDE"] = usual_clock
            restart()
    return outcome


def turn_problems(step: Dict[str, Any], turn: Turn) -> List[str]:
    """What a person would notice is wrong with one reply, against what the file expects."""
    problems = []
    words = folded(turn.text)
    if not turn.replies or not words:
        problems.append("no reply")
    first = folded(turn.replies[0].get("text") or "") if turn.replies else ""
    if "starts_with" in step and not first.startswith(folded(step["starts_with"])):
        problems.append(f"the first thing read is not {step['starts_with']!r} but {first[:60]!r}")
    for expected in as_list(step.get("contains")):
        if folded(expected) not in words:
            problems.append(f"the reply does not say {expected!r}")
    if "contains_any" in step and not any(folded(e) in words for e in as_list(step["contains_any"])):
        problems.append(f"the reply says none of {as_list(step['contains_any'])}")
    for unwanted in as_list(step.get("lacks")):
        if folded(unwanted) in words:
            problems.append(f"the reply says {unwanted!r}, which it should not")
    offered = [folded(title) for title in turn.buttons]
    for title in as_list(step.get("buttons")):
        if folded(title) not in offered:
            problems.append(f"no button {title!r} (offered: {turn.buttons})")
    for title in as_list(step.get("lacks_buttons")):
        if folded(title) in offered:
            problems.append(f"a button {title!r} is offered, which it should not be")
    if "urgent" in step and bool(step["urgent"]) != turn.urgent:
        problems.append(
            "the urgent answer was given, which it should not be"
            if turn.urgent
            else "the urgent answer was not given"
        )
    return problems


def stored_problems(expected: Any, stored: List[Dict[str, Any]]) -> List[str]:
    """`stored:` is a list with one entry per handover this conversation should have stored, in
    order: each field maps to text the field contains (case-insensitive), a list of such texts, or
    null for a field left empty. An empty list means nothing was stored."""
    if expected is None:
        return []
    if not isinstance(expected, list):
        return ["'stored:' must be a list of handovers (empty: nothing stored)"]
    problems = []
    if len(stored) != len(expected):
        problems.append(f"{len(stored)} handover(s) stored, expected {len(expected)}")
    for number, (wanted, handover) in enumerate(zip(expected, stored), 1):
        for name, value in (wanted or {}).items():
            if name not in handover:
                problems.append(f"handover {number} has no field {name!r}")
                continue
            actual = handover[name]
            if value is None:
                if actual not in (None, "", []):
                    problems.append(f"handover {number}: {name} should be empty, is {actual!r}")
                continue
            for part in as_list(value):  # spaces do not matter: "07700 900 404" is "07700 900404"
                if folded(part).replace(" ", "") not in folded(str(actual or "")).replace(" ", ""):
                    problems.append(f"handover {number}: {name} is {actual!r}, should contain {part!r}")
    return problems


def loop_problems(turns: List[Turn]) -> List[str]:
    """No reply identical to either of the two before it."""
    problems = []
    for number, turn in enumerate(turns):
        this = folded(turn.text)
        for earlier in turns[max(0, number - 2) : number]:
            if this and this == folded(earlier.text):
                problems.append(
                    f"turn {number + 1} ({turn.said!r}) got the same reply as "
                    f"turn {turns.index(earlier) + 1} ({earlier.said!r}): a loop"
                )
                break
    return problems


def asked_twice_problems(events: List[Dict[str, Any]], outcome: Outcome) -> List[str]:
    """No detail asked for while the assistant holds it, or after the resident said what was stored."""
    problems = []
    held: Dict[str, Any] = {}
    turn_number = 0
    said_at = said_values(outcome)
    changing = False
    for event in events:
        kind = event.get("event")
        if kind == "user":
            turn_number += 1
            intent = ((event.get("parse_data") or {}).get("intent") or {}).get("name")
            changing = changing or intent == "update_detail"
        elif kind == "slot" and event.get("name") in DETAIL_SLOTS:
            held[event["name"]] = event.get("value")
        elif kind == "reset_slots":
            held.clear()
        elif kind == "bot":
            action = (event.get("metadata") or {}).get("utter_action") or ""
            slot = action.replace("utter_ask_", "", 1) if action.startswith("utter_ask_") else None
            if slot not in DETAIL_SLOTS:
                continue
            if held.get(slot) not in (None, [], ""):
                problems.append(f"turn {turn_number}: asked for {slot} again, though it holds {held[slot]!r}")
            elif not changing and slot in said_at and said_at[slot] < turn_number:
                problems.append(
                    f"turn {turn_number}: asked for {slot}, already given at turn {said_at[slot]}"
                )
    return problems


def digits(text: str) -> str:
    found = re.sub(r"\D", "", text)
    return "0" + found[2:] if found.startswith("44") else found


def said_values(outcome: Outcome) -> Dict[str, int]:
    """The first turn at which the resident said each stored name, phone, email or postcode."""
    first: Dict[str, int] = {}
    for handover in outcome.stored:
        for slot in ("full_name", "phone", "email", "postcode"):
            value = str(handover.get(slot) or "")
            if folded(value) in NOT_A_VALUE:
                continue
            for number, turn in enumerate(outcome.turns, 1):
                if contains_value(turn.said, slot, value):
                    first[slot] = min(first.get(slot, number), number)
                    break
    return first


def contains_value(said: str, slot: str, value: str) -> bool:
    if slot.endswith("phone"):
        return bool(digits(value)) and digits(value) in digits(said)
    if slot.endswith("postcode"):
        return value.replace(" ", "").upper() in said.replace(" ", "").upper()
    return all(word in words_of(said) for word in words_of(value))


def words_of(text: str) -> List[str]:
    return re.findall(r"[a-z0-9]+", text.replace("\u2019", "'").lower())


def invented_problems(outcome: Outcome) -> List[str]:
    """Every stored value made of words the resident used (a word may differ in its ending:
    "morning" may be stored as "mornings")."""
    resident = " ".join(turn.said for turn in outcome.turns)
    their_words = set(words_of(resident))
    problems = []
    for handover in outcome.stored:
        for name, value in handover.items():
            if not (name in OWN_WORDS_FIELDS or name.endswith(OWN_WORDS_SUFFIXES)):
                continue
            if not isinstance(value, str) or folded(value) in NOT_A_VALUE:
                continue
            if name.endswith(("phone", "postcode")):
                if not contains_value(resident, name, value):
                    problems.append(f"stored {name} {value!r}, which the resident never said")
                continue
            unsaid = [w for w in words_of(value) if not said_word(w, their_words)]
            if unsaid:
                problems.append(f"stored {name} {value!r}: the resident never said {unsaid}")
    return problems


def said_word(word: str, their_words: set) -> bool:
    """Said, allowing another ending ("morning" -> "mornings") or their spelling put right
    ("aftanoons" -> "afternoons"); a different word is not."""
    if word in their_words or len(word) <= 2:
        return True
    if word == "not" and their_words & NEGATIONS:  # "dont ring in the evening" -> "not evenings"
        return True
    stem = word[: max(4, len(word) - 2)]
    return any(
        theirs.startswith(stem)
        or word.startswith(theirs[: max(4, len(theirs) - 2)])
        or (len(word) >= 6 and SequenceMatcher(None, word, theirs).ratio() >= 0.8)
        for theirs in their_words
        if len(theirs) >= 4
    )


def recall_problems(talk: Conversation, outcome: Outcome, env: Dict[str, str]) -> List[str]:
    """Once a reference was given, asking for it gives it back with its state, asks nothing, stores nothing."""
    given = list(dict.fromkeys(REFERENCE.findall("\n".join(turn.text for turn in outcome.turns))))
    if not given:
        return []
    everything_before = talk.references()
    question = RECALL_QUESTIONS[
        int(hashlib.sha1(outcome.path.name.encode()).hexdigest(), 16) % len(RECALL_QUESTIONS)
    ]
    turn = talk.say(question)
    outcome.turns.append(turn)
    problems = []
    missing = [reference for reference in given if reference not in turn.text]
    if missing:
        problems.append(f"asked {question!r} at the end: the reply does not give {missing}")
    if "sent" not in folded(turn.text) and "prepar" not in folded(turn.text):
        problems.append(f"asked {question!r} at the end: the reply does not say whether it was sent")
    if any(action.startswith("utter_ask_") for action in turn.actions):
        problems.append(f"asked {question!r} at the end: the assistant asked a question back")
    new = talk.references() - everything_before
    if new:
        problems.append(f"asking for the reference stored a new handover: {sorted(new)}")
    return problems
