"""The sentence model: BERT's tokenizer rules, the NumPy encoder, and its checked weights."""

import shutil

import numpy as np
import pytest

from bot.server.nlu import sentence_encoder
from bot.server.nlu.sentence_encoder import MAX_TOKENS, ModelMissing, SentenceEncoder, model_directory
from bot.server.nlu.wordpiece import WordPiece, basic_words


@pytest.fixture(scope="module")
def encoder() -> SentenceEncoder:
    return SentenceEncoder.load()


@pytest.fixture(scope="module")
def wordpiece() -> WordPiece:
    return WordPiece.from_file(model_directory() / "vocab.txt")


def cosine(a: np.ndarray, b: np.ndarray) -> float:
    return float(a @ b)


@pytest.mark.parametrize(
    "text, words",
    [
        ("Hello, World!", ["hello", ",", "world", "!"]),
        ("Café RÉSUMÉ naïve", ["cafe", "resume", "naive"]),  # accents stripped, lower case
        ("my mum's\tcarer\u200b", ["my", "mum", "'", "s", "carer"]),  # tab is space, zero-width dropped
        ("a\x00b\x07c", ["abc"]),  # control characters dropped
        ("护理help", ["护", "理", "help"]),  # Chinese characters stand alone
        ("", []),
    ],
)
def test_basic_words_follow_berts_rules(text, words):
    assert basic_words(text) == words


def test_word_pieces_use_the_vocabulary(wordpiece):
    assert wordpiece.tokens("Hello, World!", 16) == ["[CLS]", "hello", ",", "world", "!", "[SEP]"]
    assert wordpiece.ids("Hello, World!", 16) == [101, 7592, 1010, 2088, 999, 102]
    # a misspelling becomes known pieces rather than an unknown word
    assert wordpiece.tokens("paymnets", 16) == ["[CLS]", "pay", "##m", "##nets", "[SEP]"]
    assert wordpiece.tokens("x" * 101, 16) == ["[CLS]", "[UNK]", "[SEP]"]
    assert wordpiece.tokens("🙂", 16) == ["[CLS]", "[UNK]", "[SEP]"]


def test_long_text_is_cut_to_the_models_length(wordpiece):
    tokens = wordpiece.tokens("care " * 1000, MAX_TOKENS)
    assert len(tokens) == MAX_TOKENS
    assert tokens[0] == "[CLS]" and tokens[-1] == "[SEP]"


def test_vectors_are_unit_length_and_do_not_depend_on_their_batch(encoder):
    texts = ["hi", "can my daughter be paid to look after me with my direct payment", "", "🙂 " * 3000]
    together = encoder.encode(texts)
    assert together.shape == (4, SentenceEncoder.dimensions)
    assert np.all(np.isfinite(together))
    assert np.allclose(np.linalg.norm(together, axis=1), 1.0, atol=1e-5)
    one_by_one = np.vstack([encoder.encode([text]) for text in texts])
    assert np.allclose(together, one_by_one, atol=1e-5)  # padding in a batch changes nothing


@pytest.mark.parametrize(
    "text, same_meaning, other_topic",
    [
        ("can I talk to a human", "I want to speak to a real person", "when is my bin collected"),
        (
            "can my son be paid to care for me",
            "can I pay a family member to look after me",
            "what is Healthwatch",
        ),
        ("I need a rail in the bath", "can I get a grab rail for my bathroom", "how do I complain"),
        ("aye", "yes", "goodbye"),
    ],
)
def test_similar_meanings_are_near(encoder, text, same_meaning, other_topic):
    vectors = encoder.encode([text, same_meaning, other_topic])
    assert cosine(vectors[0], vectors[1]) > cosine(vectors[0], vectors[2]) + 0.1


def test_weights_that_are_not_the_official_model_are_refused(tmp_path, monkeypatch):
    copy = tmp_path / "model"
    shutil.copytree(model_directory(), copy)
    with (copy / "model.safetensors").open("r+b") as weights:
        weights.seek(-4, 2)
        weights.write(b"\x00\x00\x80\x3f")  # one changed number at the end
    monkeypatch.setattr(sentence_encoder, "model_directory", lambda: copy)
    with pytest.raises(ModelMissing, match="not the official"):
        SentenceEncoder.load()


def test_a_missing_model_package_says_how_to_install_it(monkeypatch):
    monkeypatch.setattr(sentence_encoder, "MODEL_PACKAGE", "no_such_model_package")
    with pytest.raises(ModelMissing, match="make setup"):
        model_directory()
