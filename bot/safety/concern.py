"""A concern in the person's own words, and who it is about: kept for the handover.

Thurrock First needs, at the top of the handover: how urgent, what was said (word for word), who
may be at risk, who may be causing harm, and whether it is safe to contact the person and how.
"""

import re
from typing import Any, Dict, List, Optional, Text

from bot.safety.followups import NO_PHONE_OF_THEIR_OWN
from bot.safety.risk import (
    ABUSE,
    CARER_HARM,
    DANGER,
    MISSED_CARE,
    NEGLECT,
    RELATIVE,
    SELF_HARM,
    SOMEONE_ELSE,
    UNSAFE_ALONE,
    WITHOUT_CARER,
    Risk,
    tidy,
)

KIND_TITLES = {
    SELF_HARM: "risk of suicide or self-harm (the person writing)",
    SOMEONE_ELSE: "risk of suicide or self-harm (someone the person knows)",
    ABUSE: "possible abuse or exploitation",
    NEGLECT: "possible neglect or self-neglect, or someone not seen",
    DANGER: "someone in danger or hurt now",
    CARER_HARM: "a carer at breaking point: afraid of harming or leaving the person they look after",
    MISSED_CARE: "care visit missed and someone stuck or unsafe",
    UNSAFE_ALONE: "someone unsafe at home on their own (the gas left on, going out at night)",
    WITHOUT_CARER: "their carer suddenly away (hospital, died, gone) and nobody to help with everyday needs now",
}
HARMERS = (
    r"(carers?|care\s+worker|agency\s+worker|worker|partner|husband|wife|boyfriend|girlfriend|ex|son|daughter|"
    r"brother|sister|grandson|granddaughter|nephew|niece|neighbour|son-in-law|daughter-in-law|"
    r"daughter\s+in\s+law|son\s+in\s+law|stepson|stepdad|stepmum|mum|dad|mother|father|friend|lodger|landlord|"
    r"lad|uncle|aunt|auntie|cousin|grandad|grandpa|nan|man|woman|someone|somebody)"
)
HARM_VERB = (
    r"(hits?|hitting|hurts?|hurting|slaps?|kicks?|punch\w*|push\w*|shov\w*|grabs?|beats?|takes?|taking|took|"
    r"steal\w*|stole|borrow\w*|controls?|threaten\w*|shouts?|swears?|locks?|tied|touched|forces?|strangl\w*|"
    r"is\s+(rough|nasty|cruel|aggressive|violent|abusive)|won't\s+let|makes\s+me|has\s+got|uses?|scams?|"
    r"helps\s+(him|her|them)sel(f|ves)|keeps\s+(having|taking|asking\s+for)|spends?|spent|drains?)"
)
HARMER = re.compile(
    r"\b((?:my|her|his|their|the|mum's|dad's|\w+'s)\s+(?:\w+\s+)?"
    + HARMERS
    + r"|he|she|they)\b[^.?!]{0,25}?\b"
    + HARM_VERB
    + r"\b"
)
# "he takes my money, it's my son": who "he" is, said in another clause
NAMED_AS = re.compile(
    r"\b(?:it's|it\s+is|its|it\s+was|that's|that\s+is)\s+((?:my|her|his|their|mum's|dad's)\s+(?:\w+\s+)?"
    + HARMERS
    + r")\b"
)
AFRAID_OF = re.compile(
    r"\b(scared|frightened|afraid|terrified)\s+of\s+((?:my|her|his|their|the)\s+(?:\w+\s+)?"
    + HARMERS
    + r")\b"
)
AT_RISK_OTHER = re.compile(
    r"\b((?:my|our|the|his|her)\s+(?:\w+\s+){0,2}?"
    + RELATIVE
    + r"(?:s|'s)?|the\s+(?:old\s+|elderly\s+)?(?:lady|man|woman|gentleman|person)(?:\s+(?:next\s+door|upstairs|downstairs|opposite|across\s+the\s+road))?|mr\s+\w+|mrs\s+\w+)\b"
)
OTHER_PERSON_HARMED = re.compile(
    r"\b(takes?|took|taking|stole|steals|hits?|hitting|hurts?|hurting|shouts?\s+at|pushe?s?|grabs?)\s+(his|her|him)\b|"
    r"\b(he's|she's|he\s+is|she\s+is|hes|shes)\s+(about\s+|nearly\s+|over\s+)?\d{2}\b"
)
FIRST_PERSON = re.compile(r"\b(me|i|i'm|i've|myself|my\s+(money|pension|card|bank))\b")
# (never the landline alone: "not the landline, only my mobile" is a call to the mobile; nor an email
# he reads: "i dont do email he reads it")
NOT_BY_PHONE = re.compile(
    r"\b(not|don't|do\s+not|never|no|can't|cannot)\b[^.?!]{0,15}\b(phone|ring|call|calls)\b(?!\s+(the\s+|my\s+|our\s+)?(landline|house|home))"
    r"(?![^.?!]{0,25}\b(landline|house\s+phone|home\s+phone)\b)|"
    r"\b(he|she|they)\s+(will\s+|would\s+|might\s+)?(answer|check)s?\s+(it|my\s+(phone|mobile)|the\s+phone)\b|"
    r"\b(he|she|they)\s+(has|have|took|takes|keeps)\s+(got\s+)?(it|my\s+(phone|mobile))\b"
)
NOT_LANDLINE = re.compile(
    r"\b(not|don't|do\s+not|never|no)\b[^.?!]{0,20}\b(landline|house\s+phone|home\s+phone)\b|"
    r"\b(landline|house\s+phone|home\s+phone)\b[^.?!]{0,20}\bnot\s+safe\b"
)
NOT_BY_POST = re.compile(
    r"\b(not|don't|no)\b[^.?!]{0,15}\b(letters?|post|posted|write|mail)\b|\b(he|she|they)\s+(opens|reads)\s+(my\s+|the\s+)?(post|letters|mail)\b"
)
NOT_BY_TEXT = re.compile(r"\b(not|don't|no)\b[^.?!]{0,15}\b(text|texts|sms|text\s+message)\b")
NOT_BY_EMAIL = re.compile(
    r"\b(not|don't|do\s+not|no|never)\b[^.?!]{0,15}\be-?mails?\b|\be-?mail\b[^.?!]{0,25}\b(he|she|they)\s+(reads?|checks?|sees?)\b"
)
NO_VOICEMAIL = re.compile(
    r"\b(don't|do\s+not|never|no)\b[^.?!]{0,10}\b(leave\s+(a\s+|any\s+)?(message|voicemail)s?|voice\s*mails?|answerphone)\b"
)
ONLY_WAY = re.compile(
    r"\b(email|e-mail|text|letter|phone|ring|call|mobile)\b[^.?!]{0,30}\b(only|is\s+(safe|best|fine))\b|\bonly\s+(by\s+|on\s+)?(my\s+)?(email|e-mail|text|letter|phone|mobile)\b"
)
NOT_SAFE_TO_CONTACT = re.compile(
    r"^(no|nope|not\s+really)\b|\bnot\s+safe\b|\bdon't\s+contact\b|\bdo\s+not\s+contact\b"
)


