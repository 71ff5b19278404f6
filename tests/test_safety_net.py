"""Reading risk (bot/safety/risk.py) on its own, without the model: the patterns send danger and
self-harm to the urgent answers and leave ordinary questions alone; context, grades, follow-up
questions and the concern kept for the handover. (The held-out measure, with the trained model,
is tests/test_risk_heldout.py.)"""

import pytest

from bot.safety.concern import causing_harm, new_concern, safe_contact
from bot.safety.followups import followup_kind, names_a_way_to_contact
from bot.safety.risk import (
    ABUSE,
    CARER_HARM,
    DISTRESS,
    INTENT_OF_KIND,
    MISSED_CARE,
    NEGLECT,
    NO_RISK,
    SELF_HARM,
    DANGER,
    SOMEONE_ELSE,
    Risk,
    in_context,
    read_conversation,
    read_message,
)
from tests.test_training_data import PROJECT_DIR, examples_by_intent


def urgent_intent(text: str) -> str:
    return INTENT_OF_KIND.get(read_message(text).kind, "")


@pytest.mark.parametrize(
    "text, intent",
    [
        ("my son keeps saying he will kill himself", "urgent_self_harm"),
        ("I don't want to live any more", "urgent_self_harm"),
        ("she took an overdose last night", "urgent_self_harm"),
        ("thinking about suicide", "urgent_self_harm"),
        ("my daughter self-harms", "urgent_self_harm"),
        ("everyone would be better off without me", "urgent_self_harm"),
        ("I don't want to wake up tomorrow", "urgent_self_harm"),
        ("some days I wish I was dead", "urgent_self_harm"),
        ("I'm not safe with myself tonight", "urgent_self_harm"),
        ("I can't go on like this", "urgent_self_harm"),
        ("I don't see the point in going on", "urgent_self_harm"),
        ("my mum's carer hits her", "safeguarding_concern"),
        ("I think my neighbour is being neglected", "safeguarding_concern"),
        ("the agency worker stole from my dad", "safeguarding_concern"),
        ("Dad fell in the garden and can't get up", "safeguarding_concern"),
        ("my mum has fallen and hurt herself", "safeguarding_concern"),
        ("I want to hurt myself", "urgent_self_harm"),
        ("I'm being ABUSED by my partner", "safeguarding_concern"),
        ("I don't feel safe, I'm in danger", "safeguarding_concern"),
        # kinds of urgent phrasing the net once left to the classifier alone, in new words
        ("my partner wants to end it all", "urgent_self_harm"),
        ("I keep thinking about killing myself", "urgent_self_harm"),
        ("she says she wants to die", "urgent_self_harm"),
        ("he's swallowed all of his tablets", "urgent_self_harm"),
        ("honestly life is not worth living any more", "urgent_self_harm"),
        ("my son is a danger to himself", "urgent_self_harm"),
        ("I just want to disappear", "urgent_self_harm"),
        ("Mum's boyfriend is hurting her", "safeguarding_concern"),
        ("a carer slapped my grandad", "safeguarding_concern"),
        ("my aunt's neighbour is exploiting her", "safeguarding_concern"),
        ("my sister is being controlled by her partner", "safeguarding_concern"),
        ("I'm terrified of my son", "safeguarding_concern"),
        ("the home care worker is taking my mum's pension", "safeguarding_concern"),
        ("my uncle has bruises on his arms", "safeguarding_concern"),
        ("nobody is looking after the old man downstairs", "safeguarding_concern"),
        ("my grandma fell down the stairs and is bleeding", "safeguarding_concern"),
        ("my dad is lying on the floor", "safeguarding_concern"),
        ("the lady opposite hasn't been seen all week", "safeguarding_concern"),
        ("the carers are not feeding him", "safeguarding_concern"),
        ("my mum's flat has no heating in this cold", "safeguarding_concern"),
        ("mum fell last night and she can't get up off the floor", "safeguarding_concern"),
        ("he fell over and now he can't move his leg", "safeguarding_concern"),
        ("honestly I don't see the point any more", "urgent_self_harm"),
        ("i cant see the point in anything since dad died", "urgent_self_harm"),
        ("my son grabs me by my wrists when he's angry", "safeguarding_concern"),
        ("dad is on his own and isn't eating at all, he won't answer the door", "safeguarding_concern"),
        ("oh god i think i can hear him calling out inside, what do i do", "safeguarding_concern"),
        ("the carer yanked her arm when she wouldn't get up", "safeguarding_concern"),
    ],
)
def test_urgent_messages_are_caught(text, intent):
    assert urgent_intent(text) == intent


