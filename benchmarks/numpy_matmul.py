#!/usr/bin/python3
"""NumPy float32 matmul GFLOP/s at square sizes, the baseline for Flotilla's SGEMM (benchmarks/kernels.md).

Usage: /usr/bin/python3 benchmarks/numpy_matmul.py [--sizes 512 1024] [--rounds 10] [--seconds 1.0]
Each round times as many C = A @ B as fit in about --seconds; prints best, median and worst round (wall-clock
GFLOP/s, and GFLOP per CPU-second of the whole process, which is less sensitive to other jobs), and
which BLAS library the process actually loaded (Debian's default libblas.so.3 is the reference BLAS unless
OpenBLAS is installed or put first on LD_LIBRARY_PATH).
"""
import argparse
import os
import statistics
import time

import numpy as np


def loaded_blas():
    with open("/proc/self/maps") as maps:
        libs = {line.split()[-1] for line in maps if "blas" in line.lower() and "/" in line}
    return ", ".join(sorted(libs)) or "unknown"


def rounds_gflops(n, rounds, seconds):
    rng = np.random.default_rng(42)
    a = rng.random((n, n), dtype=np.float32)
    b = rng.random((n, n), dtype=np.float32)
    c = np.empty((n, n), dtype=np.float32)
    np.matmul(a, b, out=c)  # warm-up: thread pool start, page faults
    flop = 2.0 * n * n * n
    t0 = time.perf_counter()
    np.matmul(a, b, out=c)
    per_call = max(time.perf_counter() - t0, 1e-6)
    calls = max(1, int(seconds / per_call))
    wall, cpu = [], []
    for _ in range(rounds):
        t0 = time.perf_counter()
        c0 = time.process_time()
        for _ in range(calls):
            np.matmul(a, b, out=c)
        wall.append(flop * calls / (time.perf_counter() - t0) / 1e9)
        cpu.append(flop * calls / max(time.process_time() - c0, 1e-9) / 1e9)
    return wall, cpu


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[512, 1024])
    parser.add_argument("--rounds", type=int, default=10)
    parser.add_argument("--seconds", type=float, default=1.0)
    args = parser.parse_args()
    threads = os.environ.get("OPENBLAS_NUM_THREADS", "default")
    print(f"numpy {np.__version__}, blas: {loaded_blas()}, OPENBLAS_NUM_THREADS={threads}, cpus={os.cpu_count()}")
    for n in args.sizes:
        wall, cpu = rounds_gflops(n, args.rounds, args.seconds)
        print(f"n={n} float32 matmul GFLOP/s: best {max(wall):.1f} median {statistics.median(wall):.1f} "
              f"worst {min(wall):.1f} ({args.rounds} rounds); per CPU-second: best {max(cpu):.1f} "
              f"median {statistics.median(cpu):.1f} worst {min(cpu):.1f}")


if __name__ == "__main__":
    main()
