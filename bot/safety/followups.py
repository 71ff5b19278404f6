"""What people ask after telling us about a risk, so each question gets its own answer.

After an urgent answer people ask real questions ("is this abuse or am I making a fuss?", "will
they stop my care if I report her?", "do I have to give my name?"). Each kind here has its own
answer in domain.yml (utter_risk_followup_<kind>); the safety policy sends these questions to
action_respond_to_risk only once a concern has been raised in the conversation.
"""

import re
from typing import List, Optional, Sequence, Text

from bot.safety.risk import tidy

# Asked only in the minutes after a medical emergency (bot.safety.dialogue reads them in that
# context alone): "what do i do now", "i dropped the phone", "theyre here", "he died"
MEDICAL_FOLLOWUPS = ("bereaved", "help_arrived", "emergency_now")

FOLLOWUPS = [
    # "he died", "they couldnt save her", "hes gone": sorrow first, nothing to sort out tonight
    (
        "bereaved",
        re.compile(
            r"\b(he|she|they|(my|our)\s+\w+)\s+(has\s+|have\s+|just\s+)?(died|passed(\s+away)?|gone)\b(?!\s+(to|in|into|out|back|home|up|down|off|for|with))|"
            r"\b(couldn't|could\s+not|can't|cannot|didn't|did\s+not)\s+(save|revive|bring)\s+(him|her|them)\b|"
            r"\b(didn't|did\s+not)\s+make\s+it\b|\b(he's|she's|he\s+is|she\s+is)\s+(dead|gone)\b(?!\s+(to|in|into|out|back|home|up|down|off|for|with))|\bthey're\s+dead\b|"
            r"\bpronounced\b|\bpassed\s+away\b"
        ),
    ),
    # "the paramedics are here now", "theyve arrived": the crew takes over
    (
        "help_arrived",
        re.compile(
            r"\b(ambulance|paramedics?|crew|they|police|doctor|responders?)(\s+(men|people|crew|staff|lot))?\s*('re|'s|\s+are|\s+is|\s+have|\s+has)?\s*(just\s+)?"
            r"(here|arrived|got\s+(here|there)|at\s+the\s+door|come|turned\s+up|taken\s+over|working\s+on\s+(him|her|them))\b"
        ),
    ),
    # "what do i do now", "i dropped the phone", "they said push on his chest", "still not breathing"
    (
        "emergency_now",
        re.compile(
            r"\bwhat\s+(do|should|shall|can|must)\s+i\s+do\b|\b(dropped|lost|hung\s+up|cut\s+off|ended|went\s+dead|gone\s+dead)\b|"
            r"\b(push|pushing|press|pressing|pump|pumping)\w*\s+(on\s+)?(his|her|their|the)\s+chest\b|\bcpr\b|\bcompressions?\b|"
            r"\b(coming|on\s+(their|its|the)\s+way|how\s+long)\b|\bstill\s+(not|isn't|won't|on\s+the\s+floor|unconscious)\b|"
            r"\b(breathing|awake|moving|talking|responding)\s+(again|now)\b|\b(help\s+me|please\s+help|hurry|panic\w*|shaking|scared)\b|"
            r"\bi('m|\s+am)\s+doing\s+(it|that|what)\b|\bwhat\s+if\b|"
            # "ok im ringing them now": calling 999, never a request to be rung
            r"\bi('m|\s+am|\s+will|'ll)\s+(ringing|calling|phoning|ring|call|phone)\s+(them|999|an\s+ambulance|the\s+ambulance)\b|"
            # "should i tell her to try and get up", "shes cold and shivering", "hes getting worse"
            r"\bshould\s+(i|she|he|we|they)\b[^.?!]{0,30}\b(get\s+up|move|lift|try|sit\s+up|give|stay)\b|"
            r"\b(cold|shivering|confused|worse|getting\s+worse|more\s+pain|in\s+agony|hours)\b"
        ),
    ),
    # "ok im ringing them now", after someone may be hurt (not a medical emergency): the call, never a request
    (
        "calling_999",
        re.compile(
            r"\bi('m|\s+am|\s+will|'ll)\s+(just\s+)?(ringing|calling|phoning|dialling|ring|call|phone|dial)\s+"
            r"(them|999|an\s+ambulance|the\s+ambulance|the\s+police|101)(\s+now)?\b"
            r"(?!\s+(in\s+a\s+(bit|while|min\w*)|later|tomorrow|after|if|when|in\s+the\s+morning))"
        ),
    ),
    # "it's not abuse, he's on warfarin", "nobody is hurt, take that off", "you've got it wrong"
    (
        "not_a_concern",
        re.compile(
            r"\b(take|remove|delete)\s+(that|it|this|the\s+(\w+\s+)?(label|flag|bit|word|line|danger|abuse))\s+off\b|"
            # "i do NOT have those thoughts", "nobody is neglecting me", "are u saying shes abusing us"
            r"\bi\s+(do\s+not|don't|dont)\s+have\s+(those|these|any\s+(of\s+)?(those|these)|suicidal)\s+(thoughts|feelings)\b|"
            # "nobody is suicidal", "i dont need samaritans, i need someone to help with dad"
            r"\b(nobody|no\s*one)('s|\s+is)\s+suicidal\b|"
            r"\b(don't|dont|do\s+not)\s+need\s+(the\s+)?samaritans\b|\btake\s+(that|the|this|all\s+that)\s+(suicid\w*|self[- ]?harm)\s+(\w+\s+)?off\b|"
            r"\b(nobody|no\s+one|no-one)('s|\s+is)?\s+(neglecting|abusing|hurting)\s+(me|him|her|them)\b|"
            r"\bare\s+(you|u)\s+saying\s+(she's|he's|she\s+is|he\s+is|i'm|i\s+am|it's|they're)\b|"
            r"\b(take|remove)\s+(off\s+)?(the|that)\s+(danger|abuse|neglect|urgent|label|flag)\b|"
            r"\b(it's|it\s+is|its|that's|that\s+is|this\s+is|it\s+was)\s+not\s+(abuse|neglect|a\s+safeguarding|an\s+emergency|like\s+that)\b|"
            r"\b(it|that)\s+(isn't|wasn't)\s+(abuse|neglect|like\s+that)\b|"
            r"\b(nobody|no\s+one|no-one)('s|\s+is|\s+was|\s+got|\s+has\s+been)?\s+(being\s+)?(hurt|in\s+danger|harmed|abused|at\s+risk)\b|"
            r"\bstop\s+saying\s+(it's|it\s+is|that|i'm|she's|he's)\b|"
            r"\byou('ve|\s+have)?\s+(got\s+(it|that|me)\s+wrong|misunderstood|got\s+the\s+wrong\s+idea)\b|"
            r"\b(didn't|did\s+not)\s+mean\s+(it\s+)?like\s+that\b|\bthat's\s+not\s+what\s+i\s+(meant|said)\b|"
            r"\bi\s+(never|didn't|did\s+not)\s+(said|say)\s+(that|anything\s+like\s+that|i\s+(was|wanted))\b|"
            r"\b(he|she)\s+bruises\s+(very\s+|so\s+|really\s+)?(easy|easily)\b|\b(warfarin|blood\s+thinners?)\b"
        ),
    ),
    # "take that out", "i dont want that written down": their words of a worry, asked to be removed
    (
        "take_words_out",
        re.compile(
            r"\b(take|cross|rub|strike|delete|remove|scrub|wipe)\s+(that|it|this|what\s+i\s+(said|wrote|typed)|those\s+words|that\s+(bit|part|line))\s+out\b|"
            r"\b(take|cross|rub|strike)\s+out\s+(what\s+i\s+(said|wrote|typed|told\s+you)|the\s+(bit|part|line))\b|"
            r"\b(delete|remove|erase|wipe)\s+(the\s+(bit|part|line)|what\s+i\s+(said|wrote|typed|told\s+you))\s+about\b|"
            r"\b(don't|do\s+not|dont)\s+want\s+(that|it|this|what\s+i\s+said)\s+(to\s+be\s+)?(written|put|kept|recorded|saved|on\s+(there|record|the\s+request)|down)\b|"
            r"\b(don't|dont|do\s+not)\s+(write|put|record|keep|save)\s+(that|it|this|what\s+i\s+said)(\s+(down|on|in))?\b"
        ),
    ),
    # "does hoarding count as a safeguarding thing?", "is self-neglect a safeguarding concern", "what can
    # the council do about someone hoarding": self-neglect
    (
        "self_neglect",
        re.compile(
            r"\b(self[\s-]?neglect\w*|hoard\w*)\b[^.!]{0,80}\?|"
            r"\b(is|does|do|would|count\w*|classed)\b[^.?!]{0,40}\b(self[\s-]?neglect\w*|hoard\w*)\b|"
            r"\b(self[\s-]?neglect\w*|hoard\w*)\b[^.?!]{0,40}\b(safeguarding|count\w*|classed)\b|"
            r"\bwhat\s+(can|will|does|do)\s+(the\s+council|you|they|adult\s+social\s+care|social\s+services)\b[^.?!]{0,40}\b(self[\s-]?neglect\w*|hoard\w*)\b"
        ),
    ),
    # "is this abuse or am I making a fuss?", "does that count as abuse", "is that neglect"
    (
        "is_it_abuse",
        re.compile(
            r"\b(is|does|would|could)\s+(this|that|it|what\s+(she|he|they)('s|\s+is|\s+are)\s+doing)\s+(count\s+as\s+|really\s+|classed\s+as\s+|called\s+)?(an?\s+)?(abus\w*|neglect\w*|safeguarding)\b|"
            # "is it actually abuse", "is taking his money abuse if he says yes?", "does hoarding count
            # as a safeguarding thing?", "is self-neglect a safeguarding concern"
            r"\bis\s+\w+ing\b[^.?!]{0,40}\b(abuse|neglect)\b[^.!]{0,60}\?|"
            r"\b(does|do|would)\b[^.?!]{0,40}\b(count|counts|classed|class)\s+as\b[^.?!]{0,20}\b(abus\w*|neglect\w*|safeguarding)\b|"
            r"\bis\s+(self[\s-]?neglect|hoarding|\w+\s+abuse)\s+(a\s+|an\s+)?(safeguarding|abuse|neglect)\b|"
            r"\b(make|making)\s+(a\s+)?fuss\b|\bis\s+(it|that|this)\s+((actually|really|still|even)\s+)?(abus\w*|neglect\w*)\b|\boverreact\w*|\bam\s+i\s+(being\s+)?(silly|daft|paranoid|wrong)\b|"
            r"\bwasting\s+(your|their|anyone's)\s+time\b|"
            r"\bshould\s+i\s+(be\s+)?(worried|worry|concerned)(\s+about\s+(her|him|them|this|that|it))?\s*(\?|$|\bor\b)|\bworr(y|ying)\s+(over|about)\s+nothing\b|"
            r"\bam\s+i\s+(over\s*thinking|over\s*reacting|imagining)\b|\bis\s+(it|this|that)\s+(serious|bad|a\s+worry)\b|"
            r"\bwhat\s+(counts|is\s+classed|is\s+classified)\s+as\s+(\w+\s+)?(abuse|neglect)\b|"
            r"\bwhat\s+(is|does)\s+(financial\s+|emotional\s+|domestic\s+)?(abuse|neglect|safeguarding)(\s+mean)?\b"
        ),
    ),
    # "will they stop my care if I report her?", "will I lose my carer", "will they put mum in a home"
    (
        "care_continues",
        re.compile(
            r"\b(stop|lose|losing|take\s+away|cut|end)\b[^.?!]{0,25}\b(my|her|his|their|mum's|dad's)?\s*(care|carers?|help|support|package|services)\b"
            r"(?!'?s?\s+(allowance|assessment|credit|element|premium))|"
            r"\b(put|move|take)\s+(me|her|him|them|mum|dad)\s+(in|into)\s+a\s+(home|care\s+home)\b|"
            r"\bget\s+(her|him|them|the\s+carer)\s+(into\s+trouble|sacked|fired)\b|"
            r"\bwhat\s+(will\s+|would\s+)?(actually\s+)?happens?\s+(if|when)\s+i\s+(report|tell)\b|"
            r"\b(lose|losing)\s+(her|his|their)\s+job\b|"
            r"\b(care|carers?|help|support|visits)\s+(will\s+|would\s+)?(stop|stops|end|ends)(\s+coming)?\b"
        ),
    ),
    # a victim's "don't tell anyone, she'll be cross", "will you tell her what I said?", "I don't
    # want her in trouble": what happens to what they told us, and that their wishes count
    (
        "keep_private",
        re.compile(
            r"\b(don't|do\s+not|never|please\s+don't)\s+tell\s+(anyone|anybody|no\s*one|her|him|them|my\s+\w+|the\s+(police|council|carers?|agency))\b|"
            r"\bkeep\s+(it|this|that|what\s+i\s+said)\s+(a\s+)?(secret|private|quiet|between\s+(us|you\s+and\s+me))\b|"
            r"\b(will|would|are|do)\s+you\s+(be\s+)?(going\s+to\s+|gonna\s+)?(tell|telling)\s+(her|him|them|my\s+\w+)\s+(what|that)\s+i\b|"
            r"\b(don't|do\s+not)\s+want\s+(her|him|them|my\s+\w+)\s+(to\s+(get|be)\s+)?(in|into)\s+trouble\b|"
            r"\b(don't|do\s+not)\s+want\s+(her|him|them|my\s+\w+)\s+to\s+(know|find\s+out)\b|"
            r"\b(will|would|does|did|might|could)\s+(he|she|they)\s+(ever\s+)?(know|no|find\s+out|see|hear)\b(?!\s+(how|what|where|when|it\s+was\s+me|who|that\s+i)\b)|"
            r"\bwhat\s+(happens|will\s+happen|would\s+happen)\s+if\s+(he|she|they|my\s+\w+)\s+(finds?|found)\s+out\b|"
            r"\b(will|would)\s+(they|you|someone|anyone)\s+(tell|talk\s+to|speak\s+to)\s+(him|her)\b(?!\s+(it\s+was\s+me|i|i've|ive|that\s+i|who)\b)|"
            # "will the council tell him i said this?", "will they tell my son what i said"
            r"\b(will|would|do|does)\s+(the\s+council|they|you|thurrock\s+first|social\s+services|staff|anyone)\s+(tell|inform)\s+(him|her|them|my\s+\w+)\s+(what\s+i|that\s+i|i\s+(said|told|wrote)|about\s+(this|it|what\s+i))\b"
        ),
    ),
    # "do I have to give my name?", "will they tell him it was me?", "can I stay anonymous"
    (
        "anonymous",
        re.compile(
            # "will the grandson be told someone reported him?"
            r"\b(will|would)\s+(he|she|they|the\s+\w+|his\s+\w+|her\s+\w+)\s+(be\s+told|find\s+out|know)\s+(someone|somebody|anyone|who)\s+(reported|told|rang|contacted)\b|"
            r"\banonymous\w*|\b(have\s+to|need\s+to|must\s+i)\s+(give|say|tell)\s+(you\s+|them\s+)?my\s+((sur|full\s+|real\s+|last\s+)?name|surname)\b|"
            r"\b(do|does|will)\s+(you|they|it)\s+(need|want|have\s+to\s+have)\s+my\s+(sur|full\s+|real\s+|last\s+)?name\b|"
            r"\b(just|only)\s+(give|say|use)\s+my\s+first\s+name\b|"
            r"\b(tell\w*|know\w*|find\s+out|found\s+out|say)\b[^.?!]{0,25}\b(it\s+was\s+me|i\s+reported|who\s+reported|i\s+told|"
            r"i('ve|\s+have)?\s+(been\s+in\s+touch|got\s+in\s+touch|contacted|rung|called|spoken|talked|reported))\b|"
            r"\bwithout\s+(giving|saying)\s+my\s+name\b|\bkeep\s+my\s+name\b|"
            # "can i just report it through here without leaving my details"
            r"\bwithout\s+(leaving|giving|saying)\s+(my|any)\s+(details|name|number)\b|\b(don'?t|dont|do\s+not)\s+want\s+to\s+give\s+my\s+(name|details)\b"
        ),
    ),
    # "should I ring the police or the agency?"
    (
        "police_or_agency",
        re.compile(
            r"\b(police|101)\b[^.?!]{0,30}\b(or|and)\b[^.?!]{0,30}\b(agency|council|thurrock\s+first|social\s+services|you)\b|"
            r"\b(agency|council|social\s+services)\b[^.?!]{0,30}\bor\b[^.?!]{0,20}\bpolice\b|"
            r"\b(should|do)\s+i\s+(ring|call|phone|tell|contact)\s+the\s+police\b|\bwho\s+(should|do)\s+i\s+(ring|call|tell|report)\b"
        ),
    ),
    # "can the police check on her?", "nobody has seen him, what do I do" (not "when he's home
    # from hospital")
    (
        "welfare_check",
        re.compile(
            # (never a victim's fear: "what if he finds out? will someone come round and talk to him?")
            # (nor one who fears the police at her own door: "will the police come round? will he get into trouble?")
            r"^(?!.*\b(hospital|when\s+(he|she|they)\s+(gets?|comes?|goes?)\s+(home|out|back)|discharged?|finds?\s+out|found\s+out|talk\s+to\s+(him|her)|tell\s+(him|her)|"
            r"don't\s+want\s+(the\s+)?police|(get|be|getting)\s+(in|into)\s+trouble)\b)"
            r".*(\b(welfare\s+check|check\s+on\s+(him|her|them)|break\s+(the\s+door|in(?!\s+(months|weeks|years|ages|days|a\s+(long\s+)?while)\b))|get\s+in(to)?\s+(the|her|his)\s+(flat|house))\b|"
            r"\b(police|someone|somebody|anyone|anybody)\s+(\w+\s+){0,3}?(go|going|come|coming|get|getting)\s+(round|over|to\s+(him|her|them))\b|"
            r"\b(police|someone)\s+(visit|look\s+in)\b)"
        ),
    ),
    # "i'll ring 101 in a bit", "i'll leave it till the morning": a call put off, after a worry about
    # someone not seen or hurt
    (
        "waiting_to_call",
        re.compile(
            r"\b(i'll|i\s+will|i'm\s+going\s+to|gonna|might)\s+(ring|call|phone|try)\s+(101|them|the\s+police|999)?\s*"
            r"(in\s+a\s+(bit|while|minute|min)|later|tomorrow|in\s+the\s+morning|after\s+\w+|if\s+(he|she|they|nothing))\b|"
            r"\b(leave\s+it|give\s+it|wait)\s+(till|until|til)\s+(the\s+)?(morning|tomorrow|later)\b|\bwait\s+and\s+see\b"
        ),
    ),
    # "should I call 999 or is that overreacting?", "999 or 101?": answered even before a concern
    (
        "call_999",
        re.compile(
            r"\b(should|do|shall|can)\s+i\s+(just\s+)?(call|ring|phone|dial)\s+(999|an\s+ambulance|the\s+police)\b|\b(call|ring|dial)\s+999\s+(now\s+)?or\b|"
            # "what if she's fallen?", of someone not seen
            r"\bwhat\s+if\s+(she|he|they)('s|\s+has|\s+have|'ve)?\s+(fallen|collapsed|had\s+a\s+fall)\b|"
            r"\b999\s+or\s+101\b|\b101\s+or\s+999\b|\bis\s+(it|this|that)\s+(an\s+)?emergency\b"
        ),
    ),
    # "will I get in trouble?", "will they take him off me?": a carer who fears they may harm
    (
        "carer_in_trouble",
        re.compile(
            r"\b(i|i'll|i'm|me)\s+(\w+\s+){0,2}?((get|be|am|being)\s+)?(in|into)\s+trouble\b|\bget\s+me\s+(in|into)\s+trouble\b|\btake\s+(him|her|them|my\s+\w+)\s+away\b|\bthink\s+(i'm|i\s+am)\s+neglect\w*|\b(blame|accuse)\w*\s+me\b|\b(take|taking|took)\s+(him|her|them|my\s+\w+)\s+(off|away\s+from)\s+me\b|"
            r"\b(i|i'll|i'm|me)\b[^.?!]{0,15}\b(arrest|arrested|prosecuted)\b|"
            # "wdym report neglect?? im not neglecting her": a carer who hears blame
            r"\b(i'm|i\s+am|im)\s+not\s+(the\s+one\s+)?(neglect\w*|abus\w*|hurting|harming)\b|\bare\s+you\s+saying\s+(it's\s+|it\s+is\s+)?(me|i'm|i\s+am|my\s+fault)\b|"
            r"\bnot\s+my\s+fault\b|\bi('m|\s+am)\s+doing\s+my\s+best\b"
        ),
    ),
    # "should i ring 111 for mum?", "is it a 111 thing": answered even before a concern
    (
        "call_111",
        re.compile(
            r"\b(should|do|shall|can|could)\s+i\s+(call|ring|phone|dial|try)\s+(nhs\s+)?111\b|\b111\s+or\s+(999|the\s+gp|a\s*&\s*e)\b|"
            r"\b(999|the\s+gp)\s+or\s+111\b|\bis\s+(it|this|that)\s+(a\s+)?111\b|"
            # "i feel a bit dizzy and shakey now" (a diabetic who has not eaten): unwell now, told plainly
            r"\b(i|i'm|i\s+am|im)\s+(feel\w*\s+|feeling\s+|going\s+|getting\s+)?(a\s+bit\s+|really\s+|very\s+|so\s+)?"
            r"(dizzy|shak(y|ey|ing)|faint|light[\s-]?headed|wobbly|funny\s+in\s+my\s+head)\b|"
            # someone ill now and nobody to help: "my little brother has a really high temperature … what
            # do i do", "he's really hot and won't stop crying", "my brother is ill and no adult can help"
            r"\b(high\s+temperature|temperature\s+is\s+(really\s+|so\s+|very\s+)?high|a\s+fever|feverish|burning\s+up|"
            r"(he's|she's|he\s+is|she\s+is|they're|baby\s+is|feels?)\s+(really|so|very)\s+hot|(is|he's|she's|they're)\s+(really\s+|so\s+|very\s+)?(ill|i'll|poorly|unwell|sick)|being\s+sick|"
            r"throwing\s+up|vomiting|can't\s+stop\s+(being\s+sick|coughing))\b"
            r".{0,120}?\b(what\s+(do|should|can)\s+i\s+do|wat\s+do\s+i\s+do|no\s+(adult|adults|grown\s*ups?)\b|"
            r"won't\s+stop\s+(crying|screaming|shaking|being\s+sick)|help\s+(me|now|please|pls)|please\s+help|pls\s+help)"
        ),
    ),
    # "is there anyone for kids like childline", "someone for young people to talk to": answered any time
    (
        "for_young_people",
        re.compile(
            r"\bchild\s*line\b|\b(kids|children'?s|young\s+people'?s|teen|teenage)\s+(help\s*line|line|charity|phone\s*line)\b|"
            r"\b(anyone|anybody|someone|somebody|somewhere|help|anything|something|a\s+service|people|a\s+number)\b[^.?!]{0,25}"
            # ("is there any help for young carers": the carer's answer, with the young carer's assessment)
            r"\bfor\s+(kids|children|young\s+people|teenagers|teens|young\s+carers(?=[^.?!]{0,15}\btalk)|someone\s+my\s+age|people\s+my\s+age)\b"
        ),
    ),
    # "no!! i need help now", "please help me now", "help me quick": someone who needs help this minute
    (
        "help_now",
        re.compile(
            r"^\W*(no\W+|please\W+|pls\W+)*(i\s+)?(need|want)\s+(some\s+)?help\s+(now|right\s+now|asap|urgently|quick(ly)?|straight\s+away)(\W+(please|pls|now))?\W*$|"
            r"^\W*(please\W+|pls\W+)*help(\s+me)?\s+(now|right\s+now|quick(ly)?|asap|urgently)(\W+(please|pls|now))?\W*$|"
            r"\bsomeone\s+(help|come)\s+(me\s+)?now\b|\bneed\s+(an\s+)?adult\s+now\b"
        ),
    ),
    # "can he see this chat?", "how do I delete this"
    (
        "chat_private",
        re.compile(
            r"\b(can|will|could|would|might)\s+(he|she|they|anyone|someone|somebody|my\s+\w+)\s+(see|read|find|look\s+at)\s+"
            r"((this|the|my|our)\s+(chat|messages?|conversation)|what\s+i('ve)?\s+(wrote|written|typed|said|put))\b|"
            r"\b(he|she|they|my\s+\w+)\s+(will|'ll|might|could|can|may)\s+(see|read|find)\s+(this|it|what\s+i)\b|"
            r"\b(delete|clear|hide|wipe|remove)\s+(this|the|my)\s+(chat|conversation|messages|history)\b"
        ),
    ),
    # "why does it say urgent?", "why suicide? I said I'm fine"
    (
        "why_flagged",
        re.compile(
            r"\bwhy\b[^.?!]{0,40}\b(urgent|suicid\w*|self[- ]harm|abuse|safeguarding|999|flag\w*|marked|say\s+that)\b"
        ),
    ),
    # "i cant hear on the phone so i cant ring samaritans", "im deaf", "phones are no good for me":
    # the ways to get help without a call
    (
        "cant_phone",
        re.compile(
            r"\b(can't|cannot|can\s+not|unable\s+to|struggle\s+to|hard\s+to)\s+(hear|talk|speak)\s+(on|over|down)\s+(the|a)\s+(phone|fone)\b|"
            r"\b(can't|cannot|can\s+not)\s+(ring|call|phone|fone)\s+(samaritans|them|anyone|anybody|111|999|a\s+helpline|the\s+helpline|that\s+number|those\s+numbers|it)\b|"
            r"\b(i'm|i\s+am|im)\s+(deaf|hard\s+of\s+hearing|profoundly\s+deaf)\b|\bdeaf\s+(so|and)\s+(i\s+)?(can't|cannot)\b|"
            r"\b(phones?|calls?|phoning|(talking|speaking|hearing)\s+on\s+the\s+phone)\s+(are|is)\s+(too\s+)?(hard|difficult|no\s+good|impossible)(\s+for\s+me)?\b|"
            r"\bi\s+(don't|do\s+not)\s+(do|use)\s+(the\s+)?phones?\b"
        ),
    ),
    # "is there someone I can just talk to?", "I don't want police at my door"
    (
        "someone_to_talk_to",
        re.compile(
            r"\b(someone|somebody|anyone|anybody)\s+(i\s+(can|could)\s+|to\s+)?just\s+(talk|speak|chat)\s+(to|with)\b|"
            r"\b(talk|speak|chat)\s+to\s+(someone|somebody|anyone|anybody)?\s*(tonight|now|right\s+now)\b|"
            r"\bwho\s+(can|could)\s+i\s+(talk|speak)\s+to\s+(tonight|now|right\s+now)\b|"
            r"\bdon't\s+want\s+(the\s+)?(ambulance|999)\s+(at|round|coming|to\s+come)\b"
        ),
    ),
    # "will they call the police on him?", "I don't want the police involved"
    (
        "police_involved",
        re.compile(
            r"\b(will|would|do)\s+(they|you|the\s+council|thurrock\s+first|staff)\s+(call|tell|ring|get|involve|phone|report\s+(it|him|her)\s+to)\s+(in\s+)?(the\s+)?police\b|"
            r"\b(involve|involving)\s+the\s+police\b|"
            r"\b(will|would|could|does|do)\s+(he|she|they|my\s+\w+)\s+(get|be|go)\s+(in(to)?\s+trouble|arrested|prosecuted|charged|to\s+prison|to\s+jail)\b|\bor\s+(tell|call|ring|get)\s+the\s+police\b|\bdon't\s+want\s+(the\s+)?police\s+involved\b|\bpolice\s+on\s+(him|her|them|my\s+\w+)\b|"
            r"\b(don't|do\s+not|never)\s+want\s+(him|her|them|my\s+\w+)\s+(to\s+be\s+|to\s+get\s+|getting\s+)?(arrested|prosecuted|charged|locked\s+up|sent\s+to\s+prison)\b"
        ),
    ),
    # "will anything be posted to my house?", "he opens my letters", "will they come round?"
    (
        "contact_safely",
        re.compile(
            r"\b(anything|something|letters?|post|mail|paperwork)\b[^.?!]{0,25}\b(posted|sent|send|come|arrive|delivered)\b[^.?!]{0,20}\b(house|home|address|door|flat)\b|"
            r"\bwill\s+(they|you|someone|anyone|the\s+council)\s+(write\s+to|send\s+(me\s+)?(a\s+)?letters?|post\s+(me\s+)?anything|come\s+(to\s+(the|my|our)\s+(house|home|flat)|round))\b|"
            r"\b(he|she|they|my\s+\w+)\s+(reads|opens|checks|goes\s+through|answers|sees)\s+(my|all\s+my|the)\s+(letters|post|mail|phone|emails|messages)\b|"
            r"\b(he|she)\s+(might|will|could|would|may)\s+(see|read|find|open|answer)\b[^.?!]{0,15}\b(letter|post|mail|phone|email|message|text)s?\b"
        ),
    ),
    # "should i get rid of the tablets ive been stockpiling", after telling of them
    (
        "saved_tablets",
        re.compile(
            r"\b(get\s+rid\s+of|throw\s+(them\s+)?(away|out)|hand\s+(them\s+)?in|take\s+(them\s+)?back|give\s+(them\s+)?away|keep|bin)\b"
            r"[^.?!]{0,40}\b(tablets|pills|meds|medication|medicines?|them)\b[^.?!]{0,40}\b(saved|saving|stockpil\w*|kept|keeping|hoard\w*)\b|"
            r"\b(do|should)\s+i\s+(need\s+to\s+)?(get\s+rid\s+of|throw\s+away|bin|hand\s+in)\s+(them|the\s+(tablets|pills|meds))\b"
        ),
    ),
    # "what do i do if he's worse tonight, the office won't be open": after a worry, who is there at night
    (
        "worse_tonight",
        re.compile(
            r"\b(worse|bad|kicks?\s+off|does\s+something)\b[^.?!]{0,40}\b(tonight|overnight|at\s+night|in\s+the\s+night|at\s+the\s+weekend)\b|"
            r"\b(office|they|thurrock\s+first|council)\b[^.?!]{0,25}\b(closed|shut|won'?t\s+be\s+open|not\s+(be\s+)?open|won'?t\s+be\s+there)\b|"
            # "should i be ringing someone tonight or can it wait till the doctors?"
            r"\bcan\s+it\s+wait\b|\bshould\s+i\s+(be\s+)?(ringing|calling|phoning|ring|call|phone)\s+(someone|anyone|somebody)\s+(tonight|now)\b"
        ),
    ),
    # "what happens next?", "how long will it take", "will someone come today"
    (
        "what_next",
        re.compile(
            r"\bwhat\s+(happens|will\s+happen|would\s+happen)\s+(next|now|after|afterwards)\b|"
            r"\bwhat\s+(will|would)\s+(actually\s+)?happen\b(\s+(if|when)\s+i\s+(told|tell|report\w*)\b|\s*\?)|"
            r"\bhow\s+(long|soon|quickly)\b[^.?!]{0,30}\b(take|come|call|ring|contact|hear)\b|"
            r"\bwill\s+(someone|anyone|they)\s+(come|call|ring|visit|go\s+round|go\s+and\s+see)\b"
        ),
    ),
    # "I've rung the agency and nobody answers"
    (
        "no_answer",
        re.compile(
            r"\b(no\s+one|nobody|no-one)\s+(answers|answered|is\s+answering|picks\s+up|picked\s+up|rang\s+back|called\s+back)\b|"
            r"\b(tried|rang|called|phoned|ringing|calling)\b[^.?!]{0,40}\b(no\s+answer|no\s+reply|voicemail|answerphone|engaged|not\s+answering)\b"
        ),
    ),
    # "where can I go?", "I need to get away from him"
    (
        "somewhere_safe",
        re.compile(
            r"\b(where\s+(can|could|do|should)\s+i\s+go|somewhere\s+(safe|to\s+go|to\s+stay|i\s+(could|can)\s+go)|refuge|get\s+away\s+from|"
            # (never a carer's "i cant leave her", "i can't leave him on his own")
            r"(?<!can't\s)(?<!cannot\s)(?<!cant\s)(?<!not\s)leave\s+(him|her|home)(?!\s+(on\s+(his|her)\s+own|alone|by\s+(him|her)self)))\b|"
            r"\b(can|could|should|shall)\s+i\s+(stay|go|sleep|move|live)\s+(at|to|with|in)\s+(my\s+\w+|a\s+friend|someone|a\s+mate)\b|"
            r"\bso\s+(he|she|they)('s|\s+is|\s+are|'re)?\s+not\s+(there|around|near)\b"
        ),
    ),
]