@pytest.mark.parametrize(
    "text",
    [
        "do they take my pension into account",
        "I need a rail so I don't fall in the bath",
        "what can I spend my direct payment on",
        "I'm scared of the financial assessment",
        "will my house be counted",
        "can I pay my daughter to look after me",
        "would I be better off with a direct payment",
        "I can't go on the bus on my own",
        "is there any point in going on with the assessment",
        "will a direct payment hurt my benefits",
        "my back hurts when I get out of the bath",
        "who controls the money with a direct payment",
        "the council takes money from my pension for care",
        "I fell behind with my care bill",
        "I'm at risk of losing my job because of caring",
        "I want to end my direct payment and go back to council care",
        "I want to take advantage of direct payments",
        "I'm frightened of falling in the shower",
        "please delete my details, I want to disappear from your system",
        "I'm thinking about dying at home rather than in hospital",
        "can I push my wheelchair on the bus",
        "my son is on the floor above",
        "she fell twice last week and can't manage the stairs",
        "dad has fallen three times this month and lives alone",
        "he fell a few weeks ago and hurt his arm, he needs help washing",
        "I don't see the point any more of ringing them, nobody answers",
        "I don't see the point in a financial assessment if I have savings",
        "the carer grabbed my arm to stop me falling",
        "Ivy is 92, lives alone, isn't eating properly and can't manage the stairs",
        "i can hear her shouting at the telly again, she's fine, she just wants to know about day centres",
        "he twisted his wrist when he fell off the kerb",
    ],
)
def test_ordinary_questions_are_left_alone(text):
    assert not read_message(text).urgent


def test_patterns_never_overrule_a_labelled_example():
    # the patterns override the model, so an example they send to the wrong urgent answer would be
    # answered wrongly every time (as "my mum has fallen and hurt herself" once got self-harm advice)
    labelled = sorted((PROJECT_DIR / "data" / "nlu").glob("*.yml")) + [
        PROJECT_DIR / "tests" / "nlu_heldout.yml"
    ]
    overruled = [
        (text, intent, urgent_intent(text))
        for intent, texts in examples_by_intent(*labelled).items()
        for text in texts
        if urgent_intent(text) not in ("", intent)
    ]
    assert overruled == []


@pytest.mark.parametrize(
    "text, kind, imminent",
    [
        ("i'm going to do it tonight, i've got the tablets ready", SELF_HARM, True),
        ("I took a whole box of my pills about an hour ago", SELF_HARM, True),
        ("I keep thinking I'd be better off dead", SELF_HARM, False),
        ("my brother keeps telling me he wants to die", SOMEONE_ELSE, False),
        ("i'm frightened i might hurt my wife, i nearly hit her today", CARER_HARM, False),
        ("the agency never came this evening and dad can't get to the toilet", MISSED_CARE, False),
        ("nobody has seen the lady upstairs for a week", NEGLECT, False),
        ("my son-in-law makes mum hand over her bank card every friday", ABUSE, False),
        ("feel like killng myslef", SELF_HARM, False),
        ("the man who comes to help mum took forty pounds from her handbag", ABUSE, False),
    ],
)
def test_kinds_and_grades(text, kind, imminent):
    assert read_message(text) == Risk(kind, imminent)


def test_a_vague_message_is_a_risk_only_after_a_worrying_one():
    assert read_message("I just want everything to stop now").kind in (DISTRESS, SELF_HARM)
    vague = "I can't do this any more"
    assert not read_conversation([(vague, read_message(vague))]).urgent
    before = "nobody would care if I was gone"
    assert read_conversation([(before, read_message(before)), (vague, read_message(vague))]).kind == SELF_HARM
    ordinary = "the website keeps logging me out"
    assert not read_conversation([(ordinary, read_message(ordinary)), (vague, read_message(vague))]).urgent


def test_no_to_are_you_safe_after_self_harm_is_imminent_and_yes_is_not():
    earlier = [Risk(SELF_HARM)]
    assert in_context(NO_RISK, earlier, "no not really") == Risk(SELF_HARM, True)
    assert not in_context(NO_RISK, earlier, "yes I'm safe, thanks").urgent
    assert not in_context(NO_RISK, [Risk(ABUSE)], "no").urgent


def test_the_classifier_alone_is_not_enough_for_an_ordinary_need():
    assert not read_message("this form is killing me", "urgent_self_harm", 0.99).urgent
    assert not read_message("I'm worried about my mum", "safeguarding_concern", 0.99).urgent
    assert not read_message("I'm so tired", "urgent_self_harm", 0.95).urgent
    assert read_message("I feel there's nothing ahead for me any more", "urgent_self_harm", 0.9).urgent


