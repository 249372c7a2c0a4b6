#!/usr/bin/env python3
"""Rename French identifiers of a Registre tree to English (issue 14).

Usage: apply.py TREE [--dry-run]

Driven by mapping.txt (identifiers), modules.txt (targets) and files.txt (file
moves). Idempotent: a second run changes nothing. Unknown identifiers are left
alone. Swift sources are lexed (swiftlex.py): identifiers are renamed in code
(string interpolations included), never inside string literals; in comments
only identifiers written in backticks or camel-case words of two parts or more.
"""
import fnmatch
import os
import re
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import swiftlex  # noqa: E402

IDENT_RE = re.compile(r'[A-Za-z_][A-Za-z0-9_]*')
TEXT_EXT = ('.md', '.sh', '.py', '.yml', '.txt', '.xsl', '.dict')
TEXT_NAMES = ('Makefile',)


def read_table(name):
    rows = []
    for line in open(os.path.join(HERE, name), encoding='utf-8'):
        line = line.split('#', 1)[0].strip()
        if not line:
            continue
        parts = line.split()
        rows.append(parts)
    return rows


class Mapping:
    def __init__(self):
        self.plain = {}  # old -> new
        self.scoped = []  # (old, new, [globs])
        self.qualified = []  # (regex, replacement)
        self.call = {}  # old -> [(new, globs or None)]: renamed only in `func old` and `old(`
        for parts in read_table('mapping.txt'):
            old, new = parts[0], parts[1]
            scope = next((p[1:].split(',') for p in parts[2:] if p.startswith('@')), None)
            if '!call' in parts[2:]:
                self.call.setdefault(old, []).append((new, scope))
                continue
            if '.' in old:
                a, b = old.split('.')
                na, nb = new.split('.')
                self.qualified.append((re.compile(r'\b(%s|%s)(\s*\.\s*)%s\b' % (a, na, b)), na, nb))
            elif scope:
                self.scoped.append((old, new, scope))
            else:
                if old in self.plain and self.plain[old] != new:
                    sys.exit('mapping.txt: %s mapped twice' % old)
                self.plain[old] = new
        olds = set(self.plain) | {o for o, _, _ in self.scoped}
        olds |= set(self.call)
        news = set(self.plain.values()) | {n for _, n, _ in self.scoped} | {n for v in self.call.values() for n, _ in v}
        chain = olds & news
        if chain:
            sys.exit('mapping.txt: names both old and new (not idempotent): %s' % ' '.join(sorted(chain)))

    def calls_for_path(self, rel):
        m = {}
        for old, choices in self.call.items():
            for new, globs in choices:
                if globs is None or any(fnmatch.fnmatch(rel, g) for g in globs):
                    m[old] = new
                    break
        return m

    def for_path(self, rel):
        m = dict(self.plain)
        for old, new, globs in self.scoped:
            if any(fnmatch.fnmatch(rel, g) for g in globs):
                m[old] = new
        return m


def sub_idents(text, m):
    return IDENT_RE.sub(lambda mo: m.get(mo.group(0), mo.group(0)), text)


def camel_parts(word):
    return len(re.findall(r'[A-Z]+(?![a-z])|[A-Z]?[a-z]+|[0-9]+', word))


def sub_prose(text, m):
    """Comments and Markdown: backticked spans fully, elsewhere camel-case words of 2+ parts."""
    def tick(mo):
        span = mo.group(1)

        def one(t):
            w = t.group(0)
            if w not in m or span[t.end():t.end() + 1] == '/' or span[t.start() - 1:t.start()] == '/':
                return w  # part of a path: paths are renamed by sub_paths
            # a lone lower-case word in backticks may be a CLI command (`registre evaluer`): only
            # member accesses (`Valeur.depuis`) and calls (`charger(`) are renamed
            if camel_parts(w) >= 2 or w[0].isupper():
                return m[w]
            before, after = span[:t.start()], span[t.end():]
            if before.endswith('.') or after.startswith('('):
                return m[w]
            return w
        return '`' + IDENT_RE.sub(one, span) + '`'
    out = []
    pos = 0
    for mo in re.finditer(r'`([^`\n]+)`', text):
        out.append(sub_camel(text[pos:mo.start()], m))
        out.append(tick(mo))
        pos = mo.end()
    out.append(sub_camel(text[pos:], m))
    return ''.join(out)


def sub_camel(text, m):
    def one(mo):
        w = mo.group(0)
        if text[mo.end():mo.end() + 1] == '/' or text[mo.start() - 1:mo.start()] == '/':
            return w
        if w in m and camel_parts(w) >= 2:
            return m[w]
        return w
    return IDENT_RE.sub(one, text)


