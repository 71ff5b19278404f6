"""Reading risk in what a resident writes: patterns, the trained classifier and the conversation.

One message is read by `read_message` from three things together:
- patterns of the ways people say they are at risk (kinds below), after the message is tidied
  (common misspellings and missing apostrophes, "suicde", "dont", "wanna");
- the trained intent classifier (its sentence model sees meaning the patterns cannot): an urgent
  intent it is sure of counts, unless the message is plainly an ordinary need ("she fell but she's
  fine", "this form is killing me", "end my direct payment");
- nothing else: a message is never urgent only because it is unclear.
`in_context` then reads the latest message in the light of the ones before it: a vague message
("I just want it all to stop", "what's the point", "no") right after a worrying one is a risk;
a time or the means at hand after a self-harm message makes it imminent.

tests/test_risk_heldout.py measures recall and false alarms on held-out sets (tests/heldout/).
"""

import re
from dataclasses import dataclass
from difflib import SequenceMatcher
from typing import Dict, Iterable, List, Optional, Pattern, Sequence, Text, Tuple

# What a person would hear in a message.
SELF_HARM = "self_harm"  # the person themselves may harm or kill themselves
SOMEONE_ELSE = "someone_else"  # someone else says they want to die or is harming themselves
ABUSE = "abuse"  # abuse, exploitation, control, violence by another person
NEGLECT = "neglect"  # not cared for, not fed, not seen for days
DANGER = "danger"  # hurt, on the floor, threatened right now
CARER_HARM = "carer_harm"  # a carer afraid of harming the person they look after
MISSED_CARE = "missed_care"  # care did not arrive and someone is stuck or unsafe
WITHOUT_CARER = "without_carer"  # their carer suddenly away (hospital, died, gone): nobody to help now
UNSAFE_ALONE = "unsafe_alone"  # someone unsafe at home on their own: the gas left on, out at night
DISTRESS = "distress"  # vague: a risk only after a worrying message
URGENT_KINDS = (
    SELF_HARM,
    SOMEONE_ELSE,
    ABUSE,
    NEGLECT,
    DANGER,
    CARER_HARM,
    MISSED_CARE,
    WITHOUT_CARER,
    UNSAFE_ALONE,
)
SAFEGUARDING_KINDS = (ABUSE, NEGLECT, DANGER, MISSED_CARE, UNSAFE_ALONE)
# The NLU intent that answers each kind (rules and older stories use the two urgent intents).
INTENT_OF_KIND = {
    SELF_HARM: "urgent_self_harm",
    SOMEONE_ELSE: "urgent_self_harm",
    CARER_HARM: "safeguarding_concern",
    WITHOUT_CARER: "safeguarding_concern",
    **dict.fromkeys(SAFEGUARDING_KINDS, "safeguarding_concern"),
}
URGENT_INTENTS = ("urgent_self_harm", "safeguarding_concern")
# The classifier alone counts when it is at least this sure (measured on the held-out sets): for
# self-harm on its own word; for abuse or neglect only with a sign of harm in the message (the
# classifier hears "I'm worried about my mum" as a safeguarding concern, sure of it).
CLASSIFIER_CONFIDENCE = 0.75
SAFEGUARDING_CONFIDENCE = 0.8
# A message this short ("I'm so tired") is too little for the classifier alone: context decides.
SHORT_MESSAGE_WORDS = 4
# How many earlier messages a vague one is read with.
CONTEXT_MESSAGES = 2
# ... and how many a need said after being left without a carer ("bed. toilet. havent eaten")
WITHOUT_CARER_MESSAGES = 4


@dataclass(frozen=True)
class Risk:
    """What one message (in its context) tells us: a kind (or none) and whether it is imminent."""

    kind: Text = ""
    imminent: bool = False

    @property
    def urgent(self) -> bool:
        return self.kind in URGENT_KINDS

    def as_value(self) -> Text:
        """As an entity value: "self_harm", "self_harm:imminent", "distress"; "" for none."""
        return f"{self.kind}:imminent" if self.imminent else self.kind

    @classmethod
    def from_value(cls, value: Optional[Text]) -> "Risk":
        kind, _, imminent = (value or "").partition(":")
        return cls(kind, imminent == "imminent")


NO_RISK = Risk()


# ------------------------------------------------------------------------------- tidying
CONTRACTIONS = {
    "dont": "don't",
    "cant": "can't",
    "wont": "won't",
    "im": "i'm",
    "ive": "i've",
    "id": "i'd",
    "wasnt": "wasn't",
    "isnt": "isn't",
    "didnt": "didn't",
    "hasnt": "hasn't",
    "havent": "haven't",
    "doesnt": "doesn't",
    "wouldnt": "wouldn't",
    "couldnt": "couldn't",
    "whats": "what's",
    "theres": "there's",
    "hes": "he's",
    "shes": "she's",
    "theyre": "they're",
    "weve": "we've",
    "theyve": "they've",
    "arent": "aren't",
    "ill": "i'll",
    "youre": "you're",
    "wanna": "want to",
    "gonna": "going to",
    "u": "you",
    "kil": "kill",
    "kms": "kill myself",
    "sui": "suicide",
    "od": "overdose",
    "od'd": "overdosed",
    "fone": "phone",
    "sumone": "someone",
    "sum1": "someone",
    "some1": "someone",
    "suport": "support",
    "nobodys": "nobody's",
    "wil": "will",
    "wat": "what",
    "trubble": "trouble",
    "truble": "trouble",
    "pls": "please",
    "plz": "please",
    "noones": "no one's",
}
# words that carry risk, matched with a typo or two ("suicde", "sucidal", "killin", "overdoze")
RISK_WORDS = (
    "suicide",
    "suicidal",
    "killing",
    "overdose",
    "overdosed",
    "disappear",
    "paracetamol",
    "tablets",
    "myself",
    "himself",
    "herself",
    "neglected",
    "abuse",
    "abused",
    "abusing",
    "hopeless",
)
WORD = re.compile(r"[a-z'][a-z'\-]*|[^a-z'\s]+")


# real words a letter or two from a risk word: never "put right" ("homeless" is not "hopeless")
NEAR_RISK_WORDS = frozenset({"homeless", "homelessness", "harmless", "neglect"})


def _closest_risk_word(word: Text) -> Text:
    if len(word) < 5 or word in RISK_WORDS or word in NEAR_RISK_WORDS:
        return word
    for target in RISK_WORDS:
        # a swapped pair of letters ("myslef") or a letter or two wrong ("suicde")
        if (
            word[0] == target[0]
            and abs(len(word) - len(target)) <= 2
            and (sorted(word) == sorted(target) or SequenceMatcher(None, word, target).ratio() >= 0.84)
        ):
            return target
    return word


def tidy(text: Text) -> Text:
    """Lower case, straight apostrophes, common misspellings put right, one space between words."""
    text = text.lower().replace("\u2019", "'").replace("\u2018", "'").replace("`", "'")
    text = re.sub(r"\bmy\s+self\b", "myself", text)
    words = [CONTRACTIONS.get(word, _closest_risk_word(word)) for word in WORD.findall(text)]
    return re.sub(r"\s+([,.!?;:])", r"\1", " ".join(words))


# ------------------------------------------------------------------------------- patterns
RELATIVE = (
    r"(mum|mom|mother|dad|father|husband|wife|partner|son|daughter|brother|sister|friend|"
    r"nan|nana|nanna|gran|granny|grandma|grandad|granddad|grandfather|grandmother|uncle|aunt|"
    r"auntie|neighbour|boyfriend|girlfriend|child|kid|mate|nephew|niece|grandson|granddaughter|"
    r"cousin|fiance|fiancee|stepdad|stepmum|flatmate|client|resident|colleague)"
)
ACTOR = RELATIVE[:-1] + r"|carers?|worker|someone|somebody|man|woman|lady|bloke|he|she|they|in-law|in law)"
MEDS = r"(pills|tablets|medication|medicine|meds|paracetamol|morphine|antidepressants|insulin|painkillers|co-codamol)"


# Said right after a carer suddenly away: what they cannot do now ("slept in chair", "cant get on
# toilet myself", "need someone tonite") is more of the same worry, never a topic to answer
STILL_WITHOUT_HELP = re.compile(
    r"\b(toilet|commode|loo|bed|chair|wheelchair|eaten|eat|food|meals?|tablets|meds|insulin|catheter|wash|washed|"
    r"dress|dressed|tonight|tonite|transfers?|hoist|stairs)\b"
)
# Someone's carer gone suddenly: taken into hospital, died, left (today, last night, just now).
CARER_AWAY = (
    r"\b(he|she|they|(my\s+|our\s+|her\s+|his\s+|^)(\w+\s+)?(wife|husband|partner|son|daughter|mum|mom|mother|dad|father|carer|brother|"
    r"sister|girlfriend|boyfriend|friend|grandad|granddad|grandma|nan|gran)('?s)?|my\s+\w+'s)\b[^.?!]{0,25}?\b((went|gone|go|was\s+taken|been\s+taken|taken|"
    r"rushed|admitted|blue\s+lighted|is|'s|are|been|ended\s+up)?\s+(back\s+)?((in|into|to|in\s+to)\s+)?(the\s+)?(hospital|hosp|a\s*&\s*e|"
    r"a\s+and\s+e|basildon|orsett)|(died|passed\s+away)\b[^.?!]{0,20}\b(today|yesterday|last\s+night|this\s+(morning|afternoon|evening|week)|at\s+the\s+weekend|in\s+the\s+night|overnight)|((was|been|got|is|has\s+been)\s+)?(admitted|sectioned|arrested)|walked\s+out|left\s+me|moved\s+out|(was|been|got)\s+taken\s+in|taken\s+(off\s+)?(away\s+)?(by|in)\s+(an\s+|the\s+)?ambulance)\b"
)
LONG_AGO = r"^(?!.*\b((\w+\s+)?(years?|months?)\s+ago|last\s+(year|month)|since\s+\d{4}|in\s+\d{4})\b)"
# The one who has gone did the caring: "she does everything for me", "he does my catheter"
WHO_CARED = (
    r"\b(my\s+(main\s+|only\s+)?carer|(he|she|they)('s|\s+is|\s+was|\s+are)\s+(my|her|his|their|our)\s+carer|"
    r"(is|was)\s+(his|her|their|our|mum's|dad's|mums|dads)\s+carer|(does|did)\s+everything\s+for\s+(me|her|him|them)|"
    r"(looks?|looked|look|looking)\s+after\s+(me|her|him|them|mum|dad|nan|our\s+\w+|my\s+\w+)|cares?\s+for\s+(me|her|him|them)|"
    r"(does|did|do)\s+(all\s+)?(my|her|his|their)\s+(care|catheter|meals|tablets|meds|medication|insulin|transfers|personal\s+care|washing|dressing)|"
    r"(always|usually)\s+does\s+(it|everything)|(she|he)\s+(does|did)\s+(the\s+)?(bed|toilet|everything))\b"
)
RECENT = (
    r"\b(last\s+(night|nite)|this\s+(morning|afternoon|evening)|today|yesterday|in\s+the\s+night|overnight|earlier|"
    r"ambulance|just\s+now|tonight|tonite)\b"
)
# Nobody to help the person writing now, with bed, the toilet, washing or food.
NOBODY_TO_HELP = (
    r"\b((now\s+)?(nobody|no\s*one|no-one|no\s+body|noone)\s+(is\s+)?(here|to\s+(help|get|look|care|see|put|wash|feed|make|cook)|"
    r"helping|helps|looking\s+after|to\s+do\s+it)(?!\s+(has\s+|have\s+)?(told|said|knows|asked|rang|called|phoned))|(i\s+)?(can't|cannot|unable\s+to)\s+(get|go)\s+(to|into|in|out\s+of|on|up\s+to)\s+"
    r"(bed|the\s+toilet|the\s+loo|toilet|the\s+commode)|how\s+(will|do|can)\s+i\s+(get\s+to\s+bed|get\s+(up|washed|dressed)|eat|manage)|"
    r"(stuck|sat|sitting)\s+in\s+(my\s+|the\s+)?(chair|wheelchair|bed)|"
    r"(there's|theres|there\s+is)\s+no\s*(one|body)\s+to\s+\w+|no\s*(one|body)\s+to\s+do|"
    r"(can't|cannot|unable\s+to)\s+get\s+(out\s+of|up\s+from)\s+(her|his|my|the|their)\s+(chair|bed)|"
    r"who\s+(can|will|could)\s+(go|come|get)\s+round|(is|'s|been|left)\s+(at\s+)?home\s+alone|(she's|he's|they're)\s+on\s+(her|his|their)\s+own\s+(there\s+)?now)\b"
)