# "she has my phone", "i cant fone": no phone of their own to get help with
NO_PHONE_OF_THEIR_OWN = re.compile(
    r"\b(has|took|taken|got|keeps|hides|hid|broke|smashed)\s+my\s+(phone|mobile)\b|\b(can't|cannot)\s+(phone|ring|call|use\s+(the|my|a)\s+phone)\b|"
    r"\bno\s+phone\b|\b(don't|do\s+not)\s+have\s+a\s+phone\b"
)


# The writer says they are a child ("im 15", "i am 14", "i'm in year 10"): a young person's answers too
YOUNG_WRITER = re.compile(
    r"\b(i'm|im|i\s+am)\s+(only\s+)?(1[0-7]|[89]|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen)\b"
    r"(?!\s*(stone|st\b|kg|lbs?\b|pounds|weeks|months|minutes|mins|miles|hours|%|percent|quid|£|am\b|pm\b|o'clock))|"
    r"\b(i'm|im|i\s+am)\s+in\s+year\s+([5-9]|1[0-3])\b"
)
# "will they take me and my brother away?", "will we be put in care": a child's fear of asking for help
TAKEN_AWAY = re.compile(
    r"\b(take|taken|taking|took|put|split)\s+(me|us|my\s+(little\s+|baby\s+)?(brother|sister|bro|sis))\b[^.?!]{0,30}\b(away|into\s+care|in\s+care|up)\b|"
    r"\b(we|i)\s+(will|would|'ll)?\s*(be|get)\s+(taken\s+away|put\s+in(to)?\s+care|split\s+up)\b"
)