@pytest.mark.parametrize(
    "text, kind",
    [
        ("is this abuse or am I just making a fuss?", "is_it_abuse"),
        ("will they stop my care if I report her?", "care_continues"),
        ("do I have to give my name?", "anonymous"),
        ("do i have to give my surname", "anonymous"),
        ("do they need my full name or can I just give my first name", "anonymous"),
        ("will anything be posted to my house?", "contact_safely"),
        ("he opens all my post so please dont write", "contact_safely"),
        ("will they come round to the house, he's always in", "contact_safely"),
        ("can you post me the easy read leaflet", None),
        ("will that get me in trouble? will they take him off me?", "carer_in_trouble"),
        ("can he see this chat on the ipad after", "chat_private"),
        ("will my carers stop coming if i report him?", "care_continues"),
        ("ok but 999 or 101, which one", "call_999"),
        ("theyve taken him to hospital, will someone check on him when he gets home?", None),
        ("why does it say suicide?? i said im fine", "why_flagged"),
        ("will they tell him ive been in touch?", "anonymous"),
        ("his son is aggressive, will they tell him it was me?", "anonymous"),
        ("should I ring the police or the agency?", "police_or_agency"),
        ("can the police check on her?", "welfare_check"),
        ("what happens now?", "what_next"),
        ("should i be worried or am i overthinking it", "is_it_abuse"),
        ("nobody has seen him since friday", None),  # a concern told, read by the risk reader
        ("what is a direct payment", None),
        ("should i be worried about paying for it", None),
        ("should i call 999 now or wait for them?", "call_999"),
        ("i work part time, does that stop me getting carers allowance?", None),  # a benefit, not care
    ],
)
def test_follow_up_questions(text, kind):
    assert followup_kind(text) == kind


def test_the_concern_names_who_may_cause_harm_and_how_to_contact_safely():
    text = "my partner is my carer too and he pushes me about"
    concern = new_concern(text, read_message(text), "2026-12-03T20:00")
    assert concern["their_words"] == [text]
    assert concern["who_may_be_causing_harm"] == "my partner"
    assert concern["who_may_be_at_risk"] == "the person writing"
    assert causing_harm("the carer takes money out of mum's purse") == "the carer"
    assert safe_contact("not by phone, he will answer it").startswith("not by phone")
    assert safe_contact("email is safe, only email").startswith("email only")


def test_the_evenings_residents_kinds_are_heard():
    """Written after residents played by helpers (2026-12-05, late): each read as its kind."""
    from bot.safety.risk import read_message

    assert (
        read_message("thing is hes been really low lately, keeps saying whats the point of going on").kind
        == "someone_else"
    )
    assert (
        read_message(
            "carer hasnt turned up for my mum tonight, she cant get herself into bed, shes 91 and sat in her chair. what do i do??"
        ).kind
        == "missed_care"
    )
    assert read_message("i lost my temper and slapped him, im so ashamed").kind == "carer_harm"
    assert read_message("what do i do if the carer doesnt turn up one day").kind == ""


@pytest.mark.parametrize(
    "text, kind",
    [
        ("my dad has left the gas on twice and a neighbour found him wandering at night", "unsafe_alone"),
        ("mum keeps leaving the hob on", "unsafe_alone"),
        ("i left the oven on while i popped out", ""),
        ("she wandered into the garden last night but we found her straight away", ""),
        ("the lodger does mums banking now and her savings have dropped by thousands", "abuse"),
        ("my son does her banking and it is all fine", ""),
        ("i had a bad day but im ok", ""),
    ],
)
def test_someone_unsafe_on_their_own_or_their_money_run_down_by_another_is_heard(text, kind):
    assert read_message(text, None, 0.0).kind == kind


def test_fear_or_the_person_coming_again_after_an_abuse_concern_is_more_of_it():
    for text in ("she comes tomorrow", "she comes tomorrow. i am scared"):
        assert in_context(read_message(text), [Risk("abuse")], text).kind == "abuse"
    assert not in_context(read_message("she comes tomorrow"), [], "she comes tomorrow").urgent
    assert not read_message("my mum comes tomorrow to help").kind


