#!/usr/bin/env bash
# The user's path to a device, end to end: pack LstmGen into a local feed, publish the samples from that package with
# NativeAOT for linux-x64 and linux-arm64, run them (arm64 under qemu), check that they print what the JIT build prints,
# and hold each device binary to its size budget. Run as root on Debian (it installs the arm64 cross toolchain and qemu
# when they are missing); idempotent; exits non-zero on any failure.
#
#   scripts/device-check.sh
#
# Work files go to artifacts/device-check (ignored by git); the package version is unique per run and removed from the
# NuGet cache afterwards, so no run sees another run's package.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

# The hello-world NativeAOT floor with the size options, measured on this machine kind (the run measures it again and
# prints both), and what the device sample may add to it.
readonly X64_FLOOR=995688
readonly ARM64_FLOOR=1057080
readonly ALLOWANCE=102400
# JIT and NativeAOT builds run different kernel paths (Vector256 under the JIT here, Vector128 on x64 NativeAOT without
# IlcInstructionSet and on arm64); they sum in the same order, so the outputs should agree to the last printed digit.
# The tolerance leaves room for libm differences between x64 and arm64 in the synthetic signals.
readonly TOLERANCE=1e-4
readonly SIZE_OPTIONS=(-p:OptimizationPreference=Size -p:StackTraceSupport=false -p:UseSystemResourceKeys=true -p:InvariantGlobalization=true)

work="$root/artifacts/device-check"
version="0.1.0-devicecheck.$(date -u +%Y%m%d%H%M%S).$$"
hello=""
cache=""

fail() {
  echo "device-check: FAILED: $*" >&2
  exit 1
}

section() {
  echo
  echo "== $* [${SECONDS}s]"
}

cleanup() {
  if [[ -n "$cache" && -d "$cache/lstmgen/$version" ]]; then
    rm -rf "${cache:?}/lstmgen/$version"
  fi
  if [[ -n "$hello" && -d "$hello" ]]; then
    rm -rf "$hello"
  fi
}
trap cleanup EXIT

# Runs a command with its output in a log; on failure shows the log's end and stops.
logged() {
  local log=$1
  shift
  if ! "$@" >"$log" 2>&1; then
    tail -n 40 "$log" >&2
    fail "'$*' failed (full log: $log)"
  fi
}

# Fails when a build log reports any warning (trim and AOT analysis included): zero warnings is the contract.
assert_no_warnings() {
  local log=$1
  if grep -E ': warning [A-Z]+[0-9]+' "$log" >&2; then
    fail "warnings in $log (above)"
  fi
}

