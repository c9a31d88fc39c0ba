"""Readers: the files a reader drops in (geo.workspace.readers)."""

from __future__ import annotations

import json

import pytest

from geo.documents import DocumentError
from geo.workspace.readers import read_bytes, read_paths

PAGE = b"""<html><head><title>Fallback title</title>
<meta property="og:title" content="Floods in York &amp; Leeds">
<meta property="article:published_time" content="2023-02-05T10:00:00Z">
<link rel="canonical" href="https://example.org/floods">
<script>alert("York")</script><style>p {color: red}</style></head>
<body><nav>Home | World | Sport</nav><h1>Floods in York</h1>
<p>Rivers burst their banks in <b>York</b> &amp; Leeds.</p><div>More rain is expected in Hull.</div>
<footer>Copyright</footer></body></html>"""


def pdf(text: str | None) -> bytes:
    """A one-page PDF, with ``text`` in its text layer (or no content at all)."""
    stream = f"BT /F1 12 Tf 72 720 Td ({text}) Tj ET".encode() if text else b""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 5 0 R >> >>"
        + (b" /Contents 4 0 R" if text else b"") + b" >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out, offsets = b"%PDF-1.4\n", []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    return out + b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)


def test_text_keeps_offsets_and_drops_a_byte_order_mark():
    [document] = read_bytes("a.txt", "\ufeff date 2022-01 Proteste in Almaty halten an.".encode())
    assert document.text.startswith(" date") and document.date == "2022-01"
    assert document.source == "a.txt" and document.title == "Proteste in Almaty halten an."


def test_html_gives_the_article_not_the_markup():
    [document] = read_bytes("floods.html", PAGE)
    assert document.title == "Floods in York & Leeds"
    assert document.date == "2023-02-05" and document.url == "https://example.org/floods"
    assert document.text == "Floods in York\n\nRivers burst their banks in York & Leeds.\n\nMore rain is expected in Hull."
    assert "alert" not in document.text and "Sport" not in document.text and "Copyright" not in document.text


def test_pdf_text_layer_and_a_scan():
    [document] = read_bytes("report.pdf", pdf("Floods in York"))
    assert "Floods in York" in document.text
    with pytest.raises(DocumentError, match="no text layer"):
        read_bytes("scan.pdf", pdf(None))
    with pytest.raises(DocumentError, match="not a readable PDF"):
        read_bytes("broken.pdf", b"%PDF-1.4 nothing else")


def test_csv_one_article_per_row_any_delimiter():
    data = "id;headline;text;published;url\n7;Eins;Proteste in Almaty.;2022-01-05T08:00;https://a\n;;Ruhe kehrt in Aktau ein.;;\n;;;;\n"
    documents = read_bytes("archive.csv", data.encode())
    assert [(d.id, d.title, d.date, d.url) for d in documents] == [
        ("archive.csv#7", "Eins", "2022-01-05", "https://a"), ("archive.csv#2", "Ruhe kehrt in Aktau ein.", None, None)]
    assert {d.source for d in documents} == {"archive.csv"}


def test_jsonl_and_its_errors():
    documents = read_bytes("feed.jsonl", b'{"text": "In Nairobi.", "title": "Kenya"}\n\n{"text": "Proteste in Lima gehen weiter."}\n')
    assert [(d.id, d.title) for d in documents] == [("feed.jsonl#1", "Kenya"), ("feed.jsonl#2", "Proteste in Lima gehen weiter.")]
    with pytest.raises(DocumentError, match="line 2 is not JSON"):
        read_bytes("bad.jsonl", b'{"text": "a"}\nnot json\n')


def test_jsonl_strings_may_hold_unicode_line_separators():
    """json.dumps(..., ensure_ascii=False) leaves U+2028, U+0085 and U+001C raw inside strings."""
    text = "Almaty\u2028Aktau\x85Astana\x1cLima"
    [document] = read_bytes("feed.jsonl", (json.dumps({"text": text}, ensure_ascii=False) + "\n").encode())
    assert document.text == text


@pytest.mark.parametrize("name, data, message", [
    ("notes.docx", b"PK", "is a .docx file; the app reads"),
    ("empty.txt", b" \n ", "the file is empty"),
    ("table.csv", b"a,b\n1,2\n", r"no text column \(columns found: a, b\)"),
])
def test_unreadable_files_get_one_clear_sentence(name, data, message):
    with pytest.raises(DocumentError, match=message) as error:
        read_bytes(name, data)
    assert str(error.value).startswith(name) and "\n" not in str(error.value)


def test_a_folder_goes_on_past_a_bad_file(tmp_path):
    (tmp_path / "a.txt").write_text("Proteste in Almaty.", encoding="utf-8")
    (tmp_path / "b.csv").write_text("x\n1\n", encoding="utf-8")
    (tmp_path / "c.md").write_text("# Aktau\n\nRuhe in Aktau.", encoding="utf-8")
    (tmp_path / "ignored.png").write_bytes(b"\x89PNG")
    items = list(read_paths([tmp_path]))
    assert [type(i).__name__ for i in items] == ["Document", "DocumentError", "Document"]
    assert [i.id for i in items if not isinstance(i, DocumentError)] == ["a.txt", "c.md"]


@pytest.mark.parametrize("encoding, data", [
    ("utf-8", "Köln liegt am Rhein.".encode("utf-8")),
    ("utf-8", "\ufeffKöln liegt am Rhein.".encode("utf-8")),
    ("utf-16-le", "\ufeffKöln liegt am Rhein.".encode("utf-16-le")),
    ("utf-16-be", "\ufeffKöln liegt am Rhein.".encode("utf-16-be")),
    ("cp1252", "Köln liegt am Rhein – „Zitat“ kostet 5 €.".encode("cp1252")),
    ("cp1252", "Köln liegt am Rhein, Grüße aus Zürich.".encode("latin-1")),  # Latin-1 letters read alike
])
def test_encodings_are_detected_and_recorded(encoding, data):
    [document] = read_bytes("a.txt", data)
    assert document.text.startswith("Köln liegt am Rhein") and document.encoding == encoding


@pytest.mark.parametrize("name, data, message", [
    ("photo.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4, "not a text file"),
    ("corpus.zip", b"PK\x03\x04rest", "is an archive; unpack it"),
    ("dump.txt", b"PK\x03\x04rest", "is an archive"),
])
def test_binary_files_and_archives(name, data, message):
    with pytest.raises(DocumentError, match=message):
        read_bytes(name, data)


def test_files_over_the_size_limit(monkeypatch):
    with pytest.raises(DocumentError, match="more than the 1 MB a file may have"):
        read_bytes("huge.txt", b"Almaty. " * 200_000, max_bytes=2**20)
    monkeypatch.setenv("GEO_MAX_FILE_MB", "0.001")
    with pytest.raises(DocumentError, match="GEO_MAX_FILE_MB"):
        read_bytes("big.txt", b"Almaty. " * 200)
