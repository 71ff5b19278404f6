"""Fine-tuning the sentence encoder on our intents (training time only, with TensorFlow).

The pretrained all-MiniLM-L6-v2 places messages by their general meaning, so questions residents
word alike but that need different answers (a needs assessment and a carer's assessment; help
finding a personal assistant and help managing the money) sit close together. A few passes over
our labelled examples, the usual BERT fine-tuning recipe (a cosine-softmax head over the intents,
AdamW with a linearly decaying rate), draw each intent's phrasings together and apart from the
others. Measured by 5-fold cross-validation in `make bench`.

The same network as bot/server/nlu/sentence_encoder.py, written with TensorFlow's operations so it can
learn; the tuned weights go back in the NumPy encoder's layout, so answering a resident costs
what it did before. With `tuned_layers` below the encoder's 6, the embeddings and lower layers
stay as pretrained: their outputs are computed once, in NumPy, and only the top layers learn, so
a pass over the examples costs a fraction of a full one (training time is in `make bench`).
"""

from typing import Dict, List, Optional, Sequence, Text, Tuple

import numpy as np
import tensorflow as tf

from bot.server.nlu.sentence_encoder import (
    HEADS,
    LAYER_NORM_EPSILON,
    LAYERS,
    MAX_TOKENS,
    SentenceEncoder,
    first_tuned_layer,
    padded,
)
from bot.server.nlu.wordpiece import WordPiece

BATCH_SIZE = 32
WEIGHT_DECAY = 0.01
# cosine similarities lie in [-1, 1]; scaled so the softmax over intents can become confident
LOGIT_SCALE = 20.0


def tuned_names(names: Sequence[Text], first_layer: Optional[int]) -> List[Text]:
    """The weights that learn: the layers from `first_layer` up, or every weight when it is None."""
    return [
        name
        for name in names
        if not name.startswith("pooler.")  # BERT's [CLS] pooler is not used by mean pooling
        and (
            first_layer is None
            or (name.startswith("encoder.layer.") and int(name.split(".")[2]) >= first_layer)
        )
    ]


class TrainableEncoder(tf.Module):
    """MiniLM's forward pass (BERT layers, mean pooling, unit length) over trainable variables.

    With `first_layer` None it reads token ids and every weight learns, the embeddings too; with a
    layer number it reads the token vectors entering that layer (SentenceEncoder.hidden_states:
    the embeddings' output for 0) and holds only the layers from there up.
    """

    def __init__(self, weights: Dict[Text, np.ndarray], first_layer: Optional[int] = None) -> None:
        super().__init__()
        self.first_layer = first_layer
        # kept in the official files' layout (dense layers [out, in]), so they go back unchanged
        self.weights = {
            name: tf.Variable(weights[name], name=name.replace(".", "/"))
            for name in tuned_names(list(weights), first_layer)
        }

    def _norm(self, x: tf.Tensor, name: Text) -> tf.Tensor:
        mean, variance = tf.nn.moments(x, [-1], keepdims=True)
        normed = (x - mean) / tf.sqrt(variance + LAYER_NORM_EPSILON)
        return normed * self.weights[f"{name}.weight"] + self.weights[f"{name}.bias"]

    def _linear(self, x: tf.Tensor, name: Text) -> tf.Tensor:
        return tf.einsum("bld,ed->ble", x, self.weights[f"{name}.weight"]) + self.weights[f"{name}.bias"]

    def __call__(self, inputs: tf.Tensor, mask: tf.Tensor) -> tf.Tensor:
        batch, length = tf.shape(inputs)[0], tf.shape(inputs)[1]
        dimensions = SentenceEncoder.dimensions
        head_size = dimensions // HEADS
        if self.first_layer is not None:
            x = inputs
        else:
            x = (
                tf.gather(self.weights["embeddings.word_embeddings.weight"], inputs)
                + self.weights["embeddings.position_embeddings.weight"][:length][None]
                + self.weights["embeddings.token_type_embeddings.weight"][0]
            )
            x = self._norm(x, "embeddings.LayerNorm")
        padding = (1.0 - mask)[:, None, None, :] * -1e9

        def heads(values: tf.Tensor) -> tf.Tensor:
            return tf.transpose(tf.reshape(values, [batch, length, HEADS, head_size]), [0, 2, 1, 3])

        for layer in range(self.first_layer or 0, LAYERS):
            name = f"encoder.layer.{layer}"
            query = heads(self._linear(x, f"{name}.attention.self.query"))
            key = heads(self._linear(x, f"{name}.attention.self.key"))
            value = heads(self._linear(x, f"{name}.attention.self.value"))
            scores = tf.nn.softmax(tf.matmul(query, key, transpose_b=True) / np.sqrt(head_size) + padding)
            context = tf.reshape(
                tf.transpose(tf.matmul(scores, value), [0, 2, 1, 3]), [batch, length, dimensions]
            )
            attended = self._linear(context, f"{name}.attention.output.dense")
            x = self._norm(attended + x, f"{name}.attention.output.LayerNorm")
            hidden = tf.nn.gelu(self._linear(x, f"{name}.intermediate.dense"), approximate=False)
            x = self._norm(self._linear(hidden, f"{name}.output.dense") + x, f"{name}.output.LayerNorm")
        pooled = tf.reduce_sum(x * mask[:, :, None], 1) / tf.reduce_sum(mask, 1, keepdims=True)
        return tf.math.l2_normalize(pooled, -1)

    def numpy_weights(self) -> Dict[Text, np.ndarray]:
        """The tuned weights, in the layout SentenceEncoder reads (the official files' layout)."""
        return {name: variable.numpy() for name, variable in self.weights.items()}


