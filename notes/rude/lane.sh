#!/bin/bash
# Runs curve.ts for each recipe given (name=json), one after another.
cd "$(dirname "$0")/../.."
for arg in "$@"; do
  name="${arg%%=*}"; json="${arg#*=}"
  npx tsx notes/rude/curve.ts --recipe "$json" > "notes/rude/c.$name.txt" 2>&1
done
