"""Minimal Swift lexer: splits source into segments (kind, text).

kinds: 'code' (identifiers and punctuation outside strings/comments),
'comment', 'string' (literal text, without interpolations). Interpolations
inside strings are lexed recursively as code. Identifiers are found later in
'code' segments with a regex; comments are rewritten word by word.
"""
import re

IDENT = re.compile(r'[A-Za-z_][A-Za-z0-9_]*')


def lex(src):
    out = []
    i = 0
    n = len(src)
    buf_start = 0

    def flush(upto):
        nonlocal buf_start
        if upto > buf_start:
            out.append(('code', src[buf_start:upto]))
        buf_start = upto

    def lex_code(i, stop_paren):
        """Lex code from i; if stop_paren, stop at the unmatched ')' and return its index."""
        nonlocal buf_start
        depth = 0
        while i < n:
            c = src[i]
            if c == '/' and src.startswith('//', i):
                flush(i)
                j = src.find('\n', i)
                j = n if j < 0 else j
                out.append(('comment', src[i:j]))
                buf_start = i = j
                continue
            if c == '/' and src.startswith('/*', i):
                flush(i)
                d = 0
                j = i
                while j < n:
                    if src.startswith('/*', j):
                        d += 1; j += 2
                    elif src.startswith('*/', j):
                        d -= 1; j += 2
                        if d == 0:
                            break
                    else:
                        j += 1
                out.append(('comment', src[i:j]))
                buf_start = i = j
                continue
            if c == '#' or c == '"':
                m = re.compile(r'(#*)("""|")').match(src, i)
                if m and (c == '"' or m.group(1)):
                    flush(i)
                    i = lex_string(i, m.group(1), m.group(2))
                    buf_start = i
                    continue
            if c == '`':
                j = src.find('`', i + 1)
                if j > 0 and '\n' not in src[i:j]:
                    i = j + 1
                    continue
            if stop_paren:
                if c == '(':
                    depth += 1
                elif c == ')':
                    if depth == 0:
                        flush(i)
                        return i
                    depth -= 1
            m = IDENT.match(src, i)
            if m:
                i = m.end()
                continue
            i += 1
        flush(n)
        return n

    def lex_string(i, hashes, quote):
        nonlocal buf_start
        start = i
        i += len(hashes) + len(quote)
        close = quote + hashes
        esc = '\\' + hashes
        seg_start = start
        while i < n:
            if src.startswith(esc, i):
                k = i + len(esc)
                if k < n and src[k] == '(':
                    # interpolation
                    out.append(('string', src[seg_start:k + 1]))
                    buf_start = k + 1
                    j = lex_code(k + 1, True)
                    # src[j] == ')'
                    seg_start = j
                    i = j + 1
                    continue
                i = k + 1
                continue
            if src.startswith(close, i):
                i += len(close)
                out.append(('string', src[seg_start:i]))
                return i
            if quote == '"' and src[i] == '\n':
                # unterminated single-line string; give up on this line
                out.append(('string', src[seg_start:i]))
                return i
            i += 1
        out.append(('string', src[seg_start:n]))
        return n

    lex_code(0, False)
    assert ''.join(t for _, t in out) == src, 'lexer lost text'
    return out
