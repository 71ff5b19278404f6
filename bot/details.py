"""Finding and checking the details a resident tells us, and whose they are.

A conversation has two people: the caller, and the person the help is for when that is someone
else (a mum, a neighbour, a professional's patient). Every detail found says which one it belongs
to (`role` "cared_for" for the person the help is for), so a carer's postcode never overwrites her
mum's and a surgery's phone number is never taken for the patient's.

Used twice: by the NLU pipeline (bot.server.nlu.details) to pick details out of any message, so
they are never asked for again, and by the forms' validation, which says what was just asked
(`asked`), so a bare "Tom" is a name and "me, obviously" says who the help is for.
Rules and two lists written for the project (content/first_names.txt, content/places.yml), not a
trained model: postcodes, phones and emails have exact formats, and nothing personal is trained on.
tests/details_heldout.yml measures it (tests/test_details_heldout.py).
"""

import re
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import lru_cache
from typing import Dict, Iterable, List, Optional, Set, Text, Tuple

import yaml

from bot.settings import CONTENT_DIR

CARED_FOR = "cared_for"  # the role of a detail that belongs to the person the help is for
CALLER = "caller"
THROUGH = "through"  # the role of a wish to be contacted through someone named ("ring my son Peter")
ALONE = "alone"  # the group of a name typed on its own ("Tom"), when nothing was asked

# Who the help is for (the asking_for slot's values).
SELF, FAMILY, FRIEND, PROFESSIONAL = "self", "family", "friend or neighbour", "professional"

# "RM17 6SL", "rm176sl", and typed with a stray space inside the inward code ("rm16 2 qd")
POSTCODE = re.compile(
    r"\b([A-Z]{1,2}[0-9][A-Z0-9]?)(?:\s*([0-9][A-Z]{2})|\s+([0-9])\s([A-Z]{2}))\b", re.IGNORECASE
)
EMAIL = re.compile(r"\b[\w.+'-]{1,64}@[A-Za-z0-9-]{1,63}(?:\.[A-Za-z0-9-]{1,63})+\b")
# A run of digits, spaces, dashes and brackets that may be a UK phone number (checked afterwards).
EXTENSION = re.compile(r"\s*,?\s*(?:ext\.?|extn\.?|extension|x)\s*(\d{1,5})\b", re.I)
PHONE_CANDIDATE = re.compile(r"(?<![\w+])(?:\+44\s?\(?0?\)?|\(?0)[\d\s()-]{8,16}\d\b")
# letters of any alphabet ("Wiśniewski", "Zoë", "Łukasz"), with the apostrophes and hyphens of names
LETTER = r"[^\W\d_]"
NAME_WORD = rf"{LETTER}(?:{LETTER}|['’-]){{0,30}}"
WORD = re.compile(rf"{LETTER}(?:{LETTER}|['’-])*")
TITLES = {"mr", "mrs", "ms", "miss", "mx", "dr", "doctor", "sir", "dame", "rev", "lady", "lord"}

# ------------------------------------------------------------------ relations
RELATION_NAMES: Dict[Text, Text] = {
    "mum": "mum",
    "mom": "mum",
    "mam": "mum",
    "mummy": "mum",
    "mama": "mum",
    "mamma": "mum",
    "mammy": "mum",
    "ma": "mum",
    "papa": "dad",
    "tata": "dad",
    "pops": "dad",
    "mother": "mother",
    "dad": "dad",
    "daddy": "dad",
    "father": "father",
    "husband": "husband",
    "wife": "wife",
    "partner": "partner",
    "son": "son",
    "daughter": "daughter",
    "brother": "brother",
    "sister": "sister",
    "nan": "nan",
    "nana": "nan",
    "nanna": "nan",
    "nanny": "nan",
    "gran": "gran",
    "granny": "gran",
    "grandma": "grandma",
    "grandmother": "grandmother",
    "grandad": "grandad",
    "granddad": "grandad",
    "grandpa": "grandpa",
    "grandfather": "grandfather",
    "grandson": "grandson",
    "granddaughter": "granddaughter",
    "aunt": "aunt",
    "auntie": "auntie",
    "aunty": "auntie",
    "uncle": "uncle",
    "nephew": "nephew",
    "niece": "niece",
    "cousin": "cousin",
    "stepmum": "stepmum",
    "stepdad": "stepdad",
    "step-dad": "stepdad",
    "step-mum": "stepmum",
    "mother-in-law": "mother-in-law",
    "father-in-law": "father-in-law",
    "fiance": "fiance",
    "fiancee": "fiancee",
    "friend": "friend",
    "neighbour": "neighbour",
    "neighbor": "neighbour",
}
FRIENDS = {"friend", "neighbour"}


def inverse_relation(word: Text, text: Text, title: Text = "") -> Optional[Text]:
    """What the other person is to the caller when the caller says what they are to them:
    "I'm her daughter" -> mum; "I'm Nathan's mum, he's 19" -> son."""
    word = relation_word(word)
    title = title.lower().rstrip(".")
    male = title == "mr" or (
        title not in ("mrs", "ms", "miss") and re.search(r"\b(?:he|him|his|he's)\b", text, re.I)
    )
    female = title in ("mrs", "ms", "miss") or (not male and re.search(r"\b(?:she|her|she's)\b", text, re.I))

    def pick(his: Text, hers: Text, either: Text) -> Text:
        return his if male else hers if female else either

    if word in ("mum", "mother", "dad", "father", "stepmum", "stepdad"):
        return pick("son", "daughter", "child")
    if word in ("son", "daughter"):
        return pick("dad", "mum", "parent")
    if word in ("nan", "gran", "grandma", "grandmother", "grandad", "grandpa", "grandfather"):
        return pick("grandson", "granddaughter", "grandchild")
    if word in ("grandson", "granddaughter"):
        return pick("grandad", "nan", "grandparent")
    if word in ("aunt", "auntie", "uncle"):
        return pick("nephew", "niece", "nephew or niece")
    if word in ("nephew", "niece"):
        return pick("uncle", "aunt", "aunt or uncle")
    if word in ("brother", "sister"):
        return pick("brother", "sister", "brother or sister")
    return {"husband": "wife", "wife": "husband"}.get(word, word)


def relation_word(word: Text) -> Text:
    """'Mom' -> 'mum', 'mother in law' -> 'mother-in-law'."""
    return RELATION_NAMES[re.sub(r"[\s-]+", "-", word.lower())]


REL = (
    "("
    + "|".join(sorted((re.escape(w).replace(r"\-", r"[\s-]") for w in RELATION_NAMES), key=len, reverse=True))
    + ")"
)
CLIENT_NOUN = r"(?:patient|client|tenant|service user)"
ROLE_WORDS = (
    r"social worker|professional|gp|doctor|nurse|receptionist|support worker|occupational therapist|ot|"
    r"care manager|key ?worker|housing officer|care co-?ordinator|manager|paramedic|pharmacist|physio(?:therapist)?|"
    r"practitioner|therapist|case ?worker|carer'?s? support worker|link worker|navigator|coordinator|advocate"
)
PROFESSIONAL_CUES = re.compile(
    rf"\b(?:i'?m|im|i am)\s+(?:a|an|the|her|his|their|your)\s+(?:[\w-]+\s+){{0,2}}?(?:{ROLE_WORDS})\b|"
    rf"\b(?:my|our|a|the|one of our)\s+{CLIENT_NOUN}s?\b|"
    rf"\b{CLIENT_NOUN}\s+(?:name|details|dob|address|postcode)\b|^\W*{CLIENT_NOUN}\s*:|"
    rf",\s*(?:[\w-]+\s+)?(?:{ROLE_WORDS})\s*,|"
    r"\b(?:calling|ringing|writing|phoning|emailing)\s+from\b|\breferring\b|"
    rf"^\W*(?:{ROLE_WORDS})\s+(?:from|at)\b|\b(?:us|we)\s+(?:\w+\s+){{0,2}}(?:at|from)\s+the\s+(?:surgery|practice)\b|"
    r"\bour\s+(?:surgery|practice)\b",
    re.IGNORECASE,
)
FAMILY_CONTEXTS = [
    re.compile(
        r"\b(?:for|after|about|helping|help|support|supporting|behalf of|asking for|enquiring for|enquiring about|"
        r"worried about|concerned about|care for|caring for|look after|looking after|carer for|carer to|"
        rf"writing for|calling for|ringing for|help with|support with)\s+(?:my|our)\s+{REL}(?:'?s)?\b",
        re.IGNORECASE,
    ),
    re.compile(rf"\b(?:he|she|they)(?:'s|s|\s+is|\s+are|re)\s+my\s+{REL}\b", re.IGNORECASE),
    # "its my wife june pearce who gets the care" (never "it's my wife's birthday")
    re.compile(
        rf"\b(?:it'?s|its|it\s+is)\s+(?:for\s+|about\s+)?(?:my|our)\s+{REL}\b(?!'?s\b)", re.IGNORECASE
    ),
    re.compile(
        rf"(?<!use )(?<!ring )(?<!call )(?<!on )\b(?:my|our)\s+{REL}(?:'?s)?\s*,?\s*(?:who\s+)?(?:needs?|has|is|isn'?t|can'?t|cannot|keeps|struggles|"
        r"lives|was|had|fell|falls|gets|called|named|whose|name|postcode|address|number|she|he|moved|"
        r"care|needs|support|assessment|doesn'?t|won'?t|didn'?t|\d+|"
        r"(?:mr|mrs|ms|miss|dr))\b|\b(?:my|our)\s+{REL}\s*,?\s*(?-i:[A-Z][a-z])".format(REL=REL),
        re.IGNORECASE,
    ),
    re.compile(
        rf"(?:^|[.!?,;]|\bbut|\band|\bso)\s*{REL}(?:'s\b|s?\s+(?:is|has|needs|lives|can'?t|keeps|fell|was|"
        r"name|postcode|address|number)\b)",
        re.IGNORECASE,
    ),
    re.compile(rf"\b(?:that'?s|it'?s|is)\s+(?:my\s+)?{REL}'s\b", re.IGNORECASE),
    re.compile(rf"\bsend\s+(?:\w+\s+){{0,5}}to\s+my\s+{REL}\b", re.IGNORECASE),
    re.compile(
        r"\bfor\s+a\s+(friend|neighbour|neighbor)\b|\ba\s+(friend|neighbour|neighbor)\s+of\s+mine\b",
        re.IGNORECASE,
    ),
]
# "when my husband is home", "until my son gets back": someone's whereabouts, said about a time
PRESENCE_CLAUSE = re.compile(
    rf"\b(?:when|while|whilst|until|till|before|after|once|unless)\s+((?:my|our)\s+{REL})\s+"
    r"(?:is|are|gets|get|comes|come|goes|'s)\s+(?:home|in|back|around|about|there|here|out|at\s+work|asleep|away|up)\b",
    re.IGNORECASE,
)
# "it's not for my son, it's for my wife", "our son lives in Leeds so he can't help": a relative said
# not to be, or named as unable to help, is not who the help is for
NOT_WHO_FOR = re.compile(
    rf"\b(?:not|isn'?t|isnt|is\s+not|wasn'?t|never)\s+(?:for|about)\s+(?:my|our|his|her)\s+{REL}\b|"
    rf"\b(?:my|our)\s+(?:\w+\s+)?{REL}\b(?:(?!\b(?:my|our|and|but)\b)[^.?!,;]){{0,40}}?\b(?:can'?t|cannot|can\s+not|won'?t|couldn'?t|isn'?t\s+able\s+to|"
    r"is\s+not\s+able\s+to|is\s+no)\s+(?:help|come|be\s+there)",
    re.IGNORECASE,
)
# "I'm Nathan's mum", "I am the daughter of Mrs Green", "I'm a friend of Ann's": the other
# person named, and what they are to the caller.
RELATION_OF = re.compile(
    rf"\b(?:i'?m|im|i am)\s+(?:(?P<owner>[A-Z][\w'’-]*)['’]s\s+(?P<rel1>{REL.strip('()')})|"
    rf"(?:the|a|an)\s+(?P<rel2>{REL.strip('()')})\s+of\s+(?P<name>(?:(?:mr|mrs|ms|miss|dr)\.?\s+)?[A-Z][\w'’-]*"
    r"(?:\s+[A-Z][\w'’-]*)?))",
    re.I,
)
INVERSE_CONTEXT = re.compile(rf"\b(?:i'?m|im|i am)\s+(?:[A-Za-z]+\s*,\s*)?(his|her)\s+{REL}\b", re.IGNORECASE)
ANSWER_RELATION = re.compile(rf"^\W*(?:it'?s\s+)?(?:for\s+)?(?:my|a|our)?\s*{REL}\b", re.IGNORECASE)
SELF_CONTEXT = re.compile(
    r"\b(?:it'?s|its|it is|is it|this is|help is|help's|asking|enquiring|just)\s+(?:for\s+)?"
    r"(?:me|myself)\b(?!\s+(?:to|back|on|at|a))|^\W*(?:for\s+)?(?:me|myself)\b\W*(?:obviously|only|please)?\W*$|"
    r"\bfor my\s?self\b|\bit'?s me who\b|\bme who needs\b|\b(?:for\s+)?my\s+own\s+(?:care|needs|support)\b|"
    # "i had a fall last month and im struggling with washing": their own need, said of themselves
    r"\bi\s+(?:had|have\s+had|'ve\s+had|ve\s+had)\s+a\s+fall\b|\bsince\s+my\s+fall\b|"
    r"\bi(?:'m|\s+am|m)\s+(?:really\s+)?struggling\s+(?:with|to)\s+(?:my\s+)?(?:wash|bath|shower|dress|cook|shop|get\s+(?:up|out|dressed|to\s+the)|the\s+stairs)|"
    r"\bi\s+(?:can'?t|cannot|can\s+not)\s+(?:wash|bath|dress|cook|get\s+(?:up|dressed|out))\s+(?:myself|on\s+my\s+own|any\s*more)\b",
    re.IGNORECASE,
)
# "my partner is my carer", "my mum helps me": the relative helps the caller; the help is for the caller
HELPER_RELATION = re.compile(
    rf"\b(?:my|our)\s+{REL}\s*,?\s*(?:who\s+|he\s+|she\s+)?(?:is\s+(?:also\s+|now\s+)?my\s+"
    r"(?:main\s+|full[\s-]time\s+|paid\s+|unpaid\s+|only\s+)?carer|(?:looks\s+after|cares\s+for|helps|supports)\s+me)\b",
    re.IGNORECASE,
)
# "for both of us", "me and my dad": not for the caller alone
BOTH_OF_US = re.compile(
    rf"\b(?:both\s+of\s+us|us\s+both|the\s+two\s+of\s+us|me\s+and\s+(?:my|our)\s+{REL}|(?:my|our)\s+{REL}\s+and\s+(?:me|i|myself))\b",
    re.IGNORECASE,
)
SELF_ANSWER = re.compile(r"\b(?:me|myself|mine|my own|i do|i am|i need)\b", re.IGNORECASE)

# ------------------------------------------------------------------ whose is it
CLIENT_CUE = re.compile(
    rf"\b(?:she|he|her|his|him|their|hers|she'?s|he'?s|shes|hes)\b|"
    rf"\b(?:my\s+|our\s+)?{REL}(?:'?s)?\b|\b{CLIENT_NOUN}s?\b|"
    r"\b(?-i:[A-Z][a-z]+)\s+(?:needs|has|uses|lives|gets|can'?t|cannot|may|might)\b|"  # "Colin needs…": someone else
    r"\b(?:mr|mrs|ms|miss|mx)\.?\s+[A-Za-z][\w'’-]+",
    re.IGNORECASE,
)
NAMED_SUBJECT = re.compile(
    r"\b([A-Za-z]+)\s+(?:needs|has|uses|lives|gets|can'?t|cannot|doesn'?t|does|is|isn'?t|likes|won'?t|prefers|may|might)\b",
    re.I,
)
CALLER_CUE = re.compile(
    r"\b(?:i|i'm|im|i've|ive|i'd|my|me|mine|myself|we|we're|we've|our|us|ours)\b|"
    r"\b(?:the|our)\s+(?:surgery|practice|office|team|ward|centre|center)\b",
    re.IGNORECASE,
)
CLIENT_AFTER = re.compile(
    rf"^\W{{0,3}}(?:(?:that'?s|it'?s|thats|its)?\s*(?:my\s+)?(?:{REL}'?s|hers|his)\b|"
    rf"(?:is|that'?s|thats)\s+where\s+(?:my\s+{REL}|she|he|they)\s+lives?\b|"
    rf"is\s+(?:my\s+)?{REL}'?s\b|(?:for|to)\s+(?:her|him|them|my\s+{REL}|{REL})\b)",
    re.I,
)
SENTENCE_END = re.compile(r"[.!?\n]")
USE_THEIR_NUMBER = re.compile(
    rf"\b(?:use|ring|call|contact|try|on|via|through)\s+my\s+{REL}'?s\s+(?:number|phone|mobile|email)|"
    rf"\b(?:email|e-mail|text|ring|call|phone|contact)\s+my\s+{REL}\b",
    re.I,
)