def _phrase(match: Optional[re.Match]) -> Optional[Text]:
    return match.group(1) if match else None


def causing_harm(text: Text) -> Optional[Text]:
    """Who may be causing harm, in the person's words ("her carer", "my partner"), if named."""
    tidied = tidy(text)
    found = HARMER.search(tidied) or AFRAID_OF.search(tidied)
    who = (found.group(1) if found.re is HARMER else found.group(2)) if found else None
    if who in (None, "he", "she", "they"):
        return _phrase(NAMED_AS.search(tidied))
    return who


def at_risk(text: Text, risk: Risk) -> Text:
    """Who may be at risk: the person writing, or the person they describe."""
    tidied = tidy(text)
    if risk.kind == SELF_HARM:
        return "the person writing"
    if risk.kind == CARER_HARM:
        other = AT_RISK_OTHER.search(tidied)
        return other.group(1) if other else "the person they care for"
    if risk.kind == WITHOUT_CARER:  # "my wife went into hospital": the writer is left, not the wife
        for_other = re.search(
            r"\b(help|look\s+after|care\s+for|get|see\s+to)\s+(her|him|them)\b|\b\w+'s\s+carer\b", tidied
        )
        return "the person the writer is worried about" if for_other else "the person writing"
    harmer = causing_harm(text) or ""
    for match in AT_RISK_OTHER.finditer(tidied):
        if match.group(1).split()[-1] != (harmer.split() or [""])[-1]:
            if (
                risk.kind == ABUSE
                and re.search(r"\b(me|i)\b", tidied)
                and re.search(r"\b(hits?|hurts?|takes?|took)\s+(me|my)\b", tidied)
            ):
                break
            return match.group(1)
    if OTHER_PERSON_HARMED.search(tidied) and not re.search(
        r"\b(hits?|hurts?|takes?|took|shouts?\s+at|pushe?s?)\s+(me|my)\b", tidied
    ):
        return "someone the person writing is worried about"  # "a younger bloke takes his money"
    if risk.kind == SOMEONE_ELSE:
        return "someone the person writing knows"
    if FIRST_PERSON.search(tidied):
        return "the person writing"
    return "not said"


