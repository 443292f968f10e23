#!/usr/bin/env python3
"""Holds the ABI together: the shared library exports exactly the
functions that the public header declares with UPF_EXPORT, each under the
version node of the linker script that its "Since:" names, and the
header's compile-time version is the library's. Usage:
check_exports.py LIBRARY HEADER VERSION_SCRIPT VERSION"""
import os
import re
import subprocess
import sys
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import tap  # noqa: E402

LIBRARY, HEADER, SCRIPT, VERSION = sys.argv[1:5]


def exported():
    """name -> version node, from the dynamic symbol table."""
    out = subprocess.run(["nm", "-D", "--defined-only", LIBRARY],
                         check=True, capture_output=True, text=True).stdout
    found = {}
    for line in out.splitlines():
        parts = line.split()
        if len(parts) == 3 and parts[1] in "TDBRW":
            name, _, node = parts[2].partition("@@")
            if name != node:  # the node's own marker symbol
                found[name] = node or None
    return found


def header():
    with open(HEADER, encoding="utf-8") as f:
        return f.read()


def declared():
    """name -> the "Since:" of the comment nearest above it."""
    text = header()
    since = {}
    for m in re.finditer(r"UPF_EXPORT\b[^;]*?\b(upf_\w+)\s*\(", text):
        comment = text[text.rfind("/*", 0, m.start()):m.start()]
        v = re.search(r"Since: (\d+\.\d+)\.", comment)
        since[m.group(1)] = v.group(1) if v else None
    return since


def script():
    """name -> node, from the linker version script."""
    with open(SCRIPT, encoding="utf-8") as f:
        text = re.sub(r"/\*.*?\*/", "", f.read(), flags=re.S)
    nodes = {}
    for node, body in re.findall(r"([\w.]+)\s*\{(.*?)\}", text, re.S):
        body = body.split("local:")[0]
        for name in re.findall(r"\b(upf_\w+)\s*;", body):
            nodes[name] = node
    return nodes


class Exports(unittest.TestCase):
    def test_only_upf_symbols(self):
        self.assertEqual({s for s in exported()
                          if not s.startswith(("upf_", "UPPFOLJ_"))}, set())

    def test_exported_equals_declared(self):
        self.assertEqual(set(exported()) - {n for n in exported()
                                            if n.startswith("UPPFOLJ_")},
                         set(declared()))

    def test_every_function_says_since(self):
        self.assertEqual([n for n, v in declared().items() if not v], [])

    def test_script_node_is_since(self):
        want = {n: "UPPFOLJ_" + v for n, v in declared().items()}
        self.assertEqual(script(), want)
        self.assertEqual({n: v for n, v in exported().items()
                          if n.startswith("upf_")}, want)

    def test_header_version_is_library_version(self):
        text = header()
        parts = [re.search(r"#define UPF_VERSION_%s (\d+)" % k, text).group(1)
                 for k in ("MAJOR", "MINOR", "PATCH")]
        self.assertEqual(".".join(parts), VERSION)
        self.assertIn('#define UPF_VERSION_STRING "%s"' % VERSION, text)

    def test_debian_symbols_file_is_the_script(self):
        """debian/libuppfolj0.symbols keeps the package's ABI honest: the
        same functions, each at the first version of its node."""
        path = os.path.join(os.path.dirname(SCRIPT), "..", "debian", "libuppfolj0.symbols")
        with open(path, encoding="utf-8") as f:
            listed = dict(re.findall(r"^ (upf_\w+)@(UPPFOLJ_[\d.]+) ", f.read(), re.M))
        self.assertEqual(listed, script())

    def test_declares_functions(self):
        self.assertGreater(len(declared()), 20)


if __name__ == "__main__":
    print(f"# {len(declared())} functions declared", flush=True)
    del sys.argv[1:]
    tap.main()