# ------------------------------------------------------------------ contact
# "I can't do the phone menus": the automated options, not being rung by a person
NOT_PHONE_MENUS = r"(?!\s+(?:menus?|options?|system|queues?|lines?|trees?|buttons?|press|automated)\b)"
# "don't ring the landline, he'd hear": one phone, not every phone
HOME_PHONE = r"(?:the\s+|my\s+|our\s+)?(?:landline|home\s+phone|house\s+phone|home\s+number|house\s+number)"
NOT_LANDLINE = re.compile(
    rf"\b(?:do\s*n'?t|dont|do not|never|not|please don'?t)\s+(?:call|ring|phone|use)\s+(?:me\s+|us\s+)?(?:on\s+)?{HOME_PHONE}\b|"
    rf"\bnot\s+(?:on\s+)?{HOME_PHONE}\b|\bmobile\s+(?:phone\s+)?(?:calls?\s+)?only\b|\bonly\s+(?:on\s+)?(?:my\s+|the\s+)?mobile\b|"
    rf"\bno\s+landline\b|\b(?:house|home)\s+phone\b[^.?!]{{0,20}}\bnot\s+safe\b|"
    r"\bmobile\b[^.?!]{0,10}\b(?:is|'s)\s+(?:fine|ok|okay|safe|best)\b",
    re.IGNORECASE,
)
NOT_BY_PHONE = re.compile(
    r"\b(?:do\s*n'?t|dont|do not|did\s*n'?t|did not|never|please don'?t|not)\s+(?:\w+\s+)?(?:call|ring|phone|bell)\b"
    r"(?!\s+(?:me\s+|us\s+)?(?:at|before|after|during|between|on|in the|until|till|then|that\s+day|those\s+days|when)\b)"
    # "dont ring my mums phone": someone else's phone, never theirs
    r"(?!\s+(?:on\s+)?(?:my|his|her|their)\s+\w+(?:'s|s)\s+(?:phone|number|mobile|landline)\b)"
    rf"(?!\s+(?:me\s+|us\s+)?{HOME_PHONE})|"
    r"\b(?:better|rather)\s+than\s+(?:phone\s*)?calls\b|"
    r"\b(?:do\s*n'?t|dont|do not)\s+want\s+(?:a\s+|any\s+)?(?:phone\s*)?calls?\b(?!\s*-?\s*back)|"
    r"\bprefer\s+(?:e-?mails?|texts?|letters?)\s+(?:to|over)\s+(?:phone|calls|ringing)\b|"
    r"\b(?:can'?t|cant|cannot|can not|unable to|don'?t|dont)\s+(?:use|hear on|hear|do|manage)\s+(?:the\s+|a\s+)?phones?\b"
    rf"{NOT_PHONE_MENUS}|"
    r"\bno\s+(?:phone\s*calls?|calls|phone)\b|\bnot\s+by\s+(?:phone|telephone)\b|"
    r"\b(?:email|e-mail|text)\s+only\b|\brather than\s+(?:a\s+)?(?:phone|ring|call)\b|"
    r"\b(?:don'?t|dont|do not)\s+have\s+a\s+phone\b",
    re.IGNORECASE,
)
BY_PHONE = re.compile(
    r"(?<!\bnot )(?<!n't )(?<!dont )\b(?:call|ring|phone|bell|give)\s+(?:me|us)\b(?!\s+(?:a\s+)?(?:text|email))|"
    r"(?<!n't )(?<!dont )(?<!not )\b(?:want|like|prefer|need|rather\s+have)\s+(?:a\s+)?(?:phone\s*call|call\s+back|call|ring)\b|"
    r"\bby\s+(?:phone|telephone)\b|\bphone\s+(?:rather|instead|not)\b|\bphone\s+calls?\s+(?:are|is)\s+better\b|"
    r"(?<!\bi )(?<!\bto )\b(?:ring|call|phone)\s+(?:in|after|before|between|on)\b|\bbest\s+to\s+(?:call|ring|phone)\b|"
    r"\bplease\s+(?:phone|ring|call)\b(?!\s+(?:rather|instead))|"
    r"\b(?:phone|calls?|ringing)\s+(?:is|are|'s)\s+(?:fine|ok|okay|good|best|better)\b|"
    r"\b(?:call|ring|phone)\s+(?:me\s+on\s+)?my\s+(?:mobile|landline|number|phone|home\s+phone)\b|"
    r"\b(?:fine|happy|ok|okay)\s+with\s+(?:a\s+)?(?:call|phone\s*call|ring)\b|"
    r"\b(?:read|talk|tell|explain|do)\b[^.]{0,20}\bover\s+the\s+phone\b",
    re.IGNORECASE,
)
BY_EMAIL = re.compile(
    r"\b(?:e-?mail|emial|emil)\s+(?:me|us|only|rather|instead)\b|\bby\s+e-?mail\b|\bprefer\s+e-?mail\b|"
    r"\b(?:you\s+can|please)\s+e-?mail\b|\bcontact\s+me\s+by\s+e-?mail\b|\bcan\s+you\s+e-?mail\b|"
    r"\b(?:please|pls)\s+e-?mail\b|"
    r"\be-?mails?(?:\s+(?:is|are|would\s+be|works?)|'s)\s+(?:the\s+)?(?:best|better|easier|easiest|fine|good|ok|okay)\b|"
    r"\b(?:best|easiest|better)\s+(?:way\s+)?(?:is|would\s+be|to\s+contact\s+me\s+is)\s+(?:by\s+)?e-?mail\b",
    re.IGNORECASE,
)
BY_TEXT = re.compile(
    r"\b(?:text|txt|sms)\s+(?:me|first|only|message|rather|instead)\b|\bby\s+(?:text|sms)\b|"
    r"\bsend\s+me\s+a\s+text\b|\btexts?\s+(?:is|are|'s)\s+(?:better|best|fine|easier|ok|okay|good)\b|"
    r"\b(?:could|can|please)\s+(?:you\s+)?(?:text|txt)\b",
    re.IGNORECASE,
)
BY_LETTER = re.compile(
    r"(?<!\bnot )(?<!n't )(?<!dont )\bby\s+(?:letter|post)\b|(?<!n't )(?<!dont )(?<!not )(?<!never )\bwrite\s+to\s+me\b|\ba\s+letter\s+would\b|\bletters?\s+(?:is|are)\s+better\b|"
    r"\b(?:rather|prefer|like)\s+(?:have\s+|get\s+)?a\s+letter\b|\bletters?\s+only\b|\bonly\s+(?:by\s+)?letters?\b",
    re.IGNORECASE,
)
NOT_AT_HOME = re.compile(
    r"\b(?:do\s*n'?t|dont|do not|please don'?t|never)\s+(?:come|visit|call round|send\s+\w+)\s+"
    r"(?:\w+\s+)?(?:to\s+)?(?:the|my|our)?\s*(?:house|home|flat|address)\b|"
    r"\bnot\s+at\s+(?:my\s+)?home\b|\bno\s+home\s+visits?\b|\bdon'?t\s+visit\b",
    re.IGNORECASE,
)
# "no letters to the house", "nothing posted to me": no post (a phone call at home is still fine)
NO_LETTERS = re.compile(
    r"\bnot\s+by\s+(?:letter|post)\b|\b(?:do\s*n'?t|dont|do\s+not|never)\s+write\s+to\s+me\b|"
    r"\bno\s+(?:letters|post|mail)(?:\s+(?:to|at)\s+(?:the|my|our)\s+(?:house|home|address|flat))?\b|"
    r"\bnothing\s+(?:posted|sent\s+by\s+post|sent)\s+to\s+(?:the|my|our|me)\b(?:\s+(?:house|home|address|flat))?|"
    r"\b(?:do\s*n'?t|dont|do\s+not|please\s+don'?t|never)\s+(?:send|post|write)\s+(?:me\s+)?(?:any\s+)?(?:letters|post|to\s+me)\b|"
    # "he opens my post": letters are not safe (a call at home, when he is out, still is)
    r"\b(?:he|she|they|my\s+\w+)\s+(?:opens|reads|sees|checks|goes\s+through)\s+(?:my\s+|the\s+|all\s+)?(?:post|letters|mail)\b",
    re.IGNORECASE,
)
# "no email, he reads it", "i dont do email", "I haven't got email either": never asked for, never used
NO_EMAIL = re.compile(
    r"\bno\s+e-?mails?\b(?!\s+(?:address\s+)?(?:yet|back|from))|\bnot\s+(?:by\s+)?e-?mail\b|"
    r"\b(?:do\s*n'?t|dont|do\s+not|never)\s+(?:do|use|send(?:\s+me)?(?:\s+an?)?|want(?:\s+an?)?)\s+e-?mails?\b|"
    r"\b(?:do\s*n'?t|dont|do\s+not|never|please\s+don'?t)\s+e-?mail\s+me\b|"
    r"\b(?:do\s*n'?t|dont|do\s+not)\s+have\s+(?:an?\s+)?(?:(?:phone|mobile|computer)\s+(?:or|nor|and)\s+(?:an?\s+)?)?e-?mail\b|\b(?:haven'?t|havent|have\s+not)\s+got\s+(?:an?\s+)?e-?mail\b|"
    r"\be-?mail\b[^.?!]{0,25}\b(?:he|she|they)\s+(?:reads?|checks?|sees?|looks\s+at)\s+(?:it|them|my)\b",
    re.IGNORECASE,
)
# "please don't leave a message", "no voicemails": a call only when they answer themselves
NO_VOICEMAIL = re.compile(
    r"\b(?:do\s*n'?t|dont|do\s+not|never|no|please\s+don'?t)\s+(?:leave\s+(?:a\s+|any\s+)?(?:message|voicemail|voice\s+mail)s?|"
    r"voice\s*mails?|answer\s*phone\s+messages?|messages?\s+on\s+(?:the|my)\s+(?:phone|answerphone))\b",
    re.IGNORECASE,
)
# "at home is fine", "ring me at home": the opposite of "not at home", said to put it right
AT_HOME_FINE = re.compile(
    r"\b(?:at\s+)?home\s+(?:is|'s)\s+(?:fine|ok|okay|good|best|alright)\b|\b(?:ring|call|phone)\s+me\s+at\s+home\b|"
    r"\b(?:you\s+can|can)\s+(?:(?:ring|call|phone)\s+(?:me\s+)?(?:at\s+)?|(?:come|visit)\s+(?:me\s+)?(?:at|to)\s+)(?:home|the\s+house)\b",
    re.IGNORECASE,
)
# "never ring me at work", "not at work please": a time or place not to be rung
NOT_AT_WORK = re.compile(
    r"\b(?:never|don'?t|dont|do\s+not|not|no)\s+(?:ring|call|phone|contact|calls?)\s+(?:me\s+)?(?:at|in|while\s+i'?m\s+at)\s+work\b|"
    r"\bnot\s+(?:at|in)\s+work\s+(?:please|pls)\b|\bnot\s+(?:while|when)\s+i'?m\s+(?:at|in)\s+work\b",
    re.IGNORECASE,
)
CONTACT_VERB = r"(?:contact|ring|call|phone|text|e-?mail|speak\s+to|talk\s+to|get\s+in\s+touch\s+with|go\s+to|deal\s+with|reach|get\s+hold\s+of)"
# "contact her, not me", "ring mum directly", "don't call me, call him": the person the help is for
# is to be contacted, not the caller (a neighbour who would rather not be involved); "call my son,
# not me": the caller's relative
NOT_ME = r"\s*,?\s*(?:directly|direct|herself|himself|themselves|instead|(?:and\s+|but\s+)?(?:not|rather\s+than|instead\s+of)\s+me)\b"
DO_NOT_CONTACT_ME = rf"\b(?:do\s*n'?t|dont|do\s+not|please\s+don'?t)\s+{CONTACT_VERB}\s+me\b[\s,;.-]*(?:just\s+|please\s+)?{CONTACT_VERB}\s+"
THEM_DIRECTLY = re.compile(
    rf"\b{CONTACT_VERB}\s+(?:her|him|them|{REL}){NOT_ME}|{DO_NOT_CONTACT_ME}(?:her|him|them)\b", re.IGNORECASE
)
MY_RELATIVE = re.compile(
    rf"\b{CONTACT_VERB}\s+my\s+{REL}{NOT_ME}|{DO_NOT_CONTACT_ME}my\s+{REL}\b", re.IGNORECASE
)
# "speak to her daughter", "best to ring his son": someone else to contact, in the caller's words
THEIR_RELATIVE = re.compile(
    rf"\b{CONTACT_VERB}\s+(?:me\s+(?:or|and)\s+)?(?:her|his|their|the)\s+{REL}\b", re.IGNORECASE
)
CONTACT_THEM = "contact them directly, not me"
# "please DONT ring the tenant", "do not contact him directly, he'll kick off": only the caller
DO_NOT_CONTACT_THEM = re.compile(
    rf"\b(?:do\s*n'?t|dont|do\s+not|never|please\s+don'?t|not\s+to)\s+(?:ever\s+)?{CONTACT_VERB}\s+"
    rf"(?:her|him|them|the\s+{CLIENT_NOUN}|(?:the|my)\s+{REL}|{CLIENT_NOUN})(?:\s+(?:directly|direct|himself|herself|themselves))?\b",
    re.IGNORECASE,
)
ONLY_ME = "do not contact them directly, only me"
NOT_DIRECTLY = "do not contact them directly"  # with a relative of theirs to contact: "only me" is not so
# "9 Ship Lane", "flat 2, 14 high street": a street address (no field of its own: kept with contact)
STREET_ADDRESS = re.compile(
    # (never "he is 84, cannot walk": a street's name is never a verb, an age or a count)
    r"\b(?:(?:flat|apartment)\s+\d{1,4}[a-z]?\s*,?\s*(?:\d{1,4}[a-z]?\s*,?\s+)?|\d{1,4}[a-z]?\s*,?\s+)"
    r"(?:(?!(?:cannot|can|cant|can't|could|not|to|and|or|but|i|he|she|they|we|you|it|years?|yrs|old|times?|days?|"
    r"weeks?|months?|hours?|so|then|is|was|has|had|will|would)\b)[A-Za-z][a-z'’]+\s+){1,3}?"
    r"(?:road|rd|street|st|lane|ln|avenue|ave|close|drive|way|crescent|gardens|court|place|grove|hill|walk|"
    r"terrace|park|row|mews|view|rise|green|square|parade|chase|meadow|fields)\b\.?",
    re.IGNORECASE,
)
# "my wife Jean died last year", "since I lost my husband", "my late mum": someone who has died
DECEASED = re.compile(
    rf"\b(?:my|our)\s+(?:late\s+)?{REL}\b(?:\s*,?\s*{NAME_WORD})?(?:\s+(?:has|had|just|sadly|recently|suddenly|only|who|in|last|this|year|month|week|ago|[0-9]+))*\s+(?:died|passed\s+away|passed\s+on|"
    r"passed|is\s+dead|has\s+died|who\s+died|death|funeral)\b|"
    rf"\b(?:lost|losing|since\s+i\s+lost|widowed\s+when)\s+my\s+{REL}\b|\bmy\s+late\s+{REL}\b",
    re.IGNORECASE,
)
# "ring my son Peter on 07700 900461", "contact is via his daughter Grace 07812 553019": the person to
# contact, named or with their number; that name is not the person the help is for, nor that number
# the caller's or the patient's (never "I'll ring my son Peter": the caller's own plan)
# someone who supports them, named by their role ("ring my support worker Sam")
SUPPORTER = r"support\s+worker|suport\s+worker|key\s*worker|social\s+worker|care\s+worker|carer|advocate"
THROUGH_SOMEONE = re.compile(
    rf"(?<![\w'])(?:{CONTACT_VERB}|via|through|go\s+through|contact\s+(?:is|will\s+be)\s+(?:via|through)|"
    r"(?P<main>main\s+contact|first\s+contact|best\s+contact)\s+(?:is|will\s+be|'s)|"
    r"(?P<kin>next\s+of\s+kin)(?:\s+is|\s*:|\s*,)?)\s+"
    # ("better call daughter Ola. 07700 900418": a name or number must follow, as below)
    rf"(?:(?P<whose>my|his|her|their|the)\s+|(?=(?:{REL}|{SUPPORTER})\s+[A-Z]))(?P<rel>{REL}|{SUPPORTER})\b"
    rf"(?:\s*,?\s*(?P<name>{NAME_WORD}(?:\s+{NAME_WORD})?)(?=\s|[,.!?]|$))?",
    re.IGNORECASE,
)
THEIR_NUMBER_AFTER = re.compile(
    r"(?:\s*(?:'s|’s)?\s*(?:on|at|number|mobile|phone|is|her|his|their|own|,|:|-|\.)(?![a-z]))*\s*(?P<phone>(?:\+44\s?|0)[\d\s()-]{8,16}\d)",
    re.IGNORECASE,
)
# "my son Will might ring you about it", "my daughter Sarah will call you for me": someone who may
# contact Thurrock First for the caller (never the person the help is for)
CALLS_FOR_ME = re.compile(
    rf"\bmy\s+(?P<rel>{REL})\b\s*,?\s*(?P<name>{NAME_WORD})?\s*,?\s+(?:will|might|may|can|could|is\s+going\s+to|'ll)\s+"
    r"(?:also\s+)?(?:ring|call|phone|contact|email|speak\s+to|talk\s+to)\s+(?:you|them|thurrock\s+first|the\s+council|social\s+services)\b",
    re.IGNORECASE,
)
NOT_ME_AFTER = re.compile(
    r"\s*,?\s*(?:and\s+|but\s+)?(?:not|instead\s+of|rather\s+than)\s+(?:me|myself)\b", re.IGNORECASE
)
OWN_PLAN = re.compile(
    r"\b(?:i|we)(?:\s+(?:will|can|could|might|would|need\s+to|have\s+to|must|should|usually|always|just|am\s+going\s+to))?|"
    r"\b(?:i'll|i'm\s+going\s+to|we'll)\s*$",
    re.IGNORECASE,
)
CONTACT_PREFERENCES = [
    ("phone call", BY_PHONE),
    ("text message", BY_TEXT),
    ("email", BY_EMAIL),
    ("letter", BY_LETTER),
    ("not by phone", NOT_BY_PHONE),
    ("mobile, not the landline", NOT_LANDLINE),
    ("not at home", NOT_AT_HOME),
    ("at home is fine", AT_HOME_FINE),
    ("no letters", NO_LETTERS),
    ("not at work", NOT_AT_WORK),
    ("no email", NO_EMAIL),
    ("no voicemail", NO_VOICEMAIL),
]
NO_PHONE = {"not by phone"}  # preferences that mean: never ask for, or use, a phone number

