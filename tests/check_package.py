"""The Debian packages of ./build.sh package: each holds what it should,
lintian finds no error, and what they install runs: the CLI and its
manual page, the library through pkg-config's files, and `import
uppfolj`. Usage: check_package.py DIR (where dpkg-buildpackage left the
.deb and .changes files). Standard library only."""
import glob
import os
import subprocess
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import tap  # noqa: E402

DIR = sys.argv[1] if len(sys.argv) > 1 else "build-package"
EXPECTED = {
    "libuppfolj0": ["usr/lib/*/libuppfolj.so.0", "usr/lib/*/libuppfolj.so.0.*"],
    "libuppfolj-dev": ["usr/include/uppfolj.h", "usr/lib/*/libuppfolj.so",
                       "usr/lib/*/pkgconfig/uppfolj.pc",
                       "usr/share/man/man3/libuppfolj.3.gz"],
    "uppfolj": ["usr/bin/uppfolj", "usr/share/man/man1/uppfolj.1.gz",
                "usr/share/bash-completion/completions/uppfolj"],
    "python3-uppfolj": ["usr/lib/python3/dist-packages/uppfolj.py"],
}


class Package(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.root = tempfile.mkdtemp(prefix="upf-deb-")
        cls.debs = {}
        for name in EXPECTED:
            found = glob.glob(os.path.join(DIR, name + "_*.deb"))
            if found:
                cls.debs[name] = found[0]
                subprocess.run(["dpkg-deb", "-x", found[0], cls.root], check=True)
        libs = glob.glob(os.path.join(cls.root, "usr/lib/*/libuppfolj.so.0"))
        cls.libdir = os.path.dirname(libs[0]) if libs else ""
        cls.env = dict(os.environ, LD_LIBRARY_PATH=cls.libdir,
                       UPPFOLJ_LIB=os.path.join(cls.libdir, "libuppfolj.so.0"),
                       PYTHONPATH=os.path.join(cls.root, "usr/lib/python3/dist-packages"))

    def test_each_package_holds_its_files(self):
        for name, patterns in EXPECTED.items():
            with self.subTest(name):
                self.assertIn(name, self.debs)
                for p in patterns:
                    self.assertTrue(glob.glob(os.path.join(self.root, p)), p)

    def test_lintian_finds_no_error(self):
        changes = glob.glob(os.path.join(DIR, "*.changes"))
        self.assertTrue(changes)
        p = subprocess.run(["lintian", "--tag-display-limit", "0", changes[0]],
                           capture_output=True, text=True)
        for line in p.stdout.splitlines():
            print("# lintian: " + line)
        self.assertEqual([x for x in p.stdout.splitlines() if x.startswith("E:")], [])

    def test_what_is_installed_runs(self):
        cli = os.path.join(self.root, "usr/bin/uppfolj")
        out = subprocess.run([cli, "--version"], env=self.env, capture_output=True,
                             text=True, check=True).stdout
        self.assertRegex(out, r"^uppfolj \d+\.\d+\.\d+ \(schema \d+\)")
        with tempfile.TemporaryDirectory() as d:
            db = os.path.join(d, "r.db")
            subprocess.run([cli, "--db", db, "init"], env=self.env, check=True,
                           capture_output=True)
            code = ("import uppfolj\n"
                    f"r = uppfolj.Registry({db!r}, actor='deb')\n"
                    "r.committee_add('AN', 'Äldrenämnden')\n"
                    "print(r.committee_list()[0]['code'])\n")
            out = subprocess.run([sys.executable, "-c", code], env=self.env,
                                 capture_output=True, text=True, check=True).stdout
            self.assertEqual(out, "AN\n")

    def test_manual_page_renders(self):
        page = os.path.join(self.root, "usr/share/man/man1/uppfolj.1.gz")
        p = subprocess.run(f"zcat {page} | groff -man -ww -z", shell=True,
                           capture_output=True, text=True)
        self.assertEqual((p.returncode, p.stderr), (0, ""))


if __name__ == "__main__":
    del sys.argv[1:]
    tap.main()
