"""A case folder of everything a ministry might send, generated under a temporary folder.

``build(folder)`` writes the files and returns what must become of each: read (with the text
it must hold, the encoding it must be decoded with, a warning it must get) or recorded in
``errors`` (with a fragment of its one-line message).
"""

from __future__ import annotations

import io
import os
import random
import zipfile
from dataclasses import dataclass
from pathlib import Path

from .conftest import make_docx, make_pdf

SERBIAN_LATIN = ("Ministarstvo unutrašnjih poslova je saopštilo da će u Beogradu biti postavljeno "
                 "1.000 kamera. Građani nisu obavešteni o lokacijama, rekao je Šaban Žarković.")
SERBIAN_CYRILLIC = ("Министарство унутрашњих послова нема документ о локацијама камера. "
                    "Ђорђе Љубичић је рекао да се подаци чувају у згради у Београду.")
ENGLISH = "The police director said that 1,000 cameras will be installed at 800 locations."


@dataclass
class Expect:
    outcome: str  # "read", "error" or "duplicate" (read once, under another name)
    message: str = ""  # a fragment of the error or warning
    text: str = ""  # a fragment the stored text must hold
    encoding: str | None = None
    stage: str = "ingest"


def build(folder: Path, outside: Path) -> dict[str, Expect]:
    """Write the hostile case into ``folder``; ``outside`` is a folder beside it whose file a
    symbolic link in the case points at. Returns the expectation of every file."""
    folder.mkdir(parents=True, exist_ok=True)
    outside.mkdir(parents=True, exist_ok=True)
    expect: dict[str, Expect] = {}

    def put(name: str, data: bytes | str, what: Expect) -> None:
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
        expect[name] = what

    # empty and nearly empty
    put("empty.txt", b"", Expect("error", "is empty"))
    put("blank.md", b"  \n\t\n \n", Expect("error", "is empty"))
    put("front-matter-only.md", "---\ntitle: Nothing else\n---\n\n", Expect("error", "is empty"))
    put("empty.html", b"<html><head><title>x</title></head><body></body></html>", Expect("error", "is empty"))

    # PDFs: good, truncated, encrypted both ways, 600 pages
    good_pdf = make_pdf(folder / "good.pdf", [ENGLISH, SERBIAN_LATIN])
    expect["good.pdf"] = Expect("read", text="1,000 cameras")
    data = good_pdf.read_bytes()
    put("truncated.pdf", data[: len(data) // 2], Expect("error", "is not a readable PDF"))
    put("not-a-pdf.pdf", b"%PDF-1.7\n" + random.Random(1).randbytes(3000), Expect("error", "PDF"))
    make_pdf(folder / "owner-password-only.pdf", [ENGLISH], owner_password="owner")
    expect["owner-password-only.pdf"] = Expect("read", text="800 locations")
    make_pdf(folder / "owner-password-only-aes.pdf", [ENGLISH], owner_password="owner", aes=True)
    expect["owner-password-only-aes.pdf"] = Expect("read", text="800 locations")
    make_pdf(folder / "password.pdf", [ENGLISH], user_password="secret")
    expect["password.pdf"] = Expect("error", "is encrypted")
    streets = ["Bulevar kralja Aleksandra", "Knez Mihailova", "Nemanjina", "Takovska", "Resavska"]
    pages = [f"Sheet {n} of the annex describes the street lighting along {streets[n % 5]} in detail."
             for n in range(1, 601)]
    make_pdf(folder / "annex-600-pages.pdf", pages)
    expect["annex-600-pages.pdf"] = Expect("read", text="Sheet 600 of the annex describes the street lighting")

    # DOCX: good, a ZIP of junk, not a ZIP at all
    make_docx(folder / "good.docx", [SERBIAN_CYRILLIC], title="Одговор")
    expect["good.docx"] = Expect("read", text="Ђорђе Љубичић")
    junk = io.BytesIO()
    with zipfile.ZipFile(junk, "w") as archive:
        archive.writestr("word/document.xml", b"\x00\x01 not xml at all <<<")
        archive.writestr("junk.bin", random.Random(2).randbytes(2000))
    put("zip-of-junk.docx", junk.getvalue(), Expect("error", "is not a readable DOCX file"))
    put("not-a-zip.docx", b"PK\x03\x04" + random.Random(3).randbytes(500), Expect("error", "DOCX"))

    # binary data with text names
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + random.Random(4).randbytes(4000)
    put("photo.txt", png, Expect("error", "is binary data, not text"))
    put("program.md", b"\x7fELF\x02\x01\x01\x00" + bytes(range(256)) * 8, Expect("error", "is binary data"))
    put("noise.html", random.Random(5).randbytes(5000), Expect("error", "is binary data"))
    put("controls.txt", bytes([1, 2, 3, 4, 5, 6, 14, 15, 16, 17]) * 50 + b"abc" * 10,
        Expect("error", "is binary data"))

    # legacy and Unicode encodings
    put("foi-cp1250.txt", SERBIAN_LATIN.encode("cp1250"), Expect("read", text="unutrašnjih", encoding="cp1250"))
    put("foi-iso-8859-2.txt", SERBIAN_LATIN.replace("„", '"').encode("iso-8859-2"),
        Expect("read", text="Šaban Žarković", encoding="iso8859-2"))
    put("odgovor-cp1251.txt", SERBIAN_CYRILLIC.encode("cp1251"),
        Expect("read", text="Ђорђе Љубичић", encoding="cp1251"))
    put("word-unicode-utf16.txt", SERBIAN_LATIN.encode("utf-16"), Expect("read", text="Građani", encoding="utf-16"))
    put("utf16-no-bom.txt", SERBIAN_CYRILLIC.encode("utf-16-le"),
        Expect("read", text="Министарство", encoding="utf-16-le"))
    put("utf8-bom.md", "\ufeff" + SERBIAN_LATIN, Expect("read", text="saopštilo", encoding="utf-8"))
    put("old-page-cp1250.html",
        ("<html><head><meta charset='windows-1250'><title>Vest</title></head><body><p>"
         + SERBIAN_LATIN + "</p></body></html>").encode("cp1250"),
        Expect("read", text="Žarković", encoding="cp1250"))
    put("lying-charset.html",
        ("<html><head><meta charset='utf-8'><title>Vest</title></head><body><p>"
         + SERBIAN_LATIN + "</p></body></html>").encode("cp1250"),
        Expect("read", text="Žarković", encoding="cp1250", message="declares charset 'utf-8'"))
    put("manifest-encoding.txt", SERBIAN_LATIN.replace("1.000", "2.000").encode("cp1250"),
        Expect("read", text="2.000 kamera", encoding="cp1250"))

    # HTML: deep, malformed, scripts only
    deep = ("<html><body>" + "<div>" * 3000 + "<p>" + ENGLISH + "</p>" + "</div>" * 3000
            + "<p>The second paragraph says the ministry denied it.</p></body></html>")
    put("nested-3000.html", deep, Expect("read", text="800 locations", message="nested more than 256"))
    put("malformed.html", "<html><body><p>Unclosed <b>bold <i>" + ENGLISH + " <p>Second &amp; third "
        "&bogus; &#99999999; <<<>>> </div></span><table><tr><td>cell one with 12 cameras</td>"
        "<td>cell", Expect("read", text="1,000 cameras"))
    put("scripts-only.html", "<html><body><script>var claims = 'The police said 5 cameras';</script>"
        "<style>p {color: red}</style></body></html>", Expect("error", "is empty"))

    # front matter with wrong types, broken YAML, a YAML bomb
    put("wrong-date.md", f"---\ndate: [2019, 2020]\n---\n{ENGLISH}\n", Expect("error", "field 'date'"))
    put("wrong-kind.md", f"---\nkind: 42\n---\n{ENGLISH}\n", Expect("error", "field 'kind'"))
    put("wrong-title.md", f"---\ntitle: {{a: b}}\n---\n{ENGLISH}\n", Expect("error", "field 'title'"))
    put("bad-date.md", f"---\ndate: 2019-13-45\n---\n{ENGLISH}\n", Expect("error", "is not a valid date"))
    put("javascript-url.md", f"---\nurl: javascript:alert(1)\n---\n{ENGLISH}\n", Expect("error", "is not a web address"))
    put("unclosed.md", f"---\ntitle: never closed\n{ENGLISH}\n", Expect("error", "never closed"))
    put("bad-yaml.md", f"---\ntitle: [unclosed\n---\n{ENGLISH}\n", Expect("error", "invalid YAML"))
    put("not-a-mapping.md", f"---\n- a\n- b\n---\n{ENGLISH}\n", Expect("error", "front matter is not"))
    bomb = ["---", 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for previous, name in zip("abcdefgh", "bcdefghi", strict=True):
        bomb.append(f"{name}: &{name} [" + ",".join([f"*{previous}"] * 9) + "]")
    put("yaml-bomb.md", "\n".join([*bomb, "---", ENGLISH]) + "\n", Expect("error", "aliases"))
    deep_yaml = "---\nx: " + "[" * 5000 + "]" * 5000 + "\n---\n" + ENGLISH + "\n"
    put("deep-yaml.md", deep_yaml, Expect("error", "front matter"))

    # hostile text: SQL in the title, markup and formulas in the text, control characters
    put("sql-title.md", "---\ntitle: \"'); DROP TABLE claims;--\"\nkind: statement\n---\n"
        "Robert'); DROP TABLE documents;-- said that 1,000 cameras were bought in 2019.\n",
        Expect("read", text="DROP TABLE documents"))
    put("markup.md", "<script>alert('x')</script> The ministry said <img src=x onerror=alert(1)> "
        "that =HYPERLINK(\"http://evil\") 1,000 cameras | were | installed.\n",
        Expect("read", text="1,000 cameras"))
    put("terminal.txt", "The police said \x1b[31m1,000 cameras\x1b[0m were bought\x07 in 2019.\n",
        Expect("read", text="1,000 cameras"))

    # names: spaces, quotes, Cyrillic, deep folders
    put("name with spaces.md", ENGLISH.replace("1,000", "1,001"), Expect("read", text="1,001"))
    put("quote's \"double\".md", ENGLISH.replace("1,000", "1,002"), Expect("read", text="1,002"))
    put("Одговор МУП-а.md", SERBIAN_CYRILLIC.replace("Београду", "Новом Саду"), Expect("read", text="Новом Саду"))
    put("a/b/c/d/deep folder/file.txt", ENGLISH.replace("1,000", "1,003"), Expect("read", text="1,003"))

    # duplicates under two names
    duplicate = ENGLISH.replace("1,000", "1,004")
    put("copy-1.md", duplicate, Expect("read", text="1,004"))
    put("copy-2.md", duplicate, Expect("duplicate", "has the same bytes as copy-1.md"))

    # links: a loop, a dangling one, one leaving the case folder, one inside it
    os.symlink("loop-b.txt", folder / "loop-a.txt")
    os.symlink("loop-a.txt", folder / "loop-b.txt")
    expect["loop-a.txt"] = Expect("error", "symbolic link that leads nowhere")
    expect["loop-b.txt"] = Expect("error", "symbolic link that leads nowhere")
    os.symlink("no-such-file.txt", folder / "dangling.txt")
    expect["dangling.txt"] = Expect("error", "symbolic link that leads nowhere")
    secret = outside / "id_rsa.txt"
    secret.write_text("SECRET-KEY-MATERIAL the private key of the analyst is here.\n", encoding="utf-8")
    os.symlink(secret, folder / "innocent.txt")
    expect["innocent.txt"] = Expect("error", "outside the case folder")
    os.symlink("good.pdf", folder / "link-to-good.pdf")
    expect["link-to-good.pdf"] = Expect("duplicate", "has the same bytes as good.pdf")
    os.symlink(folder, folder / "loop-folder")  # a folder linking to itself: never walked into

    # a file nobody may read (a non-root user sees permission denied; root reads it)
    unreadable = folder / "unreadable.txt"
    unreadable.write_text(ENGLISH.replace("1,000", "1,005"), encoding="utf-8")
    unreadable.chmod(0)
    expect["unreadable.txt"] = (Expect("read", text="1,005") if os.geteuid() == 0
                                else Expect("error", "permission denied"))

    # skipped by name, never reported
    (folder / ".hidden.txt").write_text(ENGLISH, encoding="utf-8")
    (folder / "_draft.md").write_text(ENGLISH, encoding="utf-8")
    (folder / "contradict.yaml").write_text(
        'documents:\n  "manifest-encoding.txt": {encoding: cp1250, title: "Declared"}\n', encoding="utf-8")
    return expect