DAY = r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|weekday|weekend)s?"
PART = r"(?:morn\w*|afternoo\w*|aftanoon\w*|evenin\w*|lunch\s*time|lunchtime)"
# a time of day, never a count ("from 4 visits a day to 2")
CLOCK = (
    r"\d{1,2}(?:[:.]\d\d)?\s*(?:am|pm)?"
    r"(?!\d|\s*(?:visits?|times?|hours?|hrs?|days?|weeks?|months?|years?|people|carers?|calls?|x|a\s+day|per)\b)"
)
TIME = re.compile(
    rf"(?<!good )(?<!this )(?<!yesterday )(?<!last )(?<!good\s)\b(?P<not>not\s+)?(?:(?:on\s+)?(?P<day>{DAY}|tomorrow)\s+)?"
    rf"(?:in\s+the\s+)?(?P<part>{PART})"
    rf"(?:\s+(?P<clock>(?:after|before|from)\s+{CLOCK}))?|"
    rf"\b(?P<range>(?:not\s+)?(?:between\s+{CLOCK}\s+and\s+{CLOCK}|(?:after|before|from)\s+{CLOCK}(?:\s*(?:to|until|till|til|-)\s*{CLOCK})?|"
    rf"{CLOCK}\s*(?:to|until|till|til|-)\s*{CLOCK}(?!\d)))|"
    rf"\b(?:at\s+work|working|busy|out|in\s+work)\s+(?:til|till|until|to)\s+(?P<busy>{CLOCK})|"
    rf"\b(?:at\s+work|working|busy|out|in\s+work|not\s+(?:in|home|free|available))\s+(?:after|from)\s+(?P<busyfrom>{CLOCK})|"
    rf"\b(?P<any>any\s*time|anytime|any time of day)\b(?!\s+(?:after|before|from|between)\b)|"
    rf"(?P<notday>\bnot\s+)?(?:\bon\s+|^\W*|(?<=[,.]\s)|(?<=[ap]m\s))(?P<days>{DAY})\b(?!\s+{PART})",
    re.IGNORECASE,
)
TIME_CUE = re.compile(
    r"\b(?:best|good for me|suits?|prefer|free|available|call|ring|phone|contact|text|reach|get me|pls|please|"
    r"fine|works?|r|ok|okay|talk|speak|only|always\s+(?:in|home|here|about)|in\s+all\s+day|home\s+all\s+day)\b",
    re.IGNORECASE,
)
# "aftanoons", "in the mornings": a time said alone is a time, at any question ("afternoon!" is a greeting)
ONLY_A_TIME = re.compile(
    r"^\W*(?:in\s+the\s+)?(?:morn\w*s|afternoo\w*s|aftanoo\w*s|evenin\w*s)\W*$", re.IGNORECASE
)
# "what number do I call in the morning", "can we ring at the weekend": the resident calling, not a time
# to be called (but "can I get a call in the morning" is one)
RESIDENT_CALLS = re.compile(
    r"\b(?:i|we)\s+(?:(?:do|will|would|should|can|could|must|need\s+to|have\s+to)\s+)?"
    r"(?:call|ring|phone|contact|text|reach|speak|talk)\b",
    re.I,
)
# "don't ring in the evening", "never after 5, please": the time is one to avoid
TIME_REFUSED = re.compile(
    r"(?:\b(?:don'?t|dont|do\s+not|never|no)\s+(?:\w+\s+)?(?:call|calls|calling|ring|phone|contact|text|bother)\b"
    r"|\bavoid"
    # "can you take out the bit about evenings, any time is fine": a time taken back
    r"|\b(?:take|taking)\s+(?:out|off)|\bremove|\bscrap|\bnot)[^.,;!?]{0,30}$|\b(?:never|no)\s+$",
    re.I,
)
WHENEVER = re.compile(r"\bwhenever\b|^\W*(?:any|anytime|don'?t mind|no preference)\W*$", re.IGNORECASE)

# ------------------------------------------------------------------ communication needs
# The Accessible Information Standard's needs, as residents say them.
COMMUNICATION_NEEDS = [
    ("large print", re.compile(r"\b(?:large|big|bigger)\s+(?:print|writing|text|font)\b", re.I)),
    ("Easy Read", re.compile(r"\beasy[\s-]?read\b", re.I)),
    ("BSL interpreter", re.compile(r"\b(?:bsl|british sign language|sign language|signer)\b", re.I)),
    ("hearing loop", re.compile(r"\b(?:hearing|induction)\s+loop\b", re.I)),
    (
        "deaf or hard of hearing",
        re.compile(
            r"(?:\b(?:i'?m|im|i am|is|shes|hes|they'?re|am|being|profoundly|completely|going)|'s)\s+"
            r"(?:\w+\s+){0,2}?(?:deaf|hard of hearing)\b(?!\s+people)|\bhearing impair|^\W*(?:deaf|hard of hearing)\b|"
            r"\b(?:can'?t|cannot|can\s+not|don'?t|doesn'?t)\s+hear\s+(?:well|very\s+well|properly|much|on\s+the\s+phone)|"
            # "my hearing is bad", "his hearing's poor", "she has hearing aids"
            r"\b(?:my|his|her|their)\s+hearing\s*(?:(?:is|'s)\s+(?:\w+\s+)?(?:bad|poor|awful|terrible|going|gone)|has\s+gone|"
            r"(?:is\s+not|isn'?t|'s\s+not)\s+(?:very\s+|that\s+|too\s+)?good)\b",
            re.I,
        ),
    ),
    (
        "blind or partially sighted",
        re.compile(
            r"\b(?:blind|partially sighted|sight loss|visually impaired|(?:can'?t|cannot)\s+see\b"
            # ("i cant see a way through this", "can't see the point": no sight, a feeling)
            r"(?!\s+(?:a\s+way|any\s+way|the\s+way|the\s+point|any\s+point|why|how|what|where|when|a\s+future|an?\s+end|"
            r"the\s+end|myself|it\s+happening|a\s+(?:light|reason)|any\s+(?:light|reason|future))))\b",
            re.I,
        ),
    ),
    ("braille", re.compile(r"\bbraille\b", re.I)),
    (
        "phone rather than letter",
        re.compile(
            r"\b(?:phone|call|ring)\s+(?:rather than|not|instead of)\s+(?:a\s+)?(?:letters?|writing|write)\b|"
            r"can'?t read (?:letters|my\s+post)|\bphone calls are better\b",
            re.I,
        ),
    ),
    (
        "speech difficulty",
        re.compile(
            r"\bslurred\b|\baphasia\b|\b(?:speech|talking|speaking)\b[^.?!]{0,30}\b(?:affected|difficult|hard|problems?|not\s+clear)\b|"
            r"\b(?:can'?t|cannot|struggles?\s+to)\s+(?:speak|talk)\s+(?:clearly|well|properly)\b",
            re.I,
        ),
    ),
    (
        "audio",
        re.compile(
            r"\baudio\b|\bread\s+(?:it\s+|them\s+)?(?:out|aloud)\b|\bspoken\s+(?:letters|information)\b", re.I
        ),
    ),
    ("screen reader", re.compile(r"\bscreen\s*reader\b", re.I)),
    # "autistic, written only, clear literal language" (an autistic resident's needs, in their words)
    (
        "in writing",
        re.compile(
            r"\b(?:written|in\s+writing)\s+(?:communication\s+|contact\s+)?only\b|\bonly\s+(?:in\s+writing|written)\b",
            re.I,
        ),
    ),
    (
        "clear, literal language",
        re.compile(
            r"\b(?:clear|literal)\s+(?:and\s+literal\s+|literal\s+)?(?:written\s+)?(?:language|english|words|communication)\b",
            re.I,
        ),
    ),
    ("face to face", re.compile(r"\bface[\s-]to[\s-]face\b|\bin person\b", re.I)),
    (
        "no phone calls",
        re.compile(
            r"\b(?:doesn'?t|don'?t|does not|do not|can'?t|cannot|can not|won'?t)\s+(?:like|do|use|manage|cope with|hear on)\s+"
            rf"(?:the\s+|a\s+)?phone(?:\s+calls)?\b{NOT_PHONE_MENUS}",
            re.I,
        ),
    ),
    (
        "an advocate",
        re.compile(r"(?<!i'm an )(?<!i am an )(?<!im an )\badvocate\b|\bsomeone to speak for me\b", re.I),
    ),
    (
        "a language interpreter",
        re.compile(
            r"^(?!.*\b(?:bsl|sign(?:\s+language)?|signing)\s+(?:interpreter|translator)).*\b(?:interpreter|translator)\b",
            re.I | re.S,
        ),
    ),
]
# When a detail is named ("my number has changed"): which one.
# each detail's words as residents spell them ("emale", "adress", "fone")
PHONE_WORD = r"phone|fone|number|numbr|nummber|mobile|moblie|telephone|landline"
EMAIL_WORD = r"e-?mail|emale|emial|emal|e-?mai|email\s+address"
ADDRESS_WORD = r"postcode|post\s+code|postcod|address|adress|addres|adres|addresss"
DETAIL_WORDS = [
    ("phone", re.compile(rf"\b({PHONE_WORD})\b", re.I)),
    ("email", re.compile(rf"\b({EMAIL_WORD})\b", re.I)),
    ("postcode", re.compile(rf"\b({ADDRESS_WORD}|moved|move house)\b", re.I)),
    ("full_name", re.compile(r"\bname\b", re.I)),
    # "remove that area line", "the area is wrong" (never "help in my area")
    (
        "area",
        re.compile(
            r"(?<!\bin\s)\b(?:the|that|my|his|her|their)\s+area\b(?!\s+(?:of|for|near|where))|\barea\s+(?:line|bit|is\s+wrong|off|out)\b",
            re.I,
        ),
    ),
]
THEIR_DETAIL = {
    "phone": "cared_for_phone",
    "postcode": "cared_for_postcode",
    "full_name": "cared_for_name",
    "area": "cared_for_area",
}
# "forget my email", "take my name off it", "remove the phone number": one detail taken away, not
# everything ("forget me", "delete everything" ask to forget the whole conversation)
ANY_DETAIL_WORD = rf"(?:name|area|{PHONE_WORD}|{EMAIL_WORD}|{ADDRESS_WORD})"
FORGET_ONE = re.compile(
    # ("clear written communication by email" is how to write, never a wish to clear the email)
    r"\b(?:forget|remove|delete|get rid of|wipe|(?<!it's )(?<!its )(?<!is )(?<!be )(?<!so )clear(?=\s+(?:my|the|his|her|their|off|out|away)\b)|scrap)\b(?:\s+\w+){0,3}?\s+"
    + ANY_DETAIL_WORD
    + r"\b"
    # "his address is gone" (from the read-back) is missing, not a wish to remove it
    r"|\b"
    + ANY_DETAIL_WORD
    + r"\b(?:\s+\w+){0,4}?\s+(?:off|out|(?<!\bis )(?<!'s )(?<!\bhas )(?<!\bwas )gone|removed|deleted)\b(?!\s+(?:me|her|him|them|us)\b)"
    r"|\b" + ANY_DETAIL_WORD + r"\b[^.?!]{0,60}?[,.]?\s*\b(?:take it (?:off|out)|"
    r"(?:want|need) it (?:gone|removed|deleted|taking off)|get rid of it|remove it|delete it|forget it)\b"
    r"|\bnot\s+(?:everything|evrything|everythin|all)\b.{0,20}?\b(?:just|only)\s+(?:the|my|his|her)\s+"
    + ANY_DETAIL_WORD
    + r"\b"
    r"|^\W*(?:no\s*,?\s*)?(?:just|only)\s+(?:the|my|his|her)\s+" + ANY_DETAIL_WORD + r"\W*$",
    re.I,
)
# "the emale is rong", "wrong phone number", "the address bit isn't right": that detail, to change
SAID_WRONG = re.compile(
    r"\b"
    + ANY_DETAIL_WORD
    + r"\b(?:\s+(?:bit|part|one|line))?\s*(?:is|'s|are|was|looks|has\s+been\s+put)?\s*"
    r"(?:wrong|rong|wrang|incorrect|not\s+right|isn'?t\s+right|wrongly|spelt\s+wrong|spelled\s+wrong|mis-?spelt|a\s+mistake)\b|"
    r"\b(?:wrong|rong|incorrect)\s+(?:" + ANY_DETAIL_WORD + r")\b(?!\s+to\s+(?:ring|call|phone|contact|use))|"
    r"\b(?:you(?:'ve|\s+have)?\s+)?(?:got|put|typed|spelt|spelled|written)\s+(?:my|the|his|her)\s+"
    + ANY_DETAIL_WORD
    + r"\s+wrong\b",
    re.I,
)
# "I'd rather stay anonymous", "without giving my name", "I don't want her to know it was me": a
# name withheld on purpose (a neighbour's report, often): never asked for
NAME_WITHHELD = re.compile(
    r"\banonymous(?:ly)?\b|\banon\b|\bwithout\s+(?:giving\s+|leaving\s+|saying\s+)?(?:my|a|any)\s+names?\b"
    r"|\b(?:don'?t|dont|do\s+not|rather\s+not|prefer\s+not\s+to|won'?t|will\s+not|not)\s+(?:want\s+to\s+|wanting\s+to\s+)?"
    r"(?:give|giving|say|saying|share|sharing|leave|leaving|tell\s+you)\s+(?:you\s+)?(?:my|a|any)\s+names?\b"
    r"|\bkeep\s+my\s+name\s+(?:out|private|secret|quiet)\b|^\W*no\s+names?(?:\s+please)?\W*$|\bjust\s+not\s+my\s+name\b"
    r"|\b(?:don'?t|dont|do\s+not)\s+want\s+my\s+name\s+(?:passed\s+on|given|shared|on\s+it|used)\b"
    r"|\b(?:i'?m|im|i\s+am|my\s+name\s+is)\s+[A-Za-z]+\s*,?\s*but\s+(?:i\s+)?(?:don'?t|dont|do\s+not)\s+want\s+(?:that|it)\s+passed\s+on\b"
    r"|\b(?:yes|ok|okay|share\s+it|send\s+it|fine)\W+(?:\w+\W+){0,3}?(?:but\s+)?not\s+my\s+name\b|\bleave\s+my\s+name\s+(?:off|out)\b"
    r"|\bdon'?t\s+want\s+(?:them|anyone|her|him|the\s+family)\s+to\s+know\s+(?:it\s+was|it'?s)\s+me\b",
    re.I,
)
FORGET_ALL = re.compile(
    # "delete my phone number only, keep everything else": one detail
    r"(?<!not )(?<!keep )\b(?:everything|all of it|all my|all that|whole|forget me|delete me|my details)\b",
    re.I,
)


# "where has his number gone?", "are my name, email and postcode gone?": asking, never removing
ASKED_WHERE_GONE = re.compile(r"\bgone\b[^.!?]{0,30}\?")
REMOVE_VERB = re.compile(
    r"\b(?:forget|remove|delete|get\s+rid\s+of|wipe)\s+(?:my|the|his|her|their|it|that|this)\b|\btake\s+(?:\w+\s+){0,3}(?:off|out)\b",
    re.I,
)


# "don't take the email off, put it back", "not that you should delete it": kept, never taken away
NOT_REMOVED = re.compile(
    r"\b(?:don'?t|dont|do\s+not|never|not\s+(?:that\s+)?(?:you\s+)?(?:should|to|must)?)\s+(?:\w+\s+){0,2}?"
    r"(?:take|remove|delete|forget|wipe|clear|get\s+rid\s+of|scrap)\b[^.,;!?]*",
    re.I,
)
PUT_BACK = re.compile(r"\b(?:put|add|bring)\s+(?:it|that|them|\w+)\s+back\b", re.I)


def forgotten_detail(text: Text) -> Optional[Text]:
    """The one detail a message asks to take away ("forget my email", "his number, delete it"), not
    everything ("forget me", "delete everything" forget the whole conversation); None if none."""
    if PUT_BACK.search(text):
        return None  # "don't take the email off, put it back"
    text = NOT_REMOVED.sub(lambda kept: " " * len(kept.group(0)), text)
    asked = FORGET_ONE.search(text)
    if not asked or FORGET_ALL.search(text):
        return None
    if ASKED_WHERE_GONE.search(
        asked.group(0) + text[asked.end() : asked.end() + 30]
    ) and not REMOVE_VERB.search(text):
        return None  # "where has dannys number gone?", "are my name, email and postcode gone?": a question
    detail = next(_first(DETAIL_WORDS, asked.group(0), "detail"), None)
    if detail is None:
        return None
    start = asked.start() + detail.start
    theirs = (
        THEIR_DETAIL.get(detail.value) if _role(text, start, start + len(detail.value)) == CARED_FOR else None
    )
    return theirs or detail.value


