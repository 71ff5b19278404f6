"""The served encoder (one ONNX graph, onnxruntime): the NumPy encoder's network, exactly in float,
and near it with 8-bit weights; a message's meaning stays where it was."""

import numpy as np
import pytest

from bot.server.nlu.onnx_encoder import OnnxEncoder, graph_bytes
from bot.server.nlu.sentence_encoder import SentenceEncoder, encode_side_by_side, official_weights

TEXTS = [
    "hi",
    "",
    "can my daughter be paid to look after me with my direct payment",
    "dirct paymnets?? 🙂",
    "im his carer and im at breaking point, i havent slept in days and nobody rings back " * 4,
    "🙂 " * 3000,  # cut to the model's length
]


@pytest.fixture(scope="module")
def copies():
    """The official weights, and a copy changed from layer 4 up as tuning changes it."""
    official = official_weights()
    changed = dict(official)
    for name in official:
        if name.startswith(("encoder.layer.4.", "encoder.layer.5.")) and name.endswith(".weight"):
            changed[name] = official[name] * np.float32(1.1)
    return [official, changed]


@pytest.fixture(scope="module")
def numpy_vectors(copies):
    return encode_side_by_side([SentenceEncoder.load(copy) for copy in copies], TEXTS)


@pytest.mark.parametrize("shared_layers", [0, 4, None])
def test_the_float_graph_is_the_numpy_network(copies, numpy_vectors, shared_layers):
    served = OnnxEncoder(graph_bytes(copies, quantised=False, shared_layers=shared_layers))
    assert served.copies == 2
    vectors = served.encode(TEXTS)
    assert np.allclose(vectors, numpy_vectors, atol=1e-5)
    # unit vectors, each copy its own
    assert np.allclose(np.linalg.norm(vectors[:, :384], axis=1), 1.0, atol=1e-5)
    assert not np.allclose(vectors[:, :384], vectors[:, 384:], atol=1e-3)
    # a text's vector does not depend on the texts batched with it
    assert np.allclose(served.encode(TEXTS[2:3]), vectors[2:3], atol=1e-5)


def test_eight_bit_weights_keep_each_message_near_its_float_meaning(copies, numpy_vectors):
    served = OnnxEncoder(graph_bytes(copies))
    vectors = served.encode(TEXTS)
    cosines = (vectors * numpy_vectors).sum(1) / 2
    assert cosines.min() > 0.97, cosines
    assert np.allclose(np.linalg.norm(vectors[:, :384], axis=1), 1.0, atol=1e-5)


def test_eight_bit_weights_keep_which_messages_mean_the_same():
    """Nearest meanings are kept: a resident's phrasing is still nearest the one that means it."""
    asked = ["how do i get a direct payment", "who do i ring at night", "my dad keeps falling over"]
    meanings = [
        "applying for money to arrange my own care",
        "out of hours phone number",
        "he has had falls at home",
    ]
    served = OnnxEncoder.official()
    similar = served.encode(asked) @ served.encode(meanings).T
    assert list(similar.argmax(1)) == [0, 1, 2]
    reference = SentenceEncoder.load()
    assert np.abs(similar - reference.encode(asked) @ reference.encode(meanings).T).max() < 0.05


def test_eight_bit_graph_is_smaller(copies):
    """The matrix weights (half of all, the word embeddings being the rest) take a quarter of the bytes."""
    plain, eight_bit = graph_bytes(copies, quantised=False), graph_bytes(copies)
    assert len(eight_bit) < 0.6 * len(plain)
