#!/usr/bin/env bash
# Measures one LSTM step at the yardstick's sizes, side by side in one sitting:
#   - the hand-written fixed-size C++ reference (../shared/perfref, or $PERFREF), built with and without -ffast-math;
#   - the generated layers and the tutorial-style C# port under the JIT (tests/LstmGen.PerfHarness);
#   - the generated layers under NativeAOT (IlcInstructionSet=x86-64-v3);
# then prints a table of ns per step. A second sitting does the same at the amp-capture sizes (1x20, 1x32, 1x40, 2x20) for
# the bare layer and the whole amp model (LSTM -> Dense(H->1) + x[0]): the yardstick with PERFREF_SIZES=amp, the harness with
# "amp". SKIP_AMP=1 leaves it out. A third sitting times Forward over 256-step sequences against the same steps as Step calls
# (4x16, 8x32, 16x64, 64x128; the harness with "forward"); SKIP_FORWARD=1 leaves it out. A fourth sitting times streamed
# layers' Step of all N streams against a single-stream layer's Step, per stream (N = 8 at 1x16, 4x16, 8x32, 16x64, 64x128;
# N = 2 at 1x16 and 1x40; stereo amp models, N = 2 at 1x20 and 1x40, per channel against the ordinary model; the
# harness with "streams"); SKIP_STREAMS=1 leaves it out. With --bdn it also runs the
# BenchmarkDotNet suite (steps, models, training iterations, Forward, streams).
# Each implementation runs ROUNDS times (default 3), interleaved, and the table keeps the best of its runs' medians, so a
# burst of load from a neighbour on a shared machine does not decide a comparison. Close other work first.
# TRIALS=40 times each repetition in 40 chunks and keeps the fastest, on both sides: the C++ reference is then built from
# a copy of perfref with scripts/perfref-trials.patch applied (its kernels untouched), and the harness gets --trials 40.
set -euo pipefail
cd "$(dirname "$0")/.."
perfref=${PERFREF:-../shared/perfref}
out=${BENCH_OUT:-artifacts/benchmarks}
mkdir -p "$out"

rounds=${ROUNDS:-3}
trials=${TRIALS:-1}
if ! [[ "$trials" =~ ^[1-9][0-9]{0,2}$|^1000$ ]]; then echo "TRIALS must be a whole number from 1 to 1000" >&2; exit 2; fi
have_cpp=false
if [[ -f "$perfref/fixed.cpp" ]]; then
  source_dir=$perfref
  if (( trials > 1 )); then
    source_dir="$out/perfref-trials"
    rm -rf "$source_dir" && mkdir -p "$source_dir"
    cp "$perfref/fixed.cpp" "$perfref/common.hpp" "$source_dir/"
    git apply --directory="$source_dir" --unsafe-paths -p1 scripts/perfref-trials.patch
  fi
  echo "== building the C++ reference ($source_dir)"
  g++ -std=c++17 -O3 -march=native -DNDEBUG "$source_dir/fixed.cpp" -o "$out/cfix"
  g++ -std=c++17 -O3 -march=native -DNDEBUG -ffast-math "$source_dir/fixed.cpp" -o "$out/cfix_ffm"
  have_cpp=true
else
  echo "== C++ reference not found at $perfref (set PERFREF); skipping it"
fi

echo "== building the harness for the JIT and for NativeAOT (linux-x64, x86-64-v3)"
dotnet build -c Release tests/LstmGen.PerfHarness -o "$out/jit" > "$out/jit-build.log"
dotnet publish tests/LstmGen.PerfHarness -c Release -r linux-x64 -o "$out/aot" > "$out/aot-publish.log"

: > "$out/cpp.csv"; : > "$out/jit.csv"; : > "$out/aot.csv"
for round in $(seq "$rounds"); do
  echo "== round $round of $rounds"
  if $have_cpp; then REPS=3 TRIALS=$trials "$out/cfix" | tee -a "$out/cpp.csv"; REPS=3 TRIALS=$trials "$out/cfix_ffm" | tee -a "$out/cpp.csv"; fi
  # The tutorial port is slow and far behind; the first round measures it.
  port=$([[ $round == 1 ]] && echo "" || echo "--no-port")
  dotnet "$out/jit/LstmGen.PerfHarness.dll" $port --trials "$trials" --label jit | tee -a "$out/jit.csv"
  "$out/aot/LstmGen.PerfHarness" --no-port --trials "$trials" --label aot | tee -a "$out/aot.csv"