# ------------------------------------------------------------------ names
# Words that are never part of a name: they end one ("my name is Ann and I live…").
NOT_NAME_WORDS = (
    set(
        """
a about above actually after again ago all already also am an and any anyway anywhere everywhere somewhere nowhere are as ask asking at away might shall
back bad be because been before being best better both but by bye can cannot cant care carer cared caring
cheers come coming could dear did do does doing done dont don't down each email else enough er erm even
ever every fine first for from get gets getting go going gone good got had has have having he hello help
her here hers hi hiya him his hm hmm home how however i i'd i'll i'm i've id if ill im in into is isn't
it it's its ive just know last later let like live lives living look looking lot me mine more morning
most much must my myself name need needs never new next nice no none nope not nothing now number of
off ok okay old on once one only or other our out over own pass phone please pls postcode quite rather
really right said same say see she should since skip so some someone something sorry still such sure
surname ta than thank thanks that that's thats the their them then there these they this those though
thx through till to today told too tried try trying um uh under unknown until up us very want was
way we well went were what whatever when where which while who why with without would yeah yes
yet you your yours afternoon evening night bit btw again also asap urgent speaking calling ringing
writing called named known hey hallo greetings mornings afternoons evenings nights lunchtime
lunchtimes shes hes theyre passed shared used kept anytime daytime weekday weekdays weekend weekends whenever tonight tomorrow nah naa nay nowt
tbh lol idk omg isnt isn't wasnt wasn't wrong incorrect correct rubbish anonymous anon important private tho tho. thou innit haha hehe cheers
full part time daily
""".split()
    )
    | set(RELATION_NAMES)
    | {"patient", "client", "tenant", "social", "worker", "nurse", "gp"}
)
# After "I'm" / "it's" a capitalised word may still be a state, not a name ("I'm Deaf").
SOFT_NOT_NAMES = NOT_NAME_WORDS | set(
    """
mate aswell luv love hun babe bruv innit lol xx deaf blind disabled worried scared afraid confused struggling sure fine glad happy sad tired ill poorly
unwell sick alone lonely free available busy retired unemployed new old young english british
monday tuesday wednesday thursday friday saturday sunday january february march july september october
november december christmas urgent important serious difficult hard easy awful terrible will may
polish romanian lithuanian latvian bulgarian portuguese spanish italian french german indian pakistani
bangladeshi nigerian ghanaian somali turkish kurdish chinese irish scottish welsh african caribbean
muslim christian hindu sikh jewish catholic reception receptionist
safe unsafe okay alright knackered exhausted shattered drained stressed upset angry annoyed furious fed
desperate frightened terrified anxious depressed low down coping managing fuming gutted sorry honest
serious suicidal homeless pregnant housebound bedbound bedridden diabetic epileptic autistic dyslexic
""".split()
)
# After a name: the one the writer is worried about or asking for, never the writer
WORRIED_ABOUT_AFTER = re.compile(
    r"\s*,?\s*(?:(?:that|who)\s+)?(?:i'?m|im|i\s+am|we'?re|we\s+are)\s+(?:so\s+|really\s+)?"
    r"(?:worried|concerned|scared|frightened|asking|writing|ringing|calling|messaging)\s+(?:about|for)\b|"
    r"\s*,?\s*who\s+(?:needs|is\s+(?:ill|struggling|not\s+coping))\b",
    re.I,
)
NAME_TRIGGERS = [
    # (pattern whose end is where the name starts, how sure the words after it are a name, role);
    # the other person's first, so "his name is" is never read as the caller's "name is"
    # "her names not sandra hartley its sandra hart": the name put right, after "it's"
    (
        re.compile(
            r"\b(?:his|her|their)\s+(?:full\s+)?names?(?:'s|\s+is)?\s+(?:not|isn'?t|is\s+not)\s+[^.,;!?]{1,40}?[,.;]?\s*(?:it'?s|its|it\s+is)\s+",
            re.I,
        ),
        "intro",
        CARED_FOR,
    ),
    (
        re.compile(
            r"\bmy\s+(?:full\s+)?names?(?:'s|\s+is)?\s+(?:not|isn'?t|is\s+not)\s+[^.,;!?]{1,40}?[,.;]?\s*(?:it'?s|its|it\s+is)\s+",
            re.I,
        ),
        "intro",
        None,
    ),
    (re.compile(rf"\b{CLIENT_NOUN}'?s?\s+(?:full\s+)?name\s*(?:is|:)?\s*", re.I), "intro", CARED_FOR),
    (
        re.compile(
            r"\b(?:about|regarding|re|for|on behalf of|referring)\s+(?=(?:mr|mrs|ms|miss|dr)\b)", re.I
        ),
        "title",
        CARED_FOR,
    ),
    (
        re.compile(
            r"\b(?:his|her|their)\s+(?:full\s+|first\s+)?name(?:'s|\s+is|\s*:|\s+(?=(?-i:[A-Z])))\s*|\b(?:she|he)(?:'?s|\s+is)\s+called\s+|"
            rf"\b{REL}'?s\s+(?:full\s+|first\s+)?name(?:'s|\s+is)\s+",
            re.I,
        ),
        "intro",
        CARED_FOR,
    ),
    (
        re.compile(
            rf"(?:\b(?:my|our)\s+|(?:^|[.!?;]\s*)(?=\w)){REL}(?:'?s)?\s*,?\s*(?:who\s+is\s+called|is\s+called|called|named|"
            r"whose\s+name\s+is|name(?:\s+is|\s*[:-])?)\s+",  # "MUM NAME GRACE OKAFOR" (BSL's word order too)
            re.I,
        ),
        "intro",
        CARED_FOR,
    ),
    (re.compile(rf"\b(?:my|our)\s+{REL}\s*,?\s*(?:is\s+)?", re.I), "soft", CARED_FOR),
    # "mum is Irene Pike", "Ron Pettit. wife is Maureen"
    (re.compile(rf"(?:^|[,.!?;]\s*)\W*{REL}(?:\s+is|'s)\s+", re.I), "soft", CARED_FOR),
    (
        re.compile(
            rf"(?:\b(?:the|our|a|my)\s+|^\W*|[.!?;]\s*){CLIENT_NOUN}s?\s*(?:,|:|is|called|named)?\s*|\breferring\s+",
            re.I,
        ),
        "title",
        CARED_FOR,
    ),
    (
        re.compile(
            r"\bmy\s+(?:full\s+|first\s+)?(?:name|nme|naem|nam)(?:'?s|\s+is|\s*[:=])?\s*[:,-]?\s+", re.I
        ),
        "intro",
        None,
    ),
    (re.compile(r"\b(?:the\s+)?name(?:'s|\s+is)\s+|^\W*name\s*[:=]?\s+|\bname:\s*", re.I), "intro", None),
    (
        re.compile(r"\b(?:i'?m|im|i am)\s+called\s+|\b(?:you can|just|people)\s+call\s+me\s+", re.I),
        "soft",
        None,
    ),
    (re.compile(r"\bfirst\s+name\s+(?:is\s+)?", re.I), "intro", None),
    (re.compile(r"\bmy\s+details(?:\s+first)?\s*(?:are|:)\s*", re.I), "intro", None),
    (re.compile(r"\b(?:i'?m|im|i am)\s+(?:his|her|their)\s+" + REL + r"\s*,?\s*", re.I), "soft", None),
    (
        re.compile(
            r"\b(?:i'?m|im|i am)\s+|(?:^|[,.!?;]\s*|\b(?:hi|hello|hiya|hey|yes|yeah|ok|sure|sorry|so|well|right|um|erm)\s+)"
            r"(?:it'?s|its|it is|this is)\s+",
            re.I,
        ),
        "soft",
        None,
    ),
]
HERE_NAME = re.compile(
    r"(?:^|[,.!?]\s*)((?:[^\W\d_][\w'’-]*\s+){0,2}[^\W\d_][\w'’-]*)\s+(?:here|speaking)\b", re.I
)
NAME_FROM = re.compile(
    r"^\W*(?:hi|hello|hiya)?\W*((?:[^\W\d_][\w'’-]*\s+){0,2}?[^\W\d_][\w'’-]*)\s+(?:from|at)\s+", re.I
)
NAME_THEN_DETAIL = re.compile(
    r"^\W*((?:[^\W\d_][\w'’-]*\s+){0,2}[^\W\d_][\w'’-]*)\s*[,-]\s*(?=.*(?:\d{5}|@))", re.I | re.S
)
# The caller and the person the help is for live at one address.
# One home for both people: a postcode said with it is the caller's and the other person's.
SAME_HOME = re.compile(
    r"\bsame\s+(?:as\s+(?:mine|me|ours|my\s+own|his|hers|theirs)|postcode|address|house|home|flat)\b|"
    r"\b(?:i|we)\s+live\s+with\s+(?:him|her|them)\b|\b(?:he|she|they)\s+lives?\s+with\s+(?:me|us)\b|"
    r"\bwe\s+(?:both\s+|all\s+)?live\s+(?:together|there|here)\b|\blive\s+together\b|"
    r"\b(?:for|is|it's|its)\s+(?:the\s+same\s+for\s+)?both\s+of\s+us\b|\bfor\s+us\s+both\b",
    re.IGNORECASE,
)
LIVING_TOGETHER = re.compile(
    r"\b(?:we|we both|we all|both of us)\s+(?:live|are living|stay)\b|"
    r"\b(?:lives?|living|stays?|staying)\s+(?:here\s+)?with\s+(?:me|us)\b|"
    r"\b(?:live|living)\s+together\b|\bsame\s+(?:house|address|home|flat)\b",
    re.IGNORECASE,
)
NAME_THEN_ROLE = re.compile(  # "Hi, Femi Adeyemi, discharge coordinator at Basildon Hospital"
    r"^\W*(?:(?:hi|hello|hiya|(?:good\s+)?(?:morning|afternoon|evening))\b\W*)?"
    r"((?:[^\W\d_][\w'’-]*\s+){0,2}[^\W\d_][\w'’-]*)\s*,\s*(?:the\s+|a\s+|an\s+)?(?:[\w-]+\s+){0,3}?"
    r"(?:co-?ordinator|nurse|worker|manager|officer|receptionist|doctor|gp|therapist|lead|practitioner|"
    r"assistant|administrator|admin|navigator|matron|sister|physio|ot|pharmacist|solicitor|advocate)\b",
    re.I,
)
SURNAME_FIRST = re.compile(r"^\W*([^\W\d_][\w'’-]+)\s*,\s*([^\W\d_][\w'’-]+)\W*$")
NAME_IS_RELATIONS = re.compile(rf"^\W*([^\W\d_][\w'’-]*)\s+is\s+my\s+{REL}'?s\s+name\b", re.I)
FIRST_AND_SURNAME = re.compile(
    r"\bfirst\s+name\s+(?:is\s+)?(\w+)\W+(?:and\s+)?(?:my\s+)?(?:surname|last\s+name|second\s+name)\s+(?:is\s+)?(\w+)",
    re.I,
)
# "his surname is Walsh", told after his first name: added to the name held (actions/details.py)
# "Mr Alan Price", "Mrs Dobson": someone named with a title is someone else (never "Dr …": their GP)
# (a title and a surname alone, "Mr Jones", is how someone already named is spoken of: left to the
# other cues, so "Mr Derek Jones" is not replaced by it)
TITLED_NAME = re.compile(
    r"\b(?:[Mm]rs?|MRS?|[Mm]s|MS|[Mm]iss|MISS)\.?\s+[A-Z][A-Za-z'’-]+\s+[A-Z][A-Za-z'’-]+\b"
    # in lower case, only as the person referred: "i need to refer mrs joan pike, 88"
    r"|(?<=refer\s)(?:mrs?|ms|miss)\.?\s+[a-z][a-z'’-]+\s+[a-z][a-z'’-]+\b"
    r"|(?<=referring\s)(?:mrs?|ms|miss)\.?\s+[a-z][a-z'’-]+\s+[a-z][a-z'’-]+\b"
)
SURNAME_WORDS = r"(?:surname|last\s+name|second\s+name|family\s+name)"
ONLY_SURNAME = re.compile(
    rf"\b(my|his|her|their)\s+{SURNAME_WORDS}(?:'s|\s+is|\s*[:=-])?\s+([^\W\d_][\w'’-]+)",
    re.I,
)
# "DEREK HOLLIS THATS MY SURNAME", "Hollis is my surname": the surname said first
SURNAME_SAID_FIRST = re.compile(
    rf"\b([^\W\d_][\w'’-]+)\s*,?\s+(?:is|that'?s|thats|that\s+is|it'?s|its)\s+(my|his|her|their)\s+{SURNAME_WORDS}\b",
    re.I,
)


def surname_told(text: Text) -> Optional[Tuple[Text, Text, int, int]]:
    """A surname said on its own ("his surname is Walsh", "Hollis is my surname"): whose (my, his…),
    the surname, and where it is."""
    told = ONLY_SURNAME.search(text)
    if told:
        return told.group(1).lower(), told.group(2), told.start(2), told.end(2)
    told = SURNAME_SAID_FIRST.search(text)
    if told and told.group(1).lower() not in ("name", "it", "that", "this"):
        return told.group(2).lower(), told.group(1), told.start(1), told.end(1)
    return None


# What people wrap an answer in: "I told you, Tom", "Sandra, I did say", "sorry it's Sarah".
FILLER = re.compile(
    r"^\W*(?:(?:i\s+)?told\s+you(?:\s+already)?|i\s+(?:already\s+|just\s+)?said|i\s+did\s+say|as\s+i\s+said|like\s+i\s+said|"
    r"i\s+(?:already\s+)?gave\s+(?:it|that|you\s+it|you\s+that|it\s+you)(?:\s+(?:already|before|earlier|at\s+the\s+(?:start|beginning)))?|"
    r"already\s+said|already|sure|ok|okay|yes|yeah|sorry|me\?|well|oh|erm|um|it'?s|its|it\s+is|i'?m|im|i\s+am|still|just|"
    r"this\s+is|my\s+name\s+is|name'?s|(?:my\s+)?name\s*:?|call\s+me)\b\W*",
    re.I,
)
TRAILING = re.compile(
    r"\W*(?:,?\s*(?:i\s+did\s+say|i\s+said|i\s+told\s+you|like\s+i\s+said|already|thanks?|thank\s+you|"
    r"please|here|speaking|again|with\s+an?\s+\w+|(?:from\s+|who\s+lives\s+)?next\s+door|"
    r"(?:at|from)\s+(?:number|no\.?)\s*\d+\w?|over\s+the\s+road|across\s+the\s+road|downstairs|upstairs))+\W*$",
    re.I,
)


@dataclass(frozen=True)
class Found:
    """A detail found in a message: which kind, its tidy value, where it was, and whose
    (role None: the caller's; "cared_for": the person the help is for)."""

    kind: Text
    value: Text
    start: int
    end: int
    role: Optional[Text] = None
    group: Optional[Text] = None  # ALONE: a name typed on its own, with nothing saying whose


@lru_cache(maxsize=1)
def first_names() -> Set[Text]:
    lines = (CONTENT_DIR / "first_names.txt").read_text(encoding="utf-8").splitlines()
    return {line.strip().lower() for line in lines if line.strip() and not line.startswith("#")}


@lru_cache(maxsize=1)
def places() -> Dict[Text, Text]:
    """Every way of writing a place we know (lower case) -> its usual spelling."""
    with open(CONTENT_DIR / "places.yml", encoding="utf-8") as handle:
        groups = yaml.safe_load(handle)
    spellings: Dict[Text, Text] = {}
    for group in groups.values():
        for place, others in group.items():
            for spelling in [place, *(others or [])]:
                spellings[spelling.lower()] = place
                spellings[spelling.lower().replace("-", " ")] = place
    return spellings


@lru_cache(maxsize=1)
def _place_pattern() -> "re.Pattern[str]":
    spellings = sorted(places(), key=len, reverse=True)
    return re.compile(
        r"\b(" + "|".join(re.escape(s).replace(r"\ ", r"[\s-]+") for s in spellings) + r")\b", re.I
    )


@lru_cache(maxsize=1)
def _service_numbers() -> Set[Text]:
    """Phone numbers in our own facts (Thurrock First's): a resident quoting them is not giving theirs."""
    text = (CONTENT_DIR / "sources.yml").read_text(encoding="utf-8")
    return {tidy for candidate in PHONE_CANDIDATE.findall(text) if (tidy := tidy_phone(candidate))}


# ------------------------------------------------------------------ tidying one value


def tidy_postcode(text: Text) -> Optional[Text]:
    """'rm176sl' -> 'RM17 6SL'; None unless the whole text is a UK postcode."""
    found = POSTCODE.fullmatch(text.strip())
    if not found:
        return None
    inward = found.group(2) or found.group(3) + found.group(4)
    return f"{found.group(1).upper()} {inward.upper()}"


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


def _capitalised(word: Text) -> Text:
    if len(word) > 2 and word.isupper():  # "SAM OKAFOR", typed in capitals: "Sam Okafor"
        word = word.lower()
    if any(c.isupper() for c in word[1:]) or word.lower() in {"de", "van", "von", "bin", "al"}:
        return word
    return re.sub(rf"(^|[-'’])({LETTER})", lambda m: m.group(1) + m.group(2).upper(), word.lower())


STREET_WORDS = {
    "road",
    "rd",
    "street",
    "st",
    "lane",
    "avenue",
    "ave",
    "close",
    "way",
    "drive",
    "gardens",
    "court",
    "crescent",
    "place",
    "grove",
    "terrace",
    "walk",
    "mews",
    "parade",
    "square",
    "estate",
    "flats",
}


def tidy_name(text: Text) -> Optional[Text]:
    """A plausible person's name (1 to 4 words of letters), tidied: 'kerry-ann o'neill' ->
    "Kerry-Ann O'Neill"; None for words that are not a name."""
    words = re.sub(r"[.,!?]+$", "", text.strip()).split()
    if not 1 <= len(words) <= 4 or not all(re.fullmatch(NAME_WORD, w) for w in words):
        return None
    if any(w.lower() in NOT_NAME_WORDS or w.lower() in places() for w in words):
        return None
    if len(words) > 1 and words[-1].lower() in STREET_WORDS and words[-2].lower() not in first_names():
        return None  # "Elm Close", "take Elm Close off": a street, not a person (but Jo Street is)
    tidy = [w.capitalize().rstrip(".") if w.lower().rstrip(".") in TITLES else _capitalised(w) for w in words]
    if len(tidy) == 1 and tidy[0].lower() in TITLES:
        return None
    return " ".join(tidy)


# ------------------------------------------------------------------ whose is a detail


def _owner(text: Text, start: int, end: int) -> Optional[Text]:
    """Whose a detail at text[start:end] is: the nearest cue before it in its sentence ("her
    postcode", "my number"), else one just after it ("RM17 6SL, that's mum's"), else the last cue
    of an earlier sentence; the caller's when nothing says."""
    sentence_start = max((m.end() for m in SENTENCE_END.finditer(text, 0, start)), default=0)
    cue = _last_cue(text, sentence_start, start)
    if cue is not None:
        return cue
    if CLIENT_AFTER.match(text[end : end + 30]):
        return CARED_FOR
    return _last_cue(text, 0, sentence_start)


def _last_cue(text: Text, start: int, end: int) -> Optional[Text]:
    """The last cue in text[start:end]: CARED_FOR ("her", "my mum", "the patient"), CALLER ("I",
    "my", "the surgery"), or None when there is none."""
    window = text[start:end]
    client = [(m.start(), m.end()) for m in CLIENT_CUE.finditer(window)]
    client += [  # "liam doesnt like phone calls": a first name typed in lower case, then a verb
        (m.start(), m.end()) for m in NAMED_SUBJECT.finditer(window) if m.group(1).lower() in first_names()
    ]
    cues = [(s, CARED_FOR) for s, _ in client]
    cues += [
        (m.start(), CALLER)
        for m in CALLER_CUE.finditer(window)
        if not any(s <= m.start() < e for s, e in client)
    ]
    return max(cues)[1] if cues else None


def _role(text: Text, start: int, end: int) -> Optional[Text]:
    owner = _owner(text, start, end)
    return CARED_FOR if owner == CARED_FOR else None


# "my email is …", "my number's …": said as the caller's, whatever follows it in the sentence
MY_CONTACT_BEFORE = re.compile(
    r"\bmy\s+(?:e-?mail(?:\s+address)?|number|phone(?:\s+number)?|mobile(?:\s+number)?|landline)\s*"
    r"(?:is|'s|:)?\s*$",
    re.IGNORECASE,
)


def _contact_role(text: Text, start: int, end: int) -> Optional[Text]:
    """A phone number or email is the caller's (it is how we reach them) unless its own sentence
    says it is someone else's ("her number is…", "07700…, that's mum's"); "use my daughter's
    number" is still how to reach the caller."""
    sentence_start = max((m.end() for m in SENTENCE_END.finditer(text, 0, start)), default=0)
    if USE_THEIR_NUMBER.search(text[sentence_start:start]) or MY_CONTACT_BEFORE.search(
        text[sentence_start:start]
    ):
        return None
    after = text[end : end + 40]
    if re.match(r"\s*[.!?]", after) and not re.match(
        r"\s*[.!?]\s*(?:that'?s|thats|it'?s|its|is|number\s+is)\b", after, re.I
    ):
        after = ""  # "07700 900318. mums called grace": a new sentence, about mum, not the number
    if _last_cue(text, sentence_start, start) == CARED_FOR or CLIENT_AFTER.match(after):
        return CARED_FOR
    return None


# ------------------------------------------------------------------ names


# A nurse's title written with a capital before her name (never "my sister Jean")
ROLE_TITLE = re.compile(r"\s*(?:Staff\s+Nurse|Sister|Nurse|Matron|Charge\s+Nurse)\s+(?=[A-Z])")