# "she's not waking up", "won't wake up properly, she's had loads to drink and took her tablets",
# "breathing but it's weird and slow", "took a load of her pills": unconscious, or an overdose
UNRESPONSIVE = (
    r"\b(she's|he's|they're|she\s+is|he\s+is|mum's|dad's|nan's|is)\s+not\s+waking\b(?!(\s+up)?\s+(in\s+time|early|till|until|before|for|when|on\s+time))|"
    r"\b(won't|will\s+not|not|isn't|can't)\s+wak(e|ing)\s+(up\s+)?(properly\s+)?[^?!]{0,80}\b(drink|drunk|drank|tablets|pills|meds|medication|breath\w*)\b|"
    r"\b(drink|drunk|drank|tablets|pills|meds|medication)\b[^?!]{0,80}\b(won't|will\s+not|not|isn't|can't)\s+wak(e|ing)\b|"
    r"\bbreathing\b[^.?!]{0,20}\b(weird|strange|funny|odd|really\s+slow|slow\s+and|shallow|rattl\w*|gurgl\w*)\b|"
    # (someone else's: "i took a handful of my tablets" is the writer's own, answered as self-harm)
    r"\b(she|he|they|mum|dad|nan|my\s+\w+)('s|\s+has|\s+have|'ve)?\s+(just\s+)?(took|taken|swallowed|had)\s+(loads|lots|a\s+lot|a\s+load|all|a\s+handful|the\s+whole\s+(box|packet|bottle)|too\s+many|some)\s+(of\s+)?(her|his|their|the|them)?\s*(tablets|pills|meds|medication)\b|"
    r"\b(she|he|they|mum|dad|nan|my\s+\w+)('s|\s+has|\s+have|'ve)?\s+(taken\s+an\s+|had\s+an\s+)?over\s*dos(e|ed)\b"
)

# Danger that is a body in trouble (collapsed, not breathing, a stroke now): an ambulance, and the
# 999 call handler's help until it comes; never the silent-call advice for violence ("press 55")
MEDICAL_EMERGENCY = re.compile(
    r"\b(collapsed|unconscious|(not|isn't|is\s+not|stopped)\s+(breathing|responding|conscious)|"
    r"(can't|cannot|won't|will\s+not)\s+(wake|rouse)\s+(him|her|them|my\s+\w+)|(can't|cannot)\s+breathe|"
    r"(having|had)\s+a\s+(heart\s+attack|stroke|fit|seizure)\s+(now|right\s+now|just\s+now)|"
    r"(is|he's|she's|they're)\s+(having\s+a\s+(heart\s+attack|stroke|fit|seizure)|fitting|choking|turning\s+blue|going\s+blue)|"
    r"(chest\s+pains?|crushing\s+pain)\b[^.?!]{0,30}\b(now|won't\s+go|bad|sweating)|"
    r"(fallen|fell|had\s+a\s+fall|on\s+the\s+floor)\b[^.?!]{0,60}\b(bleed\w*|blood|hit\s+(his|her|my|their)\s+head|"
    r"(can't|cannot|unable\s+to)\s+(get\s+up(?!\s+(the\s+)?(stairs|steps))|move)|hip|broken|broke))\b|"
    + UNRESPONSIVE
)


def is_medical(text: Text) -> bool:
    """A medical emergency, not a threat from a person (both are danger now)."""
    return bool(MEDICAL_EMERGENCY.search(tidy(text or "")))


def _compile(patterns: Iterable[Text]) -> List[Pattern]:
    return [re.compile(pattern) for pattern in patterns]


