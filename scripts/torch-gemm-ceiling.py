#!/usr/bin/env python3
"""The reference's own matrix-product ceiling for the spectral configuration.

Runs the same products as `nica bench`'s sgemm ceiling (every dense layer of the spectral
configuration, 258 -> 256-256 -> z16 and back, batch 256: the forward product, then the
weight and input gradients of each layer) through torch.mm on one thread, and prints the
samples/s and GFLOP/s of a training step and of the encoder alone, on the CPU clock.
Comparing it with `nica bench --only spectral --clock cpu`, run alternately, says how fast
the reference's GEMM is against OpenBLAS's, so a ratio can be read against what the two
libraries allow. Usage: python3 scripts/torch-gemm-ceiling.py [seconds]
"""
import sys
import time

import torch

torch.set_num_threads(1)
BATCH = 256
LAYERS = [(258, 256), (256, 256), (256, 32), (16, 256), (256, 256), (256, 258)]
ENCODER = 3
SECONDS = float(sys.argv[1]) if len(sys.argv) > 1 else 2.0

gen = torch.Generator().manual_seed(1)
inputs = [torch.rand(BATCH, i, generator=gen) - 0.5 for i, _ in LAYERS]
weights = [torch.rand(i, o, generator=gen) - 0.5 for i, o in LAYERS]
outputs = [torch.empty(BATCH, o) for _, o in LAYERS]
weight_grads = [torch.empty(i, o) for i, o in LAYERS]
input_grads = [torch.empty(BATCH, i) for i, _ in LAYERS]


def encode_step():
    for l in range(ENCODER):
        torch.mm(inputs[l], weights[l], out=outputs[l])


def train_step():
    for l in range(len(LAYERS)):
        torch.mm(inputs[l], weights[l], out=outputs[l])
    for l in reversed(range(len(LAYERS))):
        torch.mm(inputs[l].t(), outputs[l], out=weight_grads[l])
        torch.mm(outputs[l], weights[l].t(), out=input_grads[l])


def rate(step, flops_per_sample):
    for _ in range(50):
        step()
    steps, start = 0, time.process_time()
    while time.process_time() - start < SECONDS:
        step()
        steps += 1
    elapsed = time.process_time() - start
    samples = steps * BATCH / elapsed
    return samples, samples * flops_per_sample / 1e9


forward = [2 * i * o for i, o in LAYERS]
train = rate(train_step, 3 * sum(forward))
encode = rate(encode_step, sum(forward[:ENCODER]))
print(f"torch.mm ceiling train  samples/s {train[0]:.0f}  {train[1]:.2f} GFLOP/s")
print(f"torch.mm ceiling encode samples/s {encode[0]:.0f}  {encode[1]:.2f} GFLOP/s")