def rewrite_swift(src, rel, mapping, modules):
    m = mapping.for_path(rel)
    calls = mapping.calls_for_path(rel)
    # `func name` or `name(` / `name<` (generic call or declaration), but not `case name(` (enum case)
    names = '|'.join(map(re.escape, calls))
    call_rx = re.compile(r'(?<![\w`])(?:(func\s+)(%s)(?=\s*[(<])|(%s)(?=\s*\())' % (names, names)) if calls else None

    ref_rx = re.compile(r'(?<=\bmap\()(%s)(?=\))' % names) if calls else None

    def call_sub(mo, text):
        if mo.group(1):
            return mo.group(1) + calls[mo.group(2)]
        if re.search(r'\bcase\s+\.?$', text[:mo.start()][-40:]):
            return mo.group(0)  # enum case declaration or pattern
        return calls[mo.group(3)]
    out = []
    for kind, text in swiftlex.lex(src):
        if kind == 'code':
            if rel.startswith('Sources/registre/'):
                # The root command shares its name with the model type.
                text = re.sub(r'\bstruct Registre\b(?=\s*:\s*(?:Async)?ParsableCommand)', 'struct RegistreCommand', text)
                text = re.sub(r'\bextension Registre\b', 'extension RegistreCommand', text)
                text = re.sub(r'\bRegistre(?=\.(?:configuration|main|parseAsRoot|helpMessage)\b)', 'RegistreCommand', text)
            for rx, na, nb in mapping.qualified:
                text = rx.sub(lambda mo: mo.group(1) + mo.group(2) + nb, text)
            text = sub_idents(text, m)
            text = sub_idents(text, modules)
            if calls:
                text = call_rx.sub(lambda mo, t=text: call_sub(mo, t), text)
                # function references: `.map(noeud)`
                text = ref_rx.sub(lambda mo: calls[mo.group(1)], text)
                text = re.sub(r'(?<=\b(?:compactMap|flatMap|forEach|filter)\()(%s)(?=\))' % names, lambda mo: calls[mo.group(1)], text) if False else text
        elif kind == 'comment':
            text = sub_prose(text, m)
            text = sub_idents(text, modules)
        else:  # string literal: only module (target) names, e.g. in Package.swift
            text = re.sub(r'\b(%s)\b' % '|'.join(map(re.escape, modules)), lambda mo: modules[mo.group(1)], text) if modules else text
        out.append(text)
    return ''.join(out)


def git(tree, *args, check=True):
    return subprocess.run(['git', '-C', tree] + list(args), check=check, capture_output=True, text=True)


def move(tree, old, new, dry, log):
    a, b = os.path.join(tree, old), os.path.join(tree, new)
    if not os.path.exists(a) or os.path.exists(b) or old == new:
        return False
    log.append('mv %s %s' % (old, new))
    if not dry:
        os.makedirs(os.path.dirname(b), exist_ok=True)
        r = git(tree, 'mv', old, new, check=False)
        if r.returncode != 0:
            os.rename(a, b)
    return True


def tree_files(tree):
    for root, dirs, files in os.walk(tree):
        rel_root = os.path.relpath(root, tree)
        dirs[:] = [d for d in dirs if not d.startswith('.build') and d not in ('.git', '__pycache__', '.swiftpm')]
        for f in files:
            rel = os.path.normpath(os.path.join(rel_root, f))
            yield rel


def package_generator_target(src):
    """Adds the RegistreGenerator target (synthetic registers) beside RegistreBatch."""
    if 'name: "RegistreBatch"' not in src:
        return src
    if 'name: "RegistreGenerator"' not in src:
        src = add_generator_block(src)
    return add_generator_deps(src)


def add_generator_block(src):
    i = src.index('name: "RegistreBatch"')
    j = src.index('swiftSettings: swiftSettings),', i) + len('swiftSettings: swiftSettings),')
    block = '''

    /** Synthetic registers for tests and benchmarks: deterministic generator (SplitMix64), completed catalogue entries. */
    .target(
      name: "RegistreGenerator",
      dependencies: ["RegistreModel", "RegistreFormats", "RegistreRules", "RegistreCatalogue", "RegistreSupport"],
      swiftSettings: swiftSettings),'''
    src = src[:j] + block + src[j:]
    return src.replace('/** Batch audit of many registers in parallel, and the synthetic register generator. */',
                       '/** Batch audit of many registers in parallel; reports of a batch. */')


def add_generator_deps(src):
    for target in ('registre', 'RegistreBatchTests'):
        k = src.find('name: "%s",\n' % target)
        if k < 0:
            continue
        e = src.find('swiftSettings', k)
        blk = src[k:e]
        if 'RegistreGenerator' in blk or '"RegistreBatch"' not in blk:
            continue
        src = src[:k] + blk.replace('"RegistreBatch"', '"RegistreBatch", "RegistreGenerator"', 1) + src[e:]
    return src


GENERATOR_TOKENS = re.compile(r'\b(RegisterGenerator|SplitMix64|GenerationParameters|GenerationSummary|GenerationError|BatchFormat)\b')


def add_generator_import(src, rel):
    if rel.startswith('Sources/RegistreGenerator/') or 'import RegistreGenerator' in src:
        return src
    code = ''.join(t for k, t in swiftlex.lex(src) if k == 'code')
    if not GENERATOR_TOKENS.search(code):
        return src
    mo = re.search(r'^((?:@testable |public |internal )?import RegistreBatch)\n', src, re.M)
    if mo:
        return src[:mo.end()] + 'import RegistreGenerator\n' + src[mo.end():]
    mo = list(re.finditer(r'^(?:@testable |public |internal )?import \w+\n', src, re.M))
    if mo:
        e = mo[-1].end()
        return src[:e] + 'import RegistreGenerator\n' + src[e:]
    return 'import RegistreGenerator\n' + src


