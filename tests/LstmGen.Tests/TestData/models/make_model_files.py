#!/usr/bin/env python3
"""Writes the same whole model in three more formats, from the PyTorch case ../pytorch-models/stack-I3-H10-L2-O2-T9.json
(nn.LSTM(3, 10, num_layers=2) -> nn.Linear(10, 2), in the GuitarML format), with the standard library only:

- stack-I3-H10-L2-O2.safetensors: what safetensors.torch.save_file(model.state_dict(), path, metadata={"format": "pt"})
  writes for a module with self.rec = that LSTM and self.lin = that Linear, in float64 (F64) so that every value is
  exactly the case's: tensors sorted by name, a compact JSON header padded with spaces to a multiple of 8 bytes.
- stack-I3-H10-L2-O2.state_dict.json: the plain state_dict JSON of RTNeural's torch_helpers style, {name: nested lists}.
- stack-I3-H10-L2-O2.rtneural.json: RTNeural's JSON for the same model as Keras holds it (model_utils.save_model):
  LSTM kernels transposed to I x 4H and H x 4H (Keras' gate order i, f, c, o is PyTorch's i, f, g, o), one bias
  bias_ih + bias_hh, and the dense kernel transposed to I x O.

Run from any directory: python3 make_model_files.py. It reproduces the files byte for byte; the tests never run it.
"""
import json
import os
import struct

HERE = os.path.dirname(os.path.abspath(__file__))
SOURCE = os.path.join(HERE, "..", "pytorch-models", "stack-I3-H10-L2-O2-T9.json")
STEM = os.path.join(HERE, "stack-I3-H10-L2-O2")


def shape(value):
    return [len(value)] + shape(value[0]) if isinstance(value, list) else []


def flat(value):
    return [x for row in value for x in flat(row)] if isinstance(value, list) else [value]


def transpose(matrix):
    return [list(row) for row in zip(*matrix)]


def write_safetensors(state):
    names = sorted(state)
    header = {"__metadata__": {"format": "pt"}}
    offset = 0
    blobs = []
    for name in names:
        values = flat(state[name])
        blob = struct.pack("<%dd" % len(values), *values)
        header[name] = {"dtype": "F64", "shape": shape(state[name]), "data_offsets": [offset, offset + len(blob)]}
        offset += len(blob)
        blobs.append(blob)
    text = json.dumps(header, separators=(",", ":")).encode("utf-8")
    text += b" " * (-len(text) % 8)
    with open(STEM + ".safetensors", "wb") as f:
        f.write(struct.pack("<Q", len(text)) + text + b"".join(blobs))


def main():
    with open(SOURCE, encoding="utf-8") as f:
        model = json.load(f)
    data = model["model_data"]
    state = model["state_dict"]
    write_safetensors(state)
    with open(STEM + ".state_dict.json", "w", encoding="utf-8", newline="\n") as f:
        json.dump(state, f)
        f.write("\n")

    layers = []
    for k in range(data["num_layers"]):
        bias = [a + b for a, b in zip(state["rec.bias_ih_l%d" % k], state["rec.bias_hh_l%d" % k])]
        layers.append({
            "type": "lstm",
            "activation": "tanh",
            "shape": [None, None, data["hidden_size"]],
            "weights": [transpose(state["rec.weight_ih_l%d" % k]), transpose(state["rec.weight_hh_l%d" % k]), bias],
        })
    layers.append({
        "type": "dense",
        "activation": "",
        "shape": [None, None, data["output_size"]],
        "weights": [transpose(state["lin.weight"]), state["lin.bias"]],
    })
    with open(STEM + ".rtneural.json", "w", encoding="utf-8", newline="\n") as f:
        json.dump({"in_shape": [None, None, data["input_size"]], "layers": layers}, f)
        f.write("\n")


if __name__ == "__main__":
    main()
