"""The loader turns any reasonable article file into a faithful Document."""

from __future__ import annotations

import os
import random
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from nkdesk.corpus import (
    MAX_FILE_BYTES,
    CorpusError,
    Document,
    decode,
    html_to_text,
    load_corpus,
    load_document,
    text_sha256,
)

ARTICLE = "Troops arrive\nAbout 11,\u00a0000 soldiers arrived in October. “Quote,” he said.\n"


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def test_seeds_load_byte_for_byte(seed_paths: list[Path]) -> None:
    corpus = load_corpus(seed_paths)
    assert len(corpus) == len(seed_paths) == 5
    for path, document in zip(seed_paths, corpus, strict=True):
        assert document.id == path.stem
        # The seeds are UTF-8 with \n newlines: the text is the file, unchanged.
        assert document.text == path.read_bytes().decode("utf-8")
        # The title is a line of the article, never a reprint notice about it.
        assert document.title in document.text.split("\n")
        assert "reprinted" not in document.title.lower()
        assert document.sha256 == text_sha256(document.text)


def test_folder_loads_articles_sorted_and_skips_other_files(tmp_path: Path) -> None:
    write(tmp_path, "b.txt", b"Second\n")
    write(tmp_path, "a.md", b"First\n")
    write(tmp_path, "c.html", b"<html><body><h1>Third</h1><p>Body</p></body></html>")
    write(tmp_path, "notes.pdf", b"%PDF-1.4")
    corpus = load_corpus([tmp_path])
    assert [d.id for d in corpus] == ["a", "b", "c"]
    assert corpus.documents[2].text == "Third\nBody"


@pytest.mark.parametrize(
    ("encoded", "label"),
    [
        (ARTICLE.encode("utf-8"), "utf-8"),
        (b"\xef\xbb\xbf" + ARTICLE.encode("utf-8"), "utf-8 with BOM"),
        (ARTICLE.encode("utf-16"), "utf-16 with BOM"),
        (b"\xfe\xff" + ARTICLE.encode("utf-16-be"), "utf-16-be with BOM"),
    ],
)
def test_decodings_give_the_same_text(tmp_path: Path, encoded: bytes, label: str) -> None:
    document = load_document(write(tmp_path, "a.txt", encoded))
    assert document.text == ARTICLE, label


def test_cp1252_fallback(tmp_path: Path) -> None:
    document = load_document(write(tmp_path, "a.txt", "Café “quoted” – 11,000".encode("cp1252")))
    assert document.text == "Café “quoted” – 11,000"


def test_a_file_read_as_cp1252_loads_with_a_warning_naming_it_and_the_encoding(
    tmp_path: Path,
) -> None:
    prose = "L’armée a reçu 11 000 soldats nord-coréens à Koursk, a déclaré le ministère. " * 20
    path = write(tmp_path, "dépêche.txt", prose.encode("cp1252"))
    corpus = load_corpus([path, write(tmp_path, "utf8.txt", prose.encode("utf-8"))])
    assert corpus.documents[0].text == corpus.documents[1].text == prose
    assert len(corpus.warnings) == 1
    assert str(path) in corpus.warnings[0] and "cp1252" in corpus.warnings[0]
    assert "not valid UTF-8" in corpus.warnings[0]


def random_bytes(size: int, seed: int) -> bytes:
    """Bytes 0x20-0xFF, no NUL and none that cp1252 leaves undefined: it decodes them all."""
    alphabet = [b for b in range(0x20, 0x100) if b not in (0x81, 0x8D, 0x8F, 0x90, 0x9D)]
    rng = random.Random(seed)
    return bytes(rng.choice(alphabet) for _ in range(size))


@pytest.mark.parametrize("seed", range(3))
def test_random_bytes_that_decode_only_as_cp1252_are_refused_as_binary(
    tmp_path: Path, seed: int
) -> None:
    path = write(tmp_path, "noise.txt", random_bytes(40_000, seed))
    with pytest.raises(CorpusError) as info:
        load_corpus([path])
    assert info.value.path == str(path)
    assert "binary" in info.value.reason and "cp1252" in info.value.reason


@pytest.mark.parametrize(
    "prose",
    [
        "Die Bürger der Stadt Köln äußerten sich über die Maßnahmen; Grüße aus München.",
        "Þjóðverjar og Íslendingar hafa átt í samskiptum í margar aldir; það er ljóst.",
        "A população não está satisfeita com a situação económica, disse João à imprensa.",
        "“Prices rose by 5%,” he said — about £1,200 a year… • Paragraph § 12 ©",
    ],
)
def test_prose_in_cp1252_is_not_taken_for_binary(tmp_path: Path, prose: str) -> None:
    text = (prose + "\n") * 10
    document = load_document(write(tmp_path, "a.txt", text.encode("cp1252")))
    assert document.text == text


def test_newlines_normalised_and_nothing_else(tmp_path: Path) -> None:
    raw = "Head\r\n\r\nOne  two\u00a0three\rfour\t five "
    document = load_document(write(tmp_path, "a.txt", raw.encode("utf-8")))
    assert document.text == "Head\n\nOne  two\u00a0three\nfour\t five "


