"""`python -m bench` (make bench): every benchmark, each in its own process, printing numbers."""

from __future__ import annotations

import importlib.util
import subprocess
import sys

BENCHMARKS = ("engine", "answers", "webhook", "exports", "chatwords")


def main() -> int:
    failed = 0
    for name in BENCHMARKS:
        module = f"bench.{name}"
        if importlib.util.find_spec(module) is None:
            continue
        print(f"\n== {module}", flush=True)
        failed += subprocess.run([sys.executable, "-m", module], check=False).returncode != 0
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