def _name_words(text: Text, start: int, mode: Text) -> Optional[Tuple[Text, int]]:
    """The name that starts at text[start:], if the words there are one: its tidy form and end.

    mode "intro": after "my name is", any words but common ones; "soft": after "I'm", "it's", the
    first word must be a known first name, a title, or a capitalised word that is not a state
    ("I'm Deaf"); "title": only after a title or a capitalised word ("our patient Mr Jones")."""
    role_title = ROLE_TITLE.match(text, start)
    if role_title:  # "I am Sister Priya Nair", "this is Nurse Okafor": the name after the role
        start = role_title.end()
    words: List[Tuple[Text, int]] = []
    position = start
    for match in WORD.finditer(text, start):
        if text[position : match.start()].strip() or (words and "\n" in text[position : match.start()]):
            break  # punctuation or a number ends a name
        word = match.group(0).rstrip("'’")
        lowered = word.lower().rstrip(".")
        after_title = bool(words) and words[-1][0].lower().rstrip(".") in TITLES
        if text[match.end() : match.end() + 1].isdigit():
            break  # "RM17 6SL" is no name
        if re.search(r"['’]s$", word) or (words and lowered in NOT_SURNAMES):
            break  # "Nathan's mum", "Riverside Surgery"
        if not after_title and (lowered in NOT_NAME_WORDS or lowered in places()):
            break
        if words and lowered in VERB_AFTER_NAME and not word[0].isupper():
            break  # "my brother Dean wants to…": Dean, never "Dean Wants"
        if words and lowered in MODAL_NAMES and VERB_AFTER_MODAL.match(text, match.end()):
            break  # "my daughter Sarah will call you": Sarah, not "Sarah Will Call"
        if (
            words
            and not after_title
            and mode != "intro"
            and not (word[0].isupper() or lowered in first_names() or _surname_like(lowered))
        ):
            break
        words.append((word, match.end()))
        position = match.end()
        if text[position : position + 1] == "." and lowered in TITLES:
            position += 1
        if len(words) == 4 or (len(words) == 3 and words[0][0].lower() not in TITLES):
            break
    if not words:
        return None
    first = words[0][0]
    lowered = first.lower().rstrip(".")
    said_alone = (  # "my son jayden", the whole answer: a name not on our list, in lower case
        len(words) == 1
        and re.fullmatch(r"\W*", text[words[0][1] :])
        and len(lowered) >= 3
        and lowered not in SOFT_NOT_NAMES
        and not re.search(r"(ing|ed|ly|s)$", lowered)
    )
    if mode == "soft" and not (
        lowered in TITLES
        or lowered in first_names()
        or (first[0].isupper() and lowered not in SOFT_NOT_NAMES and not re.search(r"(ing|ed|ly)$", lowered))
        or said_alone
    ):
        return None
    if mode == "title" and not (lowered in TITLES or first[0].isupper()):
        return None
    name = tidy_name(" ".join(word for word, _ in words))
    return (name, words[-1][1]) if name else None


def _surname_like(word: Text) -> bool:
    """A lower-case word after a first name that reads as a surname, not as the sentence going on."""
    return word not in SOFT_NOT_NAMES and not re.search(r"(ing|ed|ly|n't)$", word) and len(word) > 1


# Names that are also verbs before another verb ("may need", "will be")
MODAL_NAMES = {"may", "will"}
# a verb after a first name ends the name: "my brother Dean wants to set up…", "Sue needs help"
VERB_AFTER_NAME = {
    "wants",
    "needs",
    "lives",
    "has",
    "had",
    "is",
    "was",
    "says",
    "said",
    "cares",
    "looks",
    "went",
    "goes",
    "gets",
    "got",
    "can",
    "could",
    "would",
    "should",
    "does",
    "did",
    "keeps",
    "uses",
    "loves",
    "likes",
    "thinks",
    "asked",
    "asks",
    "told",
    "tells",
    "wanted",
    "needed",
    "called",
    "rang",
    "came",
    "comes",
}
VERB_AFTER_MODAL = re.compile(
    r"\s+(?:need|be|have|not|go|come|get|want|help|start|move|struggle|manage|ask|say|call|ring|look|stay|"
    r"live|use|pay|try|do|make|take|lose|fall|end|also|still|soon|just|never|probably|definitely|only|"
    r"already|really|now|find|see|know|like|hear|cope|qualify|apply|contact|phone|email|text)\b",
    re.I,
)


# "my son dean will be in touch tomorrow, he helps me": a relative who helps, not the one helped
HELPER_AFTER = re.compile(
    r"\s*,?\s*(?:(?:will|'ll|is\s+going\s+to|may|might|should|can)\s+(?:\w+\s+)?"
    r"(?:be\s+in\s+touch|get\s+in\s+touch|ring|call|phone|contact|email)\b|(?:helps|looks\s+after|cares\s+for)\s+me\b)",
    re.I,
)


NOT_TO_PASS_ON = re.compile(
    r"\s*,?\s*(?:but\s+)?(?:i\s+)?(?:don'?t|dont|do\s+not)\s+want\s+(?:that|it|my\s+name|this|them\s+to\s+know\s+it)\s*"
    r"(?:passed\s+on|given\s+out|given|shared|used|on\s+(?:it|there))?\b",
    re.I,
)


def _names(text: Text, asked: Optional[Text]) -> List[Found]:
    text = EMAIL.sub(lambda email: " " * len(email.group(0)), text)  # "pete.r@…" is not Pete
    found: List[Found] = []
    shouting = _shouting(text)

    def add(
        name: Optional[Text], start: int, end: int, role: Optional[Text], group: Optional[Text] = None
    ) -> None:
        if not name or (name.lower() in MODAL_NAMES and VERB_AFTER_MODAL.match(text, end)):
            return  # "my wife may need a home", "my son will need help": not May, not Will
        if role == CARED_FOR and shouting and name.split()[0].lower() not in first_names():
            return  # "MY SON BORROWS MY BANK CARD": in capitals, only a known first name is a name
        if NOT_TO_PASS_ON.match(text, end):
            return  # "im Pat but i dont want that passed on": a name withheld as it is said
        if role == CARED_FOR and HELPER_AFTER.match(text, end):
            return  # "my son dean will be in touch tomorrow": who helps, not who is helped
        name = re.sub(r"['’]s$", "", name)
        for index, other in enumerate(found):
            if name.split()[0] == other.value.split()[0]:
                # one person said twice ("its tom. tom baker.", "my dad ray … ray pearson"): the
                # fuller name, and whose it is from where it was said with a cue
                keep_role = role if other.group == ALONE and group != ALONE else other.role
                keep_group = group if other.group == ALONE else other.group
                fuller = name if len(name) > len(other.value) else other.value
                found[index] = Found("person_name", fuller, other.start, other.end, keep_role, keep_group)
                return
        if not any(f.start <= start < f.end or start <= f.start < end for f in found):
            found.append(Found("person_name", name, start, end, role, group))

    both = FIRST_AND_SURNAME.search(text)
    if both:
        add(tidy_name(f"{both.group(1)} {both.group(2)}"), both.start(1), both.end(2), None)
    surname = None if both else surname_told(text)
    if surname:
        whose = None if surname[0] == "my" else CARED_FOR
        add(tidy_name(surname[1]), surname[2], surname[3], whose)
    related = RELATION_OF.search(text)
    if related:
        group = "owner" if related.group("owner") else "name"
        add(
            tidy_name(re.sub(r"['’]s$", "", related.group(group))),
            related.start(group),
            related.end(group),
            CARED_FOR,
        )
    named = NAME_IS_RELATIONS.match(text)
    if named and (name := tidy_name(named.group(1))):
        add(name, named.start(1), named.end(1), CARED_FOR)
    for pattern, mode, role in NAME_TRIGGERS:
        for trigger in pattern.finditer(text):
            result = _name_words(text, trigger.end(), mode)
            if result:
                add(result[0], trigger.end(), result[1], role)
    for titled in TITLED_NAME.finditer(text):  # "a patient for reablement - Mr Alan Price, 79"
        if not re.search(r"\b(?:i'?m|im|i\s+am|this\s+is|name\s+is|it'?s)\s*$", text[: titled.start()], re.I):
            add(tidy_name(titled.group(0)), titled.start(), titled.end(), CARED_FOR)
    for pattern in (HERE_NAME, NAME_FROM, NAME_THEN_DETAIL, NAME_THEN_ROLE):
        match = pattern.search(text)
        if match and (pattern is not NAME_FROM or _organisation(text)):
            result = _name_words(text, match.start(1), "soft")
            if result and result[1] >= match.end(1) - 1:
                add(result[0], match.start(1), result[1], None)
    for index, one in enumerate(found):  # "it's Liam i'm worried about": the one they write about
        if (
            one.role is None
            and (
                WORRIED_ABOUT_AFTER.match(text, one.end)
                or (  # "it's Mr Hart who shouldn't be contacted": someone else, never the writer
                    re.search(r"\b(?:it'?s|its|it\s+is)\s*$", text[: one.start], re.I)
                    and re.match(
                        r"\s*,?\s*who\s+(?!(?:am|i|is\s+(?:writing|typing|messaging|here)|rang|called|phoned|messaged|wrote|emailed|spoke|talked|contacted|was)\b)\w+",
                        text[one.end :],
                        re.I,
                    )
                )
            )
        ):
            found[index] = Found("person_name", one.value, one.start, one.end, CARED_FOR, one.group)
    for index, one in enumerate(found):  # "its karen, karen mills": the surname said with it again
        if len(one.value.split()) == 1:
            again = re.search(rf"\b{re.escape(one.value)}\s+([A-Za-z][\w'’-]+)\b", text[one.end :], re.I)
            if again and _surname_like(again.group(1).lower()) and again.group(1).lower() not in places():
                fuller = tidy_name(f"{one.value} {again.group(1)}")
                if fuller:
                    found[index] = Found("person_name", fuller, one.start, one.end, one.role, one.group)
    if not found and asked in ("full_name", "cared_for"):
        answer = _bare_answer(text)
        if answer:
            add(answer[0], answer[1], answer[2], CARED_FOR if asked == "cared_for" else None)
    elif asked == "full_name" and all(f.role == CARED_FOR for f in found):
        # "Paul Hendry. brother is Kevin Hendry": their own name first, then the other person's
        first = re.match(r"[^,.;!?]+", text)
        answer = _bare_answer(first.group(0)) if first else None
        if answer:
            add(answer[0], answer[1], answer[2], None)
    elif not asked:
        for sentence in re.finditer(r"[^.!?\n]+", text):  # "Tom." or "tom baker." said on its own
            whole = re.sub(r"^\W*(?:hi|hello|hiya|ok|okay)?\W*|\W*$", "", sentence.group(0))
            words = whole.split()
            if 1 <= len(words) <= 3 and (
                words[0].lower().rstrip(".") in TITLES or words[0].lower() in first_names()
            ):
                start = sentence.start() + sentence.group(0).find(whole)
                result = _name_words(text, start, "soft")
                if result and result[1] == start + len(whole):
                    add(result[0], start, result[1], None, ALONE)
    return found


def _bare_answer(text: Text) -> Optional[Tuple[Text, int, int]]:
    """A name typed as the answer to "what's your name?": "Tom", "I told you, Tom", "Terry. Terry Mills.",
    "Stone, Valerie"."""
    reversed_name = SURNAME_FIRST.match(text)
    if (
        reversed_name
        and reversed_name.group(2).lower() in first_names()
        and reversed_name.group(1).lower() not in first_names()
    ):
        name = tidy_name(f"{reversed_name.group(2)} {reversed_name.group(1)}")
        if name:
            return name, reversed_name.start(1), reversed_name.end(2)
    best: Optional[Tuple[Text, int, int]] = None
    for segment in re.finditer(r"[^,.;!?]+", text):
        part = segment.group(0)
        stripped = part
        while True:
            shorter = FILLER.sub("", stripped, count=1)
            if shorter == stripped:
                break
            stripped = shorter
        stripped = TRAILING.sub("", stripped).strip()
        if not stripped:
            continue
        start = segment.start() + part.find(stripped)
        result = _name_words(text, start, "intro")
        if (
            result
            and result[1] >= start + len(stripped) - 1
            and (best is None or len(result[0]) > len(best[0]))
        ):
            best = (result[0], start, result[1])
    return best


# ------------------------------------------------------------------ who the help is for, organisations

ORGANISATION_WORDS = set(
    """
surgery practice centre center hospital council housing home care trust team services service health solutions
support ltd limited cic
medical gp nhs uk clinic pharmacy charity agency association society group hub
ward unit partnership foundation network
""".split()
)
NOT_SURNAMES = {
    "surgery",
    "practice",
    "centre",
    "center",
    "hospital",
    "council",
    "housing",
    "clinic",
    "pharmacy",
    "trust",
    "nhs",
    "team",
    "services",
    "service",
    "charity",
    "agency",
    "association",
    "society",
}
ORGANISATION_AFTER = re.compile(
    r"\b(?:from|at|for|with|of)\s+((?:the\s+)?(?:(?:[A-Za-z][\w'&-]*|&)\s?){1,7})", re.IGNORECASE
)
ORGANISATION_STOP = {
    "reception",
    "about",
    "calling",
    "and",
    "ringing",
    "referring",
    "regarding",
    "re",
    "we",
    "i",
    "who",
    "where",
    "on",
    "in",
    "to",
    "my",
    "our",
    "a",
    "please",
    "with",
}


ORGANISATION_SEGMENT = re.compile(r"(?:^|,)\s*((?:[A-Z][\w'&-]*\s?){2,6}?)\s*(?=[,.]|$)")
# "North Thurrock community nursing team": a capital first, then any words, ending in a team's word
TEAM_SEGMENT = re.compile(
    r"(?:^|[,.]\s)\s*((?!(?:My|Our|Your|His|Her|Their|I|We|The\s+(?:care|home|support))\b)[A-Z][\w'&-]*(?:\s+[\w'&-]+){1,5}?\s+"
    r"(?:team|surgery|practice|trust|hospital|clinic|service|services|centre|partnership|unit|ward|hub|pharmacy))\b\s*(?=[,.]|$)"
)
# "i am a professional", "I'm a district nurse": who they are, not where they work
ONLY_A_ROLE = re.compile(
    rf"^\W*(?:i\s*'?\s*a?m|im|i\s+am)\s+(?:a|an|the)?\s*(?:\w+\s+)?(?:{ROLE_WORDS})\W*$", re.I
)


# Words before "with / to / from X" that make X some other organisation, never the writer's own
OTHER_ORGANISATION_BEFORE = re.compile(
    r"\b(?:shar\w*|sen[dt]|pass\w*|giv\w*|tell|told|refer\w*|go|going|gone|went|ring|phone|call|contact|"
    r"talk|speak|spoke|complain\w*|letter|email|heard|hear|appointment|seen|see|waiting|wait)\b"
    r"(?:\s+(?:it|this|them|him|her|me|us|my\s+\w+|a\s+\w+))?\s*$"
)


def _shouting(text: Text) -> bool:
    """Typed in capitals ("I CANT MANAGE HER AT HOME ANY MORE"): capitals then say nothing of a name."""
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 8 and sum(c.isupper() for c in letters) > 0.8 * len(letters)


def _organisation(text: Text) -> Optional[Found]:
    """The organisation a professional works for: "Sarah from Riverside Surgery", "I work for Age UK",
    "Kwame Mensah, Thurrock Lifestyle Solutions, 01375…"; in capitals, only one they say they work for
    or call from ("AT HOME ANY MORE" is not a care home's name)."""
    shouting = _shouting(text)
    team = None if shouting else TEAM_SEGMENT.search(text)
    if team and team.group(1).lower() not in places():
        return Found("organisation", team.group(1).strip(), team.start(1), team.end(1))
    for segment in ORGANISATION_SEGMENT.finditer("" if shouting else text):
        words = segment.group(1).split()
        if (
            any(word.lower() in ORGANISATION_WORDS for word in words)
            and segment.group(1).lower() not in places()
        ):
            return Found(
                "organisation",
                segment.group(1).strip(),
                segment.start(1),
                segment.start(1) + len(segment.group(1).strip()),
            )
    after_role = None if shouting else WORKPLACE_AFTER_ROLE.search(text)
    lower = _lower_case_workplace(after_role.group(1)) if after_role else None
    if lower:
        return Found("organisation", lower, after_role.start(1), after_role.start(1) + len(lower))
    for match in ORGANISATION_AFTER.finditer(text):
        words: List[Text] = []
        role_before = re.search(
            rf"\b(?:{ROLE_WORDS})\s*$", text[max(0, match.start() - 40) : match.start()].lower()
        )
        lower = _lower_case_workplace(match.group(1)) if role_before and not shouting else None
        if lower:  # "a discharge coordinator at basildon hospital": where they work, in lower case
            return Found("organisation", lower, match.start(1), match.start(1) + len(lower))
        for word in match.group(1).split():
            if word.lower() in ORGANISATION_STOP or (
                words and not (word[0].isupper() or word.lower() in ORGANISATION_WORDS)
            ):
                break
            if not words and word.lower() != "the" and not word[0].isupper():
                break
            words.append(word)
        while words and words[-1].lower() == "the":
            words.pop()
        if not words:
            continue
        phrase = " ".join(words)
        before = text[max(0, match.start() - 40) : match.start()].lower()
        if OTHER_ORGANISATION_BEFORE.search(before):
            continue  # "is it shared with the NHS?", "do I ring the GP": another organisation, not theirs
        said_to_work = re.search(
            rf"\b(?:calling|ringing|writing|phoning)$|\b(?:{ROLE_WORDS})$", before.strip()
        )
        named = bool(said_to_work) if shouting else any(w[0].isupper() for w in words if w.lower() != "the")
        if named and (any(w.lower() in ORGANISATION_WORDS for w in words) or said_to_work):
            if phrase.lower() in places():
                continue
            start = match.start(1)
            return Found("organisation", phrase, start, start + len(phrase))
    return None


# "Funmi Adeyemi, district nurse, basildon & thurrock community nursing team": after a role, in lower case
WORKPLACE_AFTER_ROLE = re.compile(rf"\b(?:{ROLE_WORDS})\s*,\s*([^,.?!]+)", re.IGNORECASE)


def _workplace_answer(text: Text) -> Optional[Found]:
    """ "I just told you, basildon and thurrock community nursing team", to "which organisation?": the
    last part that ends in an organisation's word, as typed."""
    for part in reversed(list(re.finditer(r"[^,.;!?]+", text))):
        words = part.group(0).split()
        if 2 <= len(words) <= 8 and words[-1].lower() in ORGANISATION_WORDS:
            named = " ".join(w if w.lower() in ("and", "&", "the", "of") else _capitalised(w) for w in words)
            return Found("organisation", named, part.start(), part.end())
    return None