@pytest.mark.parametrize(
    "text, intent, kind",
    [
        # a carer near breaking point, in their own words: heard, as a carer's strain, never 999 for danger
        ("sometimes i feel like just walking out and leaving her", None, "carer_harm"),
        ("i snapped at him last night, i could just walk out the door and not come back", None, "carer_harm"),
        ("i would never hurt her but i shouted at her today", "safeguarding_concern", "carer_harm"),
        ("some days i could just get in the car and go and leave him to it", None, "carer_harm"),
        ("i feel like walking out of this job", None, ""),
        # said not to be so, or explained: no label
        ("carry on. im ok im not going to hurt him i just need someone to ring me", None, ""),
        ("what?? i said im NOT going to hurt him. nobodys in danger", None, ""),
        ("why does it say someone in danger or hurt now?? nobody is hurt. take that off", None, ""),
        ("he bruises easy because of his warfarin, the carers need to know", "safeguarding_concern", ""),
        ("it's not abuse, she's on blood thinners", "safeguarding_concern", ""),
        # and the same words of real harm still count
        ("the support worker shouts at me and takes my phone", None, "abuse"),
        ("easy read. the suport worker shouts at me. is sumone coming", None, "abuse"),
        ("he bruises easily but these are finger marks on her arms and the carer grabbed her", None, "abuse"),
        ("my husband is in danger, why does it say routine", None, "danger"),
        # a diabetic left without a meal because nobody came
        (
            "today nobody came at lunch so shes had nothing to eat and shes diabetic. i want to complain",
            None,
            "missed_care",
        ),
        ("what happens if the carers dont turn up and she is diabetic", None, ""),
        # someone else's hopelessness, said by a sister: heard, and as his, not hers
        ("lately he says he doesnt see the point in anything. who helps with housing?", None, "someone_else"),
        ("last night he said he might as well not be here. what do i do", None, "someone_else"),
        ("im scared he might hurt himself", None, "someone_else"),
        ("he doesnt see the point in going to the day centre", None, ""),
        # hopelessness about oneself or everything (Tyler, 19), never about an errand
        ("honestly whats the point in anything anymore", None, "self_harm"),
        ("no like i mean everything. whats even the point of me", None, "self_harm"),
        ("whats the point in me getting up", None, "self_harm"),
        ("whats the point in anything anymore if the council never rings back", None, "distress"),
        ("what's the point of a review", None, "distress"),
        # the sixth blind batch's kinds, in other words
        (
            "ive given the cat to my neighbour and sorted out my will, so i wont be needing the carers",
            None,
            "self_harm",
        ),
        ("i cant see any reason to keep going now shes gone", None, "self_harm"),
        ("my daughter keeps telling me she wants to be dead", None, "someone_else"),
        ("he was hitting his head against the door again last night", None, "someone_else"),
        ("the night carer pinches me if i ring the bell", None, "abuse"),
        ("my uncle touches me when nobody is home", None, "abuse"),
        ("the agency staff keep missing dads evening insulin", None, "neglect"),
        ("im going to walk out tonight and leave dad to it", None, "carer_harm"),
        (
            "still nobody here and im stuck in bed and need the loo",
            None,
            "missing_care".replace("missing", "missed"),
        ),
        ("i gripped his wrist too tight when he wouldnt stand up", None, "carer_harm"),
        ("she self harmed when she was at school but shes doing well now", None, ""),
        ("i dont want to be here anymore in this bungalow, can i move nearer my son", None, ""),
        # a word a letter away from a risk word is its own word
        ("last thing, i might be homeless in january, are there housing people i can ring?", None, ""),
    ],
)
def test_a_carer_at_breaking_point_and_a_label_said_to_be_wrong(text, intent, kind):
    assert read_message(text, intent, 1.0 if intent else 0.0).kind == kind


def test_no_phone_because_the_person_causing_harm_has_it_is_an_answer_about_contact():
    """Jordan, asked how to contact him safely: "i cant fone she has it" was "not understood"."""
    for text in ("i cant fone she has it. i am on the ipad", "she took my phone"):
        assert safe_contact(text).startswith("not by phone") and names_a_way_to_contact(text)
    assert safe_contact("ring me any time") is None


@pytest.mark.parametrize(
    "text, kind",
    [
        ("im so tired, i havent had a break in months. can i get respite for her", None),
        ("can the police break in to check on her", "welfare_check"),
        ("why would i call the police?? nobody got hurt, stop saying its dangerous", "not_a_concern"),
    ],
)
def test_a_break_from_caring_is_not_a_break_in(text, kind):
    assert followup_kind(text) == kind


@pytest.mark.parametrize(
    "text, kind",
    [
        ("IM NOT SUICIDAL. WILL MY SON GET IN TROUBLE", "police_involved"),
        ("will he be arrested if i report it", "police_involved"),
        ("will i get in trouble", "carer_in_trouble"),
        ("will i be arrested for shaking her", "carer_in_trouble"),
    ],
)
def test_whether_the_person_causing_harm_gets_in_trouble_is_about_the_police_not_the_carer(text, kind):
    """Ray asked whether his son would get in trouble: he was told about a break and a carer's assessment."""
    assert followup_kind(text) == kind


@pytest.mark.parametrize(
    "text, kind",
    [
        ("will he no", "keep_private"),
        ("if i tell wil he find out", "keep_private"),
        ("can i stay at my nans", "somewhere_safe"),
        ("can i go to my nan so hes not there", "somewhere_safe"),
        ("will he know how to fill in the form", None),
    ],
)
def test_shelleys_questions_after_telling_us_are_answered(text, kind):
    """Shelley (Easy Read), after telling us her boyfriend takes her money and locks her in: "will he
    no" and "can i stay at my nans" got the supported-living text and "I did not understand"."""
    assert followup_kind(text) == kind