install_prerequisites() {
  local missing=()
  command -v dotnet >/dev/null || fail "the .NET SDK is not on PATH"
  command -v aarch64-linux-gnu-gcc >/dev/null || missing+=(gcc-aarch64-linux-gnu)
  [[ -e /usr/aarch64-linux-gnu/lib/libc.so.6 ]] || missing+=(libc6-dev-arm64-cross)
  command -v qemu-aarch64 >/dev/null || missing+=(qemu-user)
  command -v clang-14 >/dev/null || missing+=(clang-14)
  command -v gcc >/dev/null || missing+=(gcc)
  command -v size >/dev/null || missing+=(binutils)
  if ((${#missing[@]} == 0)); then
    echo "cross toolchain and qemu present"
    return
  fi

  [[ $(id -u) == 0 ]] || fail "missing ${missing[*]}; run as root, or: apt-get install -y ${missing[*]}"
  echo "installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  logged "$work/apt.log" apt-get update
  logged "$work/apt-install.log" apt-get install -y --no-install-recommends "${missing[@]}"
}

# publish_native PROJECT RID OUTPUT [MSBUILD ARGS...]: NativeAOT publish of a sample from the packed LstmGen, with warnings
# as errors, into OUTPUT.
publish_native() {
  local project=$1 rid=$2 output=$3
  shift 3
  local log="$work/logs/publish-$(basename "$output").log"
  local started=$SECONDS
  local extra=()
  if [[ $rid == linux-arm64 ]]; then
    extra+=(-p:CppCompilerAndLinker=clang-14)
  fi
  logged "$log" dotnet publish "samples/$project" -c Release -r "$rid" -warnaserror \
    -p:LstmGenPackageVersion="$version" -p:RestoreAdditionalProjectSources="$work/feed" \
    --artifacts-path "$work/build" -o "$output" "${extra[@]}" "$@"
  assert_no_warnings "$log"
  [[ -x "$output/$project" ]] || fail "no binary at $output/$project"
  echo "published $(basename "$output") ($project for $rid${*:+ with $*}) in $((SECONDS - started)) s: $(stat -c %s "$output/$project") bytes"
}

# run_binary RID BINARY OUTPUT: runs a native binary (arm64 under qemu) and keeps its standard output.
run_binary() {
  local rid=$1 binary=$2 output=$3
  local runner=()
  if [[ $rid == linux-arm64 ]]; then
    runner=(qemu-aarch64 -L /usr/aarch64-linux-gnu)
  fi
  local started=$SECONDS
  if ! "${runner[@]}" "$binary" >"$output" 2>"$output.stderr"; then
    cat "$output" "$output.stderr" >&2
    fail "$binary exited with an error on $rid"
  fi
  local note=""
  if [[ -s $output.stderr ]]; then
    note="; $(cat "$output.stderr")"
  fi
  echo "ran $(basename "$(dirname "$binary")") on $rid in $((SECONDS - started)) s$note"
}

# compare REFERENCE CANDIDATE LABEL: the candidate must print what the reference prints, numbers within TOLERANCE.
compare() {
  local reference=$1 candidate=$2 label=$3
  [[ -s $reference ]] || fail "the reference output $reference is empty"
  local verdict
  if ! verdict=$(awk -v tol="$TOLERANCE" -f scripts/compare-outputs.awk "$reference" "$candidate"); then
    echo "$verdict" >&2
    fail "$label does not match the JIT output"
  fi
  echo "$label vs JIT: $verdict"
}

# loaded_bytes SIZE_TOOL BINARY: text + data as binutils' size counts them, the part of a file that is code and data rather
# than alignment padding (arm64 binaries pad segments to 64 KiB, so their file size moves in steps).
loaded_bytes() {
  "$1" "$2" | awk 'NR == 2 { print $1 + $2 }'
}

# check_size LABEL BINARY FLOOR HELLO SIZE_TOOL: a device binary may add at most ALLOWANCE bytes to the hello-world floor.
check_size() {
  local label=$1 binary=$2 floor=$3 hello_binary=$4 size_tool=$5
  local size measured code hello_code
  size=$(stat -c %s "$binary")
  measured=$(stat -c %s "$hello_binary")
  code=$(loaded_bytes "$size_tool" "$binary")
  hello_code=$(loaded_bytes "$size_tool" "$hello_binary")
  local budget=$((floor + ALLOWANCE))
  printf '%s: %d bytes, +%d over the floor %d (hello world measured now: %d); code and data +%d over hello world; budget %d: ' \
    "$label" "$size" $((size - floor)) "$floor" "$measured" $((code - hello_code)) "$budget"
  if ((size > budget)); then
    echo "OVER"
    fail "$label is $size bytes, over its budget of $budget"
  fi
  echo "ok"
}

# The training sample must actually learn: a final validation loss below 0.01 and at least 20 times lower than at the start.
check_training() {
  local output=$1 label=$2
  local line loss ratio
  line=$(grep -E '^Validation loss after' "$output") || fail "$label printed no final validation loss"
  loss=$(sed -E 's/.*iterations: ([0-9.]+) \(([0-9]+)x lower\).*/\1/' <<<"$line")
  ratio=$(sed -E 's/.*iterations: ([0-9.]+) \(([0-9]+)x lower\).*/\2/' <<<"$line")
  awk -v loss="$loss" -v ratio="$ratio" 'BEGIN { exit !(loss < 0.01 && ratio >= 20) }' ||
    fail "$label did not train: final validation loss $loss, ${ratio}x lower than at the start"
  echo "$label: final validation loss $loss (${ratio}x lower than untrained)"
}

# Drops the training sample's timing from its output, the only part that differs from run to run.
strip_timing() {
  sed -E 's/, [0-9.]+ µs per training iteration//' "$1" >"$1.stable"
}

section "prerequisites"
rm -rf "$work"
mkdir -p "$work/logs" "$work/out"
install_prerequisites
cache=$(dotnet nuget locals global-packages --list | sed -E 's/^global-packages: //')
echo "NuGet cache: $cache"

section "pack LstmGen $version into a local feed"
logged "$work/logs/pack.log" dotnet pack src/LstmGen -c Release -warnaserror -o "$work/feed" --artifacts-path "$work/pack" -p:Version="$version"
assert_no_warnings "$work/logs/pack.log"
ls -l "$work/feed"

section "JIT reference runs (project references)"
logged "$work/logs/jit-build.log" dotnet build samples/DeviceSample -c Release -warnaserror --artifacts-path "$work/jit"
logged "$work/logs/jit-build-sine.log" dotnet build samples/SineTraining -c Release -warnaserror --artifacts-path "$work/jit"
dotnet "$work/jit/bin/DeviceSample/release/DeviceSample.dll" >"$work/out/device-jit.txt" 2>"$work/out/device-jit.txt.stderr" ||
  { cat "$work/out/device-jit.txt"; fail "the device sample failed under the JIT"; }
echo "device sample under the JIT: $(cat "$work/out/device-jit.txt.stderr")"
cat "$work/out/device-jit.txt"
dotnet "$work/jit/bin/SineTraining/release/SineTraining.dll" >"$work/out/sine-jit.txt" || fail "the training sample failed under the JIT"
check_training "$work/out/sine-jit.txt" "SineTraining (JIT)"
strip_timing "$work/out/sine-jit.txt"

section "hello-world floor with the size options"
hello=$(mktemp -d)
cat >"$hello/Hello.csproj" <<'EOF'
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <OutputType>Exe</OutputType>
    <TargetFramework>net10.0</TargetFramework>
    <PublishAot>true</PublishAot>
  </PropertyGroup>
</Project>
EOF
echo 'System.Console.WriteLine("Hello, World!");' >"$hello/Program.cs"
logged "$work/logs/hello-x64.log" dotnet publish "$hello" -c Release -r linux-x64 "${SIZE_OPTIONS[@]}" -o "$hello/x64"
logged "$work/logs/hello-arm64.log" dotnet publish "$hello" -c Release -r linux-arm64 -p:CppCompilerAndLinker=clang-14 "${SIZE_OPTIONS[@]}" -o "$hello/arm64"
hello_x64=$(stat -c %s "$hello/x64/Hello")
hello_arm64=$(stat -c %s "$hello/arm64/Hello")
[[ $(qemu-aarch64 -L /usr/aarch64-linux-gnu "$hello/arm64/Hello") == "Hello, World!" ]] || fail "the arm64 hello world does not run under qemu"
echo "hello world: linux-x64 $hello_x64 bytes, linux-arm64 $hello_arm64 bytes (budget floors $X64_FLOOR and $ARM64_FLOOR)"

section "device sample: NativeAOT from the package"
publish_native DeviceSample linux-x64 "$work/out/device-x64"
publish_native DeviceSample linux-arm64 "$work/out/device-arm64"
publish_native DeviceSample linux-x64 "$work/out/device-x64-v3" -p:IlcInstructionSet=x86-64-v3
run_binary linux-x64 "$work/out/device-x64/DeviceSample" "$work/out/device-x64.txt"
run_binary linux-arm64 "$work/out/device-arm64/DeviceSample" "$work/out/device-arm64.txt"
run_binary linux-x64 "$work/out/device-x64-v3/DeviceSample" "$work/out/device-x64-v3.txt"
compare "$work/out/device-jit.txt" "$work/out/device-x64.txt" "linux-x64 NativeAOT (Vector128)"
compare "$work/out/device-jit.txt" "$work/out/device-x64-v3.txt" "linux-x64 NativeAOT x86-64-v3 (Vector256)"
compare "$work/out/device-jit.txt" "$work/out/device-arm64.txt" "linux-arm64 NativeAOT (Vector128, qemu)"

section "training sample: NativeAOT from the package"
publish_native SineTraining linux-x64 "$work/out/sine-x64"
publish_native SineTraining linux-arm64 "$work/out/sine-arm64"
run_binary linux-x64 "$work/out/sine-x64/SineTraining" "$work/out/sine-x64.txt"
run_binary linux-arm64 "$work/out/sine-arm64/SineTraining" "$work/out/sine-arm64.txt"
for target in x64 arm64; do
  check_training "$work/out/sine-$target.txt" "SineTraining (linux-$target NativeAOT)"
  strip_timing "$work/out/sine-$target.txt"
  compare "$work/out/sine-jit.txt.stable" "$work/out/sine-$target.txt.stable" "SineTraining linux-$target NativeAOT"
done

section "sizes"
check_size "DeviceSample linux-x64" "$work/out/device-x64/DeviceSample" "$X64_FLOOR" "$hello/x64/Hello" size
check_size "DeviceSample linux-arm64" "$work/out/device-arm64/DeviceSample" "$ARM64_FLOOR" "$hello/arm64/Hello" aarch64-linux-gnu-size
echo "DeviceSample linux-x64 x86-64-v3: $(stat -c %s "$work/out/device-x64-v3/DeviceSample") bytes (not budgeted: the speed variant)"
echo "SineTraining linux-x64: $(stat -c %s "$work/out/sine-x64/SineTraining") bytes, linux-arm64: $(stat -c %s "$work/out/sine-arm64/SineTraining") bytes (no size options, not budgeted)"

section "device check passed in ${SECONDS} s"
