#!/usr/bin/env bash
# Render the pictures of docs/render.md from the flagship map with `argmap render`.
# Run from anywhere: bash docs/images/make.sh   (ARGMAP=... to use another argmap command)
set -euo pipefail
cd "$(dirname "$0")/../.."
ARGMAP="${ARGMAP:-.venv/bin/argmap}"
MAP=arguments/pakistan-afghanistan.yaml
OUT=docs/images
rm -f "$OUT"/*.svg "$OUT"/flagship-default.png "$OUT"/flagship-a4*.png "$OUT"/tutorial-slide.png \
  "$OUT"/flagship-slide.png

# The visual grammar on a small map that has every node and relation kind.
$ARGMAP render tests/golden/small.yaml -o "$OUT/grammar.svg" --highlight-findings
# The flagship map with the default options: fitted, in short labels (its full text would
# print under 7 pt on a slide), colour, legend.
$ARGMAP render "$MAP" -o "$OUT/flagship.svg"
$ARGMAP render "$MAP" -o "$OUT/flagship-default.png" --dpi 36
# On a 16:9 slide: the overview in short labels, one picture (a PDF adds the full text).
$ARGMAP render "$MAP" -o "$OUT/flagship-slide.png" --page slide --dpi 96
# On A4 paper: the overview in short labels, readable only turned: on A4 landscape (a PDF
# adds the full text on portrait pages).
$ARGMAP render "$MAP" -o "$OUT/flagship-a4.png" --page a4 --dpi 72
# A 15-node map (the Istanbul talks) fits one 16:9 slide.
$ARGMAP render tests/golden/istanbul.yaml -o "$OUT/tutorial-slide.png" --page slide --dpi 72
# Black and white for handouts.
$ARGMAP render "$MAP" -o "$OUT/flagship-print.svg" --theme print
# Sections as clusters, and the findings of `argmap check` marked.
$ARGMAP render "$MAP" -o "$OUT/flagship-sections.svg" --group section --highlight-findings
# The neighbourhood of one claim, with ids.
$ARGMAP render "$MAP" -o "$OUT/flagship-focus.svg" --labels both \
  --focus victories-lack-economic-leverage --depth 1
# Only claims and recommendations, left to right.
$ARGMAP render "$MAP" -o "$OUT/flagship-claims.svg" --kinds claim,recommendation \
  --direction left-right --hide-orphans --no-legend
# Grounded labels written on the nodes (argmap evaluate's semantics).
$ARGMAP render "$MAP" -o "$OUT/flagship-acceptance.svg" --show acceptance \
  --kinds claim,recommendation,objection
# A reveal for teaching: flagship-reveal-01.svg, -02.svg, ...
$ARGMAP render "$MAP" -o "$OUT/flagship-reveal.svg" --reveal \
  --focus diplomatic-gains-cannot-underwrite-war --depth 1
# A generated map of 1,000 nodes: too big for dot, drawn by argmap's layered layout
# (folded into bands), at a small resolution to show its shape.
PYTHON="${PYTHON:-.venv/bin/python}"
GEN="$(mktemp -d)"
"$PYTHON" -c 'import sys; sys.path.insert(0, "benchmarks")
from bench_render import generate
print(generate(1000), end="")' > "$GEN/generated-1000.yaml"
$ARGMAP render "$GEN/generated-1000.yaml" -o "$OUT/layered-1000.png" --dpi 10 --force
rm -r "$GEN"
