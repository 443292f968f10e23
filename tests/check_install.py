#!/usr/bin/env python3
"""meson install into a temporary DESTDIR: the tree holds the library with
its soname and links, the header, the pkg-config file, the CLI, its
manual page and bash completion, and the Python module, and the installed CLI and module work from there.
Usage: check_install.py BUILD_DIR PREFIX PYTHON_DIR"""
import glob
import os
import shutil
import subprocess
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import tap  # noqa: E402

BUILD, PREFIX, PYDIR = sys.argv[1:4]
del sys.argv[1:4]


class Install(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.dest = tempfile.mkdtemp(prefix="upf-install-")
        subprocess.run(["meson", "install", "-C", BUILD, "--no-rebuild", "--quiet",
                        "--destdir", cls.dest], check=True, capture_output=True)
        cls.root = cls.dest + PREFIX

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.dest)

    def find(self, pattern):
        found = glob.glob(os.path.join(self.root, pattern), recursive=True)
        self.assertEqual(len(found), 1, f"{pattern}: {found}")
        return found[0]

    def test_library_with_soname_and_links(self):
        real = self.find("lib*/**/libuppfolj.so.0.*")
        libdir = os.path.dirname(real)
        self.assertEqual(os.readlink(os.path.join(libdir, "libuppfolj.so.0")),
                         os.path.basename(real))
        self.assertEqual(os.readlink(os.path.join(libdir, "libuppfolj.so")),
                         "libuppfolj.so.0")
        dynamic = subprocess.run(["readelf", "-d", real], capture_output=True, text=True)
        if dynamic.returncode == 0:
            self.assertIn("Library soname: [libuppfolj.so.0]", dynamic.stdout)

    def test_manual_page_and_completion(self):
        self.find("share/man/man1/uppfolj.1")
        self.find("share/man/man3/libuppfolj.3")
        self.find("share/bash-completion/completions/uppfolj")

    def test_header_and_pkg_config(self):
        self.find("include/uppfolj.h")
        pc = open(self.find("lib*/**/pkgconfig/uppfolj.pc")).read()
        self.assertIn("Libs: -L${libdir} -luppfolj", pc)
        self.assertIn("Requires.private: sqlite3", pc)

    def test_cli_runs_installed(self):
        cli = self.find("bin/uppfolj")
        libdir = os.path.dirname(self.find("lib*/**/libuppfolj.so.0"))
        env = dict(os.environ, LD_LIBRARY_PATH=libdir)
        registry = os.path.join(self.dest, "r.db")
        out = subprocess.run([cli, "--db", registry, "--actor", "install", "init"], env=env,
                             capture_output=True, text=True, check=True).stdout
        self.assertIn("schema version", out)

    def test_python_module_installed(self):
        module = os.path.join(self.dest + PYDIR, "uppfolj.py")
        self.assertTrue(os.path.exists(module), module)
        lib = self.find("lib*/**/libuppfolj.so.0")
        code = ("import uppfolj; r = uppfolj.Registry(%r, actor='install'); "
                "print(uppfolj.version())" % os.path.join(self.dest, "p.db"))
        env = dict(os.environ, UPPFOLJ_LIB=lib, PYTHONPATH=os.path.dirname(module))
        out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True,
                             text=True, check=True).stdout
        self.assertRegex(out, r"^\d+\.\d+\.\d+")


if __name__ == "__main__":
    tap.main()
