"""Exact simplifications of an exported ONNX graph, made in memory before the session loads it.

The quote tagger was exported from PyTorch's scaled-dot-product attention, which guards every
attention softmax with ``Where(IsNaN(p), 0, p)`` (a row whose keys are all masked would be NaN).
Each tagger window starts with ``[CLS]``, which is never masked, so no row is ever all masked and
the guard never changes a value; it only reads and writes a (batch x heads x tokens x tokens)
tensor twice per layer, about a quarter of the tagger's time. ``drop_nan_guards`` removes it.

The model file stays as committed; only the bytes handed to onnxruntime change. This works on the
protobuf wire format directly (the ``onnx`` package is a training-time dependency only) and touches
nothing but the node list of the main graph: NodeProto inputs are rewritten and unused nodes dropped,
every other field is copied byte for byte. Anything unexpected returns the model unchanged.
"""

from __future__ import annotations

from dataclasses import dataclass, field

# Field numbers from onnx.proto: ModelProto.graph, GraphProto.node / .output, NodeProto fields,
# ValueInfoProto.name.
_MODEL_GRAPH = 7
_GRAPH_NODE, _GRAPH_OUTPUT = 1, 12
_NODE_INPUT, _NODE_OUTPUT, _NODE_OP_TYPE, _NODE_DOMAIN = 1, 2, 4, 7
_VALUE_INFO_NAME = 1
_LENGTH_DELIMITED = 2


def _read_varint(data: bytes, pos: int) -> tuple[int, int]:
    value = shift = 0
    while True:
        byte = data[pos]
        pos += 1
        value |= (byte & 0x7F) << shift
        if byte < 0x80:
            return value, pos
        shift += 7


def _varint(value: int) -> bytes:
    out = bytearray()
    while True:
        byte = value & 0x7F
        value >>= 7
        if value:
            out.append(byte | 0x80)
        else:
            out.append(byte)
            return bytes(out)


@dataclass(frozen=True, slots=True)
class _Field:
    number: int
    wire_type: int
    raw: bytes  # the whole field: key and value
    value: bytes  # the payload of a length-delimited field, else b""


def _fields(data: bytes) -> list[_Field]:
    out = []
    pos = 0
    while pos < len(data):
        start = pos
        key, pos = _read_varint(data, pos)
        number, wire_type = key >> 3, key & 7
        value = b""
        if wire_type == 0:
            _, pos = _read_varint(data, pos)
        elif wire_type == 1:
            pos += 8
        elif wire_type == _LENGTH_DELIMITED:
            length, pos = _read_varint(data, pos)
            value = data[pos:pos + length]
            pos += length
        elif wire_type == 5:
            pos += 4
        else:
            raise ValueError(f"unsupported wire type {wire_type}")
        if pos > len(data):
            raise ValueError("truncated message")
        out.append(_Field(number, wire_type, data[start:pos], value))
    return out


def _length_delimited(number: int, payload: bytes) -> bytes:
    return _varint(number << 3 | _LENGTH_DELIMITED) + _varint(len(payload)) + payload


@dataclass
class _Node:
    fields: list[_Field]
    inputs: list[str] = field(default_factory=list)
    outputs: list[str] = field(default_factory=list)
    op_type: str = ""
    domain: str = ""
    changed: bool = False

    @classmethod
    def parse(cls, data: bytes) -> _Node:
        node = cls(_fields(data))
        for f in node.fields:
            if f.wire_type != _LENGTH_DELIMITED:
                continue
            if f.number == _NODE_INPUT:
                node.inputs.append(f.value.decode())
            elif f.number == _NODE_OUTPUT:
                node.outputs.append(f.value.decode())
            elif f.number == _NODE_OP_TYPE:
                node.op_type = f.value.decode()
            elif f.number == _NODE_DOMAIN:
                node.domain = f.value.decode()
        return node

    def serialise(self) -> bytes:
        """The node with its (possibly rewritten) inputs first, every other field as it was."""
        inputs = b"".join(_length_delimited(_NODE_INPUT, name.encode()) for name in self.inputs)
        return inputs + b"".join(f.raw for f in self.fields if f.number != _NODE_INPUT)


def drop_nan_guards(model: bytes) -> tuple[bytes, int]:
    """The model without ``Where(IsNaN(x), c, x)`` guards (consumers read ``x``); returns the bytes
    and the number of guards removed (0 and the original bytes when there is nothing to do)."""
    try:
        return _drop_nan_guards(model)
    except (ValueError, IndexError, UnicodeDecodeError):
        return model, 0


def _drop_nan_guards(model: bytes) -> tuple[bytes, int]:
    top = _fields(model)
    graph_index = [i for i, f in enumerate(top) if f.number == _MODEL_GRAPH and f.wire_type == _LENGTH_DELIMITED]
    if len(graph_index) != 1:
        return model, 0
    graph_fields = _fields(top[graph_index[0]].value)
    nodes = {i: _Node.parse(f.value) for i, f in enumerate(graph_fields)
             if f.number == _GRAPH_NODE and f.wire_type == _LENGTH_DELIMITED}
    graph_outputs = {_value_info_name(f.value) for f in graph_fields if f.number == _GRAPH_OUTPUT}
    consumers: dict[str, int] = {}
    for node in nodes.values():
        for name in node.inputs:
            consumers[name] = consumers.get(name, 0) + 1
    producer = {out: i for i, node in nodes.items() for out in node.outputs}

    renamed: dict[str, str] = {}
    dropped: set[int] = set()
    for i, where in nodes.items():
        if where.op_type != "Where" or where.domain or len(where.inputs) != 3 or len(where.outputs) != 1:
            continue
        isnan_index = producer.get(where.inputs[0])
        if isnan_index is None:
            continue
        isnan = nodes[isnan_index]
        if (isnan.op_type != "IsNaN" or isnan.domain or len(isnan.inputs) != 1 or isnan.inputs[0] != where.inputs[2]
                or consumers.get(isnan.outputs[0]) != 1 or where.outputs[0] in graph_outputs):
            continue
        renamed[where.outputs[0]] = isnan.inputs[0]
        dropped |= {i, isnan_index}
    if not dropped:
        return model, 0
    for i, node in nodes.items():
        if i not in dropped and any(name in renamed for name in node.inputs):
            node.inputs = [renamed.get(name, name) for name in node.inputs]
            node.changed = True
    # Constants read only by the dropped guards (the 0 they put in place of NaN) go too.
    used = {name for i, node in nodes.items() if i not in dropped for name in node.inputs} | graph_outputs
    dropped |= {i for i, node in nodes.items() if node.op_type == "Constant" and not node.domain
                and not any(out in used for out in node.outputs)}

    graph = bytearray()
    for i, f in enumerate(graph_fields):
        if i in dropped:
            continue
        node = nodes.get(i)
        graph += _length_delimited(_GRAPH_NODE, node.serialise()) if node is not None and node.changed else f.raw
    out = bytearray()
    for i, f in enumerate(top):
        out += _length_delimited(_MODEL_GRAPH, bytes(graph)) if i == graph_index[0] else f.raw
    return bytes(out), len(renamed)


def _value_info_name(data: bytes) -> str:
    for f in _fields(data):
        if f.number == _VALUE_INFO_NAME and f.wire_type == _LENGTH_DELIMITED:
            return f.value.decode()
    return ""
