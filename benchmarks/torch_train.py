#!/usr/bin/python3
"""PyTorch CPU training throughput for the models of Flotilla's TrainingBenchmark.

Same models (mnist-2nn, lenet), same batch (64), same optimizer (SGD, momentum 0.9), same thread count (2 by
default) as `TrainingBenchmark`; prints samples/s per model. Data are random tensors of Fashion-MNIST's shape:
throughput does not depend on the pixel values.

    /usr/bin/python3 benchmarks/torch_train.py [--threads 2] [--batch 64] [--steps 300] [--repeats 5]
"""
import argparse
import statistics
import time

import torch
import torch.nn as nn
import torch.nn.functional as F


def mnist_2nn():
    return nn.Sequential(nn.Flatten(), nn.Linear(784, 200), nn.ReLU(), nn.Linear(200, 200), nn.ReLU(),
                         nn.Linear(200, 10))


def lenet():
    return nn.Sequential(nn.Conv2d(1, 6, 5), nn.ReLU(), nn.MaxPool2d(2), nn.Conv2d(6, 16, 5), nn.ReLU(),
                         nn.MaxPool2d(2), nn.Flatten(), nn.Linear(256, 120), nn.ReLU(), nn.Linear(120, 84),
                         nn.ReLU(), nn.Linear(84, 10))


MODELS = {"mnist-2nn": (mnist_2nn, 199_210), "lenet": (lenet, 44_426)}


def bench(name, batch, steps, repeats):
    build, expected = MODELS[name]
    torch.manual_seed(1)
    model = build()
    params = sum(p.numel() for p in model.parameters())
    assert params == expected, f"{name}: {params} parameters, expected {expected}"
    opt = torch.optim.SGD(model.parameters(), lr=0.05, momentum=0.9)
    n_batches = 32
    xs = torch.rand(n_batches, batch, 1, 28, 28)
    ys = torch.randint(0, 10, (n_batches, batch))

    def run(k):
        for i in range(k):
            x, y = xs[i % n_batches], ys[i % n_batches]
            opt.zero_grad(set_to_none=True)
            loss = F.cross_entropy(model(x), y)
            loss.backward()
            opt.step()

    run(50)  # warm-up
    rates = []
    for _ in range(repeats):
        start = time.perf_counter()
        run(steps)
        rates.append(steps * batch / (time.perf_counter() - start))
    return params, rates


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--batch", type=int, default=64)
    ap.add_argument("--steps", type=int, default=300)
    ap.add_argument("--repeats", type=int, default=5)
    ap.add_argument("--models", default="mnist-2nn,lenet")
    args = ap.parse_args()
    torch.set_num_threads(args.threads)
    print(f"torch {torch.__version__}, {torch.get_num_threads()} threads, batch {args.batch}, "
          f"{args.steps} steps x {args.repeats} repeats")
    for name in args.models.split(","):
        params, rates = bench(name, args.batch, args.steps, args.repeats)
        print(f"{name:10s} params {params:>7d}  samples/s median {statistics.median(rates):9.0f}  "
              f"best {max(rates):9.0f}  all " + " ".join(f"{r:.0f}" for r in rates))


if __name__ == "__main__":
    main()
