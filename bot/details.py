"""Finding and checking the details a resident tells us: name, postcode, phone, email and more.

Used twice: by the NLU pipeline (bot.server.nlu.details) to pick details out of any message, so they are
never asked for again, and by the handover form's validation to check an answer.
"""

import re
from dataclasses import dataclass
from typing import Iterable, List, Optional, Text

POSTCODE = re.compile(r"\b([A-Z]{1,2}[0-9][A-Z0-9]?)\s*([0-9][A-Z]{2})\b", re.IGNORECASE)
EMAIL = re.compile(r"\b[\w.+'-]{1,64}@[A-Za-z0-9-]{1,63}(?:\.[A-Za-z0-9-]{1,63})+\b")
# A run of digits, spaces, dashes and brackets that may be a UK phone number (checked afterwards).
PHONE_CANDIDATE = re.compile(r"(?<![\w+])(?:\+44\s?\(?0?\)?|0)[\d\s()-]{8,16}\d\b")
NAME_WORD = r"[A-Za-z][A-Za-z'’-]{0,30}"
NAME_INTRO = re.compile(
    rf"\b(?:my name is|my name'?s|i'?m called|i am called|name:)\s+({NAME_WORD}(?:\s+{NAME_WORD}){{0,2}})",
    re.IGNORECASE,
)
# Words that end a name ("my name is Ann and I live…").
NOT_NAME_WORDS = {
    "and", "i", "im", "i'm", "my", "from", "in", "at", "live", "living", "the", "a", "is", "but",
    "with", "phone", "number", "email", "postcode", "please", "thanks", "thank", "who", "what",
    "how", "can", "need", "help", "for", "about", "on", "not", "here", "calling", "writing",
}
RELATIONS = (
    "mum", "mother", "mam", "dad", "father", "husband", "wife", "partner", "son", "daughter",
    "brother", "sister", "nan", "nanny", "gran", "granny", "grandmother", "grandad", "grandfather",
    "grandma", "grandpa", "friend", "neighbour", "aunt", "auntie", "uncle", "nephew", "niece",
    "client", "tenant", "dad's", "mother-in-law", "father-in-law",
)
RELATION_WORDS = "|".join(map(re.escape, RELATIONS))
RELATION = re.compile(
    r"\bmy\s+(" + RELATION_WORDS + r")\b"
    r"(?:\s*,?\s*(?:who is called|called|named|whose name is|is called)?\s*,?\s*([A-Z][a-z'’-]+(?:\s+[A-Z][a-z'’-]+)?))?"
)
# "my dad" is the person the help is for only when said so: "for my dad", "my dad needs…",
# "my mum, Joan"; not in "can I pay my daughter".
CARED_FOR_CONTEXT = re.compile(
    r"\b(?:for|after|about|help|helping|support|supporting|with)\s+my\s+(?:" + RELATION_WORDS + r")\b|"
    r"\bmy\s+(?:" + RELATION_WORDS + r")\b\s*,?\s*(?:who\s+)?(?:needs?|has|is|isn'?t|can'?t|cannot|keeps|"
    r"struggles|lives|was|had|fell|gets|called|named|whose|[A-Z][a-z])",
)
ASKING_FOR = [
    ("as a professional", re.compile(
        r"\b(i'?m|i am)\s+(a|an|the|her|his|their)\s+(social worker|professional|gp|nurse|support worker|"
        r"occupational therapist|care manager|key worker|housing officer)\b|\bmy client\b", re.I)),
    ("for someone they care for", re.compile(
        r"\b(i'?m|i am)\s+(a|an|their|his|her)\s+(unpaid\s+)?carer\b|\bi (look after|care for)\b|"
        r"\bfor my\s+(" + "|".join(map(re.escape, RELATIONS)) + r")\b", re.I)),
    ("for themselves", re.compile(r"\b(for myself|it'?s (for )?me|help is for me|for themselves)\b", re.I)),
]
CONTACT_PREFERENCES = [
    ("phone call", re.compile(r"\b(call|phone|ring) me\b|\bby (phone|telephone)\b|\bphone rather\b", re.I)),
    ("email", re.compile(r"\b(e-?mail me|by e-?mail)\b", re.I)),
    ("text message", re.compile(r"\b(text me|by text|sms)\b", re.I)),
    ("letter", re.compile(r"\b(by letter|write to me|by post)\b", re.I)),
]
CONTACT_TIME = re.compile(
    r"\b((?:in the |any |weekday |weekend )?(?:mornings?|afternoons?|evenings?)|any ?time|"
    r"(?:after|before|from) \d{1,2}(?::\d\d)?\s*(?:am|pm)?(?: (?:to|until|and) \d{1,2}(?::\d\d)?\s*(?:am|pm)?)?|"
    r"between \d{1,2}(?::\d\d)?\s*(?:am|pm)? and \d{1,2}(?::\d\d)?\s*(?:am|pm)?)\b",
    re.I,
)
# The Accessible Information Standard's needs, as residents say them.
COMMUNICATION_NEEDS = [
    ("large print", re.compile(r"\blarge print|big print|bigger (print|writing|text)\b", re.I)),
    ("Easy Read", re.compile(r"\beasy read\b", re.I)),
    ("BSL interpreter", re.compile(r"\b(bsl|british sign language|sign language)\b", re.I)),
    ("hearing loop", re.compile(r"\b(hearing|induction) loop\b", re.I)),
    ("deaf or hard of hearing", re.compile(r"\b(i'?m|i am|is|she'?s|he'?s) (deaf|hard of hearing)\b", re.I)),
    ("blind or partially sighted", re.compile(r"\b(blind|partially sighted|sight loss|can'?t see)\b", re.I)),
    ("braille", re.compile(r"\bbraille\b", re.I)),
    ("phone rather than letter", re.compile(
        r"\b(phone|call) (rather than|not|instead of) (a )?(letter|writing)|\bno letters\b|can'?t read letters", re.I)),
    ("an advocate", re.compile(r"\badvocate\b", re.I)),
    ("a language interpreter", re.compile(r"^(?!.*\b(bsl|sign)\b).*\binterpreter\b", re.I | re.S)),
]
DETAIL_WORDS = [
    ("phone", re.compile(r"\b(phone|number|mobile|telephone|landline)\b", re.I)),
    ("email", re.compile(r"\be-?mail\b", re.I)),
    ("postcode", re.compile(r"\b(postcode|post code|address|moved|move house)\b", re.I)),
    ("full_name", re.compile(r"\bname\b", re.I)),
]