def test_playing_it_down_after_a_risk_answer_is_heard_as_safe_for_now():
    from bot.safety.followups import reassures, says_safe_now

    text = "don't worry, I'm not going to do anything daft. I'm not calling 999."
    assert reassures(text) and says_safe_now(text)


@pytest.mark.parametrize(
    "text, kind",
    [
        (
            "wife in hosp since last nite. she does it all for me. nobody to get me to bed now",
            "without_carer",
        ),
        (
            "my son who cares for me was blue lighted to basildon, how do i get up in the morning",
            "without_carer",
        ),
        (
            "dad is mums carer and he got taken into hospital today, there's nobody to see to her",
            "without_carer",
        ),
        ("my partner looks after me, she's gone into hospital and i'm on my own tonight", "without_carer"),
        ("my husband was my carer, he died two years ago and nobody helps me now", ""),
        ("my mum is in hospital, can I visit her on the ward", ""),
        ("my dad's in hospital and nobody here has told us when he's coming home", ""),
        ("my wife is in hospital, what respite is there for when she's back", ""),
    ],
)
def test_left_with_nobody_when_the_carer_is_suddenly_away_is_urgent(text, kind):
    """A person whose carer was taken into hospital (or died, or left) today, with nobody to help with
    bed or the toilet, is urgent; a carer's death long ago or a visit to a ward is not."""
    assert read_message(text, None, 0.0).kind == kind


@pytest.mark.parametrize(
    "text, kind",
    [
        ("wife went hospital last nite. ambulance. shes my carer", "without_carer"),
        ("my husband looks after me and he was taken in this morning", "without_carer"),
        ("he has it. i dont always get the money back and i cant buy my shopping some weeks", "abuse"),
        ("my nephew has got my post office card and won't let me have it", "abuse"),
        ("i knocked and knocked, no answer but i can hear the tv on", "neglect"),
        ("i rang the bell but no answer, he must be out shopping", ""),
        ("dad keeps leaving the gas on and going out wandering at 3am", "unsafe_alone"),
        ("can we get a gas shut off valve, mum left the gas on once", ""),
    ],
)
def test_round_thirteen_residents_risks_are_heard(text, kind):
    """Told by residents played by helpers: a carer taken in last night, a pension card kept by a
    grandson, a neighbour's telly on behind a door nobody answers, a father leaving the gas on."""
    assert read_message(text, None, 0.0).kind == kind


@pytest.mark.parametrize(
    "text, kind",
    [
        ("ill ring 101 in a bit", "waiting_to_call"),
        ("i'll leave it till the morning and see", "waiting_to_call"),
        ("is someone going to go round today?", "welfare_check"),
        ("i might ring my sister later", None),
    ],
)
def test_a_call_put_off_and_asking_if_someone_will_go_round_are_heard(text, kind):
    """A neighbour told to call 999 who says "I'll ring 101 in a bit" is told not to wait."""
    assert followup_kind(text) == kind


def test_what_cannot_be_done_after_the_carer_went_into_hospital_is_more_of_the_worry():
    """Ron's wife, his carer, was taken in last night; "she does the bed and toilet. slept in chair"
    was answered with breaks for carers, "cant get on toilet myself" with grab rails. Said after it,
    what he cannot do now is more of the same worry; a question about the hours is not."""
    from bot.safety.risk import read_conversation

    said = [
        "wife went hospital last nite. ambulance. shes my carer",
        "no not breaks. im in wheelchair. she does the bed and toilet. slept in chair",
        "im not the carer. she is. cant get on toilet myself",
        "just need someone help tonite. bed. toilet. havent eaten much either",
        "what if after 7",
    ]
    readings, kinds = [], []
    for text in said:
        readings.append((text, read_message(text)))
        kinds.append(read_conversation(readings).kind)
    assert kinds == ["without_carer"] * 4 + [""]
    assert (
        read_conversation([("my mum went to bed early", read_message("my mum went to bed early"))]).kind == ""
    )


def test_not_wanting_a_relative_arrested_is_a_question_about_the_police():
    assert followup_kind("i dont want him arrested, hes family") == "police_involved"


def test_round_e_a_carer_who_died_in_the_night_and_money_gone_with_a_card():
    """Margaret's husband, her carer, died in the night: "hes my carer, i cant get out of bed" after it
    was "not understood"; money gone while a carer holds the bank card is abuse."""
    from bot.safety.risk import read_conversation

    first = "my husband died in the night i think hes gone hes not breathing"
    second = "i cant get to him i have ms i cant get out of bed on my own hes my carer"
    readings = [(first, read_message(first)), (second, read_message(second))]
    assert read_conversation(readings).kind == "without_carer"
    assert (
        read_message("the new carer holds dads bank card now and £300 has gone from his account").kind
        == "abuse"
    )
    assert read_message("i cant do this much longer").kind == "distress"