done

echo
echo "ns per step (lower is better), best of $rounds rounds, each the median of 3 repetitions$( (( trials > 1 )) && echo " timed as the fastest of $trials chunks"); C++ is the best of its variants; speed-up = tutorial / LstmGen JIT"
cat "$out/cpp.csv" "$out/jit.csv" "$out/aot.csv" | awk -F, '
  NF >= 7 && $4 + 0 > 0 {
    size = $2 "x" $3
    if (!(size in seen)) { seen[size] = 1; order[++n] = size }
    if ($1 ~ /^c/) { if (!(size in cpp) || $4 < cpp[size]) { cpp[size] = $4; cppname[size] = $1 } }
    else if ($1 == "lstmgen_jit") { if (!(size in jit) || $4 < jit[size]) jit[size] = $4 }
    else if ($1 == "lstmgen_aot") { if (!(size in aot) || $4 < aot[size]) aot[size] = $4 }
    else if ($1 == "tutorial_jit") { if (!(size in tut) || $4 < tut[size]) tut[size] = $4 }
  }
  END {
    printf "| I×H | C++ (best variant) | LstmGen JIT | LstmGen AOT | tutorial port JIT | speed-up |\n|---|---|---|---|---|---|\n"
    for (k = 1; k <= n; k++) {
      s = order[k]
      printf "| %s | %s | %s | %s | %s | %s |\n", s,
        (s in cpp) ? sprintf("%.0f (%s)", cpp[s], cppname[s]) : "-",
        (s in jit) ? sprintf("%.0f", jit[s]) : "-", (s in aot) ? sprintf("%.0f", aot[s]) : "-",
        (s in tut) ? sprintf("%.0f", tut[s]) : "-",
        (s in tut && s in jit) ? sprintf("%.1fx", tut[s] / jit[s]) : "-"
    }
  }' | tee "$out/table.md"

if [[ "${SKIP_AMP:-0}" != "1" ]]; then
  echo
  echo "== the amp-capture sizes: layer and whole model"
  : > "$out/amp-cpp.csv"; : > "$out/amp-jit.csv"; : > "$out/amp-aot.csv"
  for round in $(seq "$rounds"); do
    echo "== amp round $round of $rounds"
    if $have_cpp; then
      PERFREF_SIZES=amp REPS=3 TRIALS=$trials "$out/cfix" | tee -a "$out/amp-cpp.csv"
      PERFREF_SIZES=amp REPS=3 TRIALS=$trials "$out/cfix_ffm" | tee -a "$out/amp-cpp.csv"
    fi
    dotnet "$out/jit/LstmGen.PerfHarness.dll" amp --trials "$trials" --label jit | tee -a "$out/amp-jit.csv"
    "$out/aot/LstmGen.PerfHarness" amp --trials "$trials" --label aot | tee -a "$out/amp-aot.csv"
  done

  echo
  echo "ns per sample at the amp-capture sizes, best of $rounds rounds; C++ is the best of its variants (layer: cfix/cvec, model: campfix/campvec)"
  cat "$out/amp-cpp.csv" "$out/amp-jit.csv" "$out/amp-aot.csv" | awk -F, '
    NF >= 7 && $4 + 0 > 0 {
      size = $2 "x" $3
      if (!(size in seen)) { seen[size] = 1; order[++n] = size }
      model = ($1 ~ /amp/)
      if ($1 ~ /^c/) { col = model ? "cppm" : "cppl" }
      else if ($1 ~ /_jit$/) { col = model ? "jitm" : "jitl" }
      else if ($1 ~ /_aot$/) { col = model ? "aotm" : "aotl" }
      else next
      k = size SUBSEP col
      if (!(k in best) || $4 < best[k]) best[k] = $4
    }
    END {
      printf "| I×H | C++ layer | LstmGen layer JIT | LstmGen layer AOT | C++ amp model | LstmGen amp model JIT | LstmGen amp model AOT |\n|---|---|---|---|---|---|---|\n"
      for (i = 1; i <= n; i++) {
        s = order[i]
        printf "| %s", s
        split("cppl jitl aotl cppm jitm aotm", cols, " ")
        for (c = 1; c <= 6; c++) { k = s SUBSEP cols[c]; printf " | %s", (k in best) ? sprintf("%.0f", best[k]) : "-" }
        printf " |\n"
      }
    }' | tee "$out/amp-table.md"
