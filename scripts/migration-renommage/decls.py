import re, sys, glob, os, collections
sys.path.insert(0, os.path.dirname(__file__))
import swiftlex

DECL = re.compile(r'\b(struct|class|enum|protocol|typealias|actor|func|var|let|case|associatedtype)\s+([A-Za-z_][A-Za-z0-9_]*)')

def swift_files(tree):
    for f in sorted(glob.glob(os.path.join(tree, '**/*.swift'), recursive=True)):
        rel = os.path.relpath(f, tree)
        if rel.startswith('.build') or '/.build' in rel:
            continue
        yield f, rel

def decls(tree):
    res = []
    for f, rel in swift_files(tree):
        src = open(f, encoding='utf-8').read()
        code = ''.join(t if k == 'code' else ' ' * len(t) if k == 'comment' else re.sub(r'[^\n]', ' ', t) for k, t in swiftlex.lex(src))
        for m in DECL.finditer(code):
            line = code.count('\n', 0, m.start()) + 1
            res.append((m.group(1), m.group(2), rel, line))
    return res

if __name__ == '__main__':
    for k, name, rel, line in decls(sys.argv[1]):
        print(k, name, rel, line, sep='\t')
