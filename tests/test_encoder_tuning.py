"""Fine-tuning the sentence encoder: it learns our intents, and the tuned model is the one served."""

import numpy as np
import pytest
import tensorflow as tf
from safetensors.numpy import load_file
from rasa.engine.graph import ExecutionContext, GraphSchema
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.storage.resource import Resource
from rasa.shared.nlu.constants import INTENT, TEXT
from rasa.shared.nlu.training_data.loading import load_data
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot.server.nlu.encoder_tuning import TrainableEncoder, fine_tune
from bot.server.nlu.sentence_encoder import (
    MAX_TOKENS,
    SentenceEncoder,
    encode_side_by_side,
    first_tuned_layer,
    official_tokenizer,
    official_weights,
    padded,
)
from bot.server.nlu.sentence_featurizer import TUNED_WEIGHTS_FILE, SentenceFeaturizer

# two answers residents word alike: an assessment for the person cared for, or for the carer
CONFUSABLE = ("assessment_needs", "assessment_carer")


@pytest.fixture(scope="module")
def examples():
    """Each intent's first 24 phrasings to tune on, the next 16 to measure with (new phrasings go at
    the end of an intent's list, so these stay the ones this test was set with)."""
    data = load_data("data/nlu/assessments.yml")
    by_intent = {
        intent: [m.get(TEXT) for m in data.intent_examples if m.get(INTENT) == intent]
        for intent in CONFUSABLE
    }
    tune = [(text, intent) for intent, texts in by_intent.items() for text in texts[:24]]
    measure = {intent: texts[24:40] for intent, texts in by_intent.items()}
    return tune, measure


def separation(encoder: SentenceEncoder, tune, measure) -> float:
    """How much nearer unseen phrasings are to their own intent's examples than to the other's."""
    centroids = {}
    for intent in CONFUSABLE:
        vectors = encoder.encode([text for text, label in tune if label == intent])
        centroids[intent] = vectors.mean(0) / np.linalg.norm(vectors.mean(0))
    margins = []
    for intent, other in (CONFUSABLE, CONFUSABLE[::-1]):
        vectors = encoder.encode(measure[intent])
        margins.extend(vectors @ centroids[intent] - vectors @ centroids[other])
    return float(np.mean(margins))


def test_the_trainable_network_is_the_served_one():
    """TensorFlow's copy computes what the NumPy encoder does, so tuning tunes what residents meet."""
    texts = ["hi", "can my daughter be paid to look after me", "grab rail in the bath please 🙂"]
    tokenizer = official_tokenizer()
    ids, mask = padded([tokenizer.ids(text, MAX_TOKENS) for text in texts])
    trainable = TrainableEncoder(official_weights())
    assert np.allclose(
        trainable(tf.constant(ids), tf.constant(mask)).numpy(),
        SentenceEncoder.load().encode(texts),
        atol=1e-4,
    )


def test_the_top_layers_alone_continue_from_the_lower_layers_outputs():
    """Tuning only the top layers starts from the NumPy encoder's lower layers: together they are
    the same network."""
    texts = ["hi", "can my daughter be paid to look after me", "who do I ring out of hours"]
    encoder = SentenceEncoder.load()
    for first_layer in (0, 3):  # 0: every layer learns, the word embeddings do not
        states = encoder.hidden_states(texts, first_layer)
        assert [len(state) for state in states] == [
            len(official_tokenizer().ids(t, MAX_TOKENS)) for t in texts
        ]
        width = max(len(state) for state in states)
        x = np.stack([np.pad(state, ((0, width - len(state)), (0, 0))) for state in states])
        mask = np.stack([(np.arange(width) < len(state)).astype(np.float32) for state in states])
        top = TrainableEncoder(official_weights(), first_layer=first_layer)
        assert not any(name.startswith("embeddings.") for name in top.weights)
        assert any(name.startswith(f"encoder.layer.{first_layer}.") for name in top.weights)
        assert not any(name.startswith(f"encoder.layer.{first_layer - 1}.") for name in top.weights)
        assert np.allclose(top(tf.constant(x), tf.constant(mask)).numpy(), encoder.encode(texts), atol=1e-4)


def test_copies_sharing_their_lower_layers_give_what_each_gives_alone():
    texts = ["hello", "what is a direct payment", "my husband has dementia and I need a break"]
    official = official_weights()
    scale = "encoder.layer.5.output.LayerNorm.weight"  # a top layer changed, as tuning does
    changed = {**official, scale: official[scale] * np.linspace(0.5, 1.5, SentenceEncoder.dimensions)}
    copies = [SentenceEncoder.load(official), SentenceEncoder.load(changed)]
    together = encode_side_by_side(copies, texts, shared_layers=4)
    alone = np.hstack([copy.encode(texts) for copy in copies])
    assert np.allclose(together, alone, atol=1e-5)
    assert not np.allclose(together[:, :384], together[:, 384:], atol=1e-3)
    # copies whose word embeddings were tuned share nothing: each is computed whole
    words = "embeddings.LayerNorm.weight"
    copies[1] = SentenceEncoder.load({**official, words: official[words] * np.linspace(0.5, 1.5, 384)})
    alone = np.hstack([copy.encode(texts) for copy in copies])
    assert np.allclose(encode_side_by_side(copies, texts, first_tuned_layer(6, True)), alone, atol=1e-5)
    assert not np.allclose(encode_side_by_side(copies, texts, 0), alone, atol=1e-3)


