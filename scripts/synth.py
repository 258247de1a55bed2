"""Deterministic synthetic wiki articles for benchmarks when ../shared/corpus is absent.

Each article looks like a mid-size encyclopedia page: an infobox, a lead with links, several
sections with paragraphs, lists, a table, citation templates in <ref>s (some named and
reused), "See also" and "References".  Sizes vary from ~5 KB to ~120 KB.
"""

from __future__ import annotations

import random

WORDS = (
    "myalgic", "encephalomyelitis", "chronic", "fatigue", "syndrome", "patients", "study",
    "cohort", "immune", "mitochondria", "vitamin", "cobalamin", "folate", "exertion",
    "malaise", "symptom", "onset", "trial", "dose", "response", "clinical", "evidence",
    "review", "analysis", "cellular", "metabolism", "energy", "brain", "nervous", "system",
    "orthostatic", "intolerance", "cognitive", "impairment", "sleep", "pain",
)


def _sentence(rng: random.Random) -> str:
    words = rng.choices(WORDS, k=rng.randint(8, 22))
    words[0] = words[0].capitalize()
    if rng.random() < 0.3:
        i = rng.randrange(len(words))
        words[i] = f"[[{words[i].capitalize()}|{words[i]}]]"
    return " ".join(words) + "."


def _cite(rng: random.Random, n: int) -> str:
    year = rng.randint(1990, 2024)
    return (f"{{{{cite journal |last1=Author{n} |first1=A |title={_sentence(rng)[:-1]} "
            f"|journal=Journal of {rng.choice(WORDS).title()} |volume={rng.randint(1, 90)} "
            f"|pages={rng.randint(1, 400)}–{rng.randint(401, 800)} |date={year} "
            f"|pmid={rng.randint(1_000_000, 39_000_000)} |doi=10.{rng.randint(1000, 9999)}/"
            f"x{n}}}}}")


def article(seed: int) -> str:
    rng = random.Random(seed)
    parts = [f"{{{{Infobox disease\n| name = Topic {seed}\n| field = Immunology\n}}}}\n"]
    refs = 0
    names: list[str] = []
    for _ in range(rng.randint(2, 4)):
        parts.append(" ".join(_sentence(rng) for _ in range(rng.randint(3, 7))) + "\n\n")
    for s in range(rng.randint(3, 14)):
        parts.append(f"== Section {s} ==\n")
        for sub in range(rng.randint(0, 3)):
            if sub:
                parts.append(f"=== Subsection {s}.{sub} ===\n")
            for _ in range(rng.randint(1, 5)):
                sentences = []
                for _ in range(rng.randint(3, 9)):
                    sentence = _sentence(rng)
                    if rng.random() < 0.35:
                        refs += 1
                        if names and rng.random() < 0.3:
                            sentence += f'<ref name="{rng.choice(names)}" />'
                        else:
                            name = f"r{refs}"
                            names.append(name)
                            sentence += f'<ref name="{name}">{_cite(rng, refs)}</ref>'
                    sentences.append(sentence)
                parts.append(" ".join(sentences) + "\n\n")
            if rng.random() < 0.4:
                parts.append("".join(f"* {_sentence(rng)}\n" for _ in range(rng.randint(2, 8))))
            if rng.random() < 0.2:
                rows = "".join(f"|-\n| {rng.choice(WORDS)} || {rng.randint(1, 99)}\n"
                               for _ in range(rng.randint(3, 12)))
                parts.append('{| class="wikitable"\n! Name !! Value\n' + rows + "|}\n")
    parts.append("== See also ==\n* [[Chronic fatigue syndrome]]\n\n")
    parts.append("== References ==\n{{Reflist}}\n\n[[Category:Synthetic]]\n")
    return "".join(parts)
