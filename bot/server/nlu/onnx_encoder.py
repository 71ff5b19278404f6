"""The sentence encoder's tuned copies as one ONNX graph, run by onnxruntime with 8-bit weights.

The NumPy encoder (bot/server/nlu/sentence_encoder.py) reads every copy's 43 MB of float weights
for each message, more than the processor's cache holds, so a message was mostly a wait on memory
(issue 30: about a third of the Rasa server's time a message). Here the same network (the shared
word embeddings, each copy's six layers, mean pooling and length normalisation) is written as an
ONNX graph, its matrix weights quantised to 8 bits per output channel with onnxruntime's dynamic
quantisation (a quarter of the bytes), and run by onnxruntime on one thread. Training builds it
from the tuned weights and keeps it in the model. tests/test_onnx_encoder.py checks it against the
NumPy encoder; `make bench` measures what it costs and what it changes.
"""

import functools
import logging
import tempfile
from pathlib import Path
from typing import Dict, List, Optional, Sequence, Text

import numpy as np

from bot.server.nlu.sentence_encoder import (
    HEADS,
    LAYER_NORM_EPSILON,
    LAYERS,
    SentenceEncoder,
    token_batches,
    official_tokenizer,
    official_weights,
)

OPSET = 17  # the first with LayerNormalization
DIMENSIONS = SentenceEncoder.dimensions
HEAD_SIZE = DIMENSIONS // HEADS

# the graph's constants, by name
CONSTANTS = {
    "heads_shape": np.array([0, 0, HEADS, HEAD_SIZE], dtype=np.int64),
    "joined_shape": np.array([0, 0, DIMENSIONS], dtype=np.int64),
    "one": np.array(1.0, dtype=np.float32),
    "half": np.array(0.5, dtype=np.float32),
    "root_half": np.array(1 / np.sqrt(2.0), dtype=np.float32),
    "masked": np.array(-1e9, dtype=np.float32),
    "scale": np.array(1 / np.sqrt(HEAD_SIZE), dtype=np.float32),
    "start": np.array([0], dtype=np.int64),
    "second": np.array([1], dtype=np.int64),
    "after_second": np.array([2], dtype=np.int64),
    "padding_axes": np.array([1, 2], dtype=np.int64),
    "last_axis": np.array([2], dtype=np.int64),
}


