#!/bin/sh
# Replays a target's seed corpus and regressions, then fuzzes it for a
# bounded time ($UPF_FUZZ_SECONDS, else SECONDS). New inputs and any
# crash go to WORK, never to the source tree.
# Usage: run.sh TARGET CORPUS REGRESSIONS WORK SECONDS
set -eu
target=$1 corpus=$2 regressions=$3 work=$4 seconds=${UPF_FUZZ_SECONDS:-$5}
mkdir -p "$work/corpus" "$regressions"
exec "$target" -max_total_time="$seconds" -max_len=4096 -timeout=20 \
  -artifact_prefix="$work/" -print_final_stats=1 \
  "$work/corpus" "$corpus" "$regressions"