@pytest.mark.trains
@pytest.mark.parametrize("layers, learnt", [(6, None), (2, {"4", "5"})])
def test_tuning_draws_unseen_phrasings_to_their_own_intent(examples, layers, learnt):
    """All six layers, or the top two alone (only they learn), draw each intent's phrasings together."""
    tune, measure = examples
    official = official_weights()
    before = separation(SentenceEncoder.load(), tune, measure)
    tuned = fine_tune(
        official,
        official_tokenizer(),
        [t for t, _ in tune],
        [i for _, i in tune],
        epochs=5,
        learning_rate=1e-4,
        seed=0,
        tuned_layers=layers,
    )
    if learnt:
        assert {name.split(".")[2] for name in tuned} == learnt
    after = separation(SentenceEncoder.load({**official, **tuned}), tune, measure)
    assert after > before + 0.02, (before, after)


def featurizer(storage, config, execution_context) -> SentenceFeaturizer:
    return SentenceFeaturizer.create(
        {**SentenceFeaturizer.get_default_config(), **config}, storage, Resource("meaning"), execution_context
    )


def vectors(meaning: SentenceFeaturizer, texts) -> np.ndarray:
    """The sentence features the featurizer gives residents' messages."""
    messages = [Message(data={TEXT: text}) for text in texts]
    meaning.process(messages)
    return np.vstack([message.get_dense_features(TEXT)[1].features for message in messages])


@pytest.mark.parametrize(
    "epochs, runs, layers, embeddings, quantise, share_kept",
    [
        (0, 1, 6, True, False, 0),
        (0, 1, 6, True, True, 0),
        pytest.param(1, 1, 6, True, True, 0.9, marks=pytest.mark.trains),
        pytest.param(1, 2, 6, False, True, 0.55, marks=pytest.mark.trains),
        pytest.param(1, 2, 2, False, False, 0.2, marks=pytest.mark.trains),
    ],
)
def test_a_saved_featurizer_gives_the_vectors_it_trained_with(
    tmp_path, examples, epochs, runs, layers, embeddings, quantise, share_kept
):
    storage = LocalModelStorage(tmp_path)
    context = ExecutionContext(GraphSchema({}), "test")
    training = TrainingData([Message(data={TEXT: text, INTENT: intent}) for text, intent in examples[0]])
    config = {
        "fine_tune_epochs": epochs,
        "fine_tune_runs": runs,
        "tuned_layers": layers,
        "tune_embeddings": embeddings,
        "quantise": quantise,
    }
    trained = featurizer(storage, config, context)
    trained.train(training)
    loaded = SentenceFeaturizer.load(
        {**SentenceFeaturizer.get_default_config(), **config}, storage, Resource("meaning"), context
    )
    texts = ["can i have a carer's assessment", "my mum needs help at home"]
    served, learnt = vectors(loaded, texts), vectors(trained, texts)
    assert np.allclose(served, learnt, atol=1e-6)
    official = SentenceEncoder.load().encode(texts)
    if epochs == 0:  # tuned only when asked: the official model, in float or near it in 8 bits
        if quantise:
            assert ((served * official).sum(1) > 0.97).all()
        else:
            assert np.allclose(served, official, atol=1e-5)
        return
    copies = np.split(served * np.sqrt(runs), runs, axis=1)
    if not quantise:  # served as the NumPy encoder computes the tuned copies
        tuned = [
            SentenceEncoder.load({**official_weights(), **load_file(str(path))})
            for path in sorted(tmp_path.rglob("tuned-*.safetensors"))
        ]
        assert np.allclose(np.hstack(copies), encode_side_by_side(tuned, texts), atol=1e-5)
    assert all(not np.allclose(copy, official, atol=1e-3) for copy in copies)
    # each copy from its own random start, so they differ from each other too
    assert all(not np.allclose(copies[0], copy, atol=1e-3) for copy in copies[1:])
    # the model keeps only what was tuned: all of it, the layers without the word embeddings
    # (about half), or two of the six layers (about a sixth)
    kept = sum(path.stat().st_size for path in tmp_path.rglob(TUNED_WEIGHTS_FILE.format(run=0)))
    whole = sum(value.nbytes for value in official_weights().values())
    assert kept > whole * 0.9 if share_kept > 0.6 else kept < whole * share_kept