class _Graph:
    """The nodes and weights of the encoder's graph, as they are added."""

    def __init__(self) -> None:
        from onnx import helper

        self._helper = helper
        self.nodes: List = []
        self.weights: Dict[Text, np.ndarray] = dict(CONSTANTS)

    def node(self, op: Text, inputs: Sequence[Text], output: Text, **attributes: object) -> Text:
        self.nodes.append(self._helper.make_node(op, list(inputs), [output], **attributes))
        return output

    def weight(self, name: Text, value: np.ndarray) -> Text:
        self.weights[name] = value
        return name

    def linear(self, x: Text, copy: Dict[Text, np.ndarray], name: Text, at: Text) -> Text:
        # stored (outputs, inputs); MatMul wants (inputs, outputs)
        weight = self.weight(f"{at}{name}.weight", np.ascontiguousarray(copy[f"{name}.weight"].T))
        product = self.node("MatMul", [x, weight], f"{at}{name}.product")
        return self.node(
            "Add", [product, self.weight(f"{at}{name}.bias", copy[f"{name}.bias"])], f"{at}{name}"
        )

    def norm(self, x: Text, copy: Dict[Text, np.ndarray], name: Text, at: Text) -> Text:
        scale = self.weight(f"{at}{name}.weight", copy[f"{name}.weight"])
        bias = self.weight(f"{at}{name}.bias", copy[f"{name}.bias"])
        return self.node(
            "LayerNormalization", [x, scale, bias], f"{at}{name}", axis=-1, epsilon=LAYER_NORM_EPSILON
        )

    def embedded(self, weights: Dict[Text, np.ndarray], length: Text, at: Text) -> Text:
        word_table = self.weight(f"{at}words", weights["embeddings.word_embeddings.weight"])
        words = self.node("Gather", [word_table, "ids"], f"{at}word_vectors")
        positions = self.weight(f"{at}positions", weights["embeddings.position_embeddings.weight"])
        positions = self.node("Slice", [positions, "start", length], f"{at}position_vectors")
        token_type = self.weight(f"{at}token_type", weights["embeddings.token_type_embeddings.weight"][0])
        words_at = self.node("Add", [words, positions], f"{at}words_at")
        return self.norm(
            self.node("Add", [words_at, token_type], f"{at}embedded"), weights, "embeddings.LayerNorm", at
        )

    def layer(self, x: Text, copy: Dict[Text, np.ndarray], layer: int, padding: Text, prefix: Text) -> Text:
        """One BERT layer, as SentenceEncoder._layer computes it."""
        name = f"encoder.layer.{layer}"
        at = f"{prefix}{name}."

        def heads(part: Text, order: List[int]) -> Text:
            values = self.linear(x, copy, f"{name}.attention.self.{part}", prefix)
            shaped = self.node("Reshape", [values, "heads_shape"], f"{at}{part}.heads")
            return self.node("Transpose", [shaped], f"{at}{part}.by_head", perm=order)

        query, key, value = (
            heads("query", [0, 2, 1, 3]),
            heads("key", [0, 2, 3, 1]),
            heads("value", [0, 2, 1, 3]),
        )
        scores = self.node(
            "Mul", [self.node("MatMul", [query, key], f"{at}products"), "scale"], f"{at}scaled"
        )
        scores = self.node("Add", [scores, padding], f"{at}scores")
        attention = self.node("Softmax", [scores], f"{at}attention", axis=-1)
        context = self.node("MatMul", [attention, value], f"{at}context.by_head")
        context = self.node("Transpose", [context], f"{at}context.by_token", perm=[0, 2, 1, 3])
        context = self.node("Reshape", [context, "joined_shape"], f"{at}context")
        attended = self.node(
            "Add", [self.linear(context, copy, f"{name}.attention.output.dense", prefix), x], f"{at}attended"
        )
        x = self.norm(attended, copy, f"{name}.attention.output.LayerNorm", prefix)
        hidden = self.linear(x, copy, f"{name}.intermediate.dense", prefix)
        erf = self.node("Erf", [self.node("Mul", [hidden, "root_half"], f"{at}gelu.in")], f"{at}gelu.erf")
        halved = self.node("Mul", [hidden, "half"], f"{at}gelu.half")
        gelu = self.node("Mul", [halved, self.node("Add", [erf, "one"], f"{at}gelu.sum")], f"{at}gelu")
        out = self.node("Add", [self.linear(gelu, copy, f"{name}.output.dense", prefix), x], f"{at}out")
        return self.norm(out, copy, f"{name}.output.LayerNorm", prefix)


