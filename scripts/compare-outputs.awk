# Compares two program outputs line by line: the text around the numbers must match exactly, and each number must agree
# within tol·max(1, |reference|). Usage: awk -v tol=1e-4 -f compare-outputs.awk reference.txt candidate.txt
# Prints the largest difference found; exits 1 on the first mismatch, naming the line.

function split_numbers(line, numbers,    count, rest, skeleton) {
    count = 0
    skeleton = ""
    rest = line
    while (match(rest, /-?[0-9]+(\.[0-9]+)?([eE][-+]?[0-9]+)?/)) {
        skeleton = skeleton substr(rest, 1, RSTART - 1) "#"
        numbers[++count] = substr(rest, RSTART, RLENGTH) + 0
        rest = substr(rest, RSTART + RLENGTH)
    }
    numbers[0] = count
    return skeleton rest
}

function abs(x) { return x < 0 ? -x : x }

NR == FNR { reference[FNR] = $0; referenceLines = FNR; next }

{
    candidateLines = FNR
    if (FNR > referenceLines) {
        printf "line %d: the candidate has extra output: %s\n", FNR, $0
        failed = 1
        exit 1
    }

    split("", a); split("", b)
    skeletonA = split_numbers(reference[FNR], a)
    skeletonB = split_numbers($0, b)
    if (skeletonA != skeletonB || a[0] != b[0]) {
        printf "line %d differs:\n  reference: %s\n  candidate: %s\n", FNR, reference[FNR], $0
        failed = 1
        exit 1
    }

    for (i = 1; i <= a[0]; i++) {
        difference = abs(a[i] - b[i])
        limit = tol * (abs(a[i]) > 1 ? abs(a[i]) : 1)
        if (difference > worst) worst = difference
        if (difference > limit) {
            printf "line %d: %s differs from %s by %g, more than %g:\n  reference: %s\n  candidate: %s\n", FNR, b[i], a[i], difference, limit, reference[FNR], $0
            failed = 1
            exit 1
        }
    }
}

END {
    if (failed) {
        exit 1
    }

    if (candidateLines < referenceLines) {
        printf "the candidate stops after %d of %d lines\n", candidateLines, referenceLines
        exit 1
    }

    printf "%d lines agree; largest numeric difference %g (tolerance %g, relative above 1)\n", referenceLines, worst + 0, tol
}
