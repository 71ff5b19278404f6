"""What a call-back request is about: the words left once the asking is taken out."""

import pytest

from bot.server.nlu.topic_part import topic_part


@pytest.mark.parametrize(
    "said, about",
    [
        (
            "I need a grab rail by the toilet, can someone ring me about it",
            "I need a grab rail by the toilet",
        ),
        ("please call me about my mums care home fees", "my mums care home fees"),
        # how (not) to be called is not what it is about ("...when my husband is home" read as home care)
        (
            "can someone ring me about a carers assessment, but dont ring in the evening when my husband is home",
            "a carers assessment",
        ),
        ("can you call me about direct payments, only text though", "direct payments"),
        # a story, then what the call is to be about: the story is why, the words after the asking what
        (
            "hi my dad is 84 and struggling to wash and dress since his stroke, can someone ring me to talk "
            "about help at home",
            "help at home",
        ),
        (
            "mum fell again last night. could you phone me regarding a pendant alarm for her",
            "a pendant alarm for her",
        ),
    ],
)
def test_the_topic_words_of_a_call_back_request(said, about):
    assert topic_part(said) == about


def test_nothing_to_read_without_a_request_or_with_a_word_alone():
    assert topic_part("what is a direct payment") is None
    assert topic_part("call me please") is None