def graph_bytes(
    copies: Sequence[Dict[Text, np.ndarray]], quantised: bool = True, shared_layers: Optional[int] = 0
) -> bytes:
    """An ONNX model of the copies side by side (token ids and mask in, the copies' unit vectors
    joined out), with its matrix weights in 8 bits when `quantised`. The word embeddings and the
    first `shared_layers` layers are the same in every copy (tuning left them as pretrained):
    computed once for all. None: each copy has its own embeddings too."""
    from onnx import TensorProto, helper, numpy_helper

    graph = _Graph()
    length = graph.node(
        "Slice", [graph.node("Shape", ["ids"], "ids_shape"), "second", "after_second"], "length"
    )
    shared = None if shared_layers is None else graph.embedded(copies[0], length, "shared.")
    not_real = graph.node("Sub", ["one", "mask"], "not_real")
    padding = graph.node("Mul", [not_real, "masked"], "padding.flat")
    padding = graph.node("Unsqueeze", [padding, "padding_axes"], "padding")
    for layer in range(shared_layers or 0):
        shared = graph.layer(shared, copies[0], layer, padding, "shared.")
    mask_column = graph.node("Unsqueeze", ["mask", "last_axis"], "mask_column")
    real_tokens = graph.node("ReduceSum", ["mask", "second"], "real_tokens", keepdims=1)
    vectors = []
    for index, copy in enumerate(copies):
        prefix = f"copy{index}."
        x = graph.embedded(copy, length, prefix) if shared is None else shared
        for layer in range(shared_layers or 0, LAYERS):
            x = graph.layer(x, copy, layer, padding, prefix)
        masked = graph.node("Mul", [x, mask_column], f"{prefix}masked")
        summed = graph.node("ReduceSum", [masked, "second"], f"{prefix}summed", keepdims=0)
        pooled = graph.node("Div", [summed, real_tokens], f"{prefix}pooled")
        vectors.append(graph.node("LpNormalization", [pooled], f"{prefix}vector", axis=-1, p=2))
    graph.node("Concat", vectors, "vectors", axis=1)
    model = helper.make_model(
        helper.make_graph(
            graph.nodes,
            "sentence_encoder",
            [
                helper.make_tensor_value_info("ids", TensorProto.INT64, ["batch", "length"]),
                helper.make_tensor_value_info("mask", TensorProto.FLOAT, ["batch", "length"]),
            ],
            [
                helper.make_tensor_value_info(
                    "vectors", TensorProto.FLOAT, ["batch", DIMENSIONS * len(copies)]
                )
            ],
            [numpy_helper.from_array(value, name) for name, value in graph.weights.items()],
        ),
        opset_imports=[helper.make_opsetid("", OPSET)],
    )
    if not quantised:
        return model.SerializeToString()
    from onnxruntime.quantization import QuantType, quantize_dynamic

    root = logging.getLogger()
    level = root.level
    # onnxruntime advises, at warning level on the root logger, a pre-processing pass for models
    # of unknown shapes: this graph's shapes are its own, and the advice only alarms a newcomer
    root.setLevel(logging.ERROR)
    try:
        with tempfile.TemporaryDirectory() as directory:
            eight_bit = Path(directory) / "eight_bit.onnx"
            # the matrix products only (the word embeddings are a lookup and stay float); per output
            # channel, which kept the vectors within 0.975 cosine of the float ones (per tensor: 0.86)
            quantize_dynamic(
                model,
                str(eight_bit),
                weight_type=QuantType.QInt8,
                op_types_to_quantize=["MatMul"],
                per_channel=True,
            )
            return eight_bit.read_bytes()
    finally:
        root.setLevel(level)


class OnnxEncoder:
    """Texts to their copies' unit vectors side by side, from one onnxruntime session on one thread
    (a message is a handful of tokens: a second thread would cost more than it saves and take the
    core the server's other work needs)."""

    def __init__(self, model: bytes) -> None:
        import onnxruntime

        options = onnxruntime.SessionOptions()
        options.intra_op_num_threads = 1
        options.inter_op_num_threads = 1
        self._session = onnxruntime.InferenceSession(model, options, providers=["CPUExecutionProvider"])
        self._tokenizer = official_tokenizer()
        self.copies = self._session.get_outputs()[0].shape[1] // DIMENSIONS

    @classmethod
    @functools.lru_cache(maxsize=2)
    def official(cls, quantised: bool = True) -> "OnnxEncoder":
        """The untuned model (built once a process: quantising takes a few seconds)."""
        return cls(graph_bytes([official_weights()], quantised))

    def encode(self, texts: Sequence[Text]) -> np.ndarray:
        """One row per text (in the texts' order): each copy's unit vector, side by side."""
        vectors = np.zeros((len(texts), DIMENSIONS * self.copies), dtype=np.float32)
        for rows, ids, mask in token_batches(self._tokenizer, texts):
            vectors[rows] = self._session.run(["vectors"], {"ids": ids.astype(np.int64), "mask": mask})[0]
        return vectors