def safe_contact(text: Text) -> Optional[Text]:
    """What the person said about contacting them safely, in plain words for staff."""
    # "i never said the phone doesnt work": what they did not say is no wish
    tidied = re.sub(r"\b(never|didn't|did\s+not)\s+(said|say)\b[^.?!]*", " ", tidy(text))
    parts: List[Text] = []
    if NOT_BY_PHONE.search(tidied) or NO_PHONE_OF_THEIR_OWN.search(tidied):  # "he's got my phone"
        parts.append("not by phone")
    if NOT_BY_POST.search(tidied):
        parts.append("not by letter")
    if NOT_BY_TEXT.search(tidied):
        parts.append("not by text")
    if NOT_BY_EMAIL.search(tidied):
        parts.append("not by email")
    if NOT_LANDLINE.search(tidied):
        parts.append("not the landline")
    if NO_VOICEMAIL.search(tidied):
        parts.append("no voicemail")
    only = ONLY_WAY.search(tidied)
    if only:
        parts.append(f"{(only.group(1) or only.group(6) or '').replace('e-mail', 'email')} only")
    if not parts and NOT_SAFE_TO_CONTACT.search(tidied):
        parts.append("not safe to contact now")
    if not parts:
        return None
    return "; ".join(parts) + f' (their words: "{text.strip()[:300]}")'


def urgency_of(risk: Risk) -> Text:
    return "immediate: risk to life now" if risk.imminent or risk.kind == DANGER else "urgent"


def new_concern(text: Text, risk: Risk, when: Text) -> Dict[str, Any]:
    """A concern for the handover, from the message that raised it."""
    return {
        "kind": risk.kind,
        "what": KIND_TITLES.get(risk.kind, risk.kind),
        "urgency": urgency_of(risk),
        "their_words": [text.strip()[:2000]] if text.strip() else [],  # none for a button
        "who_may_be_at_risk": at_risk(text, risk),
        "who_may_be_causing_harm": causing_harm(text)
        if risk.kind in (ABUSE, NEGLECT, DANGER, MISSED_CARE)
        else ("the carer (the person writing) fears they may" if risk.kind == CARER_HARM else None),
        "safe_to_contact": None,
        "raised_at": when,
    }


def active_concerns(concerns: Optional[List[Dict[str, Any]]]) -> List[Dict[str, Any]]:
    """The concerns still held as concerns: not those the person said were wrong ("it's not abuse")."""
    return [concern for concern in concerns or [] if not concern.get("withdrawn")]


def is_domestic(text: Text) -> bool:
    """Harm by a partner or family member at home: the domestic abuse routes apply."""
    who = causing_harm(text) or ""
    return bool(
        re.search(
            r"\b(partner|husband|wife|boyfriend|girlfriend|ex|son|daughter|brother|sister|grandson|"
            r"granddaughter|nephew|niece|in-law|in\s+law|mum|dad|mother|father|stepdad|stepson)\b",
            who,
        )
    ) or bool(re.search(r"\bdomestic\b", tidy(text)))


# "a tenant is hoarding, the flat is full to the ceiling": someone neglecting themselves, nobody missing
SELF_NEGLECT_TOLD = re.compile(r"\b(hoard\w*|self[\s-]?neglect\w*)\b", re.I)
# "…and her son takes her money", "he hits her": someone else harming them, whatever the state of the home
HURT_BY_SOMEONE = re.compile(
    r"\b(hit|hits|hitting|punch\w*|slap\w*|kick\w*|push\w*|shov\w*|threat\w*|takes?|took|taking|steal\w*|stole)\b"
    r"[^.?!]{0,30}\b(her|him|them|money|card|pension|benefits)\b",
    re.I,
)
NOT_SEEN = re.compile(
    r"\b(not|n't|nobody\s+has|no\s*one\s+has)\s+(been\s+)?(seen|heard\s+from|answer\w*)\b|\bno\s+answer\b|\bnot\s+(been\s+)?out\b",
    re.I,
)


def self_neglect_told(text: Text) -> bool:
    """Someone neglecting themselves (hoarding), nobody missing and nobody named as hurting them."""
    return (
        bool(SELF_NEGLECT_TOLD.search(text))
        and not NOT_SEEN.search(text)
        and not HURT_BY_SOMEONE.search(text)
    )
