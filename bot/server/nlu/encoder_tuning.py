"""Fine-tuning the sentence encoder on our intents (training time only, with TensorFlow).

The pretrained all-MiniLM-L6-v2 places messages by their general meaning, so questions residents
word alike but that need different answers (a needs assessment and a carer's assessment; help
finding a personal assistant and help managing the money) sit close together. A few passes over
our labelled examples, the usual BERT fine-tuning recipe (a cosine-softmax head over the intents,
AdamW with a linearly decaying rate), draw each intent's phrasings together and apart from the
others. Measured by 5-fold cross-validation in `make bench`.

The same network as bot/server/nlu/sentence_encoder.py, written with TensorFlow's operations so it can
learn; the tuned weights go back in the NumPy encoder's layout, so answering a resident costs
what it did before.
"""

from typing import Dict, Sequence, Text

import numpy as np
import tensorflow as tf

from bot.server.nlu.sentence_encoder import (
    HEADS,
    LAYER_NORM_EPSILON,
    LAYERS,
    MAX_TOKENS,
    SentenceEncoder,
    padded,
)
from bot.server.nlu.wordpiece import WordPiece

BATCH_SIZE = 32
WEIGHT_DECAY = 0.01
# cosine similarities lie in [-1, 1]; scaled so the softmax over intents can become confident
LOGIT_SCALE = 20.0


class TrainableEncoder(tf.Module):
    """MiniLM's forward pass (BERT layers, mean pooling, unit length) over trainable variables."""

    def __init__(self, weights: Dict[Text, np.ndarray]) -> None:
        super().__init__()
        # kept in the official files' layout (dense layers [out, in]), so they go back unchanged
        self.weights = {
            name: tf.Variable(value, name=name.replace(".", "/"))
            for name, value in weights.items()
            if not name.startswith("pooler.")  # BERT's [CLS] pooler is not used by mean pooling
        }

    def _norm(self, x: tf.Tensor, name: Text) -> tf.Tensor:
        mean, variance = tf.nn.moments(x, [-1], keepdims=True)
        normed = (x - mean) / tf.sqrt(variance + LAYER_NORM_EPSILON)
        return normed * self.weights[f"{name}.weight"] + self.weights[f"{name}.bias"]

    def _linear(self, x: tf.Tensor, name: Text) -> tf.Tensor:
        return tf.einsum("bld,ed->ble", x, self.weights[f"{name}.weight"]) + self.weights[f"{name}.bias"]

    def __call__(self, ids: tf.Tensor, mask: tf.Tensor) -> tf.Tensor:
        batch, length = tf.shape(ids)[0], tf.shape(ids)[1]
        dimensions = SentenceEncoder.dimensions
        head_size = dimensions // HEADS
        x = (
            tf.gather(self.weights["embeddings.word_embeddings.weight"], ids)
            + self.weights["embeddings.position_embeddings.weight"][:length][None]
            + self.weights["embeddings.token_type_embeddings.weight"][0]
        )
        x = self._norm(x, "embeddings.LayerNorm")
        padding = (1.0 - mask)[:, None, None, :] * -1e9

        def heads(values: tf.Tensor) -> tf.Tensor:
            return tf.transpose(tf.reshape(values, [batch, length, HEADS, head_size]), [0, 2, 1, 3])

        for layer in range(LAYERS):
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
        """The weights in the layout SentenceEncoder reads (the official files' layout)."""
        return {name: variable.numpy() for name, variable in self.weights.items()}


def fine_tune(
    weights: Dict[Text, np.ndarray],
    tokenizer: WordPiece,
    texts: Sequence[Text],
    labels: Sequence[Text],
    epochs: int,
    learning_rate: float,
    seed: int,
) -> Dict[Text, np.ndarray]:
    """Weights tuned so that texts with the same label are near each other."""
    tf.random.set_seed(seed)
    shuffler = np.random.default_rng(seed)
    intents = sorted(set(labels))
    targets = np.array([intents.index(label) for label in labels], dtype=np.int32)
    encoder = TrainableEncoder(weights)
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
            step(*padded([tokenizer.ids(texts[row], MAX_TOKENS) for row in rows]), targets[rows])
    return encoder.numpy_weights()