def writer_is_young(texts: Sequence[Text]) -> bool:
    """Whether the writer said, in any message, that they are under 18."""
    return any(YOUNG_WRITER.search(tidy(text or "")) for text in texts)


def fears_being_taken_away(text: Text) -> bool:
    return bool(TAKEN_AWAY.search(tidy(text or "")))


# Asked with or without a concern told first: a person may be in danger now.
ANSWERED_ANY_TIME = ("call_999", "call_111", "for_young_people", "help_now", "young_fears")
# Also asked before any concern: what abuse or safeguarding is, and whether a safeguarding referral
# means trouble for a worried relative ("the police said it's a safeguarding thing, am I in trouble?")
ABOUT_SAFEGUARDING = re.compile(r"\b(abus\w*|neglect\w*|safeguard\w*)\b")


def answered_any_time(kind: Optional[Text], text: Text) -> bool:
    """Whether a follow-up question is answered even when no concern was told before it."""
    if kind in ANSWERED_ANY_TIME:
        return True
    return kind in ("is_it_abuse", "carer_in_trouble", "self_neglect") and bool(
        ABOUT_SAFEGUARDING.search(tidy(text or ""))
    )


def followup_kinds(text: Text, medical: bool = False) -> List[Text]:
    """Every follow-up question a message asks ("999 or 101? and will they tell him it was me?");
    those of a medical emergency only just after one (`medical`)."""
    tidied = tidy(text or "")
    kinds = [
        kind
        for kind, pattern in FOLLOWUPS
        if (medical or kind not in MEDICAL_FOLLOWUPS) and pattern.search(tidied)
    ]
    if "self_neglect" in kinds:  # "does hoarding count as safeguarding?": answered as self-neglect alone
        kinds = [kind for kind in kinds if kind != "is_it_abuse"]
    return kinds


