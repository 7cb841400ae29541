#!/usr/bin/env bash
# Regenerates every snapshot the generator tests compare against (tests/LstmGen.Generator.Tests/Snapshots/*.verified.cs)
# and the runtime library's public API list (src/LstmGen/PublicAPI.txt).
# Review the diff with `git diff` before committing.
set -euo pipefail
cd "$(dirname "$0")/.."
LSTMGEN_ACCEPT_SNAPSHOTS=1 dotnet test tests/LstmGen.Generator.Tests --filter "FullyQualifiedName~SnapshotTests"
LSTMGEN_ACCEPT_SNAPSHOTS=1 dotnet test tests/LstmGen.Tests --filter "FullyQualifiedName~PublicApiTests"
git status --short tests/LstmGen.Generator.Tests/Snapshots src/LstmGen/PublicAPI.txt
