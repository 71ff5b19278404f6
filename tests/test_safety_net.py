"""The keyword safety net sends danger and self-harm to the urgent answers, and nothing else."""

import pytest
import yaml

from bot.server.nlu.safety_net import SafetyNet
from tests.test_training_data import PROJECT_DIR, examples_by_intent

CONFIG = yaml.safe_load((PROJECT_DIR / "config.yml").read_text())


@pytest.fixture(scope="module")
def safety_net() -> SafetyNet:
    settings = next(c for c in CONFIG["pipeline"] if c["name"].endswith("SafetyNet"))
    return SafetyNet.create({**SafetyNet.get_default_config(), **settings}, None, None, None)


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
    ],
)
def test_urgent_messages_are_caught(safety_net, text, intent):
    assert safety_net.urgent_intent(text) == intent


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
    ],
)
def test_ordinary_questions_are_left_alone(safety_net, text):
    assert safety_net.urgent_intent(text) == ""


def test_safety_net_never_overrules_a_labelled_example(safety_net):
    # the net overrides the model, so an example it sends to the wrong urgent answer would be
    # answered wrongly every time (as "my mum has fallen and hurt herself" once got self-harm advice)
    labelled = sorted((PROJECT_DIR / "data" / "nlu").glob("*.yml")) + [PROJECT_DIR / "tests" / "nlu_heldout.yml"]
    overruled = [
        (text, intent, safety_net.urgent_intent(text))
        for intent, texts in examples_by_intent(*labelled).items()
        for text in texts
        if safety_net.urgent_intent(text) not in ("", intent)
    ]
    assert overruled == []