def followup_kind(text: Text, medical: bool = False) -> Optional[Text]:
    """Which follow-up question a message asks first, if any."""
    kinds = followup_kinds(text, medical)
    return kinds[0] if kinds else None


# The answer to "is it safe for us to contact you, and how?" or "are you safe right now?".
CONTACT_WAY = (
    r"\b(phone|ring|call|text|email|e-mail|letter|post|contact|visit|answer|safe|mobile|number|landline)\b"
)
CONTACT_ANSWER = re.compile(
    CONTACT_WAY + r"|^(yes|no|yeah|nope|ok|okay|not\s+really|i\s+am|i'm\s+not|i'm\s+ok|i'm\s+fine|fine)\b"
)
SAFE_NOW = re.compile(
    r"^(yes|yeah|yep|i\s+am|i'm\s+(ok|okay|fine|alright|safe)|ok|okay|fine|safe)\b|\b(i'm|i\s+am)\s+safe\b"
)


# "can we carry on with jamie's thing", "carry on where we were", "back to my request"
CARRY_ON = re.compile(
    r"\b(carry on|continue|keep going|go on with|get back to|back to (?:it|my|the|what|where|jamie)|"
    r"where we (?:were|left off)|pick (?:it )?up where|(?:haven't|not)\s+finished)\b"
)


