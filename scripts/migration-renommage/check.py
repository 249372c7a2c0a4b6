#!/usr/bin/env python3
"""Lists declarations whose names look French (issue 14).

Usage: check.py TREE [--all]
  default: type names (struct/class/enum/protocol/typealias/actor/associatedtype) and functions;
  --all:   also properties, variables and enum cases (cases of CodingKeys enums are skipped).
String literals and comments are never looked at (swiftlex.py). A name is French when one of its
camel-case parts is in french-words.txt, or when it has a non-ASCII letter; names in allowlist.txt
are accepted. Exit code 1 when something is listed.
"""
import os, re, sys
HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import swiftlex, frdetect

DECL = re.compile(r'\b(struct|class|enum|protocol|typealias|actor|associatedtype|func|var|let|case)\s+(`?)([^\W\d]\w*)')
TYPES = {'struct', 'class', 'enum', 'protocol', 'typealias', 'actor', 'associatedtype', 'func'}


def allow():
    s = set()
    for l in open(os.path.join(HERE, 'allowlist.txt'), encoding='utf-8'):
        l = l.split('#', 1)[0].strip()
        if l:
            s.add(l)
    return s


def blank(kind, text):
    return text if kind == 'code' else re.sub(r'[^\n]', ' ', text)


def main():
    args = [a for a in sys.argv[1:] if not a.startswith('--')]
    every = '--all' in sys.argv
    tree = args[0] if args else '.'
    ok = allow()
    found = []
    for root, dirs, files in os.walk(tree):
        dirs[:] = sorted(d for d in dirs if not d.startswith('.') and d not in ('Fixtures', 'Resources', '__pycache__'))
        for f in sorted(files):
            if not f.endswith('.swift'):
                continue
            path = os.path.join(root, f)
            rel = os.path.relpath(path, tree)
            src = open(path, encoding='utf-8').read()
            code = ''.join(blank(k, t) for k, t in swiftlex.lex(src))
            # spans of CodingKeys enums: their cases are file-format keys, French on purpose
            skip = []
            for m in re.finditer(r'\benum\s+\w*(?:CodingKeys|Keys)\b[^{]*\{', code):
                depth, i = 1, m.end()
                while i < len(code) and depth:
                    depth += {'{': 1, '}': -1}.get(code[i], 0)
                    i += 1
                skip.append((m.start(), i))
            for m in DECL.finditer(code):
                kind, name = m.group(1), m.group(3)
                if kind not in TYPES and not every:
                    continue
                if kind == 'case' and any(a <= m.start() < b for a, b in skip):
                    continue
                if name in ok:
                    continue
                parts = frdetect.french_parts(name)
                if not parts and re.search(r'[^\x00-\x7f]', name):
                    parts = ['non-ASCII']
                if parts:
                    line = code.count('\n', 0, m.start()) + 1
                    found.append('%s:%d: %s %s  (%s)' % (rel, line, kind, name, ', '.join(parts)))
    print('\n'.join(found))
    print('check.py: %d French-looking declaration(s)%s' % (len(found), '' if every else ' (types and functions)'), file=sys.stderr)
    sys.exit(1 if found else 0)


if __name__ == '__main__':
    main()
