"""Never the same answer three times in a row: the Rasa server's responses, with a loop guard.

Residents who did not get what they needed ask again in other words ("what happens next?", "how long
do I wait?", "who will ring me?"), and the same answer came back each time, word for word. Every
response Rasa renders (a rule's `utter_…`, or one a custom action asks for) passes through here, so
the guard holds for every answer without a rule of its own: an answer given for the previous message
comes, the second time, with "that's all I can tell you here…" and the way to a person after it (a
second question on one topic may be answered by the same text), or only with those when they said it
was said before ("you said all that before"); the third time in a row it is a plain offer of a person;
the fourth time the answer alone again. So no reply is the same as either
of the two before it. Which answers are guarded: the topic answers and the other informative ones
below (not questions, which may rightly come again).
"""

import re
from typing import Any, Dict, List, Optional, Set, Text

from rasa.core.nlg import TemplatedNaturalLanguageGenerator
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import BotUttered, SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.utils.endpoints import EndpointConfig

from bot.content import topic_titles
from bot.settings import settings

# Informative answers with no topic of their own, and the words "that's all I can tell you about…" uses.
OTHER_ANSWERS = {
    "utter_what_happens_next": "what happens next",
    "utter_no_request": "your request",
    "utter_nothing_to_add_to": "your request",
    # answers to questions asked after a concern ("can I report it anonymously?" asked twice)
    "utter_risk_followup_anonymous": "giving your name",
    "utter_risk_followup_is_it_abuse": "whether it counts as abuse",
    "utter_risk_followup_care_continues": "your care",
    "utter_risk_followup_police_or_agency": "who to tell",
    "utter_risk_followup_police_involved": "the police",
    "utter_risk_followup_welfare_check": "calling 999 or 101",
    "utter_risk_followup_what_next": "what happens next",
    "utter_risk_followup_what_next_reporter": "what happens next",
    "utter_risk_followup_contact_safely": "how to contact you safely",
    "utter_risk_followup_someone_to_talk_to": "someone to talk to",
    "utter_risk_followup_self_neglect": "self-neglect and hoarding",
    "utter_risk_followup_young_fears": "this worry",
    "utter_risk_followup_for_young_people": "Childline",
    "utter_risk_followup_call_111": "when to call 999 or 111",
    "utter_risk_followup_cant_phone": "ways to get help without a phone",
}
SAID_AGAIN = ("utter_answer_again", "utter_answer_again_person")


def answer_topics() -> Dict[Text, Text]:
    topics = {f"utter_{intent}": title.lower() for intent, title in topic_titles().items()}
    return {**topics, **OTHER_ANSWERS}


# Asking for the same answer in another form ("easy read pls", "read it out"): said again on purpose,
# so never guarded, nor counted as asked again
ANOTHER_FORM = {"easy_read_on", "easy_read_off", "read_aloud"}
ANOTHER_FORM_SAID = "another form"


def responses_per_turn(tracker: DialogueStateTracker) -> List[Set[Text]]:
    """The responses given for each of the resident's messages, the latest message's last (a message
    asking for another form of the answer counts as none)."""
    turns: List[Set[Text]] = []
    for event in tracker.events:
        if isinstance(event, UserUttered):
            turns.append(set())
            if (event.intent or {}).get("name") in ANOTHER_FORM:
                turns[-1].add(ANOTHER_FORM_SAID)
        elif isinstance(event, BotUttered) and turns and ANOTHER_FORM_SAID not in turns[-1]:
            action = (event.metadata or {}).get("utter_action")
            if action:
                turns[-1].add(action)
    return turns


# "you said all that before", "thats the same thing", "you didn't answer": the answer above did not help
SAID_BEFORE = re.compile(
    r"\b(?:same\s+(?:thing|answer|again|reply)|said\s+(?:that|all\s+that|it|this)\s+(?:before|already)|"
    r"(?:you|u)\s+(?:already|just)\s+said|not\s+what\s+i\s+(?:asked|said)|(?:didn'?t|did\s+not|havent|haven'?t)\s+answer|"
    r"(?:you|u)\s+(?:keep|kept)\s+saying|repeat(?:ing)?\s+yourself|told\s+me\s+that\s+already)\b",
    re.I,
)
NOTED = "utter_details_noted"


def noted_this_turn(tracker: DialogueStateTracker) -> bool:
    """Whether a reply to the latest message already said which details were noted."""
    for event in reversed(tracker.events):
        if isinstance(event, UserUttered):
            return False
        if isinstance(event, BotUttered) and ((event.metadata or {}).get("utter_action") or "").startswith(
            NOTED
        ):
            return True
    return False


