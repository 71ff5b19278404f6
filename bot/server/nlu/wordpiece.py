"""BERT's uncased WordPiece tokenizer, for the sentence encoder's vocabulary.

The same steps as BERT's reference tokenizer (clean, split Chinese characters, lower case,
strip accents, split punctuation, then longest-match word pieces), written out here so the
encoder needs no Hugging Face package (those bring a model hub client with them).
"""

import unicodedata
from pathlib import Path
from typing import Dict, List, Text

UNKNOWN = "[UNK]"
START = "[CLS]"
END = "[SEP]"
LONGEST_WORD = 100  # characters; longer "words" are unknown, as in BERT


def _is_control(char: Text) -> bool:
    return char not in "\t\n\r" and unicodedata.category(char) in ("Cc", "Cf")


def _is_punctuation(char: Text) -> bool:
    code = ord(char)
    if 33 <= code <= 47 or 58 <= code <= 64 or 91 <= code <= 96 or 123 <= code <= 126:
        return True
    return unicodedata.category(char).startswith("P")


def _is_chinese(code: int) -> bool:
    return (
        0x4E00 <= code <= 0x9FFF
        or 0x3400 <= code <= 0x4DBF
        or 0x20000 <= code <= 0x2A6DF
        or 0x2A700 <= code <= 0x2B73F
        or 0x2B740 <= code <= 0x2B81F
        or 0x2B820 <= code <= 0x2CEAF
        or 0xF900 <= code <= 0xFAFF
        or 0x2F800 <= code <= 0x2FA1F
    )


def basic_words(text: Text) -> List[Text]:
    """Lower-cased, accent-free words and punctuation marks, as BERT's basic tokenizer."""
    spaced = []
    for char in text:
        code = ord(char)
        if code == 0 or code == 0xFFFD or _is_control(char):
            continue
        if char.isspace():
            spaced.append(" ")
        elif _is_chinese(code):
            spaced.append(f" {char} ")
        else:
            spaced.append(char)
    words: List[Text] = []
    for word in "".join(spaced).split():
        word = unicodedata.normalize("NFD", word.lower())
        word = "".join(char for char in word if unicodedata.category(char) != "Mn")
        current = ""
        for char in word:
            if _is_punctuation(char):
                if current:
                    words.append(current)
                words.append(char)
                current = ""
            else:
                current += char
        if current:
            words.append(current)
    return words


class WordPiece:
    """Turns text into the vocabulary's token ids, framed by [CLS] and [SEP]."""

    def __init__(self, vocabulary: Dict[Text, int]) -> None:
        self._vocabulary = vocabulary

    @classmethod
    def from_file(cls, path: Path) -> "WordPiece":
        lines = path.read_text(encoding="utf-8").splitlines()
        return cls({token: index for index, token in enumerate(lines)})

    def _pieces(self, word: Text) -> List[Text]:
        if len(word) > LONGEST_WORD:
            return [UNKNOWN]
        pieces = []
        start = 0
        while start < len(word):
            end = len(word)
            while end > start:
                piece = word[start:end] if start == 0 else "##" + word[start:end]
                if piece in self._vocabulary:
                    break
                end -= 1
            if end == start:
                return [UNKNOWN]
            pieces.append(piece)
            start = end
        return pieces

    def tokens(self, text: Text, max_length: int) -> List[Text]:
        """Word pieces of the text with [CLS] and [SEP], at most max_length in all."""
        pieces = [piece for word in basic_words(text) for piece in self._pieces(word)]
        return [START] + pieces[: max_length - 2] + [END]

    def ids(self, text: Text, max_length: int) -> List[int]:
        return [self._vocabulary[token] for token in self.tokens(text, max_length)]
