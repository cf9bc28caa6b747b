"""Corpora for the scale benchmarks: wire copies, many events, long and odd articles.

Real news is mostly the same wire story reprinted with light edits, and now and
then an article that is not prose at all. These builders make such corpora
from the five seeds (always here) and, when ``../shared/eval/mrpc`` is beside
the checkout, from the MRPC train pairs: two sentences of the news that
annotators read as one claim reworded (or not). Without MRPC the reworded
corpora fall back to generated sentences, reworded by the same synonym swaps.
"""

from __future__ import annotations

import random
import re
from pathlib import Path

from nkdesk.bundle import seeds_dir
from nkdesk.corpus import Document, load_corpus

MRPC_TRAIN = (
    Path(__file__).resolve().parents[3] / "shared" / "eval" / "mrpc" / "msr_paraphrase_train.txt"
)

# General English words a copy editor swaps for one another.
SWAPS = {
    "said": "stated", "says": "states", "told": "informed", "troops": "soldiers",
    "soldiers": "troops", "forces": "units", "killed": "slain", "about": "around",
    "around": "about", "more than": "over", "over": "more than", "officials": "authorities",
    "announced": "declared", "began": "started", "started": "began", "large": "big",
    "big": "large", "help": "assist", "show": "indicate", "shows": "indicates",
    "people": "residents", "city": "town", "town": "city", "also": "as well",
    "however": "but", "attack": "assault", "near": "close to", "after": "following",
}  # fmt: skip
_SWAP_RE = re.compile(r"\b(" + "|".join(sorted(SWAPS, key=len, reverse=True)) + r")\b")
_NUMBER_RE = re.compile(r"\b\d[\d,]*\b")


def _reword(sentence: str, rng: random.Random, share: float = 0.5) -> str:
    """Swap some general words for their synonyms."""
    return _SWAP_RE.sub(lambda m: SWAPS[m.group()] if rng.random() < share else m.group(), sentence)


def _renumber(text: str, rng: random.Random, share: float) -> str:
    """Change some figures by up to a fifth, as one outlet's update of another's."""

    def change(match: re.Match[str]) -> str:
        digits = match.group().replace(",", "")
        if rng.random() >= share or len(digits) > 7:
            return match.group()
        value = max(1, round(int(digits) * rng.uniform(0.8, 1.2)))
        return f"{value:,}" if "," in match.group() else str(value)

    return _NUMBER_RE.sub(change, text)


def wire_copies(count: int, seed: int = 0) -> list[Document]:
    """``count`` perturbed copies of the five seeds: paragraphs shuffled, words swapped,
    some figures changed, now and then a paragraph cut."""
    rng = random.Random(seed)
    reports = [d.text for d in load_corpus([seeds_dir()]).documents]
    documents = []
    for number in range(count):
        head, *paragraphs = reports[number % len(reports)].split("\n")
        rng.shuffle(paragraphs)
        kept = [p for p in paragraphs if not p.strip() or rng.random() > 0.1]
        body = "\n".join(_renumber(_reword(p, rng, 0.3), rng, 0.1) for p in kept)
        documents.append(Document.from_text(f"copy{number:03}", f"{head}\n{body}"))
    return documents


def mrpc_pairs() -> list[tuple[str, str]]:
    """The MRPC train sentence pairs, or none when the shared data are not beside the checkout."""
    if not MRPC_TRAIN.is_file():
        return []
    lines = MRPC_TRAIN.read_text(encoding="utf-8-sig").splitlines()[1:]
    return [tuple(line.split("\t")[3:5]) for line in lines if line.count("\t") >= 4]  # type: ignore[misc]


_SUBJECTS = ["The ministry", "Police", "The company", "The mayor", "Rescuers", "The union",
             "Investigators", "The airline", "Local officials", "The court"]  # fmt: skip
_VERBS = ["said", "announced", "reported", "told reporters", "confirmed"]
_OBJECTS = ["people were evacuated from", "homes were damaged in", "workers went on strike at",
            "passengers were stranded at", "shops were closed in", "flights were cancelled at",
            "residents lost power in", "patients were moved from"]  # fmt: skip
