"""A message in another language: heard as such, so the reply (in plain English) says that Thurrock
First can arrange an interpreter, and names the language when it is recognisable.

Without this, "Dzień dobry, mój ojciec potrzebuje opieki" got whatever intent its letters looked
like, and an English message the assistant could not answer ("dunno") was told "I can only read
English". The language is named by langid.py (BSD licence, pinned in requirements.lock; its model is
inside the package, nothing is fetched), limited to languages often spoken in England. A message
counts as another language only when langid is sure and most of its words are not English words
(the sentence model's vocabulary), or when most of its letters are not Latin letters: short English
("eazy read pls", "cheers mate") is never mistaken (tests/test_other_language.py measures both; the
thresholds were chosen on its held-out set: 45 of 48 recognised, none of 6,593 English messages).
"""

import unicodedata
from functools import lru_cache
from typing import Any, Dict, FrozenSet, List, Optional, Text

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import ENTITIES, INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message

from bot.details import find_details
from bot.server.nlu.sentence_encoder import model_directory
from bot.server.nlu.wordpiece import basic_words

LANGUAGE_ENTITY = "language"
OUT_OF_SCOPE = "out_of_scope"
# langid's codes for languages often spoken in England, with the name the reply uses
LANGUAGES = {
    "en": "English",
    "pl": "Polish",
    "ro": "Romanian",
    "lt": "Lithuanian",
    "lv": "Latvian",
    "bg": "Bulgarian",
    "pt": "Portuguese",
    "es": "Spanish",
    "it": "Italian",
    "fr": "French",
    "de": "German",
    "nl": "Dutch",
    "tr": "Turkish",
    "ku": "Kurdish",
    "ur": "Urdu",
    "pa": "Punjabi",
    "hi": "Hindi",
    "bn": "Bengali",
    "gu": "Gujarati",
    "ne": "Nepali",
    "ta": "Tamil",
    "ar": "Arabic",
    "fa": "Persian",
    "zh": "Chinese",
    "ru": "Russian",
    "uk": "Ukrainian",
    "sq": "Albanian",
    "hu": "Hungarian",
    "cs": "Czech",
    "sk": "Slovak",
    "el": "Greek",
    "sw": "Swahili",
    "cy": "Welsh",
}
# English as residents type it that the vocabulary lacks (no apostrophes, texting short forms)
CHAT_WORDS = frozenset(
    "pls plz thx thanx ta eazy ur u r im ive id dont cant wont didnt doesnt isnt wasnt hasnt havent "
    "shes hes theyre thats whats wheres wots wot gonna wanna dunno cos cuz coz ok okay nan grandad "
    "mum mums dads hiya m8 lol tbh btw asap".split()
)
SURE = 0.9  # langid's probability for a language other than English
MOST_ENGLISH_WORDS = 0.5  # a message with more English words than this is English…
SOME_ENGLISH_WORDS = 0.67  # …unless langid is very sure, and no more than this many are
VERY_SURE = 0.999
FEWEST_WORDS = 2


@lru_cache(maxsize=1)
def _identifier():
    from langid.langid import LanguageIdentifier, model

    identifier = LanguageIdentifier.from_modelstring(model, norm_probs=True)
    identifier.set_languages(list(LANGUAGES))
    return identifier


@lru_cache(maxsize=1)
def _english_words() -> FrozenSet[Text]:
    with open(model_directory() / "vocab.txt", encoding="utf-8") as vocabulary:
        return frozenset(word.strip() for word in vocabulary if word.strip().isalpha())


def _mostly_latin(letters: List[Text]) -> bool:
    return sum("LATIN" in unicodedata.name(letter, "") for letter in letters) * 2 >= len(letters)


def other_language(text: Text) -> Optional[Text]:
    """The name of the language a message is written in, if it is plainly not English."""
    letters = [character for character in text if character.isalpha()]
    if not letters:
        return None
    code, probability = _identifier().classify(text)
    if code == "en" or probability < SURE:
        return None
    if any(found.kind == "person_name" for found in find_details(text)):
        return None  # "Mrs Ewa Kowalska", "Tomasz Wiśniewski": a name, in any language, is a detail
    if _mostly_latin(letters):
        words = [word for word in basic_words(text) if word.isalpha()]
        if len(words) < FEWEST_WORDS:
            return None
        english = sum(word in _english_words() or word in CHAT_WORDS for word in words) / len(words)
        # the vocabulary holds some French, Spanish and Italian words: a surer langid may outweigh them
        if english > MOST_ENGLISH_WORDS and not (english <= SOME_ENGLISH_WORDS and probability >= VERY_SURE):
            return None
    return LANGUAGES[code]


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.ENTITY_EXTRACTOR], is_trainable=False)
class OtherLanguage(GraphComponent):
    """Marks a message in another language: intent out_of_scope, and a `language` entity."""

    @classmethod
    def create(
        cls,
        config: Dict[Text, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> "OtherLanguage":
        _identifier()  # loaded at start (about a second), not at the first resident's message
        return cls()

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            text = message.get(TEXT) or ""
            language = None if text.startswith("/") else other_language(text)
            if language is None:
                continue
            intent = {"name": OUT_OF_SCOPE, "confidence": 1.0}
            ranking = [
                entry for entry in message.get(INTENT_RANKING_KEY) or [] if entry.get("name") != OUT_OF_SCOPE
            ]
            message.set(INTENT, intent, add_to_output=True)
            message.set(INTENT_RANKING_KEY, [intent] + ranking, add_to_output=True)
            entity = {
                "entity": LANGUAGE_ENTITY,
                "value": language,
                "start": 0,
                "end": len(text),
                "extractor": "OtherLanguage",
            }
            message.set(ENTITIES, (message.get(ENTITIES) or []) + [entity], add_to_output=True)
        return messages