def _padded_states(states: Sequence[np.ndarray]) -> Tuple[np.ndarray, np.ndarray]:
    """A batch of token vectors padded with zeros to its longest, and the mask of real tokens."""
    x = np.zeros((len(states), max(len(row) for row in states), SentenceEncoder.dimensions), np.float32)
    mask = np.zeros(x.shape[:2], dtype=np.float32)
    for row, state in enumerate(states):
        x[row, : len(state)] = state
        mask[row, : len(state)] = 1.0
    return x, mask


def fine_tune(
    weights: Dict[Text, np.ndarray],
    tokenizer: WordPiece,
    texts: Sequence[Text],
    labels: Sequence[Text],
    epochs: int,
    learning_rate: float,
    seed: int,
    tuned_layers: int = LAYERS,
    tune_embeddings: bool = True,
) -> Dict[Text, np.ndarray]:
    """The top `tuned_layers` layers' weights (with all 6 and `tune_embeddings`, every weight),
    tuned so that texts with the same label are near each other; the others stay as given."""
    tf.random.set_seed(seed)
    shuffler = np.random.default_rng(seed)
    intents = sorted(set(labels))
    targets = np.array([intents.index(label) for label in labels], dtype=np.int32)
    first_layer = first_tuned_layer(tuned_layers, tune_embeddings)
    encoder = TrainableEncoder(weights, first_layer)
    if first_layer is not None:
        states = SentenceEncoder(weights, tokenizer).hidden_states(texts, first_layer)

        def batch(rows: np.ndarray) -> Tuple[np.ndarray, np.ndarray]:
            return _padded_states([states[row] for row in rows])

    else:

        def batch(rows: np.ndarray) -> Tuple[np.ndarray, np.ndarray]:
            return padded([tokenizer.ids(texts[row], MAX_TOKENS) for row in rows])

    head = tf.Variable(tf.random.normal([SentenceEncoder.dimensions, len(intents)], seed=seed), name="head")
    # the weights the network learns (not integer buffers such as BERT's position_ids)
    variables = [weight for weight in encoder.weights.values() if weight.dtype.is_floating] + [head]
    steps = epochs * int(np.ceil(len(texts) / BATCH_SIZE))
    optimizer = tf.keras.optimizers.AdamW(
        learning_rate=tf.keras.optimizers.schedules.PolynomialDecay(learning_rate, steps, 0.0),
        weight_decay=WEIGHT_DECAY,
    )

    @tf.function(reduce_retracing=True)
    def step(ids: tf.Tensor, mask: tf.Tensor, batch_targets: tf.Tensor) -> None:
        with tf.GradientTape() as tape:
            similarities = tf.matmul(encoder(ids, mask), tf.math.l2_normalize(head, 0))
            loss = tf.reduce_mean(
                tf.nn.sparse_softmax_cross_entropy_with_logits(batch_targets, LOGIT_SCALE * similarities)
            )
        optimizer.apply_gradients(zip(tape.gradient(loss, variables), variables))

    for _ in range(epochs):
        order = shuffler.permutation(len(texts))
        for start in range(0, len(texts), BATCH_SIZE):
            rows = order[start : start + BATCH_SIZE]
            step(*batch(rows), targets[rows])
    return encoder.numpy_weights()