PATTERNS: Dict[Text, List[Pattern]] = {
    CARER_HARM: _compile(
        [
            r"\b(scared|afraid|frightened|terrified|worried|worry|fear)\b[^.?!]{0,40}\b(i'll|i will|i'm going to|i am going to|i might|i could|i may|what i('ll| will| might| could)?)\b[^.?!]{0,30}\b(hurt|harm|hit|lash out|do|snap|lose it|shake|smother)\b",
            r"\bi('ve)?\s+(shook|shaken|slapped|hit|smacked|shoved|pinched|grabbed|pushed|punched|kicked)\s+(my\s+\w+|him|her|mum|dad|nan|gran|grandad)\b(?!\s+(head|knee|arm|leg|elbow|toe|foot|hand)\b)(?!'s\s+(head|knee|elbow)\b)",
            r"\b(lost\s+my\s+temper|lost\s+it|snapped|lashed\s+out|flipped)\s+and\s+(shook|slapped|hit|smacked|shoved|pinched|grabbed|pushed|punched|kicked)\s+(my\s+\w+|him|her)\b",
            r"\b(feel like|think)\s+i\s+(could|might|will)\s+(hurt|harm|hit|kill|strangle|smother)\s+(him|her|them|my)\b",
            r"\bi\s+(could|want to)\s+(hurt|harm|hit|strangle|smother)\s+(him|her|them|my\s+\w+)\b",
            r"\bpillow\s+over\s+(his|her|their)\s+face\b",
            r"\bi'm\s+the\s+one\s+who\s+(shook|slapped|hit|smacked|shoved|pinched|grabbed|pushed|punched|kicked|hurt)\b",
            r"\bi\s+(grabbed|pulled|yanked|squeezed|gripped|shook|pushed|held)\s+(\w+('s|s)?\s+){0,2}(arm|wrist|hand|shoulder|leg)s?\s+(too\s+)?(hard|tight|tightly|roughly)\b",
            # a carer near breakdown: walking out on the person they look after, or shaking them
            r"\b(i\s+(could|might|will|'ll)|i'll|i\s+(think|feel)\b[^.?!]{0,15}\bi\s+(could|might|will|'ll)|scared\s+i'll|afraid\s+i'll|worried\s+i'll)"
            r"\s+(just\s+)?(walk\s+out|walk\s+away|leave)\s+(on\s+)?(her|him|them|my\s+\w+)\b|"
            r"\b(walk\s+out|walk\s+away)\s+(and\s+leave|on)\s+(her|him|them|my\s+\w+)\b",
            r"\b(i'm|i\s+am|im)\s+(going\s+to|gonna)\s+(just\s+)?(walk\s+out|walk\s+away|leave|go)\b[^.?!]{0,20}\b(and\s+)?leav\w*\s+(her|him|them|my\s+\w+|mum|dad|nan)\b",
            r"\bleave\s+(her|him|them)\s+(there|at\s+(the\s+)?(hospital|a\s*(&|and)\s*e|a&e))\b[^.?!]{0,20}\b(not|never)\s+(come|go)\s+back\b",
            r"\b(don't|dont|do\s+not)\s+care\s+what\s+happens\s+to\s+(her|him|them|my\s+\w+)\b",
            r"\b(feel\s+like|think)\s+i\s+(could|might)\s+(shake|slap|throttle)\s+(him|her|them|my)\b",
            # "sometimes i feel like just walking out and leaving her", "walk out the door and not come
            # back" (said of someone they look after), "i snapped at him", "i shouted at her today"
            r"\b(feel\s+like|felt\s+like|tempted\s+to|want\s+to)\s+(just\s+)?(walk\w*|run\w*|go\w*)\s+(out|away|off)\b"
            r"[^.?!]{0,25}\b(leav\w+|on)\s+(her|him|them|my\s+\w+)\b",
            r"^(?=.*\b(him|her|them|husband|wife|mum|dad|mother|father|partner|son|daughter)\b)"
            r".*\b(walk|walking|run|running|get|getting|go|going|drive|driving|drove)\s+(out|away|off)\b[^.?!]{0,30}\b(not|never)\s+(come|coming)\s+back\b",
            r"\bi\s+(have\s+|'ve\s+|had\s+)?(been\s+)?(shouted|shouting|screamed|screaming|yelled|yelling|snapped|snapping|swore|swearing)\s+at\s+"
            r"(him|her|them|my\s+(husband|wife|partner|mum|mother|dad|father|nan|gran|grandad|nana))\b",
            r"\bi\s+(have\s+|'ve\s+)?lost\s+my\s+temper\s+with\s+(him|her|them|my\s+\w+)\b",
            r"^(?=.*\b(him|her|them|he's|she's|husband|wife|mum|dad|mother|father|partner|son|daughter)\b)"
            r".*\b(i'm\s+going\s+to|going\s+to|i'll|i\s+will|i\s+might)\s+(just\s+)?pack\s+(a|my)\s+bags?\s+and\s+(walk\s+out|go|leave)\b",
            r"\b(i\s+(could|might|will)|i'll)\s+(just\s+)?[^.?!]{0,30}\band\s+leave\s+(him|her|them|my\s+\w+)\s+(to\s+it|to\s+fend|alone|on\s+(his|her|their)\s+own)\b",
        ]
    ),
    SELF_HARM: _compile(
        [
            r"\b(kill|killing|killed|harm|harming|harmed|hurt|hurting|cut|cutting|burn|burning|burnt|hang|hanging|drown|drowning|starve|starving)\s+(my|him|her|them)sel(f|ves)\b",
            r"\bsuicid",
            # "im ending it now", "i'm going to end it all" (never "ending it with him", "end it there")
            r"\b(i'm|im|i\s+am|i'll|i\s+will)\s+(going\s+to\s+|gonna\s+)?end(ing)?\s+it(\s+all)?\b(?!\s+(with|there|here|for\s+(him|her|them)|early))",
            # "some days i feel like just driving off and not coming back" (said of nobody they look after)
            r"\b(feel\s+like|felt\s+like|want\s+to|tempted\s+to|could)\s+(just\s+)?(driv\w*|walk\w*|run\w*|go|going|get\w*)\s+(out|away|off)\b"
            r"[^.?!]{0,30}\b(not|never)\s+(come|coming)\s+back\b",
            r"\b(a\s+)?danger\s+to\s+(my|him|her|them)sel(f|ves)\b",
            r"\bself[- ]?harm",
            r"\boverdos",
            r"\b(end|ending|ended|take|taking|took)\s+(my|his|her|their)\s+(own\s+)?life\b",
            r"\b(end|ending)\s+(it\s+all|everything|things|my\s+life)\b",
            r"\b(want|wants|going|thinking|thought|thoughts|plan|planning|decided)\b[^.?!]{0,25}\b(end|ending)\s+it\b(?!\s+(with|for|now\s+with)\b)(?!\s+\w+\s+(contract|agreement|payment|package))",
            r"\bwant(s)?\s+(it\s+all|everything)\s+to\s+(end|stop|be over)\b",
            r"\b(don't|do not|doesn't|does not|no longer|not)\s+want\s+to\s+(live|be alive|be here|exist|wake up|go on|be around)\b",
            r"\b(hope|hoping|wish|pray|praying)\b[^.?!]{0,15}\b(won't|don't|never|not)\s+wake\s+up\b",
            # (never someone else not waking: "she's not waking up" is an ambulance)
            r"^(?!.*\b(she's|he's|they're|she\s+is|he\s+is|mum's|dad's|nan's|is)\s+not\s+waking)"
            r".*\b(never|not)\s+wak(e|ing)\s+up\b(?!\s+(early|on time|in time|before))",
            r"\bif\s+(i|we)\s+(just\s+)?(didn't|did\s+not|don't|do\s+not|never|wouldn't)\s+wake\s+up\b",
            # tablets kept back and saved up; "i won't be a trouble to anyone much longer"
            r"\b(keeping|kept|saving|saved|stockpil\w*|hoarding|storing|stored)\s+(up\s+)?(my\s+|all\s+my\s+)?"
            + MEDS
            + r"\b[^.?!]{0,40}\b(instead|back|saved|up|collection)\b|"
            r"\b(got|have)\s+(quite\s+)?a\s+(few|lot|load|stash|pile)\s+(of\s+"
            + MEDS
            + r"\s+)?(saved|stored|put\s+by|hidden)\b",
            r"\b(won't|will\s+not|wont)\s+be\s+(a\s+(trouble|burden|bother|nuisance)\s+to\s+(anyone|anybody|you|them)|around|here)\s+(much\s+)?(longer|for\s+long)\b",
            r"\bbetter\s+off\s+(dead|without\s+me|gone)\b",
            # "everyone would manage fine if i just disappeared"
            r"\b(manage|cope|be\s+fine|be\s+better|be\s+ok(ay)?|be\s+happier|get\s+on)\b[^.?!]{0,25}\bif\s+i\s+(just\s+)?(disappear(ed)?|vanish(ed)?|was\s+gone|were\s+gone|wasn'?t\s+(here|around)|weren'?t\s+(here|around))\b"
            r"(?!\s+for\s+(a|the|an)\s+(bit|while|day|week|weekend|night|hour))",
            # a goodbye sent by someone: "he texted me 'sorry for everything, look after mum'"
            r"\bsorry\s+for\s+everything\b[^.?!]{0,40}\blook\s+after\b|\b(sent|texted|messaged|text|message)\b[^.?!]{0,40}\bsorry\s+for\s+everything\b",
            # "i'm worried he might do something to himself"
            r"\b(might|may|will|could|would|going\s+to|gonna|'ll)\s+do\s+something\s+(stupid\s+|silly\s+|daft\s+)?to\s+(him|her|them|my)sel(f|ves)\b",
            # "you won't have to worry about me much longer": a goodbye, said calmly
            r"\b(won't|will\s+not|wont)\s+(have|need)\s+to\s+worry\s+about\s+(me|him|her)\s+(for\s+)?(much\s+)?(longer|for\s+long)\b",
            # belongings given away by someone low or withdrawn: a warning sign told by family
            r"^(?=.*\b(depress\w*|low|withdrawn|not\s+(himself|herself)|stopped\s+going\s+out|won't\s+go\s+out|said\s+goodbye)\b)"
            r".*\b(gave|give|giving|given)\s+(away\s+)?(all\s+)?(his|her|their|my)\s+(things|stuff|possessions|belongings|\w+\s+and\s+(his|her)\s+\w+)\s+away\b"
            r"|^(?=.*\b(depress\w*|low|withdrawn|not\s+(himself|herself)|stopped\s+going\s+out|said\s+goodbye)\b).*\b(gave|giving|given)\s+away\s+(all\s+)?(his|her|their)\s+(things|stuff|possessions|belongings|\w+)\b",
            r"\b(better|happier|relieved|easier)\b[^.?!]{0,25}\b(without\s+me|if\s+i\s+(died|was\s+dead|was\s+gone|were\s+gone|wasn't\s+(here|around|in it)|weren't\s+(here|around)))\b",
            r"\b(better|happier)\s+(off\s+)?if\s+i\s+(just\s+)?(wasn't|weren't|was\s+not)\s+(here|around)\b",
            # "i cant see a way out", "honestly i cant see a way through this anymore": no way on
            r"\b(can't|cannot|can\s+not|don't|do\s+not)\s+see\s+(a|any|the)\s+way\s+(out|through|forward|on|past\s+(this|it))\b"
            r"(?!\s+(of|to|for)\s+(the\s+)?(car\s*park|building|room|house|hospital|appointment|shop|station))",
            # "he'd be better off with someone else doing it and me just not here anymore"
            r"\b(better|happier)\s+off\b[^.?!]{0,60}\b(and|with)\s+me\s+(just\s+)?(not\s+(being\s+)?(here|around|alive|in\s+(it|the\s+picture))|gone|out\s+of\s+the\s+way)\b",
            r"\bme\s+(just\s+)?not\s+(being\s+)?(here|around|alive)\s+any\s?more\b",
            r"\b(cope|manage|be\s+(fine|ok|okay|alright))\b[^.?!]{0,15}\bif\s+i\s+(was|were|'m)\s+(gone|dead|not\s+here)\b",
            r"\bworld\s+would\s+be\s+better\s+without\s+me\b",
            r"\b(nobody|no one|no-one|noone)\s+(would|will|'d)\s+(even\s+)?(notice|care|miss\s+me)\b[^.?!]{0,30}\b(if\s+i|i\s+was\s+gone|if\s+i'm\s+gone)",
            r"\b(nobody|no one|no-one)\s+would\s+(even\s+)?(notice|miss\s+me)\b",
            r"\bwish\s+(i|he|she|they)\s+(was|were|could\s+be)\s+dead\b",
            r"\b(i'd|i\s+would)\s+(rather|sooner)\s+be\s+dead\b",
            r"\b(want|wants|wanted|going|wanting)\s+to\s+die\b",
            r"\bthink(s|ing)?\s+(about|of)\s+(dying|death)\b(?!\s+(at\s+home|in\s+hospital|peacefully|with\s+dignity))",
            r"\b(life|living|my\s+life)\s+(is\s+)?(not|isn't|is\s+no\s+longer|no\s+longer)\s+worth\b",
            r"(\bnot|n't|\bnothing)\b[^.?!]{0,20}\bworth\s+living\b",
            r"\bnothing\s+(left\s+)?to\s+live\s+for\b",
            r"\bno\s+(reason|point)\s+(for\s+me\s+)?(to\s+live|in\s+living|living|to\s+go\s+on|being\s+alive)\b",
            r"\bwhat's\s+(even\s+)?the\s+point\s+(of|in)\s+(me|my\s+life|living|carrying\s+on|going\s+on|being\s+(here|alive)|(me\s+)?(waking|getting)\s+up)\b",
            # hopelessness about everything, said alone ("honestly whats the point in anything anymore"),
            # never about an errand ("what's the point in anything if the council never rings back")
            r"\bwhat's\s+(even\s+)?the\s+point\s+(of|in)\s+(anything|everything|it\s+all|trying|any\s+of\s+it)(\s+any\s?more)?\s*([.!?]+|$)"
            r"(?![^.?!]*\b(council|ring|rings|call|phone|form|complain|asking|apply|applying|bother|email)\w*)",
            r"\bthe\s+point\s+of\s+me\b",
            r"\b(don't|do\s+not|can't|cannot)\s+see\s+(much|any|the)\s+(reason|point)\s+(to|in|for)\s+(keep(ing)?\s+going|go(ing)?\s+on|carry(ing)?\s+on|liv(e|ing)|being\s+(here|alive))\b",
            r"\b(no|not\s+much|little)\s+(reason|point)\s+(for\s+me\s+)?(to|in)\s+keep(ing)?\s+going\b",
            r"\b(want|wants|wanted|wanting)\s+to\s+be\s+dead\b",
            # things given away or sorted, and not needed after ("given my dog to my sister... i wont be needing it")
            r"^(?=.*\b(given|gave|giving)\b[^.?!]{0,40}\b(away|to\s+(my|his|her|a|the)\s+\w+)|.*\bsort(ed|ing)\s+(out\s+)?(all\s+)?my\s+(bank|money|affairs|things|stuff|will|funeral|paperwork))"
            r".*\bi\s+(won't|will\s+not)\s+(be\s+)?need(ing)?\b",
            r"\bthis\s+is\s+my\s+last\s+(message|text|email|ever)\b(?![^.?!]{0,40}\b(phone|ring|call|instead|then\s+i|before\s+i\s+(go|ring|phone)|to\s+you|for\s+today)\b)",
            # hurting themselves by banging their head (someone else, told by family)
            r"\b(bang|bangs|banging|banged|hit|hits|hitting)\s+(his|her|their|my)\s+head\s+(on|against)\s+(the\s+)?(wall|floor|door|table)\b",
            r"\bpoint\s+(in\s+)?(going\s+on|living|carrying\s+on|being\s+alive)\s*[.!?]*$",
            # hopelessness about everything, not about one errand ("any more of ringing them")
            r"\bmight\s+as\s+well\s+(not\s+be\s+(here|around|alive)|be\s+dead|end\s+it(\s+all)?|not\s+exist|not\s+wake\s+up)\b",
            r"\b(don't|dont|do\s+not|can't|cant|cannot|doesn't|does\s+not|didn't)\s+see\s+(the|any)\s+point\s+(any\s?more\b(?!\s+(in|of)\s+(?!(anything|living|life|it\s+all)\b))|(in|of)\s+(anything|living|life|going\s+on|carrying\s+on|being\s+(here|alive)|it\s+all|me)\b)",
            r"\b(had|have)\s+enough\s+of\s+(living|life|being\s+alive)\b",
            r"\b(don't|do\s+not|can't|cannot)\s+(want\s+to\s+)?(carry\s+on|keep\s+on|go\s+on)\s+living\b",
            r"\b(thought|thinking|think|planned|planning|worked\s+out)\s+(about\s+)?how\s+i('d|\s+would|\s+could|\s+might|\s+will)\s+"
            r"(do\s+it|end\s+it|kill\s+myself|end\s+my\s+life)\b",
            r"\b(tired|sick)\s+of\s+(living|being\s+alive|life)\b",
            r"\b(done\s+with|can't\s+do)\s+life\b",
            r"\bgiv(e|es|ing)\s+up\s+on\s+(life|living)\b",
            r"\bgive\s+up\s+on\s+everything\s+for\s+good\b",
            r"\bwant\s+to\s+disappear\b(?!.*\b(records?|system|data|details|list)\b)",
            r"\bdisappear\s+(forever|for\s+good|and\s+never\s+come\s+back)\b",
            r"\b(feel|feels|feeling)\b.*\bno\s+way\s+out\b",
            r"\b(can't|cannot)\s+(go\s+on|keep\s+going|carry\s+on)(\s+(like\s+this|any\s?more|living))?\s*([.!,]|$)",
            r"\b(can't|cannot)\s+carry\s+on\s+(living|any\s?more)\b",
            r"\bnot\s+safe\s+(with|around|by|from)\s+myself\b",
            r"\b(can't|cannot|don't\s+think\s+i\s+can)\s+keep\s+myself\s+safe\b",
            r"\b(taken|took|swallowed|swallowing)\s+(too\s+many|a\s+lot\s+of|loads\s+of|all\s+(of\s+)?(my|the|his|her|mum's|dad's|\w+'s))\s+"
            + MEDS,
            r"\b(take|taking)\s+(too\s+many|all\s+(of\s+)?(my|the|his|her|mum's|dad's|\w+'s))\s+" + MEDS,
            r"\b"
            + MEDS
            + r"\b[^.?!]{0,30}\b(lined\s+up|in\s+front\s+of\s+me|counted\s+out|next\s+to\s+me|in\s+my\s+hand|ready)\b",
            r"\btonight('s|\s+is)\s+the\s+night\b",
            r"\b(started|start|been|keep|kept|i'm)\s+(cutting|burning)(\s+again)?\s*([.!,]|$)|\b(cutting|burning)\s+again\b",
            r"\bwritten\s+(the|a|my)\s+(suicide\s+)?note\b|\bsuicide\s+note\b",
            r"\bi\s+don't\s+want\s+to\s+be\s*[.!]*$",
            r"\b(won't|will\s+not|not)\s+be\s+(here|around|alive)\s+(by\s+then|much\s+longer|for\s+long|tomorrow|next\s+week)\b|\bi'll\s+be\s+(here|around)\s+much\s+longer\b",
            r"\b(take|taking|took|taken|swallow\w*)\s+(all|the\s+lot|the\s+whole|a\s+whole|every)\b[^.?!]{0,25}\b("
            + MEDS[1:-1]
            + r"|packet|bottle)\b",
            r"\b(take|taking)\s+the\s+lot\b",
            r"\b"
            + MEDS
            + r"\b[^.?!]{0,40}\b(going\s+to|i'll|i\s+will|about\s+to)\s+(take|swallow|have)\s+(them|it|the\s+lot|all)\b",
            r"\b(i'm|i\s+am)\s+(standing\s+|sat\s+|sitting\s+)?(on|at)\s+(the\s+)?(roof|edge|top|ledge)\s+of\b",
            r"\b(saving|saved|stockpil\w*|hoard\w*|stash\w*|collecting|collected|keeping\s+back)\s+(up\s+)?(my\s+|her\s+|his\s+|their\s+)?(\w+\s+)?"
            + MEDS,
            r"\b(got|have|put|laid|set)\s+(all\s+)?(the|my)\s+(\w+\s+)?" + MEDS + r"\s+out\b",
            r"\b(think|thinking|thought|want|wanting|feel\s+like)\s+(about\s+|of\s+)?(driving|crashing|walking|stepping|running)\s+"
            r"(the\s+car\s+)?(into|in\s+front\s+of|off)\s+(a|the)\s+(wall|tree|lorry|train|bus|traffic|bridge|cliff|river)\b",
            r"\b(think|thinking|thought)\s+(about|of)\s+(taking|swallowing|using)\b[^.?!]{0,40}\b" + MEDS,
            r"\b" + MEDS + r"\b[^.?!]{0,40}\b(taking|take)\s+it\s+myself\b",
            r"\bhow\s+(many|much)\s+(\w+\s+)?" + MEDS + r"?\s*(it\s+)?would\s+take\b",
            r"\b(ways|how)\s+to\s+(die|kill\s+myself|end\s+it)\b",
            r"\b(jump|jumping|jumped)\s+(off|from|in\s+front\s+of)\b",
            r"\bin\s+front\s+of\s+a\s+(train|bus|lorry|car)\b",
            r"^(?!.*\bend\s+of\s+(my|the|his|her)\s+rope\b).*\b(rope|noose)\b",
            r"\bin\s+case\s+i'm\s+not\s+(here|around)\b",
            r"\bgiv\w+\b[^.?!]{0,30}\baway\b[^.?!]{0,40}\bwon't\s+need\b",
            # putting their affairs in order, "won't be needing it after this weekend"
            r"\b(sorted|sorting|put|putting|got|getting)\s+(out\s+)?(all\s+)?my\s+affairs\s+(out|in\s+order|sorted)?\b|\bmy\s+affairs\s+(are\s+)?in\s+order\b",
            r"\b(won't|will\s+not)\s+be\s+needing\s+(it|them|this|that|any\s+of\s+it|my\s+\w+)\s+(after|past|beyond)\s+(this|next|the)\s+\w+",
            r"\bwon't\s+need\s+them\b[^.?!]{0,40}\bgiv\w+\s+(them\s+)?away\b",
            r"\b(won't|will\s+not)\s+be\s+(around|alive|here)\s+to\b",
            r"\bprobably\s+(won't|will\s+not)\s+be\s+(alive|here|around)\b",
            r"\bthis\s+is\s+goodbye\b",
            r"\b(use|turn)\s+(it|this|them)\s+on\s+myself\b",
            r"\b(drunk|drank)\b[^.?!]{0,40}\b(and|then)\s+(taken|took|swallowed)\b",
            r"\b(message|text|note)\s+saying\s+goodbye\b",
            r"\b(thoughts?\s+of|thinking\s+(of|about))\s+ending\b",
        ]
    ),
    MISSED_CARE: _compile(
        [
            r"^(?=.*\b((nobody|no\s+one|no-one)\s+(has\s+)?(come|came|been|turned\s+up)|still\s+(nobody|no\s+one|no-one|no\s+carer|no\s+sign))\b)"
            r"(?=.*\b((still|stuck)\s+in\s+(bed|my\s+chair|the\s+chair)|(can't|cannot)\s+get\s+(out\s+of\s+bed|up)|wet\s+through|soaked|need\s+(the\s+)?(toilet|loo)|without\s+the\s+carer)\b)",
            r"^(?!.*\bbut\s+(my|her|his|our|the)\s+\w+(\s+\w+)?\s+(sorted|is|was|came|helped|did|has)\b)(?!.*\bwhat\s+(if|(do|should|would)\s+(i|we|you)\s+do\s+(if|when)|happens\s+(if|when))\b)"
            r"(?=.*\b(carers?|agency|care\s+worker|pa|personal\s+assistant|support\s+worker|call|visit|nobody|no\s+one|no-one|anyone)\b[^?!]{0,40}\b(didn't|did\s+not|never|hasn't|haven't|has\s+not|have\s+not|not|wasn't)\s+(turn(ed)?\s+up|come|came|show(ed)?\s+up|arrive[d]?|happen(ed)?|sent\s+anyone|been)\b"
            r"|.*\b(nobody|no\s+one|no-one|no\s+carers?)\s+(came|turned\s+up|showed\s+up|arrived)\b)"
            r"(?=.*\b(stuck|can't|cannot|unable|hasn't\s+had|haven't\s+had|not\s+had|no\s+(food|drink|insulin|medication)|sat\s+there|sitting\s+there|since\s+(lunch\w*|this\s+morning|breakfast|yesterday)|in\s+bed|on\s+(his|her)\s+own|alone|chair"
            # a missed visit to someone who cannot manage without it: tablets missed, memory problems
            r"|miss(ed|es|ing)\s+(his|her|their|my)\s+(tablets|medication|meds|medicine|insulin|pills)|dementia|memory\s+problems|confused"
            # nothing to eat because nobody came, or a diabetic left without a meal
            r"|(had|has|got)\s+nothing\s+to\s+(eat|drink)|(hasn't|has\s+not|not)\s+(eaten|had\s+(any\s+)?(lunch|dinner|breakfast|tea))|diabetic|diabetes)\b)",
            # "she was spose to do my tablets today. i not had them": a visit's task not done, told plainly
            r"^(?=.*\b(supposed|suppose|spose|suposed|meant|due)\s+to\s+(come|do|give|bring|sort|help\s+with)\b)"
            r"(?=.*\b(not|never|haven't|hasn't|didn't)\s+(had|come|came|been|turned\s+up|done)\b)"
            r"(?=.*\b(tablets|meds|medication|medicine|insulin|pills|food|dinner|lunch|breakfast|tea|toilet|bed)\b)",
        ]
    ),
    # the person who cares for them is suddenly away and nobody helps with bed, the toilet or meals
    # now: "my wife went in hospital last night, she does everything for me, now nobody to help me to
    # bed" (not a carer's death long ago, not "mum's in hospital, can I visit")
    WITHOUT_CARER: _compile(
        [
            LONG_AGO + r"(?=.*" + CARER_AWAY + r")(?=.*" + NOBODY_TO_HELP + r")",
            # care about to stop with nobody after it: "her last day is friday. i cant get up or washed
            # without someone. what if i havent got anyone by then"
            r"^(?=.*\b(no\s*one|nobody|no-one|no\s+help|no\s+carers?|anyone|anybody)\b[^.?!]{0,20}\b(from|after|by|on|then)\b)"
            r"(?=.*\b(can't|cannot|unable\s+to)\s+(get\s+up|get\s+washed|wash|dress|get\s+dressed|get\s+out\s+of\s+bed|get\s+to\s+the\s+toilet)\b)",
            LONG_AGO
            + r"(?=.*"
            + WHO_CARED
            + r")(?=.*"
            + CARER_AWAY
            + r")(?=.*(\b(on\s+my\s+own|by\s+myself|alone)\s+(now|tonight|today)\b|"
            + RECENT
            + r"))",
        ]
    ),
    DANGER: _compile(
        [
            # gas: a leak, or a hob left burning by someone who can't manage it
            # (never "there's NO gas leak", "can't smell gas")
            r"^(?!.*\b(no|not\s+a|isn't\s+a|wasn't\s+a|never\s+a|not\s+any)\s+(gas\s+leak|smell\s+of\s+gas)\b)"
            r"(?!.*\b(can't|cannot|don't|doesn't|didn't)\s+smell\s+(any\s+)?gas\b)"
            r".*\b(smell(s|ing)?\s+of\s+gas|smells?\s+gas|gas\s+(is\s+)?leak\w*|gas\s+leak)\b",
            r"\b(hob|cooker|oven|gas\s+ring)s?\b[^.?!]{0,20}\bon\b[^.?!]{0,25}\b(nothing\s+on\s+it|empty|all\s+(day|night)|unattended|for\s+hours)\b",
            # a fall with harm now ("can't get up", "bleeding"), whenever it happened
            r"^(?!.*\b(not|wasn't|isn't|didn't|no|without)\s+(hurt|injur\w*|hurting)\b)(?!.*\b(recovered|healed|fine\s+now|better\s+now|all\s+better)\b)"
            r"(?!.*\b(last\s+(week|month|year)|years?\s+ago|months?\s+ago|since\s+(then|my|her|his))\b)"
            r".*\b(fallen|fell|had\s+a\s+fall|has\s+a\s+fall)\b.*\b((can't|cannot|unable\s+to)\s+(get\s+up(?!\s+(the\s+)?(stairs|steps))|move|breathe)|bleed|blood|hit\s+(his|her|my|their)\s+head|broke|broken|stuck)",
            # a fall with a vaguer harm, unless told as a history ("fell twice last week and can't
            # manage the stairs" is a need for an assessment, not 999)
            r"^(?!.*\b(not|wasn't|isn't|didn't|no|without)\s+(hurt|injur\w*|hurting)\b)"
            r"(?!.*\b(last\s+(week|month|year)|(this|a)\s+(week|month|year)|ago|twice|\w+\s+times|keeps?\s+falling)\b)"
            # ("had a fall and can't get in the bath on her own": a need for an assessment too)
            r".*\b(fallen|fell|had\s+a\s+fall|has\s+a\s+fall)\b.*\b((can't|cannot)(?!\s+(wash|bath|shower|dress|cook|manage|"
            r"look\s+after|cope|get\s+in(to)?\s+the\s+(bath|shower)|get\s+dressed|go\s+out|drive|do\s+(the\s+)?(stairs|shopping)))|"
            r"hurt|injur|get\s+up)",
            r"\b(is|am|'s|'m|lying|been|stuck|left)\s+on\s+the\s+floor\s*(and\b|for\b|[.!,]|$)",
            # "i on floor. hurt leg", "i fall again now. on floor. no can stand up": in few words, now
            # (never "im on the floor til 2", a shift on the shop or warehouse floor)
            r"\b(i|i'm|im|he|she|he's|she's|mum|dad|nan|grandad|husband|wife)\s+(is\s+|'s\s+)?(on|lying\s+on|stuck\s+on)\s+(the\s+)?floor\b"
            r"(?!\s+(til|till|until|from|at\s+work|all\s+day|today|tomorrow|on\s+shift|\d))",
            r"\bon\s+(the\s+)?floor\b[^?]{0,40}\b(can't|cannot|cant|no\s+can|unable\s+to|not\s+able\s+to)\s+(stand|get\s+up|move)\b",
            r"\b(fall|fell|fallen)\s+(again\s+)?(just\s+)?now\b[^?]{0,40}\b(can't|cannot|cant|no\s+can|unable\s+to)\s+(stand|get\s+up|move)\b",
            r"\bcollapsed\b",
            # someone heard calling for help inside, or unable to get to the door
            r"\b(hear|heard|hearing)\s+(him|her|them|someone|somebody)\s+(calling|crying|shouting|screaming|moaning|groaning|banging)\b"
            r"(?!\s+(at|to)\s+(me|us|the\s+(tv|telly|dog|kids)))",
            r"\b(calling|crying|shouting)\s+(out\s+)?for\s+help\b",
            r"\b(crash|bang|thud|scream\w*|smash\w*)\b[^.?!]{0,90}\b(silent|silence|quiet|nothing\s+since|now\s+nothing|nothing\s+now|"
            r"can'?t\s+hear\s+(anything|him|her)|no\s+answer|not\s+answering|isn'?t\s+answering|isnt\s+answering)\b",
            r"\b(not|isn't|is\s+not|isnt)\s+(responding|breathing|moving|conscious)\b",
            r"\bunconscious\b",
            UNRESPONSIVE,
            r"\bstopped\s+breathing\b|\b(can't|cannot|won't)\s+(wake|rouse)\s+(him|her|them|my\s+\w+)(\s+up)?\b",
            r"\b(is|he's|she's|they're|think\s+(he's|she's|he\s+is|she\s+is|it's))\s+(having\s+a\s+(heart\s+attack|stroke|fit|seizure)|fitting|choking|turning\s+blue|going\s+blue)\b",
            r"\b(has|have|had|got|with|holding|waving|pulled|grabbed|carrying|threaten\w*\s+\w+\s+with)\s+(a|the|his|her|their)\s+(knife|gun|weapon|machete|blade)\b",
            r"\b(he'll|she'll|they'll|he\s+will|she\s+will|they\s+will|going\s+to|threaten\w*\s+to)\s+(kill|stab|batter|hurt)\s+(me|her|him|us|them|his|her)\b",
            r"\b(is|he's|she's|they're|are)\s+(hitting|beating|hurting|attacking|kicking|strangling)\s+(me|her|him|them|my\s+\w+)\s+(right\s+)?now\b",
            r"\b(in\s+danger|not\s+safe|unsafe)\b(?!\s+(any\s?more\s+)?(on|in|using|with|getting|going|to\s+(use|go|climb|walk|cook|live))\s+(the\s+)?(stairs|bath|shower|kitchen|cooker|steps|hoist|own|alone|out|in|up|down))",
            r"\bdon't\s+feel\s+safe\b",
            r"\b(standing|stood|sat|sitting)\s+on\s+the\s+(bridge|edge|roof|ledge)\b",
            # someone who wanders found in danger: on a road, by police, in the night
            r"\b(found|picked\s+up|brought\s+back)\b[^.?!]{0,40}\b(on|in|by|near)\s+the\s+(a\d+|dual\s+carriageway|motorway|main\s+road|road|slip\s+road|railway|river)\b|"
            r"\bpolice\b[^.?!]{0,30}\bfound\s+(her|him|them)\b",
        ]
    ),
    ABUSE: _compile(
        [
            r"\babus(e|ed|ing|ive|er)\b",
            # money of theirs kept by someone ("i dont always get the money back", "he has my pension card")
            r"\b(don't|dont|do\s+not|never|doesn't|does\s+not|not\s+always|hardly\s+ever)\s+(always\s+)?(get|gets|give\s+(me|her|him)|gives\s+(me|her|him))\s+"
            r"(the|my|her|his|it|any\s+of\s+the)\s*(money|cash|pension|change|card)?\s+back\b",
            r"\b(he|she|they|\w+)\s+(keeps|won't\s+give\s+(me|her|him))\s+(my|her|his)\s+(pension|bank|post\s+office)\s+card\b",
            # "takes her shopping money and not bringing change back": the change kept, by whoever shops
            r"\b(not|never|doesn't|does\s+not|don't|won't|isn't)\s+(always\s+)?(bringing|bring|brings|giving|give|gives|handing|hand)\s+"
            r"((me|her|him|them|us|my\s+\w+)\s+)?(the\s+|any\s+)?(change|receipts?\s+or\s+change|money)\s+back\b",
            # their benefits paid to someone else, never seen: "he has my pip paid into his account and i
            # never see any of it"
            r"\b(has|have|had|gets|got|keeps|takes|took)\s+(all\s+)?(my|her|his)\s+(pip|benefits?|pension|wages|universal\s+credit|"
            r"attendance\s+allowance|dla|esa)\b[^.?!]{0,60}\b(never|don't|dont|do\s+not|doesn't|hardly\s+ever)\s+(see|get|have|touch)\b",
            # the phone taken away in anger: "when he's angry he takes my phone off me"
            # (in anger or to stop a call: never "takes my phone away to charge it")
            r"^(?=.*\b(angry|drunk|cross|temper|in\s+a\s+mood|shouts?|shouting|screams?|threaten\w*|so\s+i\s+(can't|cannot)\s+(call|ring|phone|get\s+help))\b)"
            r".*\b(takes?|took|taking|grabs?|grabbed|hides?|hid|smashe[sd]|smashing)\s+(my|her|his)\s+(phone|mobile)\s+(off|away\s+from)\s+(me|her|him)\b",
            r"^(?=.*\b(never\s+(have|see|get)\s+(any\s+)?(money|cash)|no\s+money\s+left|won't\s+give\s+(it|me|her|him)|without\s+(asking|me\s+knowing)|"
            r"which\s+i\s+(haven't|have\s+not|didn't)|can't\s+buy|always\s+skint|nothing\s+left)\b)"
            r".*\b(he|she|they|\w+)\s+(has|'s\s+got|has\s+got|has\s+had|'s\s+had|took|taken|holds)\s+(my|her|his)\s+(pension\s+|bank\s+|debit\s+|post\s+office\s+)?card\b",
            r"\b(card|pin|cash\s*card|bank\s+card)\b[^.?!]{0,60}(£\s?\d+|\b\d+\s*(quid|pounds|grand)|\bmoney|\bcash)\s+(has\s+)?(gone|missing|disappeared|taken|unaccounted)\b",
            r"\b(made|forced|pressured|pushed|bullied|got)\s+(me|her|him|them|mum|dad|nan)\s+(in)?to\s+sign\b|\b(made|forced|pressured)\s+(me|her|him|them|mum|dad|nan)\s+sign\b",
            # asking to raise one ("I want to report a safeguarding concern"), not asking what it is
            r"\b(i|i'd\s+like\s+to|i\s+want\s+to|i\s+need\s+to|can\s+i|how\s+do\s+i|to)\s+(raise|report|make|log)\s+(a\s+)?safeguarding\b|"
            r"\bsafeguarding\s+(concern|issue|alert|worry|problem)\b|^\W*safeguarding\W*$",
            # someone else at risk, in the words of a report
            r"\b(adults?|person|people)\s+at\s+risk\b",
            r"\bat\s+risk\s+of\s+(harm|abuse)\b",
            r"\b(worried|concern(ed|s)?)\s+(about|for)\s+(a|an|the)\s+vulnerable\b",
            r"\bvulnerable\s+(adult|person|man|woman)\s+is\b",
            r"\b(worried|concerned)\s+about\b.*\bsafety\b",
            r"\bmistreat",
            r"\bexploit(s|ed|ing|ation)?\b",
            r"\bcruel(ty)?\b",
            r"\bviolen(t|ce)\b",
            r"\bbull(y|ies|ied|ying)\b",
            r"\bthreaten(s|ed|ing)?\b",
            r"\bbruis(e|es|ed|ing)\b",
            r"\bblack\s+eye\b",
            r"\bmarks\s+on\s+(her|his|my|their|\w+(?:'s|s))?\s*(wrists?|arms?|neck|face|legs?|body)\b",
            r"\brough\s+with\b",
            # hands laid on someone in anger; not help ("grabbed my arm to stop me falling")
            r"\b(grabs|grabbed|grabbing|yanks|yanked|pinches|pinched)\s+(me\s+by\s+)?(my|his|her|their)\s+(arms?|wrists?|hair|neck|throat)\b(?![^.?!]{0,20}\bto\s+(stop|help|steady|catch|hold\s+(me|him|her)\s+up))",
            r"\b(hits|hitting|hit|punch(es|ed|ing)?|kick(s|ed|ing)?|slap(s|ped|ping)?|push(es|ed|ing)?|shov(e|es|ed|ing)|grabs|grabbed|beats|beat|knock(s|ed|ing))\s+(me|him|her|them|my\s+"
            + RELATIVE
            + r")\b",
            r"\b(is|are|was|were|keeps?|been|keep)\s+(hurting|hitting|harming|beating|slapping|scratching|punching|kicking)\b(?!\s+(his|her|their|my|the)\s+(targets?|goals?|head|ball|road|shops|books|gym|notes))",
            r"\b(hitting|hits|lashing|lashes|lashed|lashing)\s+out\s+at\s+(me|him|her|them|my\s+\w+)\b",
            r"\b(being|been|get|gets|getting|got)\s+(hurt|harmed|hit|beaten|slapped|punched|kicked|controlled|taken\s+advantage\s+of|scammed|groomed)\b"
            r"(?!\s+by\s+(a|the)\s+(car|bus|lorry|van|bike|vehicle|train|ball))",
            r"\b(is|are)\s+taking\s+advantage\s+of\b",
            r"\bcontrolled\s+by\b",
            r"\b(husband|wife|partner|son|daughter|boyfriend|girlfriend|carer)\s+controls\b",
            r"\bhurts\s+me\b",
            r"\b(pinch|pinches|pinched|pinching|scratch(es|ed)?|nips|twists?\s+my\s+arm)\s+me\b(?![^.?!]{0,20}\bto\s+(wake|get\s+my\s+attention))",
            r"\b(nobody|no\s+one|no-one)\s+(will|would|'ll)\s+(ever\s+)?believe\s+(me|her|him|you)\b",
            # touched in a sexual way, said plainly by the person it happens to ("my step dad touches me")
            r"\b(?!i\b)"
            + ACTOR
            + r"\s+(keeps\s+|always\s+|still\s+)?(touches|touched|touching|feels|groped|gropes)\s+me\b"
            r"(?!\s+on\s+(the|my)\s+(shoulder|arm|hand|back)\b)(?!\s+to\s+(wake|help|check|get))",
            r"\bstrangl\w*|\bchok(e|ed|es|ing)\s+(me|her|him)\b",
            r"\btied\s+(\w+\s+){0,2}to\s+(the|a|her|his|their)\s+(chair|bed)\b",
            r"\block(s|ed|ing)?\s+(me|her|him|them|my\s+\w+)\s+(in|up)\b|\block(s|ed)?\s+(me|her|him|them|my\s+\w+)\s+in\s+(the|her|his|my)\s+\w+",
            r"\bforc(e|es|ed|ing)\s+(me|her|him|them)\s+to\b",
            r"\b(touch\w*)\b[^.?!]{0,30}\binappropriate\w*\b|\bsexual(ly)?\s+(assault|abuse|touch)\w*|\brap(e|ed)\b",
            r"\b(?!i\b)"
            + ACTOR
            + r"\s+(always\s+|keeps\s+|often\s+|constantly\s+|still\s+)?(shouts|shouting|screams|screaming|yells|yelling)\s+at\s+(me|him|her|them|my\s+\w+)\b",
            r"\bshout\w*\s+and\s+swear\w*|\bswear\w*\s+at\s+(me|her|him|them|my)\b|\bcalls?\s+(me|her|him)\s+names\b|\bnasty\s+to\b|\bhumiliat\w*",
            r"\bwon't\s+let\s+(me|her|him|them)\s+(see|go|have|out|leave|talk|use|speak|eat)\b",
            r"\b(scared|frightened|afraid|terrified)\s+(of\s+(him|her|them)\b|to\s+go\s+home\b)",
            r"\b(scared|frightened|afraid|terrified)\s+(at|in\s+my)\s+home\b",
            r"\b(scared|frightened|afraid|terrified)\s+of\s+(my|her|his|their|the\s+person)\s+(\w+\s+)?(husband|wife|partner|son|daughter|boyfriend|girlfriend|carer|brother|sister|dad|father|mum|mother|neighbour|family|who|grandson|nephew)\b",
            r"\baggressive\b",
            r"\bon\s+purpose\b[^.?!]{0,30}\b(punish|hurt)\w*|\bto\s+punish\s+(him|her|me|them)\b",
            r"\b(stole|steals|stealing)\b",
            r"\b"
            + ACTOR
            + r"(s|'s)?\b[^.?!]{0,30}\b(takes|taking|took|taken|keeps\s+borrowing|borrows|borrowing|makes\s+(me|her|him)\s+give|spends|spending|uses|using)\b[^.?!]{0,25}\b(change|money|cash|pension|benefits?|savings|bank\s+card|card|purse|handbag|wallet|pin|pounds|quid|(?<!into\s)account|finances|house)\b(?![^.?!-]{0,30}\b(into\s+account|for\s+me|to\s+the\s+(bank|post\s+office)|with\s+(my|her|his)\s+(permission|agreement)|gives?\s+(me|her|him)\s+the\s+receipts)\b)",
            # "he's got her bank card" (someone else's), never "he's got about 30 grand in savings"
            r"\b"
            + ACTOR
            + r"(s|'s)?\b[^.?!]{0,30}\b(has\s+got|'s\s+got|got|has)\s+(my|her|his|their|mum's|dad's|nan's|\w+'s)\s+"
            r"(bank\s+|post\s+office\s+)?(card|pin|money|pension|purse|wallet|savings|cash|account|benefits)\b",
            r"\bmak(e|es|ing)\s+(me|her|him|them|\w+)\s+(hand\s+over|give|sign)\b",
            # "keeps her change and her bank card": someone else's money kept, not "keeps losing her purse"
            r"\b"
            + ACTOR
            + r"(s|'s)?\b[^.?!]{0,30}\b(keeps|kept|keeping)\s+(the|my|her|his|their|mum's|dad's)\s+"
            r"(change|money|cash|bank\s+card|card|pension|benefits)\b",
            r"\b(money|account|card|pension|savings)\b[^.?!]{0,30}\bwithout\s+(asking|permission|telling|my\s+say)\b",
            r"\b(given|gave|sent|paid|transferred|handed\s+over)\s+(them|him|her|a\s+man|a\s+woman|someone|strangers?)\s+(thousands|hundreds|all\s+(his|her|my|their)\s+(money|savings))\b",
            r"\b(money|pension|cash|benefits|savings)\b[^.?!]{0,20}\b(disappears?|disappearing|goes\s+missing|going\s+missing|gone\s+missing|went\s+missing|keeps\s+going|has\s+gone|(is|are)\s+(almost|nearly|all)\s+gone)\b",
            # "his bank card seems to be kept by one of the staff": held by someone else, said the other way round
            r"\b(bank\s+card|card|pin|pension|money|cash|savings|benefits|purse|wallet)\b[^.?!]{0,25}\b(kept|held|taken|used|spent)\s+by\b",
            r"\b(staff|"
            + ACTOR[1:]
            + r"(s|'s)?\b[^.?!]{0,30}\b(hold|holds|holding|keep|keeping|have)\s+(hold\s+of\s+)?(my|her|his|their|mum's|dad's|nan's)\s+"
            r"(bank\s+)?(card|pin|cards)\b(?![^.?!]{0,30}\b(safe|safely|safekeeping|locked|because|so\s+(she|he)\s+can|for\s+(her|him)|with\s+(his|her)\s+(permission|agreement))\b)",
            # "£200 cash withdrawals i cant explain", "payments out of her account nobody can account for"
            r"\b(withdrawals?|withdrawn|payments?|transfers?|taken\s+out|coming\s+out|going\s+out)\b[^.?!]{0,40}\b(can'?t|cannot|can\s+not|don'?t|doesn'?t|nobody\s+can|no\s+one\s+can)\s+(explain|account\s+for)\b",
            r"\bunexplained\s+(withdrawals?|payments?|spending|transactions?|transfers?)\b",
            # payments from someone's account that they, or the family, did not make or do not know
            r"\b(standing\s+orders?|direct\s+debits?|payments?|transfers?|transactions?|purchases?)\b[^.?!]{0,50}"
            r"\b(doesn'?t|does\s+not|didn'?t|did\s+not|don'?t|nobody|no\s+one|none\s+of\s+us)\s+(\w+\s+)?"
            r"(make|made|recognis\w*|recogniz\w*|heard\s+of|set\s+up|agree\w*|authoris\w*|know\s+(who|of|about\s+them))\b|"
            r"\b(standing\s+orders?|direct\s+debits?|payments?|transfers?|money)\b[^.?!]{0,30}\bto\s+(someone|somebody|a\s+person|a\s+man|"
            r"a\s+woman|people|strangers?)\s+(she|he|they|we|none\s+of\s+us)\s+(doesn'?t|don'?t|does\s+not|do\s+not|didn'?t|never)\s+(know|met)\b",
            # someone else now runs their money, and it is going down ("the lodger does mum's banking
            # now and her savings have dropped by thousands"); not "my son does her banking, it's fine"
            r"\b(does|doing|handles?|handling|runs?|running|manages?|managing|took\s+over|taken\s+over|in\s+charge\s+of)\s+"
            r"(his|her|their|mum'?s|dad'?s|nan'?s|gran'?s)\s+(banking|money|finances|accounts?|pension|savings)\b"
            r"(?=[^.?!]*\b(dropped|dropping|gone\s+down|going\s+down|disappear\w*|missing|less\s+and\s+less|empty|emptied|"
            r"drained|never\s+has\s+any|no\s+money\s+(left|for))\b)",
            # less and less in someone else's purse, tin or account
            r"\bless(\s+and\s+less)?\s+(money\s+|cash\s+)?(in|from)\s+(his|her|their|mum'?s|dad'?s|nan'?s|gran'?s|\w+'s)\s+"
            r"(purse|tin|wallet|account|savings|money\s+box)\b",
            # a PIN given away, and the money gone
            r"\bpin\b(?=[^.?!]*\b(empty|emptied|gone|missing|drained|nothing\s+left|cleared\s+out)\b)",
            # money lent to someone who will not pay it back; someone using another person's card
            r"\b(lend|lent|borrow\w*|loan\w*)\b[^.?!]{0,50}\b(won'?t|never|not|hasn'?t|refus\w*\s+to)\s+(pay|paid|paying|give|given|giving)\w*\s+(it\s+|them\s+)?back\b",
            r"\b(someone|somebody|a\s+stranger|the\s+carer|(his|her)\s+carer)('s|\s+has|\s+have|\s+is)?\s+(been\s+)?"
            r"(using|used|uses|ordering|ordered|buying|bought|spending|spent)\b[^.?!]{0,30}\b(his|her|their|my\s+\w+|\w+'s)\s+"
            r"(bank\s+|debit\s+|credit\s+)?card\b",
            # papers signed that they did not understand
            r"\bsign\w*\b[^.?!]{0,40}\b(doesn'?t|didn'?t|does\s+not|did\s+not|don'?t)\s+(know|understand|remember)\s+what\b",
            r"\b(sign|signed|signing)\s+over\b|\bchange\s+(his|her)\s+will\b",
            r"\b(sign|signs|signed|signing)\s+(her|his|their|mum's|dad's|the)\s+(house|home|flat|bungalow|property|savings|money)\s+over\b",
            r"\b(stopped|isn't|hasn't\s+been|not|never)\s+pay(ing)?\s+(his|her|their|mum'?s|dad'?s)\s+(care\s+home\s+|nursing\s+home\s+)?(fees|bills|rent|care)\b"
            r"(?=[^.?!]*[.?!]?[^.?!]*\b(bought|buying|spent|spending|new\s+car|holiday)\b)",
            r"^(?!.*\b(call\s+blocker|block(ing)?\s+(the\s+)?calls|just\s+hangs?\s+up|hung\s+up)\b).*(\bscam\w*|\bfraud\w*|\bcuckoo\w*)",
            r"\b(uses?|using)\s+(it|the\s+flat|his\s+flat|her\s+flat|the\s+house)\s+(for|to\s+(sell|deal))\s+drugs\b|\bfor\s+drugs\b",
        ]
    ),
    # someone unsafe on their own: the gas left on, found wandering the streets at night
    # (not a question about equipment for it: "can we get a sensor")
    UNSAFE_ALONE: _compile(
        [
            r"^(?!.*\b(sensors?|detectors?|alarms?|telecare|shut[\s-]?off|valves?|devices?|gadgets?)\b)"
            r".*\b(?!i\b|we\b)\w+('s)?\s+(has\s+|keeps\s+|kept\s+|is\s+|going\s+to\s+|gonna\s+|might\s+|will\s+)?"
            r"(left|leaves|leaving|leave)\s+the\s+(gas|cooker|hob|oven)\s+on\b",
            r"\b(found|finds|keeps|been|was|is|goes|going|went|and)\s+((him|her|them)\s+)?(out\s+)?wander\w*\s+"
            r"(the\s+streets?|in\s+the\s+(street|road|dark|middle\s+of\s+the\s+night)|at\s+night|outside\s+at\s+night|lost|"
            r"at\s+\d{1,2}\s*(am|in\s+the\s+morning)|at\s+(midnight|all\s+hours))\b",
            # out in the night, found by others, not knowing where they live
            r"\b(found|out|wandering|walking|waiting)\b[^.?!]{0,50}\b(at\s+\d{1,2}\s*(am|in\s+the\s+morning)|at\s+midnight|in\s+the\s+middle\s+of\s+the\s+night|"
            r"in\s+(her|his|their)\s+(nightie|nightdress|night\s+dress|pyjamas|dressing\s+gown))\b",
            r"\b(police|someone|somebody|a\s+stranger|neighbours?)\s+(brought|found|took|walked)\s+(him|her|them)\s+(back|home)\b",
            r"\b(didn't|did\s+not|doesn't|does\s+not)\s+know\s+where\s+(she|he|they)\s+(lived|lives|was|were|is|are)\b",
            # strangers let in; the front door left open at night; the bath left running, a pan burnt
            # (never "he won't let anyone in": the door kept shut)
            r"^(?!.*\b(won't|wont|will\s+not|doesn't|does\s+not|didn't|not|never|refuses?\s+to|refusing\s+to)\s+let\s+(people|strangers|anyone|anybody|men|callers)\s+in\b)"
            r".*\b(letting|lets|let|keeps\s+letting)\s+(people|strangers|anyone|anybody|men|callers)\s+in\b(?!\s+to\s+(help|fix))",
            r"\b(front\s+|back\s+)?door\s+(wide\s+)?open\b[^.?!]{0,40}\b(at\s+night|all\s+night|in\s+the\s+(night|morning)|at\s+\d)|"
            r"\bleav\w*\s+the\s+(front\s+|back\s+)?door\s+(wide\s+)?open\b[^.?!]{0,20}\b(night|all\s+day|again|twice)",
            r"^(?!.*\b(once|it\s+was\s+fine|no\s+harm\s+done)\b).*\bleft\s+the\s+(bath|taps?|water|sink)\s+(running|on)\b|\b(pan|pot|kettle)s?\b[^.?!]{0,25}\b(burnt|burned|on\s+fire|caught\s+fire)\b|"
            r"\b(burnt|burned)[\s-]+(out\s+)?(pans?|pots?)\b",
        ]
    ),
    NEGLECT: _compile(
        [
            r"\bneglect(ed|ing)?\b",
            # hoarding that endangers someone ("hoarding badly, the flat is full to the ceiling and the smell")
            r"\bhoard\w*\b[^.?!]{0,80}\b(badly|full|piled|smell\w*|stink\w*|can'?t\s+(get|move|walk)|fire\s+risk|rats?|mice|vermin)\b|"
            r"\b(full|piled(\s+up)?|stacked)\s+to\s+the\s+ceiling\b",
            # medicines left out by the people paid to give them ("they just tick the chart and leave")
            r"\b(carers?|agency|staff|they)\b[^.?!]{0,30}\b(skip|skips|skipping|skipped|miss|misses|missing|missed|forget|forgets|forgot|forgetting|not\s+giving|don't\s+give|didn't\s+give|never\s+give)\s+"
            r"(giving\s+)?(her|his|their|my|\w+'?s)\s+(\w+\s+)?(tablets|medication|meds|medicine|insulin|pills|inhaler)\b",
            r"\btick\s+(the\s+)?(chart|sheet|mar|book)\b[^.?!]{0,30}\b(leave|go|gone|without)\b",
            r"\b(nobody|no\s+one|no-one)\s+(is\s+)?(looking\s+after|caring\s+for|visits|checks\s+on|check\s+on|has\s+seen)\b",
            r"\b(nobody|no\s+one|no-one)\s+is\s+(turning|feeding|washing|changing)\b",
            r"\b(nobody|no\s+one|no-one)\s+(has\s+)?(been|come|came)\s+(in|round|over)?\s*to\s+(change|wash|feed|turn|see\s+to)\s+(him|her|them|me)\b",
            r"\bnot\s+(looking\s+after|caring\s+for)\b.*\bproperly\b",
            r"\b(isn't|is\s+not|not|aren't)\s+(being|getting)\s+(looked\s+after|cared\s+for|fed)\b",
            r"(\bnot|n't)\s+(feeding|giving\s+(him|her|them|me)\s+(food|water|drinks?))\b",
            r"\b(don't|doesn't|do\s+not|does\s+not)\s+(give|change|wash|feed|turn)\s+(him|her|them|me)\b(?!\s+a\s+choice)",
            r"\b(hasn't|has\s+not|(she|he|they)('s|\s+is|\s+has|'ve|\s+have)\s+not)\s+(eaten|been\s+seen)\b|\b(haven't|not)\s+eaten\s+(properly\s+)?(for|in)\s+(days|a\s+week|weeks|\w+\s+days)\b",
            r"\b(haven't|hasn't|not|nobody\s+has|no\s+one\s+has)\s+(seen|heard\s+from)\s+(?!(my|the|our)\s+(social\s+worker|worker|assessor|ot)\b)(?!(you|anyone|the\s+council|thurrock)\b)[^.?!]*\b(days|week|weeks|since)\b",
            r"^(?=.*\b((knock\w*|rang\s+the\s+(bell|doorbell)|banged\s+on)\b[^.?!]{0,40}\b(no\s+answer|not\s+answer\w*|doesn't\s+answer|didn't\s+answer|nobody\s+(came|answered))|"
            r"(no\s+one|nobody|noone|she|he|they)\s+(answers|answered|is\s+answering|won't\s+answer|doesn't\s+answer|didn't\s+answer|wont\s+come\s+to|won't\s+come\s+to)\s+(the\s+)?door)\b)"
            r"(?=.*\b(hear|telly|tv|radio|lights?|curtains|(his|her)\s+car|days|nights|a\s+week|weeks|since|usually|normally|not\s+seen|dog|post|milk|smell)\b)"
            r"(?!.*\b(on\s+holiday|gone\s+away|away\s+(for|until)|gone\s+to\s+stay|staying\s+with|asked\s+me\s+to)\b)",
            r"\b(hasn't|haven't|has\s+not|have\s+not|not)\s+(been\s+)?opened\s+((her|his|their|the)\s+)?curtains\b|\bcurtains\s+(not|never|haven't\s+been|hasn't\s+been)\s+(been\s+)?opened\b",
            r"\bdog\b[^.?!]{0,20}\bbarking\b[^.?!]{0,30}\b(days|all\s+night|non[\s-]?stop)\b",
            r"^(?!.*\b(on\s+holiday|gone\s+away|away\s+(for|until)|gone\s+to\s+stay|staying\s+with|asked\s+me\s+to)\b)"
            r".*\b(curtains|post|milk|letters|papers)\b[^.?!]{0,40}\b(shut|closed|piling|on\s+the\s+(step|doorstep|mat)|still\s+there)\b",
            r"\b(hasn't|haven't|has\s+not|not)\s+(answered|opened|come\s+out|been\s+out|left)\b[^.?!]*\b(days|week|weeks)\b",
            r"\bin\s+(her|his|their|my)\s+own\s+(mess|urine|wee|poo|faeces|filth|dirt)\b",
            r"\b(not|hasn't|haven't|has\s+not)\s+had\s+(a\s+)?(proper\s+)?(meal|food|anything\s+to\s+eat|drink|(his|her|their)\s+(tablets|medication|insulin))\s+(in|for)\s+(a\s+week|days|weeks|\w+\s+days)\b",
            r"\bnot\s+(answering|come\s+out|been\s+out|opened)\b[^.?!]*\b(days|week)\b|\bhas\s+not\s+come\s+out\b|\bhasn't\s+come\s+out\b",
            r"\bthere's\s+a\s+smell\b",
            r"(?<!\bi\s)(?<!\bwe\s)\b(haven't|hasn't|have\s+not|has\s+not|not)\s+had\s+a\s+(proper\s+)?(wash|bath|shower)\s+(in|for)\s+(\w+\s+)?(weeks|months)\b",
            # not eating at all is a concern; "isn't eating properly" is a need, told as one
            r"\b(she's|he's|they're|is|are|been|i'm|isn't|aren't)\s+not\s+eating\b(?!\s+(as\s+much|properly|well|enough|much)\b)|"
            r"\b(isn't|aren't)\s+eating\b(?!\s+(as\s+much|properly|well|enough|much)\b)|"
            r"\b(don't|do\s+not)\s+think\s+(he's|she's|they're|he\s+is|she\s+is|they\s+are)\s+(eating|drinking)\b"
            r"(?!\s+(as\s+much|properly|well|enough|much)\b)",
            # a neighbour's signs: the bins not put out for weeks
            r"\b(his|her|their|\w+'s)\s+bins?\b[^.?!]{0,30}\b(haven't|hasn't|have\s+not|has\s+not|not)\s+(gone|been\s+(put|taken))\s+out\s+(in|for)\s+(weeks|days|a\s+month|months|\w+\s+weeks)\b",
            r"\b(no|without)\s+(food|heating|electricity|water)\b(?!\s+(engineer|bill))",
            r"\bsitting\s+in\s+the\s+(dark|cold)\b",
            r"\b(leave|leaves|left)\b[^.?!]*\b(dirty|soiled|wet\s+(sheets|pads?|clothes))\b",
            r"\b(soiled|wet)\s+(pads?|sheets|clothes|bed)\b",
            r"\b(pressure|bed)\s+sores\b",
            r"\blost\s+(loads\s+of|a\s+lot\s+of|so\s+much)\s+weight\b",
            r"\b(lives?|living)\s+in\s+(filth|squalor)\b",
            r"\bleft\s+(alone|on\s+(his|her)\s+own)\s+(all|for)\b",
            r"\b(left|leaves|leave|leaving)\s+(me|her|him|them)\s+(in\s+(bed|(my|her|his|their|the)\s+chair)|on\s+(my|her|his|their)\s+own)\s+(all|for)\s+(day|night|hours|days)\b",
            r"\b(left|leaves|leave|leaving|keeps?)\s+(me|her|him|them)\b[^.?!]{0,40}\bwithout\s+(my|her|his|their|any)\s+(tablets|medication|meds|insulin|food|water|drinks?)\b",
            r"\bonly\s+stay\s+\w+\s+minutes\b",
        ]
    ),
}

