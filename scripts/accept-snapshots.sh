#!/usr/bin/env bash
# Regenerates every snapshot the generator tests compare against (tests/LstmGen.Generator.Tests/Snapshots/*.verified.cs).
# Review the diff with `git diff` before committing.
set -euo pipefail
cd "$(dirname "$0")/.."
LSTMGEN_ACCEPT_SNAPSHOTS=1 dotnet test tests/LstmGen.Generator.Tests --filter "FullyQualifiedName~SnapshotTests"
git status --short tests/LstmGen.Generator.Tests/Snapshots
