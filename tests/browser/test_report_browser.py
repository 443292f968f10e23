"""The committee report as people see it, in a real browser: the demo's
interim report rendered by headless Chromium (Debian's chromium), its DOM
checked (every section heading, a chart per measure, nothing loaded from
elsewhere), a screenshot that is not blank, and its PDF's pages.

Usage: test_report_browser.py UPPFOLJ_BIN DEMO_SH OUT_DIR. Skipped, with
the reason, where Chromium is not installed (./build.sh test installs it).
"""
import html.parser
import json
import os
import shutil
import struct
import subprocess
import sys
import tempfile
import unittest
import zlib

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
import tap  # noqa: E402

BIN, DEMO, OUT = sys.argv[1:4] if len(sys.argv) >= 4 else (None, None, None)
CHROMIUM = shutil.which(os.environ.get("UPPFOLJ_CHROMIUM", "chromium"))
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars"]


class Dom(html.parser.HTMLParser):
    """Section ids with their h2, h3 and svg counts; anything external."""

    def __init__(self):
        super().__init__()
        self.sections, self.external, self.h2 = [], [], []
        self._section, self._in = None, None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "section":
            self._section = {"id": a.get("id"), "h3": 0, "svg": 0, "svg_titles": 0}
            self.sections.append(self._section)
        elif tag in ("h2", "h3") or (tag == "title" and self._section is not None):
            self._in = tag
            if tag == "h2":
                self.h2.append("")
            elif self._section is not None and tag == "h3":
                self._section["h3"] += 1
        elif tag == "svg" and self._section is not None:
            self._section["svg"] += 1
        if tag in ("script", "link", "img", "iframe", "object", "embed"):
            self.external.append(tag)
        for name, value in attrs:
            if name in ("src", "href") and value and "#" != value[:1]:
                self.external.append(f"{tag} {name}={value}")

    def handle_endtag(self, tag):
        if tag == "section":
            self._section = None
        if tag == self._in:
            if tag == "title" and self._section is not None:
                self._section["svg_titles"] += 1
            self._in = None

    def handle_data(self, data):
        if self._in == "h2":
            self.h2[-1] += data


def png_gray(path):
    """The brightness (0..255) of every pixel of an 8-bit RGB or RGBA PNG,
    its scanlines unfiltered as the PNG specification says (standard
    library only)."""
    with open(path, "rb") as f:
        data = f.read()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    pos, idat = 8, b""
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            width, height, depth, colour = struct.unpack(">IIBB", body[:10])
        elif kind == b"IDAT":
            idat += body
        pos += 12 + length
    assert depth == 8 and colour in (2, 6), "not 8-bit RGB or RGBA"
    bpp = 3 if colour == 2 else 4
    raw, stride = zlib.decompress(idat), width * bpp
    prev, gray = bytearray(stride), []
    for y in range(height):
        kind = raw[y * (stride + 1)]
        line = bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for i in range(stride):
            a = line[i - bpp] if i >= bpp else 0
            b, c = prev[i], prev[i - bpp] if i >= bpp else 0
            if kind == 1:
                line[i] = (line[i] + a) & 255
            elif kind == 2:
                line[i] = (line[i] + b) & 255
            elif kind == 3:
                line[i] = (line[i] + (a + b) // 2) & 255
            elif kind == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                pred = a if pa <= pb and pa <= pc else b if pb <= pc else c
                line[i] = (line[i] + pred) & 255
        gray.extend((line[i] + line[i + 1] + line[i + 2]) // 3
                    for i in range(0, stride, bpp))
        prev = line
    return gray


@unittest.skipIf(not CHROMIUM, "Chromium is not installed (Debian: apt-get install "
                 "chromium); ./build.sh test installs it")
class Browser(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.dir = tempfile.mkdtemp(prefix="upf-browser-")
        db = os.path.join(cls.dir, "demo.db")
        env = dict(os.environ, UPPFOLJ=BIN)
        p = subprocess.run(["sh", DEMO, db], env=env, capture_output=True, text=True)
        assert p.returncode == 0, p.stderr
        cls.html = os.path.join(cls.dir, "demo-report.html")
        cls.pdf = os.path.join(cls.dir, "demo-report.pdf")
        doc = subprocess.run([BIN, "--db", db, "committee-report", "show", "1"],
                             capture_output=True, text=True, check=True).stdout
        cls.doc = json.loads(doc)

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.dir)

    def dom(self):
        p = subprocess.run([CHROMIUM, *FLAGS, "--dump-dom", "file://" + self.html],
                           capture_output=True, text=True, timeout=120)
        self.assertEqual(p.returncode, 0, p.stderr[-2000:])
        parser = Dom()
        parser.feed(p.stdout)
        return parser

    def test_every_section_is_there_with_its_charts(self):
        d = self.dom()
        titles = [s["title"] for s in self.doc["sections"]]
        self.assertEqual(d.h2, titles)
        self.assertEqual([s["id"] for s in d.sections],
                         ["s-" + s["id"] for s in self.doc["sections"]])
        by_id = {s["id"]: s for s in d.sections}
        for section in ("s-measures_2", "s-trend"):
            with self.subTest(section=section):
                s = by_id[section]
                self.assertGreater(s["h3"], 0)
                # One chart per measure, each with its title.
                self.assertEqual(s["svg"], s["h3"])
                self.assertEqual(s["svg_titles"], s["svg"])
        self.assertEqual(by_id["s-deviations_tertial"]["svg"], 1)

    def test_nothing_is_loaded_from_elsewhere(self):
        d = self.dom()
        self.assertEqual(d.external, [])
        with open(self.html, encoding="utf-8") as f:
            text = f.read()
        self.assertNotIn("url(", text)
        self.assertNotIn("@import", text)

    def test_screenshot_is_not_blank(self):
        shot = os.path.join(self.dir, "committee-report.png")
        p = subprocess.run([CHROMIUM, *FLAGS, "--window-size=1000,1400",
                            "--screenshot=" + shot, "file://" + self.html],
                           capture_output=True, text=True, timeout=120)
        self.assertEqual(p.returncode, 0, p.stderr[-2000:])
        gray = png_gray(shot)
        dark = sum(1 for g in gray if g < 128) / len(gray)
        self.assertGreater(dark, 0.005, "the screenshot is (almost) blank")
        self.assertLess(dark, 0.5, "the screenshot is (almost) all dark")
        if OUT:
            shutil.copy(shot, os.path.join(OUT, "committee-report.png"))

    @unittest.skipIf(not shutil.which("pdfinfo"), "pdfinfo is not installed "
                     "(Debian: poppler-utils)")
    def test_pdf_has_a_page_per_section_at_least(self):
        self.assertTrue(os.path.exists(self.pdf), "the demo wrote no PDF")
        info = subprocess.run(["pdfinfo", self.pdf], capture_output=True, text=True,
                              check=True).stdout
        pages = int(next(line.split()[1] for line in info.splitlines()
                         if line.startswith("Pages:")))
        sections = len(self.doc["sections"])
        # The front page, then every section from a page of its own.
        self.assertGreaterEqual(pages, 1 + sections)
        self.assertLess(pages, 1 + sections * 6)
        self.assertIn("(A4)", info)


if __name__ == "__main__":
    tap.main()