# Vague on its own: a risk only right after a worrying message.
DISTRESS_PATTERNS = _compile(
    [
        r"\bwant(s)?\s+(it|this)\s+to\s+(stop|end|be\s+over)\b",
        r"\b(make|making)\s+it\s+stop\b",
        r"\bwhat's\s+the\s+point\b",
        r"\b(can't|cannot)\s+(do|take|cope\s+with|handle)\s+(this|it)(\s+any\s?more)?\b",
        r"\b(i've\s+)?had\s+enough\b",
        r"\btired\s+of\s+(it|all|everything|this)\b",
        r"\bsleep\s+forever\b",
        r"\b(won't|will\s+not)\s+be\s+(here|around)\b",
        r"\b(doesn't|does\s+not|it\s+doesn't)\s+matter\s+any\s?(way|more)\b",
        # ("an empty flat", "a broken boiler": things, never a feeling)
        r"\b(hopeless|worthless|empty(?!\s+(flat|house|home|room|fridge|cupboard|bottle|tin|box|bed|property))|burden|failure|numb|trapped|"
        r"falling\s+apart|so\s+low|so\s+alone|crying|exhausted|worn\s+out|broken(?!\s+(boiler|lift|door|window|heating|bed|chair|fridge)))\b",
        r"\bhate\s+(my\s+life|myself)\b",
        r"\bcan't\s+(sleep|eat)\b",
        r"\bgiv(e|ing)\s+up\b",
        r"(?<!can we )(?<!can you )(?<!could we )(?<!shall we )(?<!can i )\bdo\s+it\s+(today|tonight|now)\b",
        # "there's nothing left for me here if she goes", "no reason to carry on"
        r"\bnothing\s+(left\s+)?(for\s+me|to\s+live\s+for|to\s+look\s+forward\s+to)\b",
        r"\bno\s+(reason|point)\s+(to|in)\s+(go(ing)?\s+on|carry(ing)?\s+on|liv(e|ing)|anything|being\s+here)\b",
        r"\b(can't|cannot)\s+go\s+on\b",
        # "im a waste of space", "dont see the point most days", "not that it matters"
        r"\b(waste\s+of\s+(space|time|air)|no\s+(use|good)\s+to\s+(anyone|anybody|man\s+nor\s+beast)|useless)\b(?!\s+(form|website|app|system|council|phone))",
        r"\b(don't|do\s+not|dont|can't|cannot)\s+see\s+the\s+point\b",
        r"\bnot\s+that\s+(it|i)\s+matters?\b",
        r"\b(can't|cannot)\s+(do|keep\s+doing|go\s+on\s+with)\s+(this|it)\s+(much\s+)?(any\s*)?longer\b",
    ]
)
# After a concern about someone else's harm: fear, or the person coming again ("she comes tomorrow",
# "i am scared"), is more of that concern (it was read as a goodbye)
THREAT_AGAIN = re.compile(
    r"\b(she|he|they)('s|\s+is|\s+are|\s+will\s+be)?\s+(comes?|coming|back|here|round)\s+(again\s+)?"
    r"(tomorrow|tonight|later|today|soon|in\s+the\s+morning|on\s+\w+day)\b|\b(scared|frightened|afraid|terrified)\b"
)
# A short answer to "are you safe right now?" (asked after every self-harm answer): "no", "not
# really", or a time ("yes tonight") means the person is not safe.
NOT_SAFE_ANSWER = re.compile(
    r"^((yes|yeah|yep|no|nope|not\s+really|not\s+sure|i\s+don't\s+know|dunno)\b[\s,.!]*"
    r"(no|i'm\s+not|i\s+am\s+not|not\s+really|tonight|today|now|soon)?|(tonight|today|now|right\s+now|soon|this\s+weekend|tomorrow))[\s.!]*$"
)