@pytest.mark.parametrize(
    "text, medical",
    [
        ("my mum wont wake up properly shes had loads to drink and she took some of her tablets", True),
        ("please shes not waking up what do i do", True),
        ("its my mum. shes breathing but its weird and slow", True),
        ("i think dad has taken too many of his pills", True),
        ("my dad is not waking up in time for his carers", False),
        ("she takes a lot of tablets every day", False),
    ],
)
def test_someone_who_will_not_wake_or_has_overdosed_is_an_ambulance(text, medical):
    """Kayden (14): "my mum wont wake up properly... took some of her tablets" got "did you mean"."""
    from bot.safety.risk import DANGER, is_medical

    assert is_medical(text) is medical
    assert (read_message(text).kind == DANGER) is medical


def test_the_writers_own_overdose_stays_a_risk_to_their_life():
    assert read_message("i took a handful of my tablets about an hour ago").kind != "danger"
    assert read_message("some days i hope i dont wake up").kind == SELF_HARM


@pytest.mark.parametrize(
    "text",
    [
        "SUICIDE?? i never said that. i told you im safe. take that out",
        "you're not listening. i do NOT have those thoughts. i want a break thats all",
        "it says neglect on it, nobody is neglecting me. can you change that",
        "abuse?? my mum didnt abuse us. are u saying shes abusing us",
    ],
)
def test_the_label_said_back_in_protest_is_never_a_new_worry(text):
    """Marie's "SUICIDE?? i never said that" was answered "If you might act on these thoughts, call 999"
    and added to her request as more of the worry."""
    assert read_message(text) == NO_RISK
    assert followup_kind(text) == "not_a_concern"


@pytest.mark.parametrize(
    "text, how",
    [
        (
            "not by letter he opens the post. and not the landline. only my mobile 07700 900417. please dont leave a message",
            ["not by letter", "not the landline", "no voicemail", "mobile only"],
        ),
        (
            "i never said the phone doesnt work. the MOBILE is fine, its the house phone thats not safe. i dont do email he reads it",
            ["not by email", "not the landline"],
        ),
    ],
)
def test_a_safe_way_to_contact_is_written_as_said_never_its_opposite(text, how):
    """Janet ("only my mobile ... not the landline") was written down as "not by phone; not by text"."""
    said = safe_contact(text).split(" (their words")[0].split("; ")
    assert all(part in said for part in how), said
    assert "not by phone" not in said and "not by text" not in said


def test_a_victims_fear_of_him_finding_out_is_never_a_welfare_check():
    """Janet's "what happens if he finds out? will someone come round or talk to him?" got "call the
    police on 101 and ask them to check on the person"."""
    from bot.safety.followups import followup_kinds

    kinds = followup_kinds(
        "what happens if he finds out? will someone come round to the house or talk to him?"
    )
    assert "welfare_check" not in kinds and "keep_private" in kinds
    assert followup_kinds("can the police check on her") == ["welfare_check"]


@pytest.mark.parametrize(
    "text, kind",
    [
        ("is there anyone for kids like childline or something", "for_young_people"),
        ("is there someone for young carers to talk to", "for_young_people"),
        ("help for children with disabilities", "for_young_people"),
        ("is there help for my mum", None),
    ],
)
def test_a_young_person_asking_for_someone_of_their_own_is_answered_any_time(text, kind):
    """Kayden (14), at night: "is there anyone for kids like childline" got "Turning 18"."""
    from bot.safety.followups import answered_any_time

    assert followup_kind(text) == kind
    assert answered_any_time(kind, text) is (kind is not None)


def test_not_washed_for_weeks_said_of_oneself_is_a_need_not_a_report_of_neglect():
    """Bill (79): "i havent had a proper wash in weeks. i need somone to help me" got "if you think they
    may be hurt inside, call 999; ask the police to check on the person"."""
    assert read_message("i havent had a proper wash in weeks. i need somone to help me") == NO_RISK
    assert read_message("he hasnt had a wash in weeks and the flat stinks").kind == NEGLECT


