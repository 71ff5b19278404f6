"""The intent classifier: long messages do not drown the meaning, and a saved model predicts the same."""

import numpy as np
import pytest
from rasa.engine.graph import ExecutionContext, GraphSchema
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.storage.resource import Resource
from rasa.shared.nlu.constants import TEXT
from rasa.shared.nlu.training_data.features import Features
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData
from scipy.sparse import csr_matrix

from bot.server.nlu.intent_classifier import ScaledLogisticRegressionClassifier

MEANINGS = {"affirm": np.array([1.0, 0.0]), "deny": np.array([0.0, 1.0])}


def message(text: str, counts: list, meaning: np.ndarray, intent: str = None) -> Message:
    """A message as the featurizers leave it: word counts (sparse) and a sentence vector (dense)."""
    found = Message(data={TEXT: text, **({"intent": intent} if intent else {})})
    found.add_features(Features(csr_matrix([counts], dtype=float), "sentence", TEXT, "counts"))
    found.add_features(Features(meaning[None, :], "sentence", TEXT, "meaning"))
    return found


@pytest.fixture
def storage(tmp_path) -> LocalModelStorage:
    return LocalModelStorage(tmp_path)


def classifier(storage) -> ScaledLogisticRegressionClassifier:
    context = ExecutionContext(GraphSchema({}), "test")
    config = ScaledLogisticRegressionClassifier.get_default_config()
    return ScaledLogisticRegressionClassifier.create(config, storage, Resource("intents"), context)


def training_data() -> TrainingData:
    """Word 0 leans a little towards "affirm"; the meaning tells the intents apart."""
    examples = []
    for index in range(10):
        examples.append(message(f"yes {index}", [int(index < 7), 1], MEANINGS["affirm"], "affirm"))
        examples.append(message(f"no {index}", [int(index < 3), 1], MEANINGS["deny"], "deny"))
    return TrainingData(training_examples=examples)


def test_many_repeated_words_do_not_drown_the_meaning(storage):
    trained = classifier(storage)
    trained.train(training_data())
    # "no" in meaning, but word 0 said 300 times (Rasa's own classifier answers "affirm" here)
    long_message = message("ok " * 300 + "no", [300, 1], MEANINGS["deny"])
    trained.process([long_message])
    assert long_message.get("intent")["name"] == "deny"


def test_a_saved_classifier_predicts_the_same_after_loading(storage):
    trained = classifier(storage)
    trained.train(training_data())
    context = ExecutionContext(GraphSchema({}), "test")
    loaded = ScaledLogisticRegressionClassifier.load(
        ScaledLogisticRegressionClassifier.get_default_config(), storage, Resource("intents"), context
    )
    for meaning, intent in [(MEANINGS["deny"], "deny"), (MEANINGS["affirm"], "affirm")]:
        before, after = message("x", [1, 1], meaning), message("x", [1, 1], meaning)
        trained.process([before])
        loaded.process([after])
        assert after.get("intent")["name"] == before.get("intent")["name"] == intent
        assert after.get("intent")["confidence"] == pytest.approx(before.get("intent")["confidence"])


def test_paying_a_named_person_is_answered_as_employing_them_first():
    """ "Can I use the money to pay my daughter for looking after me" read 0.55 for what a direct payment
    pays for and 0.37 for employing someone (after a retraining): who can be paid comes first."""
    from rasa.shared.nlu.training_data.message import Message

    ranking = [
        {"name": "dp_spending", "confidence": 0.55},
        {"name": "dp_personal_assistant", "confidence": 0.37},
    ]
    for text, first in [
        ("can I use the money to pay my daughter for looking after me", "dp_personal_assistant"),
        ("can I use the money for a holiday", "dp_spending"),
    ]:
        message = Message(data={"text": text, "intent": ranking[0], "intent_ranking": list(ranking)})
        ScaledLogisticRegressionClassifier._paying_a_person(message)
        assert message.get("intent")["name"] == first and message.get("intent")["confidence"] == 0.55


def test_the_person_who_says_they_are_cared_for_not_the_carer_gets_their_own_needs():
    """ "i not carer. HE care for ME" read as a carer's assessment is the person's own needs assessment;
    a carer asking about a carer's assessment keeps it."""
    from rasa.shared.nlu.training_data.message import Message

    ranking = [{"name": "assessment_carer", "confidence": 0.6}, {"name": "carer_breaks", "confidence": 0.2}]
    for text, first in [
        ("no i'm not the carer, my wife looks after me", "assessment_needs"),
        ("its the other way round, she cares for me", "assessment_needs"),
        ("I'm not his carer any more, he went into a home", "assessment_carer"),
        ("i look after my mum, can i get an assessment for me", "assessment_carer"),
    ]:
        message = Message(data={"text": text, "intent": ranking[0], "intent_ranking": list(ranking)})
        ScaledLogisticRegressionClassifier._cared_for_not_carer(message)
        assert message.get("intent")["name"] == first


def test_what_to_do_if_i_fall_is_the_alarms_answer_never_an_assessment():
    """Joan: "what do i do if i fall agen, im on my own" was read (after a retraining) as a needs assessment."""
    from rasa.shared.nlu.training_data.message import Message

    for text, intent, first in [
        ("what do i do if i fall agen, im on my own", "assessment_needs", "telecare"),
        ("who do i ring if mum falls at night", "assessment_ot", "telecare"),
        ("can i get an assessment, i keep falling", "assessment_needs", "assessment_needs"),
    ]:
        ranking = [{"name": intent, "confidence": 0.6}]
        message = Message(data={"text": text, "intent": ranking[0], "intent_ranking": list(ranking)})
        ScaledLogisticRegressionClassifier._what_if_i_fall(message)
        assert message.get("intent")["name"] == first, text


def read_by(correction, text: str, intent: str) -> str:
    """The intent a message read as `intent` has after one of the classifier's corrections."""
    from rasa.shared.nlu.training_data.message import Message

    ranking = [{"name": intent, "confidence": 0.7}]
    message = Message(data={"text": text, "intent": ranking[0], "intent_ranking": list(ranking)})
    correction(message)
    return message.get("intent")["name"]


def test_a_pa_who_is_not_off_sick_but_not_wanted_is_changing_the_pa():
    """Daniel: "she not sick. she just dont come. i want a diffrent pa" got the sick-cover answer twice."""
    correction = ScaledLogisticRegressionClassifier._pa_not_off
    assert (
        read_by(correction, "shes not ill, she just never turns up. i want a different pa", "dp_pa_cover")
        == "dp_change_pa"
    )
    assert read_by(correction, "my pa is off sick this week who covers", "dp_pa_cover") == "dp_pa_cover"


def test_asking_for_someone_to_go_and_see_her_is_a_request_not_a_phone_number():
    """Jean: "Can someone from the council go and see her?" (after a retraining, read as "talk to a
    person") got Thurrock First's number instead of the request she asked for."""
    correction = ScaledLogisticRegressionClassifier._visit_asked
    assert (
        read_by(correction, "could somebody from social services pop round to my dad", "talk_to_person")
        == "request_callback"
    )
    assert read_by(correction, "can i talk to a real person please", "talk_to_person") == "talk_to_person"