# Said in answer to "are you safe right now?" in more words: "no. not tonight if I'm honest".
NOT_SAFE_SAID = re.compile(
    r"^(no|nope|nah|not\s+really|not\s+(tonight|today|right\s+now|now)|i\s+don't\s+think\s+so|not\s+sure)\b|"
    r"\b(i'm|i\s+am)\s+(not|not\s+really)\s+safe\b|\bnot\s+safe\s+(tonight|today|right\s+now|now)\b"
)
SAFE_SAID = re.compile(r"\b(i'm|i\s+am)\s+(ok|okay|fine|alright|safe)\b(?!\s+not)")
# A self-harm message is imminent with a time, a plan, or the means at hand.
IMMINENT = re.compile(
    # ("and now the stairs are hard": a story, not a time)
    r"\b(tonight|today|right\s+now|(?<!and\s)(?<!since\s)(?<!but\s)now(?!\s+(the|that|he|she|it|its|it's|they|we|you|a|an)\b)|"
    r"this\s+(evening|weekend|morning|afternoon)|after\s+this|"
    r"when\s+everyone\s+is\s+asleep|in\s+front\s+of\s+me|lined\s+up|on\s+the\s+table|in\s+my\s+hand|"
    r"(already|just)\s+(taken|took|swallowed|drunk|had)|(took|taken|swallowed)\b[^.?!]{0,40}\b(ago|earlier)|planned\s+it|have\s+a\s+plan|my\s+plan|"
    r"written\s+(the|a|my)\s+(note|letters?|notes)|this\s+is\s+goodbye|this\s+is\s+my\s+last|it\s+will\s+(all\s+)?be\s+(done|over)\s+(before|by|tonight|today)|(have|got)\s+(a|the)\s+(knife|rope|gun|blade)|"
    r"i\s+have\s+a\s+knife|(standing|stood|sat|sitting)\s+on\s+the\s+(bridge|edge|roof|ledge)|"
    r"decided|i'm\s+going\s+to\s+(kill|hang|end|do\s+it|take))\b"
)
# A sign of harm: with these, the classifier's safeguarding intent counts on its own.
HARM_SIGN = re.compile(
    r"\b(marks?|bruis\w*|cuts?|burns?|injur\w*|hurt\w*|hit\w*|pain|bleed\w*|blood|money|pension|cash|bank|card|"
    r"benefits|savings|stole\w*|steal\w*|missing|rough|shout\w*|"
    r"scream\w*|swear\w*|lock\w*|tied|dirty|soiled|filth\w*|hungry|starv\w*|smell\w*|"
    r"unsafe|danger\w*|threat\w*|push\w*|grab\w*|slap\w*|kick\w*|punch\w*|forc\w*|control\w*|touch\w*)\b"
)
# Someone else at risk of self-harm: told about by a relative or friend, not in the first person.
# Strain said of someone else ("her daughter is exhausted", "the family are at the end of their tether")
OTHERS_STRAIN = re.compile(
    r"\b(he|she|they|(his|her|their|the|my)\s+\w+|\w+'s\s+\w+|"
    + RELATIVE
    + r")\s*('s|\s+is|\s+are|'re|\s+was|\s+has\s+been|\s+have\s+been)\s+"
    r"(so\s+|really\s+|very\s+|completely\s+)?(exhausted|worn\s+out|shattered|at\s+the\s+end\s+of|struggling|not\s+coping|burnt\s+out|on\s+(her|his|their)\s+knees)\b"
)
THIRD_PERSON = re.compile(
    r"\b(he|she|they|him|her|his|himself|herself|themselves|says|said|saying|talks|told\s+me|keeps\s+saying|sent\s+me)\b"
)
SAID_BY_SOMEONE = re.compile(
    r"\b(he|she|they)('s|\s+is|\s+has|\s+was|'ve|\s+have)?\s+(been\s+)?(keeps?\s+saying|says|said|saying|talking\s+about|"
    r"told\s+me|texted|messaged)\b|\bkeeps\s+saying\b"
)
HARM_TO_THEMSELVES = re.compile(
    r"\b(he|she|they)\b[^.?!]{0,30}\b(hurt|harm|kill|cut|hurting|harming|killing|cutting)\s+(him|her|them)sel(f|ves)\b|"
    r"\b(bang|bangs|banging|banged|hit|hits|hitting)\s+(his|her|their)\s+head\s+(on|against)\b|"
    r"\bdo\s+something\s+(stupid\s+)?to\s+(him|her|them)sel(f|ves)\b|\b(he|she|they)('s|\s+has|\s+have)?\s+(gave|given|giving)\s+away\b"
)
FIRST_PERSON_HARM = re.compile(
    r"\b(i\s+want|i'm\s+(going|thinking|planning)|i've\s+(thought|been\s+thinking)|(?<!bring\s)myself|my\s+own\s+life|"
    r"i\s+don't\s+want\s+to\s+(?:live|be\s+here|be\s+alive|go\s+on|carry\s+on|wake|exist|be\s+around)|"
    r"i\s+feel|i\s+keep|i\s+just|i'd|without\s+me|if\s+i\b|i\s+think\s+about|i\s+wish)"
)
# Plainly an ordinary need: never urgent on the classifier's word alone.
ORDINARY = re.compile(
    r"\bbut\s+(i'm|im|i\s+am)\s+(ok|okay|fine|alright|all\s+right)\s*[.!]*$|"  # "i had a bad day but im ok"
    r"\b(killing\s+me|kill\s+for|dying\s+(for|to)|murder\s+a|to\s+(death|die\s+for)|sick\s+to\s+death|"
    r"(end|stop|cancel)\w*\s+(my|the|his|her)\s+(direct\s+payments?|care|package|assessment|payments?|support|agency)|"
    r"end\s+of\s+life|terminal|palliative|hospice|passed\s+away|grieving|bereave\w*|"
    r"(fine|ok|okay|alright|all\s+right)\s+now|not\s+hurt|no\s+injur\w*|didn't\s+hurt|wasn't\s+hurt|"
    r"got\s+(himself|herself|myself)\s+up|minor|is\s+it\s+safe|safe\s+and\s+private|key\s+safe|"
    r"(am\s+i|i'm|will\s+i\s+(get|be))\s+in\s+trouble|safeguarding\s+(thing|referral|meeting|process|team|enquiry)|"
    r"i'm\s+safe|we're\s+safe|she's\s+safe|he's\s+safe|am\s+safe|"
    r"(wash|dress|bath|bathe|shower|feed|toilet)\s+(myself|himself|herself|themselves)|"
    r"(can't|cannot|struggle\s+to)\s+(wash|dress|bathe|shower|cook|walk|manage\s+the\s+stairs))\b"
)
# "killing himself with work", "hurt herself" in a fall: ordinary senses of risk words
NOT_SELF_HARM = re.compile(
    r"\bkilling\s+(him|her|my|them)sel(f|ves)\s+(with|by)\s+(work|working|worry|stress|overwork)\w*|"
    r"\b(fall|falls|fell|fallen|tripped|slipped)\b[^.?!]*\bhurt(ing)?\s+(my|him|her|them)sel(f|ves)\b|"
    r"\bhurt\s+(my|him|her|them)sel(f|ves)\b[^.?!]*\b(fall|falls|fell|fallen|tripped|slipped)\b"
)


