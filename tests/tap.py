"""Runs a module's unittest cases and reports them in TAP, which Meson
reads case by case. Standard library only."""
import os
import sys
import unittest


class TapResult(unittest.TestResult):
    def __init__(self):
        super().__init__()
        self.number = 0
        self.sub_failures = []  # of the test running now

    def _report(self, ok, test, note=""):
        self.number += 1
        verdict = "ok" if ok else "not ok"
        print(f"{verdict} {self.number} - {test.id()}{note}", flush=True)

    def _diagnose(self, test, err):
        for line in self._exc_info_to_string(err, test).splitlines():
            print("# " + line)

    def addSuccess(self, test):
        super().addSuccess(test)
        self._report(True, test)

    def addFailure(self, test, err):
        super().addFailure(test, err)
        self._report(False, test)
        self._diagnose(test, err)

    def addError(self, test, err):
        super().addError(test, err)
        self._report(False, test)
        self._diagnose(test, err)

    def addSubTest(self, test, subtest, err):
        super().addSubTest(test, subtest, err)
        if err is not None:
            self.sub_failures.append((subtest, err))

    def stopTest(self, test):
        # A test whose subtests failed gets one "not ok", with each failure.
        if self.sub_failures:
            self._report(False, test)
            for subtest, err in self.sub_failures:
                print("# " + subtest.id())
                self._diagnose(test, err)
            self.sub_failures = []
        super().stopTest(test)

    def addSkip(self, test, reason):
        super().addSkip(test, reason)
        self._report(True, test, f" # SKIP {reason}")


def main(module="__main__"):
    reason = os.environ.get("UPF_SKIP_ALL")
    if reason:
        print(f"1..0 # SKIP {reason}", flush=True)
        sys.exit(0)
    suite = unittest.defaultTestLoader.loadTestsFromModule(sys.modules[module])
    print(f"1..{suite.countTestCases()}", flush=True)
    result = TapResult()
    suite.run(result)
    sys.exit(0 if result.wasSuccessful() else 1)