@dataclass(frozen=True)
class Found:
    """A detail found in a message: which kind, its tidy value, and where it was."""

    kind: Text
    value: Text
    start: int
    end: int


def tidy_postcode(text: Text) -> Optional[Text]:
    """'rm176sl' -> 'RM17 6SL'; None unless the whole text is a UK postcode."""
    found = POSTCODE.fullmatch(text.strip())
    return f"{found.group(1).upper()} {found.group(2).upper()}" if found else None


def postcode_district(postcode: Text) -> Text:
    return postcode.split()[0].upper()


def tidy_phone(text: Text) -> Optional[Text]:
    """A UK phone number in its usual spacing, or None. Accepts +44 and spaces, dashes, brackets."""
    digits = re.sub(r"[\s()-]", "", text.strip())
    if digits.startswith("+44"):
        digits = "0" + digits[3:].lstrip("0")
    if not re.fullmatch(r"0\d{9,10}", digits):
        return None
    if digits.startswith("07") and len(digits) == 11:
        return f"{digits[:5]} {digits[5:]}"
    if digits.startswith(("01", "02", "03", "08")) and len(digits) in (10, 11):
        if digits.startswith("02"):
            return f"{digits[:3]} {digits[3:7]} {digits[7:]}"
        return f"{digits[:5]} {digits[5:]}"
    return None


def tidy_email(text: Text) -> Optional[Text]:
    found = EMAIL.fullmatch(text.strip())
    return found.group(0) if found else None