# Said not to be so ("nobody is in danger", "I'm not being abused", "he's only got his pension"):
# taken out before the patterns are read, so the rest of the message still counts.
NOT_SO = re.compile(
    # a question about the words, not a worry told: "what is safeguarding", "what counts as financial
    # abuse?", "I'm not reporting abuse, I'm her husband"
    r"\bwhat\s+(is|does|do\s+you\s+mean\s+by)\s+(a\s+)?safeguarding(\s+(referral|mean|concern))?\b|"
    r"\bwhat\s+(counts|is\s+classed|is\s+classified)\s+as\s+(\w+\s+)?(abuse|neglect)\b|"
    r"\bwhat\s+(is|does)\s+(financial\s+|emotional\s+|domestic\s+)?(abuse|neglect)(\s+mean)?\b|"
    r"\b(not|never)\s+(reporting|saying\s+it's|calling\s+it)\s+(abuse|neglect)\b|"
    r"\b(think|thinks|say|says|said|accuse\w*|blame\w*)\s+(i'm|i\s+am|i\s+was|me\s+of)\s+neglect\w*(\s+(her|him|them))?\b|"
    r"\bnot\s+(suicidal|abuse|neglect)\b|"
    # "nobody is suicidal", "take that suicide stuff off", "why are you giving me samaritans": the label
    # or its answer pushed back, not a risk told
    r"\b(nobody|no\s*one|no-one|not|isn't|aren't|never|neither)('s)?\s+(is\s+|are\s+|was\s+|being\s+|of\s+us\s+(is\s+)?)?(suicidal|self[- ]?harming)\b|"
    r"\b(that|the|this|those|all\s+that|all\s+this)\s+(suicid\w*|self[- ]?harm|samaritans|crisis)\s+(stuff|bit|bits|thing|things|label|line|lines|part|nonsense|rubbish|business)\b|"
    r"\bwhy\s+(are|r|do|did)\s+(you|u)\s+(keep\s+)?(giving|telling|sending|showing|saying|asking)\b[^.?!]*|"
    r"\b(don't|do\s+not|dont)\s+need\s+(the\s+)?(samaritans|a\s+crisis\s+line|crisis\s+lines|999)\b|"
    r"\b(i'm|im|i\s+am)\s+not\s+going\s+to\s+(hurt|harm|kill)\s+myself\b|\b(not|isn't|wasn't)\s+(about\s+)?suicid\w*\b|"
    r"\bi\s+(never|didn't|did\s+not)\s+(said|say|mean|meant)\s+(that\s+)?(i\s+)?(wanted|want|was\s+going|meant)\s+to\s+(hurt|harm|kill)\s+myself\b|"
    # the label said back in protest: "SUICIDE?? i never said that", "why does it say neglect??"
    r"\b(suicid\w*|self[- ]?harm\w*|abus\w*|neglect\w*|danger)\s*\?{2,}|"
    r"\b(says?|said|put|puts|marked|labelled|called)\s+(it\s+|that\s+)?(is\s+|as\s+)?(neglect|abuse|danger|suicide)\b|"
    # the label named in a complaint: "it still says risk of suicide", "so theyre ringing me about
    # suicide now. brilliant", "dont put down that im suicidal"
    r"\b(says?|said|put|puts|marked|labelled|listed|flagged)\s+(down\s+)?(it\s+|that\s+|me\s+)?(is\s+|as\s+)?(a\s+)?(risk\s+of\s+)?(suicid\w*|self[- ]?harm\w*)\b|"
    r"\b(ringing|calling|phoning|contacting|ring|call|phone|contact)\s+(me\s+)?about\s+(the\s+)?(suicid\w*|self[- ]?harm\w*)\b|"
    r"\b(don't|dont|do\s+not)\s+(put|write|mark|say|record)\s+(down\s+)?(that\s+)?(i'm|im|i\s+am|me\s+as|i\s+was)\s+(\w+\s+)?(suicid\w*|self[- ]?harm\w*)\b|"
    r"\b(didn't|did\s+not|doesn't|does\s+not|never|hasn't|has\s+not)\s+(abus|neglect|hurt|hit)\w*\s+(me|us|him|her|them)\b|"
    r"\bare\s+(you|u)\s+saying\b[^.?!]*|"
    r"\bi\s+(do\s+not|don't|dont)\s+have\s+(those|these|any\s+(of\s+)?(those|these)|suicidal)\s+(thoughts|feelings)\b|"
    # "wdym neglect?? im not neglecting her": a question about the word, not a worry told
    r"\b(wdym|wym|what\s+do\s+you\s+mean|what\s+you\s+mean|what\s+d'?ya\s+mean)\b[^.?!]{0,20}\b(abus\w*|neglect\w*|safeguarding)\b[?!]*|"
    # a fall told as past ("shes been on the floor for hours last time"): history, never danger now
    r"\bon\s+the\s+floor\b(?![^.?!]{0,20}\b(now|again|still|right\s+now)\b)[^.?!]{0,40}\b(last\s+(time|week|month|year|night)|yesterday|ago)\b|"
    r"\b(last\s+(time|week|month|year|night)|yesterday|the\s+other\s+day|\w+\s+(days|weeks|months)\s+ago)\b"
    r"(?![^.?!]{0,70}\b(now|again|still|right\s+now)\b)[^.?!]{0,40}\bon\s+the\s+floor\b|"
    r"\b(self[- ]?harmed|overdosed|tried\s+to\s+kill\s+(him|her|them)self)\s+(when\s+(he|she|they)\s+(was|were)\s+(a\s+)?(teenager|child|kid|young|at\s+school|little)|years\s+ago)\b(?=[^.?!]*\b(doing\s+(great|well|fine|ok|better)|fine\s+now|better\s+now)\b)|"
    r"\b(don't|do\s+not)\s+want\s+to\s+be\s+here\s+any\s?more\s+in\s+(this|the|my)\s+(flat|house|home|area|place|town|bungalow|care\s+home)\b|"
    r"\b(difference\s+between|meaning\s+of|definition\s+of|types\s+of|examples\s+of)\b[^.?!]*\b(abus\w*|neglect\w*)\b|"
    r"\bwhy\s+(does|did|do)\s+(it|that|this|you|my\s+request)\s+(say|says|put|mark\w*|call\w*)\b[^.?!]*|"
    r"\b(it's|it\s+is|its|that's|that\s+is|this\s+is|it\s+was)\s+not\s+(abuse|neglect)\b|\b(it|that)\s+(isn't|wasn't)\s+(abuse|neglect)\b|"
    r"\b(not|never|wouldn't|won't)\s+(going\s+to\s+|ever\s+)?(hurt|harm|hit)\s+(him|her|them|anyone|anybody|my\s+\w+)\b|"
    # bruising explained by a medicine or thin skin ("he bruises easy on his warfarin")
    r"\bbruis\w*\s+(very\s+|so\s+|really\s+)?(easy|easily)\b|"
    r"\bbruis\w*\b[^.?!]{0,40}\b(warfarin|blood\s+thinners?|anticoagulants?|apixaban|rivaroxaban|edoxaban|clopidogrel|steroids?|thin\s+skin)\b|"
    r"\b(warfarin|blood\s+thinners?|anticoagulants?|apixaban|rivaroxaban|edoxaban|clopidogrel|steroids?|thin\s+skin)\b[^.?!]{0,40}\bbruis\w*|"
    r"\b(warfarin|blood\s+thinners?|blood\s+thinning\s+\w+|anticoagulants?)\b|"
    r"\bstop\s+saying\b[^.?!]*|"
    r"\b(no\s*one|nobody|no-one|not|isn't|aren't|wasn't|weren't|never)('s)?\s+(is\s+|are\s+|was\s+|were\s+|being\s+|been\s+|got\s+)?"
    r"(in\s+(any\s+)?danger|at\s+risk|unsafe|abus(ed|ing\s+(me|him|her|them))|neglect(ed|ing\s+(me|him|her|them))|"
    r"(hurting|hitting|harming)\s+(me|him|her|them)|hurt|harmed)\b|"
    r"\b(he|she|they)('s|\s+has|'ve|\s+have)?\s+(only\s+)?(got|has|have|gets|get|keeps|kept)\s+(his|her|their)\s+(own\s+)?"
    r"(state\s+)?(pension|savings|money|benefits|income|bank\s+card|card|cash|purse|wallet)\b"
)