fi

if [[ "${SKIP_FORWARD:-0}" != "1" ]]; then
  echo
  echo "== Forward over 256-step sequences against the same steps as Step calls (JIT and NativeAOT)"
  : > "$out/forward.csv"
  for round in $(seq "$rounds"); do
    echo "== forward round $round of $rounds"
    dotnet "$out/jit/LstmGen.PerfHarness.dll" forward --trials "$trials" --label jit | tee -a "$out/forward.csv"
    "$out/aot/LstmGen.PerfHarness" forward --trials "$trials" --label aot | tee -a "$out/forward.csv"
  done

  echo
  echo "ns per step over 256-step sequences, best of $rounds rounds; ratio = Forward / Step calls (lower is better)"
  awk -F, '
    NF == 7 {
      k = $1 SUBSEP $2 "x" $3
      if (!(k in seen)) { seen[k] = 1; order[++n] = k }
      if (!(k in step) || $5 < step[k]) step[k] = $5
      if (!(k in fwd) || $6 < fwd[k]) fwd[k] = $6
    }
    END {
      printf "| runtime | I×H | Step calls | Forward | ratio |\n|---|---|---|---|---|\n"
      for (i = 1; i <= n; i++) {
        split(order[i], part, SUBSEP)
        sub(/^forward_/, "", part[1])
        printf "| %s | %s | %.0f | %.0f | %.2f |\n", part[1], part[2], step[order[i]], fwd[order[i]], fwd[order[i]] / step[order[i]]
      }
    }' "$out/forward.csv" | tee "$out/forward-table.md"
fi

if [[ "${SKIP_STREAMS:-0}" != "1" ]]; then
  echo
  echo "== streams: Step of all N streams of a streamed layer against a single-stream layer's Step (JIT and NativeAOT)"
  : > "$out/streams.csv"
  for round in $(seq "$rounds"); do
    echo "== streams round $round of $rounds"
    dotnet "$out/jit/LstmGen.PerfHarness.dll" streams --trials "$trials" --label jit | tee -a "$out/streams.csv"
    "$out/aot/LstmGen.PerfHarness" streams --trials "$trials" --label aot | tee -a "$out/streams.csv"
  done

  echo
  echo "ns per stream step, best of $rounds rounds; ratio = streamed per stream / single-stream step (lower is better);"
  echo "floor = the LSTM's multiply-adds (4H·(I+H)/lanes) and activations (H/lanes vectors) at this core's measured throughput"
  echo "(ThroughputFloor in the harness), a lower bound for any kernel; floor ratio = floor / single-stream step"
  awk -F, '
    NF == 4 && $1 ~ /^floor_/ {
      r = $1; sub(/^floor_/, "", r)
      lanes[r] = $2
      if (!(r in fma) || $3 < fma[r]) fma[r] = $3
      if (!(r in act) || $4 < act[r]) act[r] = $4
    }
    NF == 7 {
      k = $1 SUBSEP $2 "x" $3 SUBSEP $4
      if (!(k in seen)) { seen[k] = 1; order[++n] = k }
      if (!(k in one) || $5 < one[k]) one[k] = $5
      if (!(k in per) || $6 < per[k]) per[k] = $6
    }
    END {
      printf "| runtime | I×H | N | single-stream step | streamed, per stream | ratio | floor | floor ratio |\n|---|---|---|---|---|---|---|---|\n"
      for (i = 1; i <= n; i++) {
        split(order[i], part, SUBSEP)
        sub(/^streams_/, "", part[1])
        r = part[1]; sub(/^amp_/, "", r)
        split(part[2], size, "x")
        floor = (4 * size[2] * (size[1] + size[2]) / lanes[r]) * fma[r] + (size[2] / lanes[r]) * act[r]
        printf "| %s | %s | %s | %.0f | %.0f | %.2f | %.0f | %.2f |\n", part[1], part[2], part[3], one[order[i]], per[order[i]], per[order[i]] / one[order[i]], floor, floor / one[order[i]]
      }
    }' "$out/streams.csv" | tee "$out/streams-table.md"
fi

if [[ "${1:-}" == "--bdn" ]]; then
  echo "== BenchmarkDotNet suite"
  dotnet run -c Release --project tests/LstmGen.Benchmarks -- --filter '*' --job short --artifacts "$out/bdn"
fi
