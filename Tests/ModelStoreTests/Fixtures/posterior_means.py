"""Recomputes a nica model's encoder posterior means with NumPy, from the model file alone.

Usage: python3 posterior_means.py MODEL.safetensors INPUT.csv > means.csv

Reads the weights with the `safetensors` package and the metadata nica stores beside
them (feature settings, standardisation, hidden activation), applies the encoder to every
row of a per-sample (window 1, raw) CSV recording and prints the posterior means mu,
one row per observation, one column per latent dimension.
"""
import csv
import json
import sys

import numpy as np
from safetensors import safe_open
from safetensors.numpy import load_file


def main(model_path, input_path):
    weights = load_file(model_path)
    with safe_open(model_path, framework="numpy") as f:
        meta = f.metadata()
    assert meta["format"] == "nica-vae/1", meta["format"]
    arch = json.loads(meta["architecture"])
    features = json.loads(meta["features"])
    stand = json.loads(meta["standardizer"])
    assert features["window"] == 1 and features["kind"] == "raw", "this check covers per-sample models"

    with open(input_path, newline="") as fh:
        rows = list(csv.reader(line for line in fh if not line.startswith("#")))
    header = rows[0]
    keep = [i for i, name in enumerate(header) if name not in ("time", "t")]
    x = np.array([[float(r[i]) for i in keep] for r in rows[1:]], dtype=np.float64)

    h = (x - np.array(stand["mean"])) / np.array(stand["std"])
    layers = len(arch["hiddenSizes"]) + 1
    slope = arch["leakySlope"]
    for i in range(layers):
        h = h @ weights[f"encoder.{i}.weight"].astype(np.float64) + weights[f"encoder.{i}.bias"]
        if i < layers - 1:
            if arch.get("hiddenActivation", "leaky-relu") == "elu":
                h = np.where(h > 0, h, np.expm1(np.minimum(h, 0)))
            else:
                h = np.where(h > 0, h, slope * h)
    mu = h[:, : arch["latentSize"]]
    out = csv.writer(sys.stdout, lineterminator="\n")
    for row in mu:
        out.writerow([repr(float(v)) for v in row])


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