# "no it's not me, it's my dad saying it": the answer to "are you safe?" says someone else is at risk
NOT_ME = re.compile(
    r"\b(not|isn't|wasn't)\s+(me|about\s+me|for\s+me)\b|"
    r"\bit's\s+(my|his|her|our)\s+\w+\s+(saying|who|that's|that\s+is|not\s+me)\b|"
    r"\b(he|she|they)('s|\s+is|\s+was)\s+the\s+one\b"
)


def says_someone_else(text: Text) -> bool:
    return bool(NOT_ME.search(tidy(text or "")))


def asks_to_carry_on(text: Text) -> bool:
    return bool(CARRY_ON.search(tidy(text or "")))


def answers_contact_question(text: Text) -> bool:
    return bool(CONTACT_ANSWER.search(tidy(text or "")))


# The harm itself said not to be so ("it's not abuse, he bruises easily", "nobody is hurting her", "you've
# got it wrong"), not only the answer pushed back ("i dont need samaritans", "999?? its not like that,
# hes not hitting her right now"): only these take a worry about someone else off.
HARM_DENIED = re.compile(
    r"\b(it's|it\s+is|its|that's|that\s+is|this\s+is|it\s+was)\s+not\s+(abuse|neglect|a\s+safeguarding)\b|"
    r"\b(it|that)\s+(isn't|wasn't)\s+(abuse|neglect)\b|"
    r"\b(nobody|no\s*one|no-one)('s|\s+is|\s+was|\s+has\s+been)?\s+(being\s+)?"
    r"(hurt|harmed|abused|neglected|hurting|abusing|neglecting|hitting|taking)\b(?![^.?!]{0,25}\b(right\s+)?now\b)|"
    r"\b(he|she|they)\s+(isn't|is\s+not|wasn't|was\s+not|aren't|never|doesn't|does\s+not|didn't|did\s+not)\s+"
    r"(\w+\s+)?(hurting|abusing|neglecting|hit|hitting|hurt|abuse|take|taking|steal|stealing)\b"
    r"(?![^.?!]{0,30}\b((right\s+)?now|at\s+the\s+moment|today|anymore)\b)|"
    r"\byou('ve|\s+have)?\s+(got\s+(it|that|me|this)\s+wrong|misunderstood|got\s+the\s+wrong\s+idea)\b|"
    r"\b(didn't|did\s+not)\s+mean\s+(it\s+)?like\s+that\b|\bthat's\s+not\s+what\s+i\s+(meant|said)\b|"
    r"\bi\s+(made|got)\s+(a\s+mistake|it\s+wrong)\b|\bbruises\s+(very\s+|so\s+|really\s+)?(easy|easily)\b|"
    r"\b(warfarin|blood\s+thinners?|thin\s+skin)\b"
)


