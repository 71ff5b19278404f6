"""Intent classifier: Rasa's logistic regression on scaled word, character and sentence features.

Rasa's LogisticRegressionClassifier feeds raw counts beside the sentence embedding, so long
messages' counts drown the embedding, and its regularisation is fixed. Here each message's
counts are damped (log) and scaled to unit length, the embedding gets a configurable weight,
and the regularisation strength is configurable. Training, persistence (skops) and prediction
are Rasa's own.
"""

import re
from typing import Any, Dict, List, Text, Tuple

import numpy as np
from rasa.engine.graph import ExecutionContext
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.classifiers.logistic_regression_classifier import LogisticRegressionClassifier
from rasa.shared.nlu.constants import ENTITIES, INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData
from scipy.sparse import csr_matrix, hstack, vstack
from sklearn.preprocessing import normalize

from bot.content import topic_titles
from bot.sending import CONTACT_ME_ASKED, VISIT_ASKED, asks_if_sent, asks_to_send
from bot.safety.risk import URGENT_INTENTS
from bot.server.nlu.sentence_featurizer import QUESTION_PART_VECTORS, TOPIC_PART_VECTOR
from bot.server.nlu.topic_part import YES_FIRST

CALL_BACK = "request_callback"
# Topics that say who to contact, not what a request is about.
NOT_REQUEST_TOPICS = {"talk_to_person", "contact_thurrock_first", "out_of_hours"}
# "dunno", "no idea": not an answer to anything, so not understood (the way to a person comes sooner)
DONT_KNOW = re.compile(
    r"^\W*(?:i\s+)?(?:dunno|don'?t\s+kn?ow|dont\s+no|not\s+sure|no\s+idea|idk|no\s+clue|(?:er|u)m+|hmm+)"
    r"(?:\s+(?:really|tbh|sorry|mate|love))*\W*$",
    re.IGNORECASE,
)
FALLBACK_INTENT = "nlu_fallback"
# a long message's sentence (one that asks, else one that tells) read this much surer than the whole
# (itself under the sentences' own bar) is what the message is about
QUESTION_SURER_BY = 0.25
# "i want sum one help me", "need somebody to talk to me": a person wanted, however it is spelt
SOMEONE_TO_HELP = re.compile(
    r"^\W*(?:i\s+)?(?:want|need|would\s+like|like)\s+(?:some\s*one|sum\s*one|somebody|sumbody|sum\s*body|a\s+person|"
    r"a\s+human|a\s+real\s+person)\s+(?:to\s+)?(?:help|talk\s+to|speak\s+to)\s+(?:me|us)\W*$",
    re.IGNORECASE,
)
SURE = 0.9
# paying a named person with a direct payment: "pay my daughter", "pay a friend", "employ someone"
PAY_A_PERSON = re.compile(
    r"\bpay\s+(?:my|a|our|his|her|their)\s+(?:own\s+)?(?:daughter|son|wife|husband|partner|mum|mother|dad|father|sister|"
    r"brother|friend|mate|neighbour|relative|niece|nephew|grand\w+|carer|pa|personal\s+assistant|family)\b|"
    r"\bpay\s+(?:someone|somebody|a\s+person)\s+(?:to|who|for)\b|\bemploy\b",
    re.I,
)
# The person corrects who cares for whom ("i not carer. HE care for ME", "other way round, she looks
# after me"): they are the one who needs the care, so it is their own needs assessment.
NOT_THE_CARER = re.compile(
    r"\b(?:i'?m|i\s+am|im|i)\s+(?:not|aint|ain't)\s+(?:the\s+|a\s+|his\s+|her\s+|their\s+)?carer\b(?!\s+(?:any\s*more|now))|"
    r"\bother\s+way\s+(?:a)?round\b|"
    r"\b(?:he|she|they|\w+)\s*(?:'s|\s+is|\s+are)\s+my\s+carer\b[^.?!]{0,10}\bnot\s+(?:me|i)\b|"
    r"\b(?:he|she|they)\s+(?:\w+\s+)?(?:cares?|looks?)\s+(?:for|after)\s+me\b[^.?!]{0,20}\bnot\s+(?:me|i)\b",
    re.I,
)
CARER_TOPICS = ("assessment_carer", "carer_breaks", "carers_allowance")
# "what do i do if i fall agen, im on my own": what to do after a fall (999 if hurt, an alarm), not an
# assessment; read as one of these, it is the alarms answer, which says both
FALL_QUESTION = re.compile(
    r"\b(?:what|who)\b[^.?!]{0,30}\bif\s+(?:i|he|she|they|mum|dad|my\s+\w+)\s+(?:fall|falls|fell|falen|fal|has\s+a\s+fall|have\s+a\s+fall)\b",
    re.I,
)
READ_AS_FALLS = ("assessment_needs", "assessment_ot", "assessment_overview", "home_care")
# "she not sick. she just dont come. i want a diffrent pa": a PA who is not off, read as cover for one
# who is (the words "sick", "away"), is changing the PA
PA_NOT_OFF = re.compile(
    r"\b(?:not|isn'?t|is\s+not|aint|ain'?t|never)\s+(?:off\s+)?(?:sick|ill|poorly|away|on\s+holiday)\b|"
    r"\b(?:new|different|diffrent|another|other)\s+(?:pa|p\.a\.|personal\s+assistant)\b",
    re.I,
)
# A long message read as one of these gives way to a question asked in one of its sentences.
NOT_A_QUESTION = {"give_details", "greet", "thank", "goodbye"}


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=True)
class ScaledLogisticRegressionClassifier(LogisticRegressionClassifier):
    """Logistic regression over unit-length damped counts plus a weighted sentence embedding."""

    @staticmethod
    def get_default_config() -> Dict[Text, Any]:
        return {
            **LogisticRegressionClassifier.get_default_config(),
            "max_iter": 3000,
            "C": 10.0,
            "dense_weight": 2.0,
            # how sure the topic of a call-back request's other words must be to be named
            "topic_part_confidence": 0.4,
            # how sure the topic of one sentence of a long message must be to be answered
            "question_part_confidence": 0.6,
            # ... and to be offered after the answer (a button: a wrong offer misleads, so not much
            # weaker; 0.3 offered direct payments for a pendant alarm, docs/nlu.md)
            "also_asked_confidence": 0.5,
            # a long message this likely to tell of risk is left as read, for the safety net
            "risk_kept_at": 0.2,
            # a whole message read less surely than this (the fallback's threshold) gives way to one
            "unsure_below": 0.45,
            # two topics nearer than this (the fallback's ambiguity threshold) are both asked about
            "ambiguity_threshold": 0.05,
        }

    def __init__(
        self,
        config: Dict[Text, Any],
        name: Text,
        model_storage: ModelStorage,
        resource: Resource,
    ) -> None:
        super().__init__(config, name, model_storage, resource)
        self.clf.set_params(C=self.config["C"])

    def train(self, training_data: TrainingData) -> Resource:
        resource = super().train(training_data)
        self._weights_by_feature()
        return resource

    @classmethod
    def load(
        cls,
        config: Dict[Text, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
        **kwargs: Any,
    ) -> "ScaledLogisticRegressionClassifier":
        component = super().load(config, model_storage, resource, execution_context, **kwargs)
        component._weights_by_feature()
        return component

    def _weights_by_feature(self) -> None:
        """Keeps the weights feature by feature in memory (Fortran order), as a message's few
        features read them: scikit-learn multiplies the message's sparse row by the transposed
        weights, which in the usual order meant a copy of all 950,000 of them for every reading
        (3.6 ms; 0.09 ms this way, issue 30), and a long message is read once per part."""
        if hasattr(self.clf, "coef_"):
            self.clf.coef_ = np.asfortranarray(self.clf.coef_)

    def _create_X(self, messages: List[Message]) -> csr_matrix:
        rows = []
        for message in messages:
            sparse = message.get_sparse_features(attribute=TEXT)[1]
            dense = message.get_dense_features(attribute=TEXT)[1]
            counts = csr_matrix(sparse.features, dtype=np.float64) if sparse else csr_matrix((1, 0))
            counts.data = np.log1p(counts.data)
            meaning = dense.features * self.config["dense_weight"] if dense else np.zeros((1, 0))
            rows.append(hstack([normalize(counts), csr_matrix(meaning)]))
        return vstack(rows).tocsr()

    def process(self, messages: List[Message]) -> List[Message]:
        """Rasa's prediction; then the topics of a message's parts (each read from its own vector
        with the sentence weights alone): what a call-back request is about, as the `topic`
        entity, and the questions inside a long message, as its intent and its second topic."""
        super().process(messages)
        for message in messages:
            if DONT_KNOW.match(message.get(TEXT) or ""):
                message.set(INTENT, {"name": FALLBACK_INTENT, "confidence": 1.0}, add_to_output=True)
                continue
            self._send_asked(message)
            self._sent_asked(message)
            vector = message.get(TOPIC_PART_VECTOR)
            if vector is not None and (message.get(INTENT) or {}).get("name") == CALL_BACK:
                self._name_the_topic(message, vector)
            elif vector is not None and YES_FIRST.match(message.get(TEXT) or ""):
                self._yes_to_a_topic(message, vector)
            if message.get(QUESTION_PART_VECTORS):
                self._read_the_questions(message, message.get(QUESTION_PART_VECTORS))
            self._paying_a_person(message)
            self._cared_for_not_carer(message)
            self._what_if_i_fall(message)
            self._pa_not_off(message)
            self._visit_asked(message)
            self._someone_to_help(message)
            self._two_topics_at_once(message)
        return messages

    @staticmethod
    def _paying_a_person(message: Message) -> None:
        """ "Can I use the money to pay my daughter for looking after me?" read almost equally as what a
        direct payment pays for and as employing someone: paying a person is the second (who can be
        paid, and being their employer), answered first; what it pays for is then offered."""
        ranking = message.get(INTENT_RANKING_KEY) or []
        names = [entry["name"] for entry in ranking[:2]]
        if names != ["dp_spending", "dp_personal_assistant"] or not PAY_A_PERSON.search(
            message.get(TEXT) or ""
        ):
            return
        first, second = ranking[0], ranking[1]
        swapped = [
            {**second, "confidence": first["confidence"]},
            {**first, "confidence": second["confidence"]},
        ]
        message.set(INTENT_RANKING_KEY, swapped + ranking[2:], add_to_output=True)
        message.set(INTENT, swapped[0], add_to_output=True)

    @staticmethod
    def _what_if_i_fall(message: Message) -> None:
        """ "What do I do if I fall again?" read as an assessment: the alarms answer (999 if hurt)."""
        name = (message.get(INTENT) or {}).get("name")
        if (name in READ_AS_FALLS or name in topic_titles()) and FALL_QUESTION.search(
            message.get(TEXT) or ""
        ):
            _read_as(message, "telecare")  # whatever topic it was read as ("turning 18" after a retraining)

    @staticmethod
    def _visit_asked(message: Message) -> None:
        """ "Can someone from the council go and see her?" read as wanting a person: a request for
        Thurrock First to get in touch (it starts, with its consent question)."""
        if (message.get(INTENT) or {}).get("name") == "talk_to_person" and VISIT_ASKED.search(
            message.get(TEXT) or ""
        ):
            _read_as(message, "request_callback")

    @staticmethod
    def _send_asked(message: Message) -> None:
        """ "YOU SEND FOR ME? CARER ASSESSMENT", "send thurrock first please", read as the topic named or
        as details: a request for Thurrock First (its topic still read from the message)."""
        name = (message.get(INTENT) or {}).get("name")
        if name not in (CALL_BACK, "affirm", "deny", "goodbye") and asks_to_send(message.get(TEXT) or ""):
            _read_as(message, CALL_BACK)
        elif name in topic_titles() and CONTACT_ME_ASKED.search(message.get(TEXT) or ""):
            # "can someone write to me about care at home instead", read as ways to contact us: asked for
            _read_as(message, CALL_BACK)

    @staticmethod
    def _sent_asked(message: Message) -> None:
        """ "what do you mean its not sent?? i cant ring in the day", read as details or not at all:
        whether the request went (its state, and what to do), never a wish noted and the menu."""
        name = (message.get(INTENT) or {}).get("name")
        if name in ("give_details", FALLBACK_INTENT, "show_menu", "out_of_scope") and asks_if_sent(
            message.get(TEXT) or ""
        ):
            _read_as(message, "ask_request_status")

    @staticmethod
    def _someone_to_help(message: Message) -> None:
        """ "i want sum one help me", read unsurely between a person and the menu: a person."""
        if SOMEONE_TO_HELP.match(message.get(TEXT) or "") and (message.get(INTENT) or {}).get("name") in (
            "talk_to_person",
            "show_menu",
            "request_callback",
            "greet",
        ):
            intent = {"name": "talk_to_person", "confidence": SURE}
            ranking = [e for e in message.get(INTENT_RANKING_KEY) or [] if e["name"] != intent["name"]]
            message.set(INTENT_RANKING_KEY, [intent] + ranking, add_to_output=True)
            message.set(INTENT, intent, add_to_output=True)

    @staticmethod
    def _pa_not_off(message: Message) -> None:
        """ "She's not sick, she just doesn't come. I want a different PA" read as cover for a PA off
        sick: changing the PA."""
        if (message.get(INTENT) or {}).get("name") == "dp_pa_cover" and PA_NOT_OFF.search(
            message.get(TEXT) or ""
        ):
            _read_as(message, "dp_change_pa")
            ranking = [e for e in message.get(INTENT_RANKING_KEY) or [] if e["name"] != "dp_pa_cover"]
            message.set(INTENT_RANKING_KEY, ranking, add_to_output=True)  # never offered: it is not so

    @staticmethod
    def _cared_for_not_carer(message: Message) -> None:
        """ "I'm not the carer, he cares for me" read as a carer's topic is the person's own needs."""
        if (message.get(INTENT) or {}).get("name") in CARER_TOPICS and NOT_THE_CARER.search(
            message.get(TEXT) or ""
        ):
            _read_as(message, "assessment_needs")

    def _two_topics_at_once(self, message: Message) -> None:
        """Two topics read almost equally ("could I use it to pay someone to sit with my husband":
        what it pays for, employing someone) is a message about both, not one not understood:
        the first is answered and the second offered (`also_asked`), as for two questions."""
        ranking = message.get(INTENT_RANKING_KEY) or []
        topics = set(topic_titles())
        if len(ranking) < 2 or any(e.get("entity") == "also_asked" for e in message.get(ENTITIES) or []):
            return
        first, second = ranking[0], ranking[1]
        if (
            first["name"] in topics
            and second["name"] in topics
            and first["confidence"] >= self.config["unsure_below"]
            and first["confidence"] - second["confidence"] < self.config["ambiguity_threshold"]
        ):
            entity = {
                "entity": "also_asked",
                "value": second["name"],
                "confidence": second["confidence"],
                "extractor": self.name,
            }
            message.set(ENTITIES, message.get(ENTITIES, []) + [entity], add_to_output=True)
            message.set(INTENT_RANKING_KEY, [first] + ranking[2:], add_to_output=True)

    def _ranking(self, vector: np.ndarray) -> List[Tuple[Text, float]]:
        """Intents by their probability for a part's sentence vector alone, likeliest first."""
        counts_width = self.clf.coef_.shape[1] - vector.shape[0]
        row = hstack(
            [csr_matrix((1, counts_width)), csr_matrix(vector[None, :] * self.config["dense_weight"])]
        )
        probabilities = self.clf.predict_proba(row.tocsr())[0]
        return sorted(
            ((str(n), float(p)) for n, p in zip(self.clf.classes_, probabilities)), key=lambda r: -r[1]
        )

    def _name_the_topic(self, message: Message, vector: np.ndarray) -> None:
        topics = set(topic_titles()) - NOT_REQUEST_TOPICS
        topic, confidence = next(((n, p) for n, p in self._ranking(vector) if n in topics), (None, 0.0))
        if topic and confidence >= self.config["topic_part_confidence"]:
            entity = {"entity": "topic", "value": topic, "confidence": confidence, "extractor": self.name}
            message.set(ENTITIES, message.get(ENTITIES, []) + [entity], add_to_output=True)

    def _yes_to_a_topic(self, message: Message, vector: np.ndarray) -> None:
        """ "yes please the carers one", read too unsurely to answer (a yes, a topic, "did you mean"):
        the topic its words after the yes name, when they name one as surely as a question part."""
        intent = message.get(INTENT) or {}
        if intent.get("confidence", 0.0) >= self.config["unsure_below"]:
            return
        topic, confidence = self._ranking(vector)[0]
        if topic in set(topic_titles()) and confidence >= self.config["question_part_confidence"]:
            ranking = [r for r in message.get(INTENT_RANKING_KEY) or [] if r["name"] != topic]
            message.set(INTENT, {"name": topic, "confidence": confidence}, add_to_output=True)
            message.set(
                INTENT_RANKING_KEY,
                [{"name": topic, "confidence": confidence}]
                + [{**r, "confidence": r["confidence"] * (1 - confidence)} for r in ranking],
                add_to_output=True,
            )

    def _read_the_questions(self, message: Message, parts: List[Tuple[np.ndarray, bool]]) -> None:
        """A long message's parts' topics. The answer: a part that asks, else one that tells, surest
        first, when the whole message read as no question (details, a greeting), too unsure, or as
        a topic none of its parts is about. Offered after it (`also_asked`): another part that asks.
        A message that may tell of risk keeps its own reading, for the safety net after this."""
        ranking = message.get(INTENT_RANKING_KEY) or []
        if any(
            r["name"] in URGENT_INTENTS and r["confidence"] >= self.config["risk_kept_at"]
            for r in ranking[:3]
        ):
            return
        topics = set(topic_titles())
        read = [
            (name, confidence, asking)
            for name, confidence, asking in self._part_topics(parts)
            if name in topics
        ]
        answerable = sorted(
            (r for r in read if r[1] >= self.config["question_part_confidence"]),
            key=lambda r: (not r[2], -r[1]),
        )
        intent = message.get(INTENT) or {}
        whole, sure = intent.get("name"), intent.get("confidence", 0.0)
        asked_elsewhere = (
            whole in topics and whole not in {r[0] for r in read} and any(r[2] for r in answerable)
        )
        # "my brother lives in supported living. they want to cut his hours, can they do that?": the
        # whole read unsurely (a break for carers, 0.50), one sentence surely (a cut in care)
        question_surer = (
            answerable
            and sure < self.config["question_part_confidence"]
            and answerable[0][1] >= sure + QUESTION_SURER_BY
        )
        if answerable and (
            whole in NOT_A_QUESTION or sure < self.config["unsure_below"] or asked_elsewhere or question_surer
        ):
            answered, confidence, _ = answerable[0]
            message.set(INTENT, {"name": answered, "confidence": confidence}, add_to_output=True)
            # the whole message's own reading shares what is left, so it never ties with the answer
            rest = [
                {**r, "confidence": r["confidence"] * (1 - confidence)}
                for r in ranking
                if r["name"] != answered
            ]
            message.set(
                INTENT_RANKING_KEY, [{"name": answered, "confidence": confidence}] + rest, add_to_output=True
            )
        elif whole in topics:
            answered = whole
        else:
            return
        offers = sorted(
            (r for r in read if r[2] and r[0] != answered and r[1] >= self.config["also_asked_confidence"]),
            key=lambda r: -r[1],
        )
        if offers:
            name, confidence, _ = offers[0]
            entity = {"entity": "also_asked", "value": name, "confidence": confidence, "extractor": self.name}
            message.set(ENTITIES, message.get(ENTITIES, []) + [entity], add_to_output=True)

    def _part_topics(self, parts: List[Tuple[np.ndarray, bool]]) -> List[Tuple[Text, float, bool]]:
        """Each part's likeliest intent, how sure, and whether the part asks."""
        return [(*self._ranking(vector)[0], asking) for vector, asking in parts]


def _read_as(message: Message, name: Text) -> None:
    """The message read as `name`, first in its ranking, as sure as the reading it replaces."""
    intent = {"name": name, "confidence": (message.get(INTENT) or {}).get("confidence", 0.0)}
    ranking = [entry for entry in message.get(INTENT_RANKING_KEY) or [] if entry["name"] != name]
    message.set(INTENT_RANKING_KEY, [intent] + ranking, add_to_output=True)
    message.set(INTENT, intent, add_to_output=True)
