#!/bin/bash
# Runs each "outfile|command" given, one after another (research lanes).
cd "$(dirname "$0")/../.."
for arg in "$@"; do out="${arg%%|*}"; cmd="${arg#*|}"; bash -c "$cmd" > "$out" 2>&1; done
