#!/bin/sh
# check_includes.sh — no #include circle among the files of src/ (issue 12).
# A module is src/DIR/NAME.c with its NAME.h. Module A depends on module B when A.c or A.h
# includes "DIR/B.h"; a circle is A -> B -> ... -> A, e.g. a.c includes b.h, b.c includes
# c.h, c.c includes a.h. Headers and sources count alike: including a header pulls in what
# it includes, and a .c is where a header's promises are kept. Each circle found is printed
# once (starting at its smallest module); the exit status is 1 when there is one that is
# not listed in KNOWN below.
# Usage: tools/check_includes.sh [SRCDIR]   (default src; run from the project root)
set -u
src=${1:-src}
# Circles being removed on another branch, printed but not failing: "a b c" = a -> b -> c -> a.
# Empty it once they are gone.
KNOWN=${CHECK_INCLUDES_KNOWN-}
for f in "$src"/*/*.c "$src"/*/*.h; do
    [ -f "$f" ] || continue
    m=${f#"$src"/}
    m=${m%.*}
    sed -n 's/^[[:space:]]*#[[:space:]]*include[[:space:]]*"\([^"]*\)\.h".*/\1/p' "$f" |
        while read -r dep; do
            [ "$dep" = "$m" ] || echo "$m $dep"
        done
done | sort -u | awk -v known="$KNOWN" '
    { adj[$1] = adj[$1] " " $2; node[$1] = 1; node[$2] = 1 }
    # depth-first search; a grey node met again closes a circle: the stack from it
    function visit(v,    i, n, next_, parts, k, cyc, min, rot) {
        colour[v] = 1
        stack[++depth] = v
        n = split(adj[v], parts, " ")
        for (i = 1; i <= n; i++) {
            next_ = parts[i]
            if (colour[next_] == 1) {
                for (k = depth; stack[k] != next_; k--)
                    ;
                report(k)
            } else if (!colour[next_])
                visit(next_)
        }
        depth--
        colour[v] = 2
    }
    function report(from,    k, len, min, start, s, i) {
        len = depth - from + 1
        min = from
        for (k = from; k <= depth; k++)
            if (stack[k] < stack[min])
                min = k
        s = ""
        for (i = 0; i < len; i++)
            s = s (i ? " " : "") stack[from + (min - from + i) % len]
        if (s in seen)
            return
        seen[s] = 1
        if (index(" " known " ", " " s " ") || knownlist[s]) {
            printf "include circle (known, being removed): %s -> %s\n", arrow(s), first(s)
            return
        }
        printf "include circle: %s -> %s\n", arrow(s), first(s)
        bad = 1
    }
    function arrow(s,    t) { t = s; gsub(/ /, " -> ", t); return t }
    function first(s) { sub(/ .*/, "", s); return s }
    END {
        nk = split(known, kl, ";")
        for (i = 1; i <= nk; i++) { gsub(/^ +| +$/, "", kl[i]); if (kl[i] != "") knownlist[kl[i]] = 1 }
        for (v in node)
            if (!colour[v])
                visit(v)
        exit bad
    }'
