#!/usr/bin/python3
"""FedAvg in plain PyTorch on a partition Flotilla wrote: the reference for the NIID-Bench reproduction.

Reads the per-client label counts of a Flotilla run's `partition.txt`, draws that many examples of each label for
each client from the Fashion-MNIST training set (disjoint, seeded), and runs the loop of Flower's `niid_bench`
FedAvg baseline: NIID-Bench's CNN (PyTorch's default initialisation), every client each round, local SGD with a
fresh optimizer per round, the global model replaced by the sample-weighted mean of the client models, and the
test accuracy of the global model after each round. Prints one CSV line per round, as in `rounds.csv`.

    /usr/bin/python3 benchmarks/niid_bench_torch.py RUN_DIR/partition.txt [--rounds 50] [--epochs 10]
        [--batch 64] [--lr 0.01] [--momentum 0.9] [--weight-decay 1e-5] [--seed 1] [--threads 1]
"""
import argparse
import gzip
import re
import struct
import time

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

DATA = "/usr/share/datasets/fashion-mnist"


class CnnMnist(nn.Module):
    """NIID-Bench's SimpleCNNMNIST (Flower's niid_bench CNNMnist): 44,426 parameters."""

    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(1, 6, 5)
        self.pool = nn.MaxPool2d(2, 2)
        self.conv2 = nn.Conv2d(6, 16, 5)
        self.fc1 = nn.Linear(16 * 4 * 4, 120)
        self.fc2 = nn.Linear(120, 84)
        self.fc3 = nn.Linear(84, 10)

    def forward(self, x):
        x = self.pool(F.relu(self.conv1(x)))
        x = self.pool(F.relu(self.conv2(x)))
        x = x.view(-1, 16 * 4 * 4)
        x = F.relu(self.fc1(x))
        x = F.relu(self.fc2(x))
        return self.fc3(x)


def idx(name):
    with gzip.open(f"{DATA}/{name}", "rb") as f:
        raw = f.read()
    dims = raw[3]
    shape = struct.unpack(">" + "I" * dims, raw[4:4 + 4 * dims])
    return np.frombuffer(raw, dtype=np.uint8, offset=4 + 4 * dims).reshape(shape)


def images(name):
    return torch.from_numpy(idx(name).astype(np.float32) / 255.0).unsqueeze(1)


def label_counts(path):
    """Rows of per-label counts, one per client, from a Flotilla partition.txt."""
    rows = []
    with open(path) as f:
        for line in f:
            cells = line.split()
            if cells and re.fullmatch(r"\d+", cells[0]) and len(cells) == 13:
                rows.append([int(c) for c in cells[3:]])
    return rows


def partition(labels, counts, rng):
    by_label = [rng.permutation(np.where(labels == k)[0]) for k in range(10)]
    taken = [0] * 10
    clients = []
    for row in counts:
        mine = []
        for k, n in enumerate(row):
            mine.extend(by_label[k][taken[k]:taken[k] + n])
            taken[k] += n
        clients.append(torch.from_numpy(np.array(mine, dtype=np.int64)))
    return clients


def train(model, x, y, epochs, batch, lr, momentum, weight_decay, generator):
    opt = torch.optim.SGD(model.parameters(), lr=lr, momentum=momentum, weight_decay=weight_decay)
    model.train()
    n = len(y)
    for _ in range(epochs):
        order = torch.randperm(n, generator=generator)
        for start in range(0, n, batch):
            b = order[start:start + batch]
            opt.zero_grad()
            F.cross_entropy(model(x[b]), y[b]).backward()
            opt.step()


def evaluate(model, x, y):
    model.eval()
    with torch.no_grad():
        logits = model(x)
        return (logits.argmax(1) == y).float().mean().item(), F.cross_entropy(logits, y).item()


def main():
    p = argparse.ArgumentParser()
    p.add_argument("partition")
    p.add_argument("--rounds", type=int, default=50)
    p.add_argument("--epochs", type=int, default=10)
    p.add_argument("--batch", type=int, default=64)
    p.add_argument("--lr", type=float, default=0.01)
    p.add_argument("--momentum", type=float, default=0.9)
    p.add_argument("--weight-decay", type=float, default=1e-5)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--threads", type=int, default=1)
    a = p.parse_args()
    torch.set_num_threads(a.threads)
    torch.manual_seed(a.seed)
    x, y = images("train-images-idx3-ubyte.gz"), torch.from_numpy(idx("train-labels-idx1-ubyte.gz").astype(np.int64))
    tx = images("t10k-images-idx3-ubyte.gz")
    ty = torch.from_numpy(idx("t10k-labels-idx1-ubyte.gz").astype(np.int64))
    clients = partition(y.numpy(), label_counts(a.partition), np.random.default_rng(a.seed))
    sizes = [len(c) for c in clients]
    total = float(sum(sizes))
    generator = torch.Generator().manual_seed(a.seed)
    global_model = CnnMnist()
    local = CnnMnist()
    print("round,accuracy,loss,wall_seconds", flush=True)
    for r in range(1, a.rounds + 1):
        started = time.time()
        start_state = {k: v.clone() for k, v in global_model.state_dict().items()}
        mean = {k: torch.zeros_like(v) for k, v in start_state.items()}
        for c, n in zip(clients, sizes):
            local.load_state_dict(start_state)
            train(local, x[c], y[c], a.epochs, a.batch, a.lr, a.momentum, a.weight_decay, generator)
            for k, v in local.state_dict().items():
                mean[k] += v * (n / total)
        global_model.load_state_dict(mean)
        acc, loss = evaluate(global_model, tx, ty)
        print(f"{r},{acc:.4f},{loss:.6f},{time.time() - started:.1f}", flush=True)


if __name__ == "__main__":
    main()
