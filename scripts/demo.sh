#!/usr/bin/env bash
# Set up (see setup.sh), then run the main job on the flagship map: check it and render it.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
echo "== argmap check arguments/"
status=0
.venv/bin/argmap check arguments/ || status=$?
if [ "$status" -eq 1 ]; then
  echo "(exit 1: findings. The article asserts some claims without support; reporting them is the tool working.)"
elif [ "$status" -ne 0 ]; then
  exit "$status"
fi
mkdir -p out
echo "== argmap render: out/pakistan-afghanistan.svg (findings marked) and .png, a Markdown handout"
.venv/bin/argmap render arguments/pakistan-afghanistan.yaml -o out/pakistan-afghanistan.svg --highlight-findings
.venv/bin/argmap render arguments/pakistan-afghanistan.yaml -o out/pakistan-afghanistan.png --dpi 150
.venv/bin/argmap render arguments/pakistan-afghanistan.yaml -o out/pakistan-afghanistan.md