def main():
    args = [a for a in sys.argv[1:] if not a.startswith('--')]
    dry = '--dry-run' in sys.argv
    if len(args) != 1:
        sys.exit(__doc__)
    tree = os.path.abspath(args[0])
    mapping = Mapping()
    # Enum cases with associated values are called like functions (`.texte(x)`): a "!call" rename
    # must not touch them, so a name that is also such a case keeps its French name.
    cases = set()
    for rel in tree_files(tree):
        if rel.endswith('.swift'):
            code = ''.join(t if k == 'code' else ' ' for k, t in swiftlex.lex(open(os.path.join(tree, rel), encoding='utf-8').read()))
            for mo in re.finditer(r'\bcase\s+([^:=\n{]*)', code):
                for part in mo.group(1).split(','):
                    n = re.match(r'\s*(\w+)\s*\(', part)
                    if n:
                        cases.add(n.group(1))
    for name in sorted(set(mapping.call) & cases):
        print('apply.py: %s is also an enum case with values: not renamed' % name, file=sys.stderr)
        del mapping.call[name]
    modules = {old: new for old, new in read_table('modules.txt')}
    log = []

    # 1. Module folders.
    for old, new in modules.items():
        for top in ('Sources', 'Tests', 'Fuzz'):
            move(tree, '%s/%s' % (top, old), '%s/%s' % (top, new), dry, log)
    # 2. Explicit file moves, then files named after a renamed type.
    file_moves = read_table('files.txt')
    for old, new in file_moves:
        move(tree, old, new, dry, log)
    type_names = {k: v for k, v in mapping.plain.items() if k[0].isupper()}
    for rel in list(tree_files(tree)):
        if rel.endswith('.swift') and (rel.startswith('Sources/') or rel.startswith('Tests/') or rel.startswith('Fuzz/')):
            base = os.path.basename(rel)[:-6]
            stem, suffix = base, ''
            if base.endswith('Tests') and base[:-5] in type_names:
                stem, suffix = base[:-5], 'Tests'
            if stem in type_names:
                new = os.path.join(os.path.dirname(rel), type_names[stem] + suffix + '.swift')
                if move(tree, rel, new, dry, log):
                    file_moves.append((rel, new))
    if dry:
        print('\n'.join(log))
        return

    # Path renames for prose (docs, scripts, comments): longest first.
    path_pairs = sorted(set((o, n) for o, n in file_moves), key=lambda p: -len(p[0]))
    for old, new in modules.items():
        path_pairs.append(('Sources/%s/' % old, 'Sources/%s/' % new))
        path_pairs.append(('Tests/%s/' % old, 'Tests/%s/' % new))

    def sub_paths(text):
        for o, n in path_pairs:
            text = text.replace(o, n)
        # bare file names of renamed files, e.g. `GenerateurRegistres.swift`
        for o, n in path_pairs:
            bo, bn = os.path.basename(o), os.path.basename(n)
            if bo.endswith('.swift') and bo != bn:
                text = re.sub(r'(?<![\w/])%s\b' % re.escape(bo), bn, text)
        return text

    changed = 0
    for rel in tree_files(tree):
        path = os.path.join(tree, rel)
        name = os.path.basename(rel)
        try:
            src = open(path, encoding='utf-8').read()
        except (UnicodeDecodeError, IsADirectoryError):
            continue
        if rel.endswith('.swift'):
            new = rewrite_swift(src, rel, mapping, modules)
            if rel == 'Package.swift':
                new = package_generator_target(new)
            else:
                new = add_generator_import(new, rel)
            # file paths in comments only
            parts = []
            for kind, text in swiftlex.lex(new):
                parts.append(sub_paths(text) if kind == 'comment' else text)
            new = ''.join(parts)
        elif name.endswith(TEXT_EXT) or name in TEXT_NAMES:
            if '/Fixtures/' in '/' + rel or rel.startswith('Schemas/') or rel == 'docs/format.md' or '/Resources/' in rel:
                continue  # data and generated files never change
            new = sub_paths(src)
            new = re.sub(r'\b(%s)\b' % '|'.join(map(re.escape, modules)), lambda mo: modules[mo.group(1)], new)
            if name.endswith('.md'):
                new = sub_prose(new, mapping.for_path(rel))
        else:
            continue
        for g in ('RegisterGenerator', 'SplitMix64', 'GenerationParameters'):
            new = new.replace('RegistreBatch.' + g, 'RegistreGenerator.' + g)
        if new != src:
            changed += 1
            open(path, 'w', encoding='utf-8').write(new)
            log.append('edit %s' % rel)
    print('\n'.join(log))
    print('apply.py: %d moves, %d files edited' % (sum(1 for l in log if l.startswith('mv')), changed), file=sys.stderr)


if __name__ == '__main__':
    main()