@pytest.mark.parametrize(
    "text, kinds",
    [
        ("is it actually abuse if dad says its ok? and what happens next?", ["is_it_abuse", "what_next"]),
        ("is taking his money abuse even if he says yes? what will happen?", ["is_it_abuse", "what_next"]),
        ("does hoarding/self neglect count as a safeguarding thing?", ["self_neglect"]),
        ("so is this a safeguarding thing or not?", ["is_it_abuse"]),
        ("no!! i need help now", ["help_now"]),
        ("i need help now with my direct payment form", []),
        ("is there anyone i can talk to thats not the council. like a kids helpline", ["for_young_people"]),
        ("pls hes really hot and wont stop crying", ["call_111"]),
        ("my brother is ill and no adult can help", ["call_111"]),
        ("its really hot in her flat and she wont stop complaining", []),
        ("mum is really ill and nobody helps with her shopping", []),
        # someone who cannot use a phone is given the ways without one (an older man who can't hear
        # on the phone got the alarms page)
        ("i cant hear on the phone so i cant ring samaritans", ["cant_phone"]),
        ("IM DEAF. CANT PHONE THEM", ["cant_phone"]),
        ("talking on the phone is too hard for me, is there another way", ["cant_phone"]),
        ("phones are no good for me since the stroke", ["cant_phone"]),
        ("i can't ring my son, he's at work", []),
        # feeling ill now (a diabetic alone who has not eaten): 999 or 111, never the self-harm answer
        ("i feel a bit dizzy and shakey now", ["call_111"]),
        ("i get dizzy spells, can i have a grab rail", []),
        ("he won't answer the phone to me", []),
    ],
)
def test_questions_about_a_worry_or_someone_ill_now_are_heard(text, kinds):
    """A daughter's "is this abuse? what would happen?" and a housing officer's "does self-neglect
    count as safeguarding?" were never answered; a 15-year-old alone at night with a feverish brother
    got a needs assessment and then "You're welcome"."""
    from bot.safety.followups import ANSWERED_ANY_TIME, followup_kinds

    found = followup_kinds(text)
    assert [k for k in kinds if k in found] == kinds
    if not kinds:
        assert not set(found) & set(ANSWERED_ANY_TIME)


def test_a_child_who_gave_their_age_is_heard_as_young():
    from bot.safety.followups import fears_being_taken_away, writer_is_young

    assert writer_is_young(["hi", "i look after my mum. im 15"])
    assert not writer_is_young(["im 15 minutes away", "i am 17 stone", "im 78"])
    assert fears_being_taken_away("if i tell social services will they take me and my brother away??")


@pytest.mark.parametrize(
    "text, urgent",
    [
        ("theres no gas leak, he just wont let the engineer in for the annual check", False),
        ("he won't let anyone in, including the gas safety engineer", False),
        ("i can smell gas in her flat", True),
        ("she keeps letting strangers in at night", True),
    ],
)
def test_danger_said_not_to_be_there_is_not_danger(text, urgent):
    """A housing officer's "there's NO gas leak" was told "Please call 999 now"."""
    assert read_message(text).urgent is urgent


@pytest.mark.parametrize(
    "text, kind",
    [
        ("he has my pip paid into his account and i never see any of it", "abuse"),
        ("things are hard at home. when hes angry he takes my phone off me and shouts", "abuse"),
        ("the carer takes my phone away from me to charge it", ""),
        ("my pension goes into the joint account and i never see the statements", ""),
    ],
)
def test_benefits_kept_from_someone_or_a_phone_taken_in_anger_is_abuse(text, kind):
    """Janet's "he has my pip paid into his account… he takes my phone off me and shouts" was heard
    only while the classifier was sure of it; after a retraining it was "change a detail"."""
    assert read_message(text).kind == kind


@pytest.mark.parametrize(
    "text, imminent",
    [
        (
            "i fell last week and now the stairs are hard. i am 78. sometimes i think everyone would be better off without me",
            False,
        ),
        ("i want to die now", True),
        ("im ending it now i cant take it", True),
    ],
)
def test_now_in_a_story_is_not_a_time_to_act(text, imminent):
    """Harold's "…and now the stairs are hard… everyone would be better off without me" got "call 999
    now, or go to A&E"; "im ending it now" was read as distress only."""
    risk = read_message(text)
    assert risk.kind == "self_harm" and risk.imminent is imminent


@pytest.mark.parametrize(
    "text, kind",
    [
        # the label or its answer pushed back: never a new self-harm answer (a GP receptionist got
        # Samaritans three times)
        ("what?? why are you giving me samaritans, nobody is suicidal. i just want to send the referal", ""),
        ("NO take that suicide stuff off, thats completly wrong, i am not at risk and neither is she", ""),
        ("right dr patel says yes she agreed at the apointment. can we do it now", ""),
        ("i want to do it now", "distress"),
        ("im not going to hurt myself dear. i just need my tea", ""),
        ("i never said i wanted to hurt myself. please take that off. its about my carer not coming", ""),
        ("can you change the request so it says about the missed visit not suicide, thats wrong", ""),
        ("my carer. she didnt come tonight and i havent had nothing to eat", "missed_care"),
        # a pension taken with the card, whatever comes after it ("he goes to the post office with his card")
        (
            "his grandson moved in and i'm fairly sure he's taking his pension - he goes to the post office "
            "with mr fenwick's card and he hasn't got money for the electric",
            "abuse",
        ),
        ("my daughter takes my pension to the post office for me", ""),
    ],
)
def test_pushback_is_not_a_risk_and_a_pension_taken_is(text, kind):
    assert read_message(text).kind == kind


