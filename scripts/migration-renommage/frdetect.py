import re, os
HERE = os.path.dirname(os.path.abspath(__file__))
WORDS = set()
for line in open(os.path.join(HERE, 'french-words.txt')):
    if line.startswith('#'): continue
    WORDS.update(line.split())

def parts(name):
    return [p.lower() for p in re.findall(r'[A-Z]+(?![a-z])|[A-Z]?[a-z]+|[0-9]+', name)]

def french_parts(name):
    return [p for p in parts(name) if p in WORDS]

def looks_french(name):
    return bool(french_parts(name))