def _lower_case_workplace(phrase: Text) -> Optional[Text]:
    """ "basildon hospital, i need to…" after a role: the words up to and including the last
    organisation word ("basildon hospital", "thurrock council housing"), as typed; else None."""
    words = []
    for word in re.split(r"\s+", phrase.strip()):
        bare = re.sub(r"[^\w'&-]", "", word)
        if not bare or bare.lower() in ORGANISATION_STOP:
            break
        words.append(bare)
        if bare != word:  # a comma or full stop ends it
            break
    while words and words[-1].lower() not in ORGANISATION_WORDS:
        words.pop()
    named = [word for word in words if word.lower() != "the"]
    if len(named) < 2 or " ".join(named).lower() in places():
        return None  # "at the ward", "at home": no name
    return " ".join(
        word if word.lower() == "the" or not word.islower() else word.capitalize() for word in words
    )


def _who_for(text: Text, asked: Optional[Text], organisation: Optional[Found]) -> List[Found]:
    """Who the help is for (asking_for: self, family, friend or neighbour, professional) and,
    for someone else, their relation to the caller (cared_for: mum, neighbour…)."""
    found: List[Found] = []
    cue = PROFESSIONAL_CUES.search(text)
    professional = (
        (cue.start(), cue.end()) if cue else (organisation.start, organisation.end) if organisation else None
    )
    relation: Optional[Tuple[Text, int, int]] = None
    inverse = INVERSE_CONTEXT.search(text)
    # "don't ring when my husband is home", "not for my son", "our son can't help": not who it is for
    around = [(m.start(), m.end()) for m in (*PRESENCE_CLAUSE.finditer(text), *NOT_WHO_FOR.finditer(text))]
    for pattern in FAMILY_CONTEXTS:
        match = next(
            (m for m in pattern.finditer(text) if not any(s <= m.start() < e for s, e in around)), None
        )
        if match and (relation is None or match.start() < relation[1]):
            word = next(g for g in match.groups() if g)
            relation = (relation_word(word), match.start(), match.end())
    if inverse and (relation is None or inverse.start() < relation[1]):
        relation = (inverse_relation(inverse.group(2), inverse.group(1)), inverse.start(), inverse.end())
    related = RELATION_OF.search(text)
    if related and (relation is None or related.start() < relation[1]):
        name = related.group("name") or ""
        word = related.group("rel1") or related.group("rel2")
        relation = (
            inverse_relation(word, text, name.split()[0] if len(name.split()) > 1 else ""),
            related.start(),
            related.end(),
        )
    if relation is None and asked in ("asking_for", "cared_for"):
        match = ANSWER_RELATION.match(text)
        if match:
            relation = (relation_word(match.group(1)), match.start(), match.end())
    helper = HELPER_RELATION.search(text)
    if helper and (relation is None or relation_word(helper.group(1)) == relation[0]) and not professional:
        relation = None  # the caller's own carer, not the person the help is for
        found.append(Found("asking_for", SELF, helper.start(), helper.end()))
    if professional:
        found.append(Found("asking_for", PROFESSIONAL, *professional))
    elif relation:
        who = FRIEND if relation[0] in FRIENDS else FAMILY
        found.append(Found("asking_for", who, relation[1], relation[2]))
    if relation and not professional:
        found.append(Found("cared_for", relation[0], relation[1], relation[2]))
    both = BOTH_OF_US.search(text)
    if both and not found and (both.group(1) or both.group(2)):  # "me and my dad": for him (and the caller)
        relation_found = relation_word(both.group(1) or both.group(2))
        who = FRIEND if relation_found in FRIENDS else FAMILY
        found += [
            Found("asking_for", who, both.start(), both.end()),
            Found("cared_for", relation_found, both.start(), both.end()),
        ]
    if not found and not both:
        match = SELF_CONTEXT.search(text) or (asked == "asking_for" and SELF_ANSWER.search(text))
        if match:
            found.append(Found("asking_for", SELF, match.start(), match.end()))
    return found


# ------------------------------------------------------------------ places

RESIDENCE_VERB = re.compile(
    r"\b(?:live|lives|lived|living|reside|resides|based|moved|move|address|house|flat|home)\b", re.I
)
RESIDENCE_END = re.compile(
    r"(?:\b(?:i'?m|im|i am|we'?re|we are|were|she'?s|he'?s|shes|hes|they'?re|is|are|'s)\s+"
    r"(?:(?:over|down|up|out|just|still|now|both|all|on|at)\s+(?:\w+\s+){0,3}?)?(?:in|from|near)"
    r"|\b(?:road|street|lane|avenue|close|way|drive|gardens|court|crescent|place|estate|flats?)\s*,"
    r"|\b(?:in|at|near|to|round|around|from)(?:\s+the)?)\s*$",
    re.I,
)


def _places(text: Text, asked: Optional[Text]) -> List[Found]:
    found: List[Found] = []
    candidates: List[Tuple[int, int, Text]] = [
        (m.start(), m.end(), places()[re.sub(r"[\s-]+", " ", m.group(0).lower())])
        for m in _place_pattern().finditer(text)
        if re.sub(r"[\s-]+", " ", m.group(0).lower()) in places()
    ]
    for word in WORD.finditer(text):
        if len(word.group(0)) >= 5 and not any(s <= word.start() < e for s, e, _ in candidates):
            place = _close_place(word.group(0))
            if place:
                candidates.append((word.start(), word.end(), place))
    for start, end, place in sorted(candidates):
        sentence_start = max((m.end() for m in SENTENCE_END.finditer(text, 0, start)), default=0)
        before = text[max(sentence_start, start - 70) : start]
        if re.search(
            r"\b(?:used to|grew up|born|was from|originally)\W+(?:\w+\W+)?(?:in|from)?\W*$", before, re.I
        ) or re.match(r"\W*originally\b", text[end:], re.I):
            continue  # where they came from, not where they live
        if re.match(
            r"\s*(?:general\s+|university\s+|community\s+)?(?:hospital|a\s*&\s*e|ward|hospice|station|"
            r"high\s+street|library|college|surgery|jobcentre|court)\b",
            text[end:],
            re.I,
        ) or re.search(r"\b(?:work|works|working|shop|shopping)\s+(?:\w+\s+)?in\s*$", before, re.I):
            continue  # "he's in Basildon hospital", "I work in Grays": not where anyone lives
        if re.search(
            r"\b(?:doesn'?t|does\s+not|don'?t|do\s+not|didn'?t|not|never|no\s+longer|isn'?t|aren'?t)\s+"
            r"(?:\w+\s+)?(?:live|lives|living|based|from)\s+(?:in|at|near)?\s*$|\bnot\s+(?:in|from)\s*$",
            before,
            re.I,
        ):
            continue  # "he doesnt live in basildon": where they do not live
        if re.search(
            r"\b(?:home|back|discharged|released|out|coming|came|come|transferred|moved)\s+(?:\w+\s+)?from\s*$",
            before,
            re.I,
        ):
            continue  # "dad home from basildon friday": the hospital he leaves, not his home
        cue = RESIDENCE_END.search(before)
        verbs = list(RESIDENCE_VERB.finditer(before))
        if asked in ("postcode", "cared_for_postcode", "area"):
            pass
        elif not cue or not (
            verbs
            or re.search(
                r"(?:i'?m|im|i am|we'?re|we are|were|she'?s|he'?s|shes|hes|they'?re|is|are|'s)\s+"
                r"(?:(?:over|down|up|out|just|still|now|both|all|on|at)\s+(?:\w+\s+){0,3}?)?"
                r"(?:in|from|near)\s*$",
                before,
                re.I,
            )
        ):
            continue
        role = _place_role(text, before, start, end, verbs)
        found.append(Found("area", place, start, end, role))
    return found


def _place_role(text: Text, before: Text, start: int, end: int, verbs) -> Optional[Text]:
    """ "I live in", "I'm in", "lives with us in" are the caller's; "she lives", "mum's in", "who
    lives" the other person's; else whoever the sentence is about."""
    if re.search(r"\bwith\s+(?:me|us)\b", before, re.I):
        return None
    ending = re.search(
        r"(\w+'?\w*)\s+(?:(?:over|down|up|out|just|still|now|both|all)\s+)?(?:in|from|near)\s*$", before, re.I
    )
    subject = ending.group(1).lower() if ending else ""
    if subject in ("i'm", "im", "am", "we're", "were"):
        return None
    if subject in ("she's", "he's", "shes", "hes", "is", "they're") or (
        subject.endswith("'s") and subject not in ("it's", "that's", "what's", "there's")
    ):
        return CARED_FOR
    if verbs:
        verb = verbs[-1]
        word = verb.group(0).lower()
        if word in ("lives", "resides"):
            return CARED_FOR
        subject = re.search(r"(\w+'?\w*)\s+(?:\w+\s+)?$", before[: verb.start()])
        if word == "live" and (subject.group(1).lower() if subject else "") not in ("they", "them"):
            return None
    return _role(text, start, end)


def _close_place(word: Text) -> Optional[Text]:
    """A typed place with a slip ("tilbry", "graysss"), when it is close to only one we know."""
    lowered = re.sub(r"(.)\1{2,}", r"\1", word.lower())
    if lowered in NOT_NAME_WORDS or lowered in SOFT_NOT_NAMES:
        return None
    if lowered in places():
        return places()[lowered]
    close = [
        place
        for spelling, place in places().items()
        if " " not in spelling
        and abs(len(spelling) - len(lowered)) <= 2
        and SequenceMatcher(None, spelling, lowered).ratio() >= 0.85
    ]
    return close[0] if len(set(close)) == 1 else None


# ------------------------------------------------------------------ the whole message


def _contact(text: Text, asked: Optional[Text], names: List[Found]) -> List[Found]:
    found: List[Found] = []
    name_starts = {name.start for name in names}
    text = QUOTED_AS_WRONG.sub(lambda quote: " " * len(quote.group(0)), text)
    not_by_phone = NOT_BY_PHONE.search(text) or (
        asked == "phone"
        and re.search(r"^\W*(?:no|none|nope)\W*(?:phone)?\W*(?:sorry)?\W*$|\bno\s+phone\b", text, re.I)
    )
    theirs = THEIR_NO_PHONE.search(text)
    if theirs and not_by_phone and theirs.start() <= not_by_phone.start() < theirs.end():
        not_by_phone = NOT_BY_PHONE.search(text, theirs.end())  # "he has no phone so ring me": his
    if not_by_phone and _a_name_follows(text, not_by_phone.end()):
        not_by_phone = NOT_BY_PHONE.search(text, not_by_phone.end())  # "just dont ring june": who, not how
    them = THEM_DIRECTLY.search(text) or MY_RELATIVE.search(text) or NAMED_INSTEAD.search(text)
    if them and not_by_phone and not_by_phone.start() >= them.start():
        not_by_phone = None  # "don't ring me, ring her": a wish about who, not about the phone
    not_them = DO_NOT_CONTACT_THEM.search(text)
    if not_them:  # "don't ring the tenant": who not to contact, never "contact them" or "not by phone"
        if them and not_them.start() <= them.start() <= not_them.end():
            them = None
        if not_by_phone and not_them.start() <= not_by_phone.start() < not_them.end():
            not_by_phone = NOT_BY_PHONE.search(text, not_them.end())
    for value, pattern in CONTACT_PREFERENCES:
        match = not_by_phone if value == "not by phone" else pattern.search(text)
        if value == "phone call" and match and (not_by_phone or match.end() + 1 in name_starts):
            continue  # "please don't ring me" is not a wish to be rung, nor "you can call me Liz"
        if value == "phone call" and match and CALLS_ON_MY_BEHALF.search(text):
            continue  # "can my nephew ring on my behalf?": someone ringing for them, not how to reach them
        if (
            value == "phone call"
            and match
            and them
            and match.start() <= them.end()
            and them.start() <= match.end()
        ):
            continue  # "please ring him directly": a wish about who, not about the caller's phone
        if match:
            found.append(Found("contact_preference", value, match.start(), match.end()))
    relative = THEIR_RELATIVE.search(text)
    if relative and re.search(
        r"\b(?:do\s*n'?t|dont|do\s+not|never|not)\s+(?:\w+\s+)?$", text[: relative.start()], re.I
    ):
        relative = None  # "please dont contact his daughter": not a wish to contact her
    if not_them:
        found.append(
            Found("contact_preference", _who_not(not_them, relative), not_them.start(), not_them.end())
        )
    mine = MY_RELATIVE.search(text) if them else None
    if mine:
        relation = relation_word(mine.group(1) or mine.group(2))
        found.append(Found("contact_preference", f"contact my {relation}, not me", mine.start(), mine.end()))
    elif them:
        found.append(Found("contact_preference", CONTACT_THEM, them.start(), them.end()))
    through = through_someone(text)
    if through:  # "please ring my support worker sam": a wish about who, never the caller's phone
        found = [
            f
            for f in found
            if not f.value.startswith("contact ")
            and not (f.value == "phone call" and f.start <= through.end and through.start <= f.end)
        ]
        return found + [through]
    if relative:
        also_me = re.search(r"\bme\s+(?:or|and)\s+(?:her|his|their|the)\b", relative.group(0), re.I)
        wish = f"contact {'me or ' if also_me else ''}their {relation_word(relative.group(1))}"
        found.append(Found("contact_preference", wish, relative.start(), relative.end()))
    return found


def _who_not(not_them: "re.Match[str]", relative: Optional["re.Match[str]"]) -> Text:
    """ "dont contact the daughter": not her; "dont ring the patient, contact me or his daughter": not
    them directly (a relative is to be contacted); "dont ring the tenant": not them, only the caller."""
    named = re.search(rf"\b(the|my)\s+{REL}\b", not_them.group(0), re.I)
    if named:
        whose = "their" if named.group(1).lower() == "the" else "my"
        return f"do not contact {whose} {relation_word(next(g for g in named.groups()[1:] if g))}"
    return NOT_DIRECTLY if relative else ONLY_ME


# "his niece Carol is next of kin, 07700 900412": the next of kin named first, then their number
KIN_NAMED_FIRST = re.compile(
    rf"(?<![\w'])(?P<whose>my|his|her|their)\s+(?P<rel>{REL}|{SUPPORTER})\b(?:\s*,?\s*(?P<name>{NAME_WORD}))?"
    r"\s+is\s+(?:his|her|their|the)?\s*next\s+of\s+kin\b",
    re.IGNORECASE,
)


# "can u ring dawn she is my suport worker. not me": the one to contact, named, then who they are
NAMED_THEN_WHO = re.compile(
    rf"(?<![\w']){CONTACT_VERB}\s+(?P<name>[A-Za-z][a-z'’]+)\s*,?\s*(?:she|he|they)(?:'s|\s+is|\s+are)\s+"
    rf"(?:my|his|her|their)\s+(?P<rel>{REL}|{SUPPORTER})\b",
    re.IGNORECASE,
)


def through_someone(text: Text) -> Optional[Found]:
    """ "Ring my son Peter on 07700 900461": the wish to be contacted through someone, with their name
    and number as said; "my son Will might ring you": someone who may call for the caller; None
    when no name or number is said with them (a wish found elsewhere)."""
    named = NAMED_THEN_WHO.search(text)
    name = named.group("name") if named else None
    if named and name.lower() not in NOT_NAME_WORDS and name.lower() not in SOFT_NOT_NAMES:
        role = named.group("rel").lower().replace("suport", "support")
        not_me = re.search(r"\bnot\s+me\b", text[named.end() : named.end() + 30], re.I)
        wish = f"contact my {role} {tidy_name(name)}" + (", not me" if not_me else "")
        return Found("contact_preference", wish, named.start(), named.end(), THROUGH)
    kin = KIN_NAMED_FIRST.search(text)
    if kin:
        number = THEIR_NUMBER_AFTER.match(text, kin.end())
        name = (
            kin.group("name")
            if kin.group("name") and kin.group("name").lower() not in NOT_NAME_WORDS
            else None
        )
        whose = "my" if kin.group("whose").lower() == "my" else "their"
        who = f"{whose} {kin.group('rel').lower()}" + (f" {tidy_name(name)}" if name else "")
        phone = tidy_phone(number.group("phone")) if number else None
        wish = f"next of kin: {who}" + (f" on {phone}" if phone else "")
        return Found("contact_preference", wish, kin.start(), number.end() if phone else kin.end(), THROUGH)
    calls = CALLS_FOR_ME.search(text)
    if calls:
        name = calls.group("name")
        name = (
            tidy_name(name)
            if name
            and name.lower() not in NOT_NAME_WORDS
            and name.lower() not in SOFT_NOT_NAMES - MODAL_NAMES
            else None
        )
        who = f"my {relation_word(calls.group('rel'))}" + (f" {name}" if name else "")
        return Found(
            "contact_preference", f"{who} may contact them for me", calls.start(), calls.end(), THROUGH
        )
    for match in THROUGH_SOMEONE.finditer(text):
        before = text[max(0, match.start() - 25) : match.start()]
        if re.search(OWN_PLAN.pattern + r"\s*$", before, re.IGNORECASE):
            continue
        name = match.group("name")
        if name:
            words = name.split()
            kept = []
            for word in words:
                if (
                    word.lower() in NOT_NAME_WORDS
                    or word.lower() in SOFT_NOT_NAMES
                    or not (word[0].isupper() or word.lower() in first_names())
                ):
                    break
                kept.append(word)
            name = tidy_name(" ".join(kept)) if kept else None
        after = match.start("name") + len(" ".join(kept)) if name else match.end("rel")
        not_me = NOT_ME_AFTER.match(text, after)  # "ring my support worker sam instead of me on 07…"
        number = THEIR_NUMBER_AFTER.match(text, not_me.end() if not_me else after)
        phone = tidy_phone(number.group("phone")) if number else None
        if not (name or phone):
            continue
        not_me = not_me or NOT_ME_AFTER.match(text, number.end() if phone else after)
        whose = "my" if (match.group("whose") or "my").lower() == "my" else "their"
        rel = match.group("rel")
        role = relation_word(rel) if re.sub(r"[\s-]+", "-", rel.lower()) in RELATION_NAMES else rel.lower()
        who = f"{whose} {role.replace('suport', 'support')}" + (f" {name}" if name else "")
        end = number.end() if phone else after
        lead = "next of kin: " if match.group("kin") else "contact "
        wish = f"{lead}{who}" + (f" on {phone}" if phone else "") + (", not me" if not_me else "")
        end = max(end, not_me.end()) if not_me else end
        return Found("contact_preference", wish, match.start(), end, THROUGH)
    main = MAIN_CONTACT_NAMED.search(text) or MAIN_CONTACT_AFTER.search(text)
    if main:  # "his daughter is his main contact, Karen Pike on 07700 …": theirs, never the caller's number
        rel = main.groupdict().get("rel") or next(
            (m.group("rel") for m in RELATIVES_NUMBER_SAID.finditer(text, 0, main.start())), None
        )
        name = tidy_name(main.group("name")) if main.group("name") else None
        phone = tidy_phone(main.group("phone")) if main.group("phone") else None
        if name or phone:
            who = " ".join(w for w in (f"their {relation_word(rel)}" if rel else "", name or "") if w)
            wish = f"contact {who}" + (f" on {phone}" if phone else "")
            return Found("contact_preference", wish, main.start(), main.end(), THROUGH)
    instead = NAMED_INSTEAD.search(text)
    said = instead and (instead.group("name") or instead.group("name2") or instead.group("name3"))
    name = tidy_name(said) if said else None
    if instead and name:  # "ring sam not me. sam 07700 900552": Sam, on his number, never the caller's
        number = re.search(
            rf"\b{re.escape(said)}\b[^.?!\d]{{0,40}}?(?P<phone>(?:\+44\s?|0)[\d\s()-]{{8,16}}\d)",
            text[instead.start() :],
            re.IGNORECASE,
        )
        phone = tidy_phone(number.group("phone")) if number else None
        end = instead.start() + number.end() if phone else instead.end()
        wish = f"contact {name}" + (f" on {phone}" if phone else "") + ", not me"
        return Found("contact_preference", wish, instead.start(), end, THROUGH)
    owned = RELATIVES_NUMBER.search(text)
    if owned:  # "his mums is 01375 850 221, shes better to ring": his mum, on her number
        whose = "my" if owned.group("whose").lower() == "my" else "their"
        phone = tidy_phone(owned.group("phone"))
        if phone:
            wish = f"contact {whose} {relation_word(owned.group('rel'))} on {phone}"
            return Found("contact_preference", wish, owned.start(), owned.end(), THROUGH)
    return None