# Strain, not a risk to life on its own words ("I'm knackered and can't carry on like this"): a label
# raised only by these may come off when the person, asked, says they are safe (actions/safety.py).
STRAIN_ONLY = (
    PATTERNS[SELF_HARM][
        next(
            i
            for i, p in enumerate(PATTERNS[SELF_HARM])
            if p.pattern.startswith(r"\b(can't|cannot)\s+(go\s+on")
        )
    ],
)


def said_only_strain(text: Text) -> bool:
    """Whether a message was heard as a risk to life only through words of strain."""
    tidied = tidy(text)
    matched = [pattern for pattern in PATTERNS[SELF_HARM] if pattern.search(tidied)]
    return bool(matched) and all(pattern in STRAIN_ONLY for pattern in matched)


def _pattern_kind(text: Text) -> Text:
    text = NOT_SO.sub(" ", text)
    for kind, patterns in PATTERNS.items():
        if kind == SELF_HARM and NOT_SELF_HARM.search(text):
            continue
        if any(pattern.search(text) for pattern in patterns):
            return kind
    return ""


def _self_harm_kind(text: Text) -> Text:
    """Self-harm is the person's own, unless a relative's is described in the third person."""
    about_someone = (
        (re.search(r"\b" + RELATIVE + r"\b", text) and THIRD_PERSON.search(text))
        or SAID_BY_SOMEONE.search(text)  # "he's been really low, keeps saying what's the point"
        or HARM_TO_THEMSELVES.search(text)  # "i'm scared he might hurt himself"
    )
    if about_someone and not FIRST_PERSON_HARM.search(text):
        return SOMEONE_ELSE
    return SELF_HARM