def test_a_carer_who_cannot_leave_her_is_not_asking_for_somewhere_safe():
    """Lee, who cares for his wife: "i cant leave her" got the domestic abuse helpline."""
    from bot.safety.followups import followup_kinds

    assert "somewhere_safe" not in followup_kinds(
        "do they come to the house or do i have to go somewhere, i cant leave her"
    )
    assert "somewhere_safe" in followup_kinds("i need to leave him, where can i go")


def test_feeling_ill_in_the_body_is_never_self_harm_by_the_classifier_alone():
    """Joan (81, diabetic, no tea): "i feel a bit dizzy and shakey now" got "move away from your pills"."""
    assert read_message("i feel a bit dizzy and shakey now", "urgent_self_harm", 0.9) == NO_RISK
    assert read_message("im so shaky, i want to end it all", "urgent_self_harm", 0.9).kind == "self_harm"


@pytest.mark.parametrize(
    "text, kind",
    [
        # on the floor now, in few words
        ("i fall again now. on floor. no can stand up", DANGER),
        ("i on floor. hurt leg", DANGER),
        ("my dad is on the floor in the kitchen", DANGER),
        # a calm goodbye and belongings given away, told by family: someone else's risk
        ("he said to me 'you won't have to worry about me much longer mum'", SOMEONE_ELSE),
        ("he's stopped going out and last week he gave away his guitar, hes been so low", SOMEONE_ELSE),
        ("i cant bring myself to ask him if he might do something to himself", SOMEONE_ELSE),
    ],
)
def test_warning_signs_told_plainly_are_read(text, kind):
    assert read_message(text).kind == kind


@pytest.mark.parametrize(
    "text",
    [
        "she gave away her old clothes to the charity shop",
        "the carpet on the floor is loose",
        "i fell last year and cant stand for long",
        "she keeps her tablets on the floor",
    ],
)
def test_ordinary_words_near_those_signs_are_not(text):
    assert read_message(text).kind == ""


@pytest.mark.parametrize(
    "text, kind",
    [
        (
            "i heard a big crash from the flat above 2 hours ago and now nothing, he isnt answering his door",
            DANGER,
        ),
        ("tbh everyone would manage fine if i just disappeared", SELF_HARM),
        (
            'my brother sent me a text saying "sorry for everything, look after mum" and now hes not answering',
            SOMEONE_ELSE,
        ),
        ("some days i wonder whats the point anymore honestly", DISTRESS),
    ],
)
def test_more_ways_of_telling_are_read(text, kind):
    assert read_message(text).kind == kind


@pytest.mark.parametrize(
    "text",
    [
        "can you let the council know so someone checks before they send him home to an empty flat",
        "i dont get time to ring during the day, im on the floor til 2 and cant have my phone",
        "we will manage fine if i just disappear for the weekend",
    ],
)
def test_an_empty_flat_a_shift_on_the_floor_and_a_weekend_away_are_not(text):
    assert read_message(text).kind == ""


@pytest.mark.parametrize(
    "text",
    [
        "it still says risk of suicide. take it off",
        "so theyre ringing me about suicide now. brilliant. can i add something",
        "get them to ring me then. and dont put down that im suicidal or something because im not",
    ],
)
def test_the_label_named_in_a_complaint_is_no_new_risk(text):
    """A widower who said he was safe got "call 999 now, move away from pills" for complaining."""
    assert read_message(text).kind == ""


@pytest.mark.parametrize(
    "text",
    [
        "honestly some days i think mark would be better off with someone else doing it and me just not here anymore. anyway its 07700 900412",
        "theyd all be better off with me gone",
        "i keep thinking about suicide",
    ],
)
def test_wishing_not_to_be_here_inside_another_answer_is_a_risk(text):
    """A carer's hint, typed with his phone number at the form's question, was missed."""
    assert read_message(text).kind == "self_harm"


def test_being_better_off_with_me_doing_something_else_is_no_risk():
    for text in ("she would be better off with me not working", "hes better off with me looking after him"):
        assert read_message(text).kind == ""


def test_no_way_on_is_a_risk_and_a_fall_told_as_past_is_not_danger_now():
    """Round 4: "honestly i cant see a way through this anymore", typed with a phone number, was missed
    (and read as "blind"); "shes been on the floor for hours last time" got "call 999 now"."""
    assert read_message("07700 900256. honestly i cant see a way through this anymore").kind == "self_harm"
    assert read_message("i cant see a way to get him to the appointment").kind == ""
    assert read_message("is it marked urgent? shes been on the floor for hours last time").kind == ""
    assert read_message("she fell last week and shes on the floor again now").kind == "danger"
    assert (
        read_message(
            "the neighbour does her shopping but has been taking her money and not bringing change back"
        ).kind
        == "abuse"
    )
