"""Checks that no Swift string literal changed between git HEAD and the work tree (renames included)."""
import subprocess, sys, os
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import swiftlex
tree = sys.argv[1]
base = sys.argv[2] if len(sys.argv) > 2 else 'HEAD'
out = subprocess.run(['git', '-C', tree, 'diff', '-M', '--name-status', base], capture_output=True, text=True).stdout
bad = 0
for line in out.splitlines():
    f = line.split('\t')
    old, new = f[1], f[-1]
    if not new.endswith('.swift') or new == 'Package.swift' or f[0].startswith('D'):
        continue
    try:
        a = subprocess.run(['git', '-C', tree, 'show', '%s:%s' % (base, old)], capture_output=True, text=True, check=True).stdout
    except subprocess.CalledProcessError:
        continue
    b = open(os.path.join(tree, new), encoding='utf-8').read()
    sa = [t for k, t in swiftlex.lex(a) if k == 'string']
    sb = [t for k, t in swiftlex.lex(b) if k == 'string']
    if sa != sb:
        bad += 1
        for x, y in zip(sa, sb):
            if x != y:
                print('%s: %r -> %r' % (new, x[:80], y[:80])); break
        else:
            print('%s: string count %d -> %d' % (new, len(sa), len(sb)))
print('verify_strings: %d file(s) with changed string literals' % bad)
sys.exit(1 if bad else 0)