def denies_the_harm(text: Text) -> bool:
    """ "it's not abuse, she bruises easily", not "i dont need samaritans" or "its not like that, hes
    not hitting her right now" (the worry stands: only the answer, or how urgent, is pushed back)."""
    return bool(HARM_DENIED.search(tidy(text or "")))


def names_a_way_to_contact(text: Text) -> bool:
    """ "text me, he reads my post", not "I am scared of her" (which starts like "I am safe")."""
    return bool(re.search(CONTACT_WAY, tidy(text or "")))


# Negations that reassure: "I'm not going to do anything", "I didn't mean it like that", "oh god no,
# I'm fine", "not suicidal": said with "I'm safe", they never make it a "no".
REASSURING = re.compile(
    r"\bnot\s+(?:going\s+to|gonna)\s+(?:do|hurt|harm|try)\s+(?:anything(?:\s+(?:daft|stupid|silly|like\s+that))?|myself|it)\b|\bnot\s+suicidal\b|"
    r"\b(?:i'm\s+|i\s+am\s+)?not\s+(?:calling|ringing|phoning)\s+999\b|\bdon't\s+worry(?:\s+about\s+me)?\b|"
    r"\bdidn't\s+mean\s+(?:it\s+)?(?:like\s+that|that)\b|\bnothing\s+like\s+that\b|"
    r"^\W*(?:oh\s+)?(?:god\s+|gosh\s+)?no\b[\s,.!-]*(?=i'm\s+(?:fine|ok|okay|safe|alright))"
)