# "his daughter is his main contact, Karen Pike on 07700 900452"; "Karen Pike 07700 900452, she is the main
# contact for him": the person to contact for them, with their number
PHONE_SAID = r"(?:\+44\s?|0)[\d\s()-]{8,16}\d"
MAIN_CONTACT_AFTER = re.compile(
    rf"\b(?:my|his|her|their)\s+(?P<rel>{REL})\s+(?:is|will\s+be|'s)\s+(?:his|her|their|my|the)\s+(?:main|first|best)\s+contact\b"
    rf"[\s,:-]*(?:(?P<name>[A-Z][a-z'’-]+(?:\s+[A-Z][a-z'’-]+)?)\b)?(?:\s+on|\s*,|\s*:)?\s*(?P<phone>{PHONE_SAID})?",
)
MAIN_CONTACT_NAMED = re.compile(
    rf"(?P<name>[A-Z][a-z'’-]+\s+[A-Z][a-z'’-]+)\s*,?\s*(?:on\s+)?(?P<phone>{PHONE_SAID})\s*,?\s*"
    r"(?:she|he|they)(?:'s|’s|\s+is|\s+are|'re)\s+(?:the|his|her|their)\s+(?:main|first|best)\s+contact\b",
)
RELATIVES_NUMBER_SAID = re.compile(
    rf"\b(?:his|her|their)\s+(?P<rel>{REL})(?:'s|’s|s)?\s+(?:number|mobile|phone)\b", re.IGNORECASE
)
# "he has no phone at all", "she can't use the phone": the other person's, never the caller's wish
THEIR_NO_PHONE = re.compile(
    r"\b(?:he|she|they|mum|dad|nan|gran|grandad|uncle|aunt|auntie)\s+(?:has|have|'s)\s+(?:got\s+)?no\s+(?:phone|mobile)\b|"
    r"\b(?:he|she|they)\s+(?:doesn'?t|does\s+not|don'?t|do\s+not)\s+have\s+a\s+(?:phone|mobile)\b|"
    r"\b(?:he|she|they)\s+(?:can'?t|cannot|can\s+not)\s+(?:use|hear\s+on|answer)\s+(?:the|a)\s+phone\b|"
    # "june cant use the phone though, ring me": someone named, never the caller
    r"\b(?!(?:i|you|we|me)\b)[a-z]+\s+(?:can'?t|cant|cannot|can\s+not)\s+(?:use|hear\s+on|answer|manage)\s+(?:the|a)\s+phone\b",
    re.IGNORECASE,
)


def _a_name_follows(text: Text, at: int) -> bool:
    """Whether the word after `at` is a first name ("dont ring june")."""
    word = re.match(r"\s+([a-z]+)\b", text[at:], re.I)
    return bool(word) and word.group(1).lower() in first_names()


# "can my nephew ring on my behalf?", "my son will call for me"
CALLS_ON_MY_BEHALF = re.compile(
    r"\b(?:my\s+\w+|someone|somebody|he|she)\s+(?:\w+\s+)?(?:ring|call|phone|contact)\w*\s+(?:them\s+|you\s+|the\s+council\s+)?"
    r"(?:for\s+me|on\s+my\s+behalf|on\s+behalf\s+of\s+me)\b",
    re.IGNORECASE,
)
# "you've put not by phone, thats wrong": their words quoted back as wrong, never a wish
QUOTED_AS_WRONG = re.compile(
    r"\byou(?:'ve|\s+have)?\s+(?:put|wrote|written|got|said|typed)\s+[^,.;!?]{1,40}?(?=\s*[,.;]?\s*(?:that'?s|thats|its|it'?s|which\s+is)\s+(?:wrong|not\s+right))",
    re.IGNORECASE,
)
# "ring sam not me", "not me. sam my support worker 07700 900552": someone named, instead of the caller
NOT_A_PERSON = (
    r"(?!(?:me|her|him|them|us|my|his|the|a|an|someone|somebody|anyone|anybody|it|that|this|back|now|"
    r"only|please|instead|just|first|then|is|me)\b)"  # "dont ring me, email only": a way, not a name
)
NAMED_INSTEAD = re.compile(
    rf"\b{CONTACT_VERB}\s+{NOT_A_PERSON}(?P<name>[A-Za-z][a-z']+)\s*,?\s*(?:and\s+|but\s+)?(?:not|instead\s+of|rather\s+than)\s+me\b|"
    rf"\bnot\s+me\b[\s,.;:-]+(?:ring\s+|call\s+|contact\s+)?{NOT_A_PERSON}(?P<name2>[A-Za-z][a-z']+)\b(?=[^.?!]{{0,40}}?(?:\+44\s?|0)\d)|"
    rf"{DO_NOT_CONTACT_ME}{NOT_A_PERSON}(?P<name3>[A-Za-z][a-z']+)\b(?!\s+(?:and|or|on|at|in|if|when|instead|about)\b)",
    re.IGNORECASE,
)


# "his mum's number is 07700 900551", "her daughters is 01375 850221": a relative's number, told as the
# way to reach them (never the number of the person the help is for)
RELATIVES_NUMBER = re.compile(
    rf"\b(?P<whose>his|her|their)\s+(?P<rel>{REL})(?:'s|’s|s)\s+(?:(?:mobile|phone|number|no\.?)\s+)?(?:is\s+|:\s*|-\s*)?"
    r"(?P<phone>(?:\+44\s?|0)[\d\s()-]{8,16}\d)",
    re.IGNORECASE,
)


# "so will someone ring me tomorrow after 2 or not", "will they ring me tomorrow morning?": asking
ASKS_WHEN_THEY_CALL = re.compile(
    r"^\W*(?:so\s+|and\s+|but\s+)?(?:will|would|are|is|when\s+will|do|does)\s+(?:they|you|someone|somebody|anyone|thurrock\s+first)\s+"
    r"(?:\w+\s+)?(?:ring|call|phone|contact|text|get\s+back)\b",
    re.IGNORECASE,
)


CLAUSE_END = re.compile(r"[.!?,;\n]")


def _clause_of(text: Text, at: int) -> Text:
    start = max((m.end() for m in CLAUSE_END.finditer(text, 0, at)), default=0)
    end = next((m.start() for m in CLAUSE_END.finditer(text, at)), len(text))
    return text[start:end]


# "in office hours", "working hours": when to contact them, as said
OFFICE_HOURS = re.compile(  # (never "i work office hours, so after 5": when they are busy)
    r"(?<!\bwork )(?<!\bworks )(?<!\bworking )\b(?:office|working|work|business)\s+hours\b", re.IGNORECASE
)


# "mon-thu", "mon to thurs", "monday - friday": days, as a range
WEEKDAY_NAMES = {
    "mon": "Monday",
    "tue": "Tuesday",
    "wed": "Wednesday",
    "thu": "Thursday",
    "fri": "Friday",
    "sat": "Saturday",
    "sun": "Sunday",
}
DAY_RANGE = re.compile(
    r"\b(?P<first>mon|tue|wed|thu|fri)[a-z]*\.?\s*(?:-|–|to|till|until|thru|through)\s*(?P<last>tue|wed|thu|fri|sat|sun)[a-z]*\b",
    re.IGNORECASE,
)
# "i work mon-thu", "i'm in the office": days said as when they work, so when to call
WORKS_THEN = re.compile(
    r"\b(?:i|i'm|im)\s+(?:only\s+)?(?:work|works|working|in\s+work|on\s+shift)\b", re.IGNORECASE
)


# Home care visits ("a morning call", "4 calls a day") and the time of an event ("she goes home
# tomorrow morning"): never a time to be contacted
CARE_VISITS = re.compile(
    r"\b(?:an?|the|one|\d+|two|three|four)\s+(?:morning|lunch\s*time|lunch|tea\s*time|tea|bed\s*time|evening|night)\s+"
    r"(?:call|visit)s?\b|\b(?:\d+|one|two|three|four)\s+(?:calls|visits)\s+(?:a|per)\s+day\b",
    re.I,
)
AN_EVENT_BEFORE = re.compile(
    r"\b(?:goes|going|go|comes|coming|gets|getting|sent|discharged|released|leaves|leaving|admitted|operation|appointment)"
    r"(?:\s+(?:home|out|back|in))?\s*$",
    re.I,
)


def _contact_time(text: Text, asked: Optional[Text]) -> Optional[Found]:
    days = DAY_RANGE.search(text)
    if days and (asked == "contact_time" or TIME_CUE.search(text) or WORKS_THEN.search(text)):
        first, last = (WEEKDAY_NAMES[days.group(g).lower()[:3]] for g in ("first", "last"))
        return Found("contact_time", f"{first} to {last}", days.start(), days.end())
    office = OFFICE_HOURS.search(text)
    if office and (asked in ("contact_time", "communication_needs") or TIME_CUE.search(text)):
        return Found("contact_time", "office hours", office.start(), office.end())
    if asked == "contact_time" and WHENEVER.search(text):
        return Found("contact_time", "any time", 0, len(text))
    times: List["re.Match[str]"] = []
    refused: Set[int] = set()
    cues = [
        cue.start()
        for cue in TIME_CUE.finditer(text)
        if not any(call.start() <= cue.start() < call.end() for call in RESIDENT_CALLS.finditer(text))
    ]

    def cued(at: int) -> bool:
        """A cue ("ring me", "best time") in the time's own sentence: "the carers missed Wednesday
        mornings. ring me after 5" is a time to ring of "after 5", never of Wednesday mornings."""
        start = max((m.end() for m in SENTENCE_END.finditer(text, 0, at)), default=0)
        end = next((m.start() for m in SENTENCE_END.finditer(text, at)), len(text))
        return any(start <= cue < end for cue in cues)

    for match in TIME.finditer(text):
        before = text[max(0, match.start() - 12) : match.start()].lower()
        if re.search(r"\b(?:good|this|yesterday|last|since|on)\s*$", before) and not match.group("days"):
            continue
        if any(visit.start() <= match.start() < visit.end() for visit in CARE_VISITS.finditer(text)) or (
            AN_EVENT_BEFORE.search(text[max(0, match.start() - 30) : match.start()])
        ):
            continue  # "would accept a morning call", "she goes home tomorrow morning": care, not contact
        if asked != "contact_time" and ASKS_WHEN_THEY_CALL.search(_clause_of(text, match.start())):
            continue  # "will they ring me tomorrow morning?": a question, never a wish
        if (
            asked != "contact_time"
            and not cued(match.start())
            and not match.group("busy")
            and not ONLY_A_TIME.match(text)
        ):
            continue
        if _tidy_time(match):
            times.append(match)
            clause = text[max(0, match.start() - 40) : match.start()]
            if not (
                match.group("not") or match.group("notday") or match.group("any")
            ) and TIME_REFUSED.search(clause):
                refused.add(match.start())
    if times:  # "mornings, not before 10", "at work til 6": the time and what narrows it
        times = times[:1] + [
            m
            for m in times[1:]
            if m.group("range")
            or m.group("busy")
            or m.group("busyfrom")
            or m.group("not")
            or m.group("days")  # "after 6pm, weekdays"
            or m.start() in refused
            or times[0].start() in refused
        ]
        values = list(
            dict.fromkeys(("not " if m.start() in refused else "") + (_tidy_time(m) or "") for m in times)
        )
        values.sort(key=lambda value: value.startswith("not "))  # "afternoons, not mornings"
        if "any time" in values and all(v.startswith("not ") for v in values if v != "any time"):
            values = ["any time"]  # "take out the bit about evenings, any time is fine"
        if len(values) > 1 and "any time" in values:
            values.remove("any time")
        return Found("contact_time", ", ".join(v for v in values if v), times[0].start(), times[-1].end())
    day = re.search(rf"\b{DAY}\b", text, re.I) if asked == "contact_time" else None
    if day:
        value = day.group(0).lower()
        return Found("contact_time", value if value.endswith("s") else value + "s", day.start(), day.end())
    return None


def _tidy_time(match: "re.Match[str]") -> Optional[Text]:
    if match.group("any"):
        return "any time"
    if match.group("busy"):
        return "after " + re.sub(r"\s+", "", match.group("busy").lower())
    if match.group("busyfrom"):  # "busy after 2": before then
        return "before " + re.sub(r"\s+", "", match.group("busyfrom").lower())
    if match.group("range"):
        return re.sub(r"\s+", " ", match.group("range").lower()).strip()
    if match.group("days"):
        day = match.group("days").lower()
        return ("not " if match.group("notday") else "") + (day if day.endswith("s") else day + "s")
    part = match.group("part").lower().replace(" ", "")
    part = (
        "morning"
        if part.startswith("morn")
        else "afternoon"
        if part.startswith("af")
        else "evening"
        if part.startswith("even")
        else "lunchtime"
    )
    day = (match.group("day") or "").lower()
    if part != "lunchtime" and day != "tomorrow":
        part += "s"
    if day.endswith("s"):
        day = day[:-1]
    words = [w for w in ((match.group("not") or "").strip().lower(), day, part) if w]
    if match.group("clock"):
        words.append(re.sub(r"\s+", " ", match.group("clock").lower()).strip())
    return " ".join(words)


# "I told you already, Kasia Nowak", "i already said its 07700…", "I did say, Tilbury": a detail
# given again (read as a goodbye it stopped the request), whatever kind of detail
TOLD_ALREADY = re.compile(
    r"\b(?:already\s+)?(?:told|said|gave|given)\s+(?:you|u|ya|it|that|already)\b|\b(?:i|we)\s+did\s+say\b|"
    r"\balready\s+(?:told|said|gave|given)\b",
    re.I,
)
# ... and nothing else: "I told you already", "i did say" (what they told us is looked for, never kept as it)
TOLD_ALREADY_ONLY = re.compile(
    r"^\W*(?:(?:i|i've|i\s+have|we)\s+)?(?:already\s+)?(?:told|said|gave|given)(?:\s+(?:you|u|ya|it|that|this))?"
    r"(?:\s+(?:already|before|earlier|twice|at\s+the\s+start|above))*\W*$|^\W*(?:i|we)\s+did\s+say\W*$|"
    # "as per details I gave above", "see above", "as I said before"
    r"^\W*(?:(?:it's|its|it\s+is)\s+)?(?:all\s+)?(?:as\s+(?:per\s+)?(?:the\s+)?(?:details?\s+|info(?:rmation)?\s+)?(?:i\s+(?:gave|said|wrote|put|sent)(?:\s+you)?\s*)?"
    r"(?:above|before|earlier)?|see\s+(?:above|before|my\s+(?:first|last|earlier)\s+message)|(?:as|like)\s+i\s+said(?:\s+(?:above|before|earlier))?)"
    r"(?:\s+(?:please|thanks|thank\s+you|ta))?\W*$",
    re.I,
)


# "i told you. shopping and cooking", "I just said, North Thurrock nursing team": what follows is the answer
TOLD_ALREADY_FIRST = re.compile(
    r"^\W*(?:(?:i|i've|i\s+have|we)\s+)?(?:just\s+|already\s+)?(?:told|said|gave|given)(?:\s+(?:you|u|ya|it|that))?"
    r"(?:\s+(?:already|before|earlier|twice|once))*\s*(?:[,.:;!-]+\s*|\s+(?=it'?s\b|its\b))",
    re.I,
)


def without_told_already(text: Text) -> Text:
    """The answer without "I told you," before it; the text as it was if nothing else is left."""
    rest = TOLD_ALREADY_FIRST.sub("", text, count=1).strip()
    return rest if len(re.sub(r"\W", "", rest)) >= 2 else text


# Said before what they need, to something else: "yes. patient is ...", "i dont want to rate anything.
# my carer didnt come", "ok can you just refer her then. Mrs Pike, 84", "ive told you already. the agency ..."
NEED_LEAD_IN = re.compile(
    r"^\W*(?:(?:yes|yeah|yep|ok|okay|right|no|sorry)\s*[.,!]+\s*"
    r"|(?:ok\s+|so\s+)?(?:can|could)\s+you\s+(?:just\s+)?(?:refer|pass|send)\s+(?:her|him|them|it|this|me)(?:\s+on)?(?:\s+then)?\s*[.,!]+\s*"
    r"|i\s+(?:don'?t|dont|do\s+not)\s+want\s+to\s+rate\s+(?:anything|it|you|this)\s*[.,!]+\s*"
    r"|(?:i'?ve|ive|i\s+have)\s+(?:already\s+)?told\s+(?:you|u)(?:\s+(?:already|before|this|all\s+this))*\s*[.,!]+\s*"
    r"|i\s+tell\s+(?:you\s+)?(?:before|already)\s*[.,!]+\s*"
    r"|like\s+i\s+(?:said|say)(?:\s+(?:at\s+the\s+start|before|already|earlier))?\s*[.,!]+\s*)+",
    re.I,
)


