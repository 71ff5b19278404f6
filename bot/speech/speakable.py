"""Turns a reply (text and buttons) into words that sound right when spoken."""

import re
import unicodedata
from typing import Any, Dict, List

URL = re.compile(r"\b(?:https?://)?(?:www\.)?([a-z0-9-]+(?:\.[a-z0-9-]+)+)(/\S*)?", re.IGNORECASE)
EMAIL = re.compile(r"\b([\w.+-]+)@([\w-]+(?:\.[\w-]+)+)\b")
PHONE = re.compile(r"\b0\d{3,4}(?: ?\d{3}){1,2}(?: ?\d{1,4})?\b|\b116 123\b|\b999\b|\b111\b")
SYMBOLS = {"&": " and ", "£": " pounds ", "%": " percent ", "/": " ", "*": " ", "#": " "}


def _dotted(address: str) -> str:
    return " dot ".join(address.split("."))


def _digits(match: re.Match) -> str:
    """Phone numbers are read digit by digit, in their groups: "0 1 3 7 5, 5 1 1, 0 0 0"."""
    return ", ".join(" ".join(group) for group in match.group(0).split())


def _without_emoji(text: str) -> str:
    return "".join(
        ch
        for ch in text
        if unicodedata.category(ch) not in {"So", "Sk", "Cs", "Co", "Cn", "Cc", "Cf"} or ch == "\n"
    )


def spoken_words(text: str) -> str:
    """Words for the speech engine: links and emails as words, numbers digit by digit, no emoji."""
    text = _without_emoji(text)
    text = EMAIL.sub(lambda m: f"{_dotted(m.group(1))} at {_dotted(m.group(2))}", text)
    text = URL.sub(lambda m: _dotted(m.group(1)), text)
    text = PHONE.sub(_digits, text)
    text = re.sub(r"£(\d[\d,]*)", lambda m: f"{m.group(1)} pounds", text)
    for symbol, words in SYMBOLS.items():
        text = text.replace(symbol, words)
    return re.sub(r"[ \t]+", " ", text).strip()


def options_sentence(titles: List[str]) -> str:
    if not titles:
        return ""
    if len(titles) == 1:
        return f"Your option is: {titles[0]}."
    return f"Your options are: {', '.join(titles[:-1])}, or {titles[-1]}."


def speakable(message: Dict[str, Any]) -> str:
    """What to say for one reply: its text, then its buttons as a list of options."""
    titles = [button.get("title", "") for button in message.get("buttons") or []]
    parts = [message.get("text") or "", options_sentence([t for t in titles if t])]
    return spoken_words("\n".join(part for part in parts if part))