# "I don't know", "not sure", "maybe": to "are you safe right now?", not a yes
UNSURE = re.compile(
    r"^\W*(?:i\s+)?(?:really\s+|honestly\s+|just\s+)?(?:don't|do\s+not|dont)\s+(?:really\s+)?know\b|"
    r"^\W*(?:i'm\s+|i\s+am\s+)?(?:not\s+(?:really\s+)?sure|unsure)\b|^\W*(?:dunno|idk|no\s+idea|maybe|possibly|"
    r"hard\s+to\s+say|i\s+guess(?:\s+so)?|kind\s+of|sort\s+of)\W*$"
)


def says_unsure(text: Text) -> bool:
    return bool(UNSURE.search(tidy(text or "")))


def reassures(text: Text) -> bool:
    """ "Don't worry, I'm not going to do anything daft": said without being asked if they are safe."""
    return bool(REASSURING.search(tidy(text or "")))


def says_safe_now(text: Text) -> bool:
    """ "Yes I'm safe, I'm not going to do anything": safe; "no", "not really", "I'm not safe": not."""
    tidied = tidy(text or "")
    calm = REASSURING.sub(" ", tidied).strip()
    reassured = calm != tidied.strip()
    if reassured:  # "no, I'm not going to do anything", "lol no I'm not suicidal": the "no" reassures
        calm = re.sub(r"^\W*(?:(?:lol|haha|oh|god|gosh|ha)\W+)*no\b\W*", "", calm)
    return bool(reassured or SAFE_NOW.search(calm)) and not re.search(r"\bnot\b|\bno\b", calm)
