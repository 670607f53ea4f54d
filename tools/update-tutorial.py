#!/usr/bin/env python3
"""update-tutorial.py: write the real outputs into docs/tutorial.md.

    DOCS_ACTUAL=/tmp/out sh tests/docs.sh build/planner/phaseout .
    python3 tools/update-tutorial.py /tmp/out docs/tutorial.md

Replaces the expected output of every exact ```console block command
with what the command printed (tests/docs.sh keeps it with DOCS_ACTUAL).
Abridged and not-run blocks are left alone: edit those by hand. Review
the diff: the page's prose must still say what the outputs show.
"""
import os
import sys


def main():
    actual, page = sys.argv[1], sys.argv[2]
    lines = open(page, encoding="utf-8").read().split("\n")
    # Command number -> (line, kind) as docs.sh numbered them.
    cases = {}
    for name in os.listdir(actual):
        if name.endswith(".info"):
            n = int(name[:-5])
            line, *kind = open(os.path.join(actual, name)).read().split()
            cases[int(line)] = (n, kind[0] if kind else "exact")
    out = []
    i = 0
    while i < len(lines):
        out.append(lines[i])
        case = cases.get(i + 1)
        i += 1
        if not case or case[1] != "exact":
            continue
        # Skip the old output: up to the next command or the block's end.
        while i < len(lines) and not lines[i].startswith("$ ") and lines[i].strip() != "```":
            i += 1
        text = open(os.path.join(actual, "%d.out" % case[0]), encoding="utf-8").read()
        text = text.replace("\r\n", "\n")
        if text.endswith("\n"):
            text = text[:-1]
        if text:
            out.extend(text.split("\n"))
    open(page, "w", encoding="utf-8").write("\n".join(out))


if __name__ == "__main__":
    main()