def tidy_name(text: Text) -> Optional[Text]:
    """A plausible person's name (1 to 4 words of letters), in title case; else None."""
    words = re.sub(r"[.,!]+$", "", text.strip()).split()
    if not 1 <= len(words) <= 4 or any(w.lower() in NOT_NAME_WORDS for w in words):
        return None
    if not all(re.fullmatch(NAME_WORD, w) for w in words):
        return None
    return " ".join(w if any(c.isupper() for c in w[1:]) else w.capitalize() for w in words)


def _name_from_intro(text: Text) -> Optional[Found]:
    found = NAME_INTRO.search(text)
    if not found:
        return None
    words: List[Text] = []
    for word in found.group(1).split():
        if word.lower() in NOT_NAME_WORDS:
            break
        words.append(word)
    name = tidy_name(" ".join(words)) if words else None
    if not name:
        return None
    start = found.start(1)
    return Found("person_name", name, start, start + len(" ".join(words)))


def _first(patterns, text: Text, kind: Text) -> Iterable[Found]:
    for value, pattern in patterns:
        found = pattern.search(text)
        if found:
            yield Found(kind, value, found.start(), found.end())
            return


def find_details(text: Text) -> List[Found]:
    """Every detail in a message, e.g. name, postcode and phone from one sentence."""
    found: List[Found] = []
    name = _name_from_intro(text)
    if name:
        found.append(name)
    for match in POSTCODE.finditer(text):
        postcode = tidy_postcode(match.group(0))
        if postcode:
            found.append(Found("postcode", postcode, match.start(), match.end()))
            break
    for match in EMAIL.finditer(text):
        found.append(Found("email", match.group(0), match.start(), match.end()))
        break
    for match in PHONE_CANDIDATE.finditer(text):
        phone = tidy_phone(match.group(0))
        if phone:
            found.append(Found("phone", phone, match.start(), match.end()))
            break
    relation = RELATION.search(text) if CARED_FOR_CONTEXT.search(text) else None
    if relation:
        cared_for = relation.group(1).lower()
        if relation.group(2) and relation.group(2).lower() not in NOT_NAME_WORDS:
            cared_for = f"{cared_for}, {relation.group(2)}"
        found.append(Found("cared_for", cared_for, relation.start(), relation.end()))
    asking_for = list(_first(ASKING_FOR, text, "asking_for"))
    if not asking_for and relation:
        asking_for = [Found("asking_for", "for someone they care for", relation.start(), relation.end())]
    found.extend(asking_for)
    found.extend(_first(CONTACT_PREFERENCES, text, "contact_preference"))
    time = CONTACT_TIME.search(text)
    if time:
        found.append(Found("contact_time", time.group(0).lower(), time.start(), time.end()))
    for value, pattern in COMMUNICATION_NEEDS:
        match = pattern.search(text)
        if match:
            found.append(Found("communication_need", value, match.start(), match.end()))
    found.extend(_first(DETAIL_WORDS, text, "detail"))
    return found


def asking_for_from_answer(text: Text) -> Optional[Text]:
    """Reads the answer to "who is this for?" ("for my mum", "myself", "I'm her social worker")."""
    if text in {value for value, _ in ASKING_FOR}:
        return text
    for value, pattern in ASKING_FOR:
        if pattern.search(text):
            return value
    lowered = text.lower()
    if re.search(r"\b(me|myself|mine|my own)\b", lowered) and not RELATION.search(text):
        return "for themselves"
    if re.search(r"\b(someone|somebody|care for|look after|family|relative)\b", lowered) or RELATION.search(text):
        return "for someone they care for"
    if re.search(r"\b(professional|work|worker|gp|nurse|doctor)\b", lowered):
        return "as a professional"
    return None


def communication_needs_from_answer(text: Text) -> List[Text]:
    """The communication needs named in an answer, in the standard's words."""
    return [value for value, pattern in COMMUNICATION_NEEDS if pattern.search(text)]