_PLACES = ["the harbour", "the old town", "the northern district", "the airport",
           "the river valley", "the capital", "the border crossing", "the main station"]  # fmt: skip


def _generated_pairs(count: int, rng: random.Random) -> list[tuple[str, str]]:
    """Sentence pairs like MRPC's when it is absent: one report and its rewording."""
    pairs = []
    for _ in range(count):
        sentence = (
            f"{rng.choice(_SUBJECTS)} {rng.choice(_VERBS)} that about {rng.randint(2, 9000):,} "
            f"{rng.choice(_OBJECTS)} {rng.choice(_PLACES)} on {rng.choice(['Monday', 'Friday'])}."
        )
        pairs.append((sentence, _reword(sentence, rng, 1.0)))
    return pairs


def sentence_pairs(count: int, seed: int = 0) -> list[tuple[str, str]]:
    """``count`` pairs of a news sentence and another source's wording of it (MRPC if present)."""
    rng = random.Random(seed)
    pairs = mrpc_pairs()
    if not pairs:
        return _generated_pairs(count, rng)
    return [pairs[n % len(pairs)] for n in range(count)]


def reworded_articles(count: int, size: int, seed: int = 0) -> list[Document]:
    """``count`` articles of about ``size`` characters that report the same sentences,
    each article in the wording of one side of a pair or the other."""
    rng = random.Random(seed)
    pairs = sentence_pairs(max(1, size // 60), seed)
    documents = []
    for number in range(count):
        parts: list[str] = []
        length = 0
        for a, b in pairs:
            if length >= size:
                break
            sentence = a if (number + rng.randint(0, 1)) % 2 else b
            parts.append(sentence)
            length += len(sentence) + 1
        paragraphs = [" ".join(parts[i : i + 5]) for i in range(0, len(parts), 5)]
        documents.append(Document.from_text(f"long{number}", "\n".join(paragraphs)))
    return documents


def many_events(events: int, reports: int, seed: int = 0) -> list[Document]:
    """``events`` × ``reports`` articles: each event's reports share some of its sentences."""
    rng = random.Random(seed)
    per_event = 18
    pairs = sentence_pairs(events * per_event, seed)
    documents = []
    for event in range(events):
        own = pairs[event * per_event : (event + 1) * per_event]
        for report in range(reports):
            chosen = rng.sample(own, 12)
            sentences = [rng.choice(pair) for pair in chosen]
            text = "\n".join(" ".join(sentences[i : i + 3]) for i in range(0, 12, 3))
            documents.append(Document.from_text(f"e{event:03}r{report}", text))
    return documents


def numbers_article(size: int, seed: int = 0) -> Document:
    """An article of ``size`` characters of figures only: a table pasted as text."""
    rng = random.Random(seed)
    rows = []
    length = 0
    while length < size:
        row = " ".join(f"{rng.randint(0, 99999):,}" for _ in range(8))
        rows.append(row)
        length += len(row) + 1
    return Document.from_text("numbers", "\n".join(rows))


def unpunctuated_article(size: int, seed: int = 0) -> Document:
    """``size`` characters of news words with no sentence punctuation and no line breaks."""
    rng = random.Random(seed)
    words = re.findall(r"[A-Za-z]+", " ".join(a + " " + b for a, b in sentence_pairs(400, seed)))
    out: list[str] = []
    length = 0
    while length < size:
        word = rng.choice(words).lower()
        out.append(word)
        length += len(word) + 1
    return Document.from_text("unpunctuated", " ".join(out))


def prose_article(size: int, seed: int = 0) -> Document:
    """One article of ``size`` characters of news prose, its sentences reworded as it goes."""
    rng = random.Random(seed)
    pairs = sentence_pairs(3000, seed)
    paragraphs = []
    length = 0
    while length < size:
        sentences = [_reword(rng.choice(rng.choice(pairs)), rng, 0.3) for _ in range(5)]
        paragraph = " ".join(sentences)
        paragraphs.append(paragraph)
        length += len(paragraph) + 1
    return Document.from_text("prose", "\n".join(paragraphs))