def need_in_their_words(text: Text) -> Text:
    """What they need, in their words, without what was said to something else before it."""
    rest = without_told_already(text)
    tidied = NEED_LEAD_IN.sub("", rest, count=1).strip()
    return tidied if len(tidied.split()) >= 2 else rest


# Between two values of one detail: the first was a slip ("RM16 2QL... sorry no, RM15 4QL").
SELF_CORRECTION = re.compile(r"\b(?:sorry|no|not|actually|i\s+mean|i\s+meant|wait|oops|correction)\b", re.I)


# "01375 900221 no wait thats the house phone, dont use that. mobile is 07700 900562", "07700 900452
# is KAREN's number. MY number is 07700 900318": a number taken back or said to be someone else's
NUMBER_TAKEN_BACK = re.compile(
    r"^[\s,.;:-]*(?:(?:no|sorry|oops|wait|hang\s+on|actually)\b[\s,.!-]*)+(?!\d)|"
    r"^[\s,.;:-]*(?:no\s+wait|(?:that'?s|thats|it'?s|its)\s+(?:the\s+|my\s+)?(?:house\s+phone|home\s+phone|land\s*line|old\s+(?:one|number)|wrong\s+(?:one|number))|"
    r"(?:is|was)\s+(?:(?:\w+'?s|his|her|their)\s+(?:number|mobile|phone)|not\s+mine)|don'?t\s+use)",
    re.IGNORECASE,
)
MY_NUMBER_BEFORE = re.compile(
    r"\bmy\s+(?:own\s+|work\s+|new\s+|actual\s+|real\s+)?(?:mobile|number|phone|no\.?)(?:\s+number)?\s*(?:is|:|-)?\s*$",
    re.IGNORECASE,
)


def _phones_in_order(text: Text) -> List["re.Match[str]"]:
    """The message's numbers, best first: one said as "my number is …", then the others in order, a
    number taken back ("… no wait, that's the house phone") or said to be someone else's last."""
    candidates = list(PHONE_CANDIDATE.finditer(text))
    taken_back = [m for m in candidates if NUMBER_TAKEN_BACK.search(text[m.end() : m.end() + 60])]
    mine = [
        m
        for m in candidates
        if m not in taken_back and MY_NUMBER_BEFORE.search(text[max(0, m.start() - 30) : m.start()])
    ]
    rest = [m for m in candidates if m not in mine and m not in taken_back]
    return mine + rest + taken_back


# "ring dawn not me. her number is 07700 900418": the number of the one they asked us to contact
THEIR_NUMBER_SAID = re.compile(r"\b(?:her|his|their|[a-z]+'?s)\s+(?:number|mobile|phone)\b", re.IGNORECASE)


def _said_as_theirs(between: Text) -> bool:
    """ "her number is", or nothing but a stop ("ring mark not me. 07700 900633"); never "my number"."""
    if re.search(r"\b(?:my|mine)\b", between, re.I):
        return False
    return bool(
        THEIR_NUMBER_SAID.search(between)
        or re.fullmatch(r"[\s.,:;-]*(?:(?:on|at|its|it's|number)\s*[\s.,:;-]*)*", between, re.I)
    )


# "her son paul visits at weekends his number is 07700 900655": a relative of theirs, and his number
THEIR_RELATIVES_NUMBER = re.compile(
    rf"\b(?:her|his|their)\s+(?P<rel>{REL})\b(?:\s+(?P<name>[A-Za-z][a-z'’]+))?[^.?!]{{0,50}}?"
    r"\b(?:his|her|their)\s+(?:number|mobile|phone)(?:\s+(?:number|no\.?))?\s*(?:is|:|-)?\s*$",
    re.IGNORECASE,
)


def _their_relatives_number(text: Text, found: List[Found]) -> List[Found]:
    """A number said to be a relative's of the person the help is for: kept with that relative, as a
    family contact, never as the person's own number (nor the caller's)."""
    for number in [f for f in found if f.kind == "phone"]:
        said = THEIR_RELATIVES_NUMBER.search(text[max(0, number.start - 90) : number.start])
        if not said:
            continue
        name = said.group("name")
        name = tidy_name(name) if name and name.lower() not in NOT_NAME_WORDS else None
        who = f"their {relation_word(said.group('rel'))}" + (f" {name}" if name else "")
        family = Found(
            "contact_preference", f"family contact: {who} on {number.value}", number.start, number.end
        )
        return [
            family if f is number else f
            for f in found
            if not (f.kind == "detail" and f.value == "cared_for_phone")
        ]
    return found


def _number_of_the_one_to_contact(text: Text, found: List[Found]) -> List[Found]:
    """A number said to be theirs, after "contact Dawn, not me": Dawn's, kept with that wish, never
    the caller's nor the person's the help is for."""
    wish = next(
        (
            f
            for f in found
            if f.kind == "contact_preference"
            and re.match(r"contact [A-Z]", f.value)
            and f.value.endswith(", not me")
            and not re.search(r"\d", f.value)
        ),
        None,
    )
    number = next(
        (
            f
            for f in found
            if wish
            and f.kind == "phone"
            and f.start > wish.start
            and _said_as_theirs(text[wish.end : f.start])
        ),
        None,
    )
    if not number:
        return found
    said = Found(
        "contact_preference",
        f"{wish.value[: -len(', not me')]} on {number.value}, not me",
        wish.start,
        number.end,
    )
    return [
        said if f is wish else f
        for f in found
        if f is not number and not (f.kind == "detail" and f.value == "cared_for_phone")
    ]


# Said not to be theirs, or taken back in the same breath: "i never said at home is fine", "so phone her
# daughter? no actually she doesnt want family involved". Never read as a detail.
DISOWNED = re.compile(
    r"\bi\s+(?:never|didn'?t|did\s+not|haven'?t|have\s+not)\s+(?:said|say|asked\s+for|ask\s+for|told\s+you|wrote|put)"
    r"\s+(?:that\s+|anything\s+about\s+)?[^,.;!?]{1,60}|"
    r"[^,.;!?]{1,60}\?\s*(?:no|nah|oh\s+no)[\s,]+(?:actually|wait|sorry|scratch\s+that|hang\s+on|forget\s+that)\b",
    re.IGNORECASE,
)


def find_details(text: Text, asked: Optional[Text] = None) -> List[Found]:
    """Every detail in a message, e.g. name, postcode and phone from one sentence, each with whose
    it is. `asked`: the slot the assistant has just asked for, when this message answers it."""
    text = DISOWNED.sub(lambda said: " " * len(said.group(0)), text)  # same length: places keep
    found: List[Found] = _names(text, asked)
    for match in POSTCODE.finditer(text):
        postcode = tidy_postcode(match.group(0))
        role = _role(text, match.start(), match.end())
        if asked == "cared_for_postcode" and _owner(text, match.start(), match.end()) is None:
            role = CARED_FOR  # the answer to "what's their postcode?"
        earlier = next((f for f in found if f.kind == "postcode" and f.role == role), None)
        if postcode and earlier and SELF_CORRECTION.search(text[earlier.end : match.start()]):
            found[found.index(earlier)] = Found("postcode", postcode, match.start(), match.end(), role)
        elif postcode and not earlier:  # "rm16 2ql... sorry no rm15 4ql": the one they meant
            found.append(Found("postcode", postcode, match.start(), match.end(), role))
    postcodes = [f for f in found if f.kind == "postcode"]
    if len(postcodes) == 1 and SAME_HOME.search(text):  # "his postcode is the same as mine, SS17 0LN"
        one = postcodes[0]
        other = None if one.role == CARED_FOR else CARED_FOR
        found.append(Found("postcode", one.value, one.start, one.end, other))
    for match in EMAIL.finditer(text):
        found.append(
            Found(
                "email",
                match.group(0),
                match.start(),
                match.end(),
                _contact_role(text, match.start(), match.end()),
            )
        )
        break
    taken = [(f.start, f.end) for f in found if f.kind == "email"]
    for match in _phones_in_order(text):
        phone = tidy_phone(match.group(0))
        if phone and phone not in _service_numbers() and not any(s <= match.start() < e for s, e in taken):
            extension = EXTENSION.match(text, match.end())  # "the surgery line ... ext 214": kept
            found.append(
                Found(
                    "phone",
                    phone + (f" ext {extension.group(1)}" if extension else ""),
                    match.start(),
                    extension.end() if extension else match.end(),
                    _contact_role(text, match.start(), match.end()),
                )
            )
            break
    found.extend(_places(text, asked))
    organisation = _organisation(text) or (_workplace_answer(text) if asked == "organisation" else None)
    if organisation:
        found.append(organisation)
    found.extend(_who_for(text, asked, organisation))
    for gone in DECEASED.finditer(text):  # "since my wife Jean died": never the person the help is for
        found = [
            f
            for f in found
            if not (
                (f.kind in ("asking_for", "cared_for") or (f.kind == "person_name" and f.role == CARED_FOR))
                and gone.start() <= f.start < gone.end()
            )
        ]
    found.extend(_contact(text, asked, [f for f in found if f.kind == "person_name"]))
    through = next((f for f in found if f.role == THROUGH), None)
    if through:  # Peter and his number belong to the wish to contact him, nobody else (a wish has no role)
        found = [
            Found(f.kind, f.value, f.start, f.end) if f is through else f
            for f in found
            if f is through
            or not (
                f.kind in ("person_name", "phone", "asking_for", "cared_for")
                and through.start <= f.start < through.end
            )
        ]
    found = _their_relatives_number(text, _number_of_the_one_to_contact(text, found))
    street = STREET_ADDRESS.search(text)
    if street:  # "letters only, to 9 Ship Lane": where to write, kept with how to contact them
        address = re.sub(r"\s+", " ", street.group(0)).strip().rstrip(".,;:").title()
        whose = "their address" if _role(text, street.start(), street.end()) == CARED_FOR else "address"
        found.append(Found("contact_preference", f"{whose}: {address}", street.start(), street.end()))
    time = _contact_time(text, asked)
    if time:
        found.append(time)
    named = communication_needs_from_answer(text)
    for value, pattern in COMMUNICATION_NEEDS:
        said = next(
            (
                need
                for need in named
                if need == value
                or (
                    value == "a language interpreter"
                    and need.endswith(" interpreter")
                    and need != "BSL interpreter"
                )
            ),
            None,
        )
        match = pattern.search(text) if said else None
        if match:
            found.append(
                Found(
                    "communication_need",
                    said,
                    match.start(),
                    match.end(),
                    _role(text, match.end() - 1, match.end()),
                )
            )
    for kind, pattern in (("date_of_birth", DATE_OF_BIRTH), ("nhs_number", NHS_NUMBER)):
        match = pattern.search(text)
        if match:  # "DOB 14/03/1936, NHS no 485 777 3456", as a professional gives them
            value = re.sub(r"\s+", " ", match.group("value")).strip()
            if kind == "nhs_number":
                digits = re.sub(r"\D", "", value)
                value = f"{digits[:3]} {digits[3:6]} {digits[6:]}"
            found.append(Found(kind, value, match.start("value"), match.end("value")))
    forgotten = forgotten_detail(text)
    detail = next(_first(DETAIL_WORDS, text, "detail"), None)
    if forgotten:  # "forget my email, they can phone": the email, whatever else is named
        found.append(Found("detail", forgotten, 0, len(text)))
    elif detail:  # "my mum's postcode has changed" is hers, not the caller's
        theirs = (
            THEIR_DETAIL.get(detail.value) if _role(text, detail.start, detail.end) == CARED_FOR else None
        )
        number_with_a_wish = theirs == "cared_for_phone" and any(
            f.kind == "contact_preference" and re.search(r"\d", f.value) for f in found
        )  # "you've missed his daughter's number. Karen Pike 07700 …, she is the main contact": the wish's
        if not number_with_a_wish:
            found.append(Found("detail", theirs or detail.value, detail.start, detail.end))
    return _about_a_patient(text, found)


# "writing for Dr Khan about a patient", "patient Margaret Ellis…, daughter lives in Leeds": the doctor is
# who the writer works for, the patient's daughter is family of the patient, not of the writer
PATIENT_WORDS = re.compile(r"\b(?:patient|client|service\s+user|resident)s?\b", re.I)
DOCTOR = re.compile(r"^(?:dr\.?|doctor)\s", re.I)
INTRODUCES_SELF = re.compile(r"\b(?:i'?m|i\s+am|this\s+is|it'?s|my\s+name\s+is)\s+(?:dr\.?|doctor)\s", re.I)


def _about_a_patient(text: Text, found: List[Found]) -> List[Found]:
    kept = [
        f
        for f in found
        if not (f.kind == "person_name" and DOCTOR.match(f.value) and not INTRODUCES_SELF.search(text))
    ]
    if PATIENT_WORDS.search(text):
        kept = [
            f
            for f in kept
            if not (f.kind == "asking_for" and f.value != PROFESSIONAL)
            and not (f.kind == "cared_for" and f.value != "patient")
        ]
    return kept


MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*"
# "DOB 14/03/1936", "date of birth: 3rd March 1941", "born 14.3.36"
DATE_OF_BIRTH = re.compile(
    r"\b(?:d\.?o\.?b\.?|date\s+of\s+birth|birth\s*date|born(?:\s+on)?)\s*(?:is\s+)?[:\-]?\s*"
    r"(?P<value>\d{1,2}[/.\-]\d{1,2}[/.\-](?:\d{4}|\d{2})|\d{1,2}(?:st|nd|rd|th)?\s+(?:of\s+)?"
    + MONTH
    + r",?\s+\d{4}|"
    + MONTH
    + r"\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4})\b",
    re.I,
)
# "NHS no 485 777 3456", "nhs number: 4857773456": ten digits, as 3-3-4
NHS_NUMBER = re.compile(
    r"\bnhs\s*(?:no\.?|number|num|#)?\s*(?:is\s+)?[:\-]?\s*(?P<value>\d{3}[\s-]?\d{3}[\s-]?\d{4})\b", re.I
)


def _first(patterns, text: Text, kind: Text) -> Iterable[Found]:
    for value, pattern in patterns:
        found = pattern.search(text)
        if found:
            yield Found(kind, value, found.start(), found.end())
            return


def asking_for_from_answer(text: Text) -> Optional[Text]:
    """Reads the answer to "who is the help for?" ("for my mum", "me, obviously", "I'm her social worker")."""
    if text in (SELF, FAMILY, FRIEND, PROFESSIONAL):
        return text
    for found in find_details(text, asked="asking_for"):
        if found.kind == "asking_for":
            return found.value
    lowered = text.lower()
    if re.search(r"\b(someone|somebody|care for|look after|family|relative)\b", lowered):
        return FAMILY
    if re.search(r"\b(professional|work|worker|gp|nurse|doctor)\b", lowered):
        return PROFESSIONAL
    return None


# Languages an interpreter is asked for in ("interpreter polish for me", "a Romanian interpreter")
INTERPRETED = re.compile(
    r"\b(polish|romanian|lithuanian|latvian|bulgarian|portuguese|spanish|italian|french|german|turkish|kurdish|"
    r"urdu|punjabi|hindi|bengali|bangla|gujarati|tamil|nepali|arabic|farsi|persian|dari|pashto|mandarin|cantonese|"
    r"chinese|russian|ukrainian|albanian|somali|tigrinya|amharic|twi|yoruba|igbo|swahili|greek|hungarian|czech|"
    r"slovak|welsh)\b",
    re.I,
)


def _interpreter(language: Text) -> Text:
    name = language.capitalize()
    return f"{'an' if name[0] in 'AEIOU' else 'a'} {name} interpreter"


def communication_needs_from_answer(text: Text) -> List[Text]:
    """The communication needs named in an answer, in the standard's words ("no letters and no phone
    calls" is never "phone rather than letter": it is how not to contact them); an interpreter with
    the language asked for ("a Romanian interpreter")."""
    refuses_phone = bool(NOT_BY_PHONE.search(text))
    language = INTERPRETED.search(text)
    return [
        _interpreter(language.group(1)) if value == "a language interpreter" and language else value
        for value, pattern in COMMUNICATION_NEEDS
        if pattern.search(text)
        and not (refuses_phone and value == "phone rather than letter")
        and not _said_not_needed(text, pattern)
    ]


# "not sign language", "no BSL!!", "nobody needs BSL", "i am not deaf": a need said not to be there
NEED_DENIED_BEFORE = re.compile(
    r"(?:\bnot|\bno|\bnever|\bnobody\s+needs?|\bno\s*one\s+needs?|\bdon'?t\s+need|\bdoesn'?t\s+need|"
    r"\bwithout|\bneither)\s*[,:]?\s*(?:a\s+|an\s+|the\s+|any\s+)?(?:language\s+|spoken\s+|foreign\s+)?$",
    re.I,
)
# "interpreter free? me pay?", "advocate?", "who help me write complaint? advocate?": asked about, not asked for
ASKED_ABOUT_ONLY = re.compile(
    r"\b(?:free|cost|costs|pay|paid|charge|who|what|how|does|do\s+i|is\s+there)\b", re.I
)


def _asked_about_only(text: Text, at: int) -> bool:
    """Whether the need named at `at` is named in a question about it, not a request for it."""
    start = max((m.end() for m in re.finditer(r"[.?!]", text[:at])), default=0)
    end = next((m.end() for m in re.finditer(r"[.?!]", text[at:])), None)
    if end is None or not text[at : at + end].endswith("?"):
        return False
    sentence = text[start : at + end]
    if INTERPRETED.search(sentence):  # "must i pay for a polish interpreter?": a language asked for
        return False
    return bool(ASKED_ABOUT_ONLY.search(sentence)) or len(re.findall(r"\w+", sentence)) <= 2


NEED_DENIED_IN = re.compile(r"\bnot\s+(?:\w+\s+)?(?:deaf|hard of hearing|blind)\b", re.I)


def _said_not_needed(text: Text, pattern: "re.Pattern[str]") -> bool:
    """Whether a need is denied wherever it is named ("she not deaf", "no BSL"), as residents correct
    a need that was never theirs."""
    return any(
        NEED_DENIED_BEFORE.search(text[max(0, m.start() - 30) : m.start()])
        or NEED_DENIED_BEFORE.search(text[max(0, _named_at(m) - 30) : _named_at(m)])
        or NEED_DENIED_IN.search(m.group(0)[-30:])
        or _asked_about_only(text, _named_at(m))
        for m in pattern.finditer(text)
    )


def _named_at(match: "re.Match[str]") -> int:
    """Where a need's own word begins in its match (a pattern may match from the message's start)."""
    word = re.search(r"[\w'-]+\W*$", match.group(0))
    return match.start() + (word.start() if word else 0)