# Feeling ill in the body, told plainly: NHS 111 or 999 (bot.safety.followups), never self-harm by the
# classifier alone
FEELING_UNWELL = re.compile(
    r"\b(dizzy|shak(y|ey|ing)|faint|light[\s-]?headed|wobbly|hypo|blood\s+sugar|chest\s+pain|temperature|being\s+sick)\b"
)


def read_message(text: Text, intent: Optional[Text] = None, confidence: float = 0.0) -> Risk:
    """The risk in one message, from patterns and the classifier's intent (without context)."""
    if not text or text.startswith("/"):
        return NO_RISK
    tidied = tidy(text)
    kind = _pattern_kind(tidied)
    signs = NOT_SO.sub(" ", tidied)  # "it's not abuse, he bruises easily": no sign of harm left
    vague = any(pattern.search(tidied) for pattern in DISTRESS_PATTERNS)
    if not kind and not ORDINARY.search(tidied):
        if (
            intent == "urgent_self_harm"
            and confidence >= CLASSIFIER_CONFIDENCE
            and not vague
            and len(tidied.split()) > SHORT_MESSAGE_WORDS
            and not NOT_SO.search(tidied)  # "im not going to hurt myself dear. i just need my tea"
            and not FEELING_UNWELL.search(
                tidied
            )  # "i feel a bit dizzy and shakey now": the body, not a wish to die
        ):
            kind = SELF_HARM  # a vague or very short message is left to its context
        elif (
            intent == "safeguarding_concern"
            and confidence >= SAFEGUARDING_CONFIDENCE
            and HARM_SIGN.search(signs)
        ):
            kind = ABUSE
    if kind == SELF_HARM:
        kind = _self_harm_kind(tidied)
    if kind:
        return Risk(kind, kind in (SELF_HARM, SOMEONE_ELSE) and bool(IMMINENT.search(tidied)))
    if (
        vague
        or THREAT_AGAIN.search(tidied)
        or intent == "urgent_self_harm"
        and confidence >= CLASSIFIER_CONFIDENCE
        and not NOT_SO.search(tidied)
        and not FEELING_UNWELL.search(tidied)
    ) and not ORDINARY.search(tidied):
        return Risk(DISTRESS)
    return NO_RISK


def in_context(latest: Risk, earlier: Sequence[Risk], latest_text: Text = "") -> Risk:
    """The latest message's risk read with the messages just before it (oldest first).

    A vague message after a worrying one (or after another vague one) is a risk; after a
    self-harm message, "no" / "not really" / a time answers "are you safe right now?" and makes
    it imminent.
    """
    recent = [risk for risk in list(earlier)[-CONTEXT_MESSAGES:] if risk.kind]
    tidied = tidy(latest_text) if latest_text else ""
    if latest.kind == DANGER and NOT_SAFE_SAID.search(tidied) and any(r.kind == SELF_HARM for r in recent):
        return Risk(SELF_HARM, imminent=True)  # "I'm saying no, I'm not safe", after a self-harm message
    if latest.urgent:
        return latest
    if (
        any(risk.kind in (DANGER, WITHOUT_CARER) for risk in list(earlier)[-CONTEXT_MESSAGES:])
        and re.search(WHO_CARED, tidied)
        and STILL_WITHOUT_HELP.search(tidied)
    ):
        return Risk(WITHOUT_CARER)  # "my husband died in the night", then "hes my carer, cant get out of bed"
    if (
        any(risk.kind == WITHOUT_CARER for risk in list(earlier)[-WITHOUT_CARER_MESSAGES:])
        and STILL_WITHOUT_HELP.search(tidied)
        and not SAFE_SAID.search(tidied)
        and not NOT_SO.search(tidied)
    ):
        return Risk(WITHOUT_CARER)  # "im in wheelchair. she does the bed and toilet", after it: more of it
    previous = list(earlier)[-1] if earlier else NO_RISK
    if (
        previous.kind in (SELF_HARM, SOMEONE_ELSE)
        and tidied
        and (NOT_SAFE_ANSWER.search(tidied) or NOT_SAFE_SAID.search(tidied))
        and not re.match(r"^(yes|yeah|yep)[\s.!]*$", tidied)
        and not SAFE_SAID.search(tidied)
    ):
        return Risk(previous.kind, imminent=previous.kind == SELF_HARM)

    if latest.kind != DISTRESS or not recent:
        return latest
    worrying = [risk for risk in recent if risk.urgent]
    if worrying and worrying[-1].kind in (ABUSE, NEGLECT, DANGER) and THREAT_AGAIN.search(tidied):
        return Risk(
            worrying[-1].kind
        )  # "she comes tomorrow. i am scared", after "my support worker shouts at me"
    if (
        worrying
        and worrying[-1].kind not in (SELF_HARM, SOMEONE_ELSE, CARER_HARM)
        and OTHERS_STRAIN.search(tidied)
        and not FIRST_PERSON_HARM.search(tidied)
    ):
        return latest  # "her daughter is exhausted", in a referral after a worry: not the writer's life
    kind = (
        worrying[-1].kind
        if worrying and worrying[-1].kind in (SELF_HARM, SOMEONE_ELSE, CARER_HARM)
        else SELF_HARM
    )
    imminent = bool(tidied and IMMINENT.search(tidied)) or bool(worrying and worrying[-1].imminent)
    return Risk(kind, imminent and kind == SELF_HARM)


def read_conversation(readings: Sequence[Tuple[Text, Risk]]) -> Risk:
    """The latest message's risk in context, from (text, risk without context) oldest first."""
    if not readings:
        return NO_RISK
    *earlier, (text, latest) = readings
    return in_context(latest, [risk for _, risk in earlier], text)