def times_in_a_row(tracker: DialogueStateTracker, response: Text) -> int:
    """How many of the messages just before the latest one got this response, without a break."""
    count = 0
    for said in reversed(responses_per_turn(tracker)[:-1]):
        if ANOTHER_FORM_SAID in said:
            continue
        if response not in said:
            break
        count += 1
    return count


SAVED_REQUEST_BUTTON = "Save my request for Thurrock First"


class LoopGuardNLG(TemplatedNaturalLanguageGenerator):
    """The domain's responses, as Rasa renders them, with the loop guard above."""

    def __init__(self, endpoint_config: Optional[EndpointConfig] = None, domain: Optional[Domain] = None):
        super().__init__((domain or Domain.empty()).responses)
        self.topics = answer_topics()

    async def generate(
        self, utter_action: Text, tracker: DialogueStateTracker, output_channel: Text, **kwargs: Any
    ) -> Optional[Dict[Text, Any]]:
        # settings a response may name, so a response predicted without its action still reads right
        kwargs = {
            "retention_days": str(settings().retention_days),
            "privacy_url": settings().public_url.rstrip("/") + "/chat/privacy",
            **kwargs,
        }
        if f"{utter_action}_saved" in self.responses and not settings().delivery_methods():
            # nothing sends requests: each question says what the detail is for, never "they'll call you"
            utter_action = f"{utter_action}_saved"
        if utter_action.startswith(NOTED) and noted_this_turn(tracker):
            return None  # "I've also noted…" once a reply, however many steps noted it
        topic = self.topics.get(utter_action)
        another_form = ANOTHER_FORM_SAID in (responses_per_turn(tracker) or [set()])[-1]
        repeats = times_in_a_row(tracker, utter_action) % 3 if topic and not another_form else 0
        if repeats == 2:  # the third time in a row: a person, briefly
            return await super().generate(SAID_AGAIN[1], tracker, output_channel, **kwargs)
        answer = await super().generate(utter_action, tracker, output_channel, **kwargs)
        if (
            repeats == 1 and answer
        ):  # the second time: the answer (a second question on the topic may be answered by it) and
            # its limit; told it was said before, only its limit, never the same words again
            again = await super().generate(
                SAID_AGAIN[0], tracker, output_channel, **{**kwargs, "topic": topic}
            )
            latest = (tracker.latest_message.text if tracker.latest_message else "") or ""
            if again and SAID_BEFORE.search(latest):
                answer = {**again, "buttons": answer.get("buttons") or again.get("buttons")}
            elif again:
                answer = {
                    **answer,
                    "text": f"{answer.get('text') or ''}\n\n{again.get('text') or ''}".strip(),
                    "buttons": answer.get("buttons") or again.get("buttons"),
                }
        answer = without_the_actions_buttons(answer, kwargs.get("buttons"))
        if (
            answer
            and NUMBER_ONLY.search(answer.get("text") or "")
            and not EMAIL_GIVEN.search(answer.get("text") or "")
            and phone_does_not_work(tracker)  # "I cant phone. deaf. only email": never only a number
        ):
            instead = await super().generate("utter_email_instead", tracker, output_channel, **kwargs)
            if instead:
                answer = {**answer, "text": f"{answer.get('text') or ''}\n{instead.get('text') or ''}"}
        if answer and answer.get("buttons") and not settings().delivery_methods():
            # nothing sends requests: the button says what it does, never "ask someone to contact me"
            answer = {
                **answer,
                "buttons": [
                    {**button, "title": SAVED_REQUEST_BUTTON}
                    if button.get("payload") == "/request_callback"
                    else button
                    for button in answer["buttons"]
                ],
            }
        return answer


NUMBER_ONLY = re.compile(r"01375 511 000")
EMAIL_GIVEN = re.compile(r"thurrock\.first@thurrock\.gov\.uk")


def phone_does_not_work(tracker: DialogueStateTracker) -> bool:
    """They said the phone is no good for them ("not by phone", "email only"), and not since that it is."""
    said = None
    for event in tracker.events:
        if isinstance(event, SlotSet) and event.key == "contact_preference" and isinstance(event.value, list):
            if "not by phone" in event.value:
                said = "no email" not in event.value  # "no phone, no email": never "email them instead"
            elif {"phone call", "mobile, not the landline"} & set(event.value):
                said = False
    return bool(said)


def without_the_actions_buttons(
    answer: Optional[Dict[Text, Any]], added: Optional[List[Dict[Text, Any]]]
) -> Optional[Dict[Text, Any]]:
    """A custom action's own buttons are added to the response's by Rasa: each button once ("Main
    menu" showed twice under a repeated answer after a concern)."""
    if not answer or not added or not answer.get("buttons"):
        return answer
    taken = {button.get("payload") for button in added} | {button.get("title") for button in added}
    kept = [b for b in answer["buttons"] if b.get("payload") not in taken and b.get("title") not in taken]
    return {**answer, "buttons": kept}
