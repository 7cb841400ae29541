#!/usr/bin/env python3
"""Writes lstm-I1-H8.safetensors from the PyTorch fixture ../pytorch/I1-H8-T16.json, with the standard library only.

The file is what `safetensors.torch.save_file(model.state_dict(), path, metadata={"format": "pt"})` writes for
a module whose `self.lstm = nn.LSTM(1, 8)` holds the fixture's weights: four F32 tensors named lstm.weight_ih_l0,
lstm.weight_hh_l0, lstm.bias_ih_l0 and lstm.bias_hh_l0, in the reference writer's order (sorted by name), behind a
compact JSON header padded with spaces to a multiple of 8 bytes. The fixture's values are float32 values, so F32 holds
them exactly. Run from any directory: python3 make_lstm_model.py
"""
import json
import os
import struct

HERE = os.path.dirname(os.path.abspath(__file__))
FIXTURE = os.path.join(HERE, "..", "pytorch", "I1-H8-T16.json")
OUTPUT = os.path.join(HERE, "lstm-I1-H8.safetensors")
PREFIX = "lstm."


def flat(value):
    return [x for row in value for x in flat(row)] if isinstance(value, list) else [value]


def main():
    with open(FIXTURE, encoding="utf-8") as f:
        torch = json.load(f)["pytorch"]

    tensors = {}
    for name in ("weight_ih", "weight_hh", "bias_ih", "bias_hh"):
        value = torch[name]
        shape = [len(value), len(value[0])] if isinstance(value[0], list) else [len(value)]
        values = flat(value)
        packed = struct.pack("<%df" % len(values), *values)
        if list(struct.unpack("<%df" % len(values), packed)) != values:
            raise SystemExit(f"{name} is not exactly representable in float32")
        tensors[f"{PREFIX}{name}_l0"] = (shape, packed)

    header = {"__metadata__": {"format": "pt"}}
    data = b""
    for name in sorted(tensors):
        shape, packed = tensors[name]
        header[name] = {"dtype": "F32", "shape": shape, "data_offsets": [len(data), len(data) + len(packed)]}
        data += packed

    text = json.dumps(header, separators=(",", ":")).encode("utf-8")
    text += b" " * (-len(text) % 8)
    with open(OUTPUT, "wb") as f:
        f.write(struct.pack("<Q", len(text)) + text + data)
    print(f"wrote {OUTPUT}: {8 + len(text) + len(data)} bytes")


if __name__ == "__main__":
    main()