def test_duplicate_stems_get_unique_ids(tmp_path: Path) -> None:
    (tmp_path / "x").mkdir()
    (tmp_path / "y").mkdir()
    a = write(tmp_path / "x", "same.txt", b"One\n")
    b = write(tmp_path / "y", "same.txt", b"Two\n")
    assert [d.id for d in load_corpus([a, b])] == ["same", "same~2"]


def test_same_file_twice_loads_once(tmp_path: Path) -> None:
    a = write(tmp_path, "a.txt", b"One\n")
    assert len(load_corpus([a, tmp_path / "." / "a.txt"])) == 1


def test_empty_file_loads_with_a_warning(tmp_path: Path) -> None:
    corpus = load_corpus([write(tmp_path, "empty.txt", b"")])
    assert corpus.documents[0].text == ""
    assert corpus.warnings and "empty.txt" in corpus.warnings[0]


@pytest.mark.parametrize(
    ("make", "reason"),
    [
        (lambda p: p / "missing.txt", "does not exist"),
        (lambda p: write(p, "img.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), "binary"),
        (lambda p: write(p, "big.txt", b"a" * (MAX_FILE_BYTES + 1)), "5 MB"),
        (lambda p: p, "holds no articles"),
        (lambda p: write(p, "bad.txt", b"\x81\x8d\x8f\x90"), "cannot be decoded"),
    ],
    ids=["missing", "binary", "too-large", "empty-folder", "undecodable"],
)
def test_refusals_name_the_file_and_the_reason(tmp_path: Path, make, reason: str) -> None:
    path = make(tmp_path)
    with pytest.raises(CorpusError) as info:
        load_corpus([path])
    assert str(path) in str(info.value)
    assert reason in str(info.value)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
def test_a_named_pipe_is_refused_at_once_not_waited_on(tmp_path: Path) -> None:
    # Nothing ever writes to the pipe: reading it would block for ever.
    fifo = tmp_path / "f.txt"
    os.mkfifo(fifo)
    article = write(tmp_path, "a.txt", b"An article.\n")
    with pytest.raises(CorpusError) as info:
        load_corpus([fifo, article])
    assert info.value.path == str(fifo)
    assert "not a regular file" in info.value.reason


def test_a_folder_holding_a_named_pipe_loads_its_articles(tmp_path: Path) -> None:
    if hasattr(os, "mkfifo"):
        os.mkfifo(tmp_path / "pipe.txt")
    write(tmp_path, "a.txt", b"One\n")
    write(tmp_path, "b.txt", b"Two\n")
    assert [d.id for d in load_corpus([tmp_path])] == ["a", "b"]


@pytest.mark.skipif(not Path("/dev/null").exists(), reason="no /dev/null")
def test_a_device_is_refused() -> None:
    with pytest.raises(CorpusError, match="not a regular file"):
        load_document("/dev/null")


def test_a_symbolic_link_loop_raises_corpus_error_naming_it(tmp_path: Path) -> None:
    first, second = tmp_path / "loop1.txt", tmp_path / "loop2.txt"
    first.symlink_to(second)
    second.symlink_to(first)
    with pytest.raises(CorpusError) as info:
        load_corpus([first])
    assert info.value.path == str(first)
    assert "loop" in info.value.reason


def test_a_link_to_nothing_says_so(tmp_path: Path) -> None:
    link = tmp_path / "gone.txt"
    link.symlink_to(tmp_path / "deleted.txt")
    with pytest.raises(CorpusError, match="link to nothing"):
        load_corpus([link])


@pytest.mark.skipif(os.geteuid() == 0, reason="root can read any file")
def test_unreadable_file_is_refused(tmp_path: Path) -> None:
    path = write(tmp_path, "secret.txt", b"text")
    path.chmod(0)
    with pytest.raises(CorpusError, match="cannot be read"):
        load_document(path)


def test_html_reduced_to_visible_text() -> None:
    markup = (
        "<html><head><title>T</title><style>p{}</style></head><body>"
        "<h1>Head &amp; line</h1><script>alert(1)</script>"
        "<p>First   para<br>second line</p><p>Caf&eacute;</p></body></html>"
    )
    assert html_to_text(markup) == "Head & line\nFirst para\nsecond line\nCafé"


def test_document_from_text_normalises_newlines() -> None:
    document = Document.from_text("x", "Title\r\nBody")
    assert document.text == "Title\nBody"
    assert document.title == "Title"


@given(st.binary(max_size=2048))
def test_arbitrary_bytes_decode_or_raise_the_documented_error(data: bytes) -> None:
    try:
        text = decode(data, "fuzz.txt")
    except CorpusError as error:
        assert error.path == "fuzz.txt"
    else:
        assert isinstance(text, str)


@given(st.text(max_size=500))
def test_any_text_saved_as_utf8_loads_back(tmp_path_factory, text: str) -> None:
    path = tmp_path_factory.mktemp("t") / "a.txt"
    path.write_bytes(text.encode("utf-8"))
    try:
        document = load_document(path)
    except CorpusError as error:
        # Only text full of control characters may be refused, and it says so.
        assert "binary" in error.reason or "decoded" in error.reason
    else:
        # A leading U+FEFF is indistinguishable from a byte-order mark.
        expected = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
        assert document.text == expected
