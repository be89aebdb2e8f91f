#!/usr/bin/python3
"""The label structure of Flower's niid_bench partitions of Fashion-MNIST, as Flotilla scenario keys.

Replays `dataset_preparation.py` of Flower's `baselines/niid_bench` (NumPy's default_rng(seed), 10 clients) on the
Fashion-MNIST training labels and prints `partition.label_counts` (Dirichlet) or `partition.label_sets` (#C=k),
to paste into a scenario (`simulations/scenarios/niid-bench-*-published.conf` hold seed 42's).

    /usr/bin/python3 benchmarks/niid_bench_flower_counts.py dirichlet [--alpha 0.5] [--seed 42]
    /usr/bin/python3 benchmarks/niid_bench_flower_counts.py labels [--per-client 2] [--seed 42]
"""
import argparse
import gzip

import numpy as np

LABELS = "/usr/share/datasets/fashion-mnist/train-labels-idx1-ubyte.gz"
CLIENTS = 10


def dirichlet(y, alpha, seed):
    prng = np.random.default_rng(seed)
    smallest = 0
    while smallest < 10:
        parts = [[] for _ in range(CLIENTS)]
        for k in range(10):
            idx_k = np.where(y == k)[0]
            prng.shuffle(idx_k)
            p = prng.dirichlet(np.repeat(alpha, CLIENTS))
            p = np.array([q * (len(part) < len(y) / CLIENTS) for q, part in zip(p, parts)])
            p = (np.cumsum(p / p.sum()) * len(idx_k)).astype(int)[:-1]
            parts = [part + cut.tolist() for part, cut in zip(parts, np.split(idx_k, p))]
            smallest = min(len(part) for part in parts)
    return [[int((y[np.array(part, dtype=np.int64)] == k).sum()) for k in range(10)] for part in parts]


def label_sets(per_client, seed):
    prng = np.random.default_rng(seed)
    sets = []
    for i in range(CLIENTS):
        current = [i % 10]
        while len(current) < per_client:
            label = int(prng.choice(10, 1)[0])
            if label not in current:
                current.append(label)
        sets.append(current)
    return sets


def rows(values):
    return "[" + ", ".join("[" + ", ".join(map(str, r)) + "]" for r in values) + "]"


def main():
    p = argparse.ArgumentParser()
    p.add_argument("kind", choices=["dirichlet", "labels"])
    p.add_argument("--alpha", type=float, default=0.5)
    p.add_argument("--per-client", type=int, default=2)
    p.add_argument("--seed", type=int, default=42)
    a = p.parse_args()
    if a.kind == "labels":
        print("label_sets = " + rows(label_sets(a.per_client, a.seed)))
        return
    with gzip.open(LABELS) as f:
        y = np.frombuffer(f.read(), dtype=np.uint8, offset=8).astype(np.int64)
    print("label_counts = " + rows(dirichlet(y, a.alpha, a.seed)))


if __name__ == "__main__":
    main()
