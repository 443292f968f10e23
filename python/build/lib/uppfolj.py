"""uppfolj from Python, through ctypes: a binding of the whole public API.

Standard library only. The library is found through $UPPFOLJ_LIBRARY (or
$UPPFOLJ_LIB), else the build directory of this checkout (build/lib), else
by its soname on the system's loader path.

    import uppfolj
    with uppfolj.Registry("registry.db", actor="analys") as reg:
        reg.committee_add("AN", "Äldrenämnden")
        print(reg.committee_list())

Every failure raises uppfolj.Error, which carries the status code (its
number and name) and the library's one-line message. Lists come back as
lists of dicts; reports as the JSON document the library builds, parsed.
A Registry belongs to one thread at a time; open one per thread.
"""
import ctypes
import ctypes.util
import json
import os

__all__ = ["Error", "InternalError", "NoMemory", "Invalid", "NotFound", "Exists",
           "Refused", "Newer", "NotRegistry", "Busy", "IOFailure", "Corrupt", "Misuse",
           "Personal", "Older", "Registry", "Batch", "version", "schema_version",
           "strerror", "status_name", "detail_name", "text_shown", "text_number",
           "load"]

# Status codes: an append-only list, the same numbers as uppfolj.h.
OK, ERROR, NOMEM, INVALID, NOTFOUND, EXISTS, REFUSED, NEWER = 0, -1, -2, -3, -4, -5, -6, -7
NOTREGISTRY, BUSY, IO, CORRUPT, MISUSE, PERSONAL, OLDER = -8, -9, -10, -11, -12, -13, -14

# How Registry opens (upf_db_open_v2's flags).
OPEN_CREATE, OPEN_MIGRATE = 1, 2

# Causes of a refusal (upf_errcode_detail), the same numbers as uppfolj.h.
(DETAIL_NONE, DETAIL_NOT_ACTIVE, DETAIL_WRONG_LEVEL, DETAIL_COMPUTED,
 DETAIL_OUT_OF_ORDER, DETAIL_TOO_EARLY, DETAIL_NOT_SERIOUS, DETAIL_IVO_PENDING,
 DETAIL_NEEDS_ACTION, DETAIL_CLOSED, DETAIL_IN_HOUSE, DETAIL_UNCHANGED,
 DETAIL_CONSTRAINT, DETAIL_DUPLICATE, DETAIL_ORPHANS, DETAIL_HAS_VALUES,
 DETAIL_NOT_APPLICABLE, DETAIL_OUT_OF_RANGE, DETAIL_RETIRED, DETAIL_RULE,
 DETAIL_WITHDRAWN, DETAIL_DECIDED, DETAIL_OUT_OF_SCOPE, DETAIL_LOCKED,
 DETAIL_PRESENTED) = range(25)

# Flags of a write (UPF_WRITE_).
WRITE_CONFIRM, WRITE_ALLOW_DUPLICATES = 1, 2
KOLADA_PARTIAL = 1

# Cell types of a table.
_NULL, _INTEGER, _REAL, _TEXT = 0, 1, 2, 3

_p = ctypes.c_void_p
_s = ctypes.c_char_p
_i = ctypes.c_int
_d = ctypes.c_double
_pd = ctypes.POINTER(ctypes.c_double)
_pp = ctypes.POINTER(ctypes.c_void_p)
_ll = ctypes.c_longlong
_pll = ctypes.POINTER(ctypes.c_longlong)
PROGRESS = ctypes.CFUNCTYPE(None, ctypes.c_void_p, ctypes.c_longlong, ctypes.c_longlong)

# name: (restype, argtypes). Strings the library allocates are taken as
# void pointers so that they can be freed with upf_free.
SIGNATURES = {
    "upf_version": (_s, []),
    "upf_schema_version": (_i, []),
    "upf_strerror": (_s, [_i]),
    "upf_status_name": (_s, [_i]),
    "upf_free": (None, [_p]),
    "upf_text_shown": (_s, [_s]),
    "upf_text_number": (_i, [_pd, _s]),
    "upf_db_open": (_i, [_pp, _s]),
    "upf_db_close": (None, [_p]),
    "upf_db_open_v2": (_i, [_pp, _s, _i, _s]),
    "upf_db_file_mode": (_i, [_p]),
    "upf_db_make_private": (_i, [_p]),
    "upf_db_backup": (_i, [_p, _s]),
    "upf_db_doctor": (_i, [_pp, _p]),
    "upf_errmsg": (_s, [_p]),
    "upf_errcode": (_i, [_p]),
    "upf_errcode_detail": (_i, [_p]),
    "upf_detail_name": (_s, [_i]),
    "upf_db_set_actor": (_i, [_p, _s]),
    "upf_db_set_busy_timeout": (_i, [_p, _i]),
    "upf_db_set_today": (_i, [_p, _s]),
    "upf_table_free": (None, [_p]),
    "upf_table_xlsx": (_i, [_p, _p, _s, _s, _s]),
    "upf_table_rows": (_i, [_p]),
    "upf_table_columns": (_i, [_p]),
    "upf_table_column": (_s, [_p, _i]),
    "upf_table_value": (_s, [_p, _i, _i]),
    "upf_table_type": (_i, [_p, _i, _i]),
    "upf_table_int": (ctypes.c_longlong, [_p, _i, _i]),
    "upf_table_double": (_d, [_p, _i, _i]),
    "upf_table_is_null": (_i, [_p, _i, _i]),
    "upf_committee_add": (_i, [_p, _s, _s]),
    "upf_committee_list": (_i, [_pp, _p]),
    "upf_provider_add": (_i, [_p, _s, _s, _s]),
    "upf_provider_list": (_i, [_pp, _p]),
    "upf_area_add": (_i, [_p, _s, _s]),
    "upf_area_list": (_i, [_pp, _p]),
    "upf_assignment_add": (_i, [_p, _s, _s, _s, _s, _s, _s, _s]),
    "upf_assignment_list": (_i, [_pp, _p]),
    "upf_unit_add_level2": (_i, [_p, _s, _s, _s, _s, _s]),
    "upf_unit_add_level3": (_i, [_p, _s, _s, _s, _s]),
    "upf_unit_move": (_i, [_p, _s, _s, _s, _s]),
    "upf_unit_list": (_i, [_pp, _p, _s]),
    "upf_unit_history": (_i, [_pp, _p, _s]),
    "upf_org_tree": (_i, [_pp, _p, _s]),
    "upf_committee_rename": (_i, [_p, _s, _s]),
    "upf_provider_rename": (_i, [_p, _s, _s]),
    "upf_area_rename": (_i, [_p, _s, _s]),
    "upf_assignment_rename": (_i, [_p, _s, _s]),
    "upf_unit_rename": (_i, [_p, _s, _s]),
    "upf_assignment_edit": (_i, [_p, _s, _s, _s]),
    "upf_unit_close": (_i, [_p, _s, _s]),
    "upf_unit_move_withdraw": (_i, [_p, _s, _s]),
    "upf_measure_edit": (_i, [_p, _s, _s]),
    "upf_measure_retire": (_i, [_p, _s, _s]),
    "upf_quality_area_add": (_i, [_p, _s, _s, _s]),
    "upf_goal_add": (_i, [_p, _s, _s, _s, _s, _i]),
    "upf_goal_list": (_i, [_pp, _p, _s]),
    "upf_method_add": (_i, [_p, _s, _s]),
    "upf_method_list": (_i, [_pp, _p]),
    "upf_rule_add": (_i, [_p, _s, _s, _s]),
    "upf_rule_list": (_i, [_pp, _p]),
    "upf_deviation_withdraw": (_i, [_p, _ll, _s, _s]),
    "upf_basic_item_add": (_i, [_p, _s, _s, _s]),
    "upf_plan_add": (_i, [_p, _i, _s, _s]),
    "upf_plan_decide": (_i, [_p, _i, _s, _s, _s]),
    "upf_plan_show": (_i, [_pp, _p, _i, _s]),
    "upf_plan_list": (_i, [_pp, _p]),
    "upf_plan_revision_list": (_i, [_pp, _p, _i, _s]),
    "upf_activity_add": (_i, [_p, _s, _s, _i, _s, _s, _s]),
    "upf_activity_start": (_i, [_p, _s, _s]),
    "upf_activity_done": (_i, [_p, _s, _s]),
    "upf_activity_cancel": (_i, [_p, _s, _s, _s]),
    "upf_activity_move": (_i, [_p, _s, _s, _s, _s, _s]),
    "upf_activity_show": (_i, [_pp, _p, _s]),
    "upf_activity_list": (_i, [_pp, _p, _s]),
    "upf_instrument_add": (_i, [_p, _s, _s, _s, _s]),
    "upf_criterion_add": (_i, [_p, _s, _s, _s, _s]),
    "upf_instrument_list": (_i, [_pp, _p]),
    "upf_instrument_show": (_i, [_pp, _p, _s]),
    "upf_review_add": (_i, [_pll, _p, _s, _s, _s, _s, _s, _s]),
    "upf_review_answer": (_i, [_p, _ll, _s, _s, _s, _s]),
    "upf_review_import": (_i, [ctypes.POINTER(ctypes.c_long), _p, _s]),
    "upf_review_list": (_i, [_pp, _p, _s]),
    "upf_correction_list": (_i, [_pp, _p, _s]),
    "upf_correction_reply": (_i, [_p, _ll, _s, _s]),
    "upf_correction_verify": (_i, [_p, _ll, _s]),
    "upf_finding_add": (_i, [_pll, _p, _s, _s, _s, _s, _s, _s, _s]),
    "upf_finding_list": (_i, [_pp, _p, _s]),
    "upf_finding_evidence": (_i, [_pp, _p, _ll]),
    "upf_assessment_set": (_i, [_p, _s, _i, _s, _s, _s, _s, _s]),
    "upf_assessment_history": (_i, [_pp, _p, _s, _i, _s]),
    "upf_action_add_from": (_i, [_pll, _p, _s, _s, _s, _s, _s, _s]),
    "upf_action_evaluate": (_i, [_p, _ll, _s, _s, _s]),
    "upf_action_list": (_i, [_pp, _p, _s]),
    "upf_stakeholder_add": (_i, [_p, _s, _s, _s]),
    "upf_stakeholder_list": (_i, [_pp, _p]),
    "upf_activity_edit": (_i, [_p, _s, _s]),
    "upf_activity_inform": (_i, [_p, _s, _s, _s, _s, _s]),
    "upf_supervision_add": (_i, [_pll, _p, _s, _s, _s, _s, _s, _s, _s]),
    "upf_committee_report_build": (_i, [_pll, _p, _s, _s, _s, _s]),
    "upf_committee_report_text": (_i, [_p, _ll, _s, _s]),
    "upf_committee_report_show": (_i, [_pp, _p, _ll, _s]),
    "upf_committee_report_present": (_i, [_p, _ll, _s, _s]),
    "upf_committee_report_verify": (_i, [_p, _ll]),
    "upf_committee_report_diff": (_i, [_pp, _p, _ll]),
    "upf_committee_report_list": (_i, [_pp, _p, _s]),
    "upf_period_lock": (_i, [_p, _s, _s]),
    "upf_period_unlock": (_i, [_p, _s, _s, _s]),
    "upf_period_lock_list": (_i, [_pp, _p, _s]),
    "upf_setting_set": (_i, [_p, _s, _s]),
    "upf_setting_list": (_i, [_pp, _p]),
    "upf_supervision_respond": (_i, [_p, _ll, _s]),
    "upf_supervision_close": (_i, [_p, _ll, _s]),
    "upf_supervision_list": (_i, [_pp, _p, _s]),
    "upf_basic_item_edit": (_i, [_p, _s, _s]),
    "upf_measure_add": (_i, [_p, _s, _s, _s, _s, _s]),
    "upf_measure_list": (_i, [_pp, _p, _s, _s]),
    "upf_measure_show": (_i, [_pp, _p, _s]),
    "upf_quality_area_list": (_i, [_pp, _p]),
    "upf_value_set": (_i, [_p, _s, _s, _s, _d, _pd, _s, ctypes.c_uint]),
    "upf_value_delete": (_i, [_p, _s, _s, _s]),
    "upf_value_list": (_i, [_pp, _p, _s, _s, _s]),
    "upf_batch_begin": (_i, [_pp, _p, ctypes.c_uint]),
    "upf_batch_add": (_i, [_p, _s, _s, _s, _d, _pd, _s]),
    "upf_batch_rows": (ctypes.c_long, [_p]),
    "upf_batch_commit": (_i, [_p]),
    "upf_batch_free": (None, [_p]),
    "upf_value_import": (_i, [ctypes.POINTER(ctypes.c_long), _p, _s, ctypes.c_uint,
                                 PROGRESS, _p]),
    "upf_kolada_import": (_i, [_pp, _p, _s]),
    "upf_kolada_import_files": (_i, [_pp, _p, ctypes.POINTER(ctypes.c_char_p), _i,
                                     ctypes.c_uint]),
    "upf_reference_import": (_i, [_pp, _p, _s]),
    "upf_reference_list": (_i, [_pp, _p, _s]),
    "upf_value_export": (_i, [_pp, _p, _s, _s]),
    "upf_target_set": (_i, [_p, _s, _d, _i, _s, _s]),
    "upf_target_list": (_i, [_pp, _p, _s]),
    "upf_indicator_add": (_i, [_p, _s, _s, _s, _s, _d]),
    "upf_indicator_list": (_i, [_pp, _p]),
    "upf_deviation_add": (_i, [_pll, _p, _s, _s, _s, _s, _s, _s, _s]),
    "upf_deviation_investigate": (_i, [_p, _ll, _s]),
    "upf_deviation_assess": (_i, [_p, _ll, _s, _s]),
    "upf_deviation_notify": (_i, [_p, _ll, _s, _s]),
    "upf_deviation_send": (_i, [_p, _ll, _s]),
    "upf_deviation_inform_committee": (_i, [_p, _ll, _s]),
    "upf_deviation_close": (_i, [_p, _ll, _s, _s]),
    "upf_action_add": (_i, [_pll, _p, _ll, _s, _s, _s, _s]),
    "upf_action_done": (_i, [_p, _ll, _s]),
    "upf_action_add_immediate": (_i, [_pll, _p, _ll, _s, _s, _s]),
    "upf_deviation_show": (_i, [_pp, _p, _ll]),
    "upf_deviation_action_list": (_i, [_pp, _p, _ll]),
    "upf_deviation_list": (_i, [_pp, _p, _s]),
    "upf_deviation_search": (_i, [_pp, _p, _s]),
    "upf_deviation_type_list": (_i, [_pp, _p]),
    "upf_deviation_type_add": (_i, [_p, _s, _s, _s, _s, _s]),
    "upf_deviation_category_list": (_i, [_pp, _p]),
    "upf_deviation_category_add": (_i, [_p, _s, _s]),
    "upf_deviation_import": (_i, [ctypes.POINTER(ctypes.c_long), _p, _s, ctypes.c_uint]),
    "upf_basic_set": (_i, [_p, _s, _s, _i, _s, _s, _s]),
    "upf_basic_analyse": (_i, [_p, _s, _s, _i, _s]),
    "upf_basic_item_list": (_i, [_pp, _p]),
    "upf_report_json": (_i, [_pp, _p, _s, _s]),
    "upf_report_table": (_i, [_pp, _p, _s, _s]),
    "upf_audit_list": (_i, [_pp, _p, _s, _s]),
}

# Names of the functions called so far, for the tests' coverage check.
called = set()


def _library_path() -> str:
    for name in ("UPPFOLJ_LIBRARY", "UPPFOLJ_LIB"):
        if os.environ.get(name):
            return os.environ[name]
    here = os.path.dirname(os.path.abspath(__file__))
    built = os.path.join(here, "..", "build", "lib", "libuppfolj.so")
    if os.path.exists(built):
        return built
    return ctypes.util.find_library("uppfolj") or "libuppfolj.so.0"


def load(path=None):
    """Loads the library and declares every function's types."""
    lib = ctypes.CDLL(path or _library_path())
    for name, (restype, argtypes) in SIGNATURES.items():
        fn = getattr(lib, name)
        fn.restype = restype
        fn.argtypes = argtypes
    return lib


_lib = None


def _call(name, *args):
    global _lib
    if _lib is None:
        _lib = load()
    called.add(name)
    return getattr(_lib, name)(*args)


def _b(text):
    """Python text to the library's UTF-8; None stays NULL."""
    if text is None or isinstance(text, bytes):
        return text
    return str(text).encode("utf-8")


def _text(raw):
    return None if raw is None else raw.decode("utf-8")


class Error(Exception):
    """A failed call: status (negative int), name ("UPF_NOTFOUND"), message,
    and the cause of a refusal: detail (an int, 0 for none) and its name
    ("UPF_DETAIL_NOT_ACTIVE")."""

    def __init__(self, status, message, detail=0):
        super().__init__(message)
        self.status = status
        self.name = status_name(status)
        self.message = message
        self.detail = detail
        self.detail_name = detail_name(detail)


class InternalError(Error):
    """UPF_ERROR: an internal or unexpected error."""


class NoMemory(Error, MemoryError):
    """UPF_NOMEM: out of memory."""


class Invalid(Error, ValueError):
    """UPF_INVALID: a value is malformed or out of range."""


class NotFound(Error, LookupError):
    """UPF_NOTFOUND: a code names nothing in the registry."""


class Exists(Error):
    """UPF_EXISTS: a code is already taken."""


class Refused(Error):
    """UPF_REFUSED: well-formed, but the registry's rules forbid it; see
    detail and detail_name for the cause."""


class Newer(Error):
    """UPF_NEWER: the registry was made by a newer uppfolj."""


class NotRegistry(Error):
    """UPF_NOTREGISTRY: the file is not an uppfolj registry."""


class Busy(Error):
    """UPF_BUSY: another connection held a lock past the busy timeout."""


class IOFailure(Error, OSError):
    """UPF_IO: the operating system reported an I/O error."""


class Corrupt(Error):
    """UPF_CORRUPT: the registry file is damaged."""


class Misuse(Error):
    """UPF_MISUSE: the API was called the wrong way."""


class Personal(Error, ValueError):
    """UPF_PERSONAL: text looks like a personal identity number."""


class Older(Error):
    """UPF_OLDER: the registry must be migrated to be opened."""


_ERRORS = {ERROR: InternalError, NOMEM: NoMemory, INVALID: Invalid, NOTFOUND: NotFound,
           EXISTS: Exists, REFUSED: Refused, NEWER: Newer, NOTREGISTRY: NotRegistry,
           BUSY: Busy, IO: IOFailure, CORRUPT: Corrupt, MISUSE: Misuse,
           PERSONAL: Personal, OLDER: Older}

# The library's words for a C caller, and what a Python caller does instead.
_PYTHON_WORDING = [
    ("call upf_db_set_actor() before writing",
     "open the Registry with actor=... or call set_actor() before writing"),
    ("commit or free it before writing otherwise",
     "leave its with-block (or commit it) before writing otherwise"),
    ("commit or free it before a backup", "leave its with-block (or commit it) first"),
    ("open it with UPF_OPEN_CREATE", "open it with create=True"),
]


def _error(status, message, detail=0):
    """The exception for a status: a subclass of Error named for it, with
    the message in a Python caller's words."""
    for c_words, python_words in _PYTHON_WORDING:
        message = message.replace(c_words, python_words)
    return _ERRORS.get(status, Error)(status, message, detail)


def version():
    return _text(_call("upf_version"))


def schema_version():
    return _call("upf_schema_version")


def strerror(status):
    return _text(_call("upf_strerror", status))


def status_name(status):
    return _text(_call("upf_status_name", status))


def detail_name(detail):
    return _text(_call("upf_detail_name", detail))


def text_number(text):
    """A number as people write it ("2 345,5"), or None where the text is
    not one."""
    out = ctypes.c_double()
    status = _call("upf_text_number", ctypes.byref(out), _b(text))
    return out.value if status == OK else None


def text_shown(text):
    """How a value may be quoted in a message: itself, or "(not shown)"
    where it could be a personal identity number or is unprintable."""
    return _text(_call("upf_text_shown", _b(text)))


def _take_string(ptr):
    """A string the library allocated: copied, then freed."""
    if not ptr.value:
        return None
    try:
        return ctypes.string_at(ptr.value).decode("utf-8")
    finally:
        _call("upf_free", ptr.value)


def _rows(table):
    """A upf_table as a list of dicts, then freed."""
    try:
        cols = [_text(_call("upf_table_column", table, c))
                for c in range(_call("upf_table_columns", table))]
        rows = []
        for r in range(_call("upf_table_rows", table)):
            row = {}
            for c, name in enumerate(cols):
                # Numbers as stored, not through their text.
                kind = _call("upf_table_type", table, r, c)
                if _call("upf_table_is_null", table, r, c):
                    row[name] = None
                elif kind == _INTEGER:
                    row[name] = _call("upf_table_int", table, r, c)
                elif kind == _REAL:
                    row[name] = _call("upf_table_double", table, r, c)
                else:
                    row[name] = _call("upf_table_value", table, r, c).decode("utf-8")
            rows.append(row)
        return rows
    finally:
        _call("upf_table_free", table)


def _den(value):
    return None if value is None else ctypes.byref(ctypes.c_double(value))


class Registry:
    """An open registry. Use it as a context manager, or call close()."""

    def __init__(self, path, actor=None, create=True, migrate=True):
        """Opens the registry at path. create: make it if it does not exist
        (else NotFound); migrate: bring an older registry to this version
        (else UPF_OLDER). The actor is set before any migration, which is
        recorded as the actor's."""
        handle = ctypes.c_void_p()
        flags = (OPEN_CREATE if create else 0) | (OPEN_MIGRATE if migrate else 0)
        if create and migrate and actor is None:
            status = _call("upf_db_open", ctypes.byref(handle), _b(path))
        else:
            status = _call("upf_db_open_v2", ctypes.byref(handle), _b(path), flags,
                           _b(actor))
        self._db = handle.value
        if status != OK:
            message = _text(_call("upf_errmsg", self._db))
            self.close()
            raise _error(status, message)

    @property
    def file_mode(self):
        """The registry file's permission bits (0o600 when private), or -1."""
        return _call("upf_db_file_mode", self._db)

    def make_private(self):
        """Makes the registry's files readable by their owner only."""
        self._do("upf_db_make_private")

    def backup(self, path):
        """Copies the registry into a new file at path (mode 0600), as of
        one moment while others write; path must not exist."""
        self._do("upf_db_backup", _b(path))

    def doctor(self):
        """The registry's checks: a list of dicts with check, status (ok,
        warning, error) and detail."""
        return self._list("upf_db_doctor")

    def close(self):
        if getattr(self, "_db", None):
            _call("upf_db_close", self._db)
        self._db = None

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def __del__(self):
        self.close()

    def _check(self, status):
        if status != OK:
            raise _error(status, _text(_call("upf_errmsg", self._db)),
                         _call("upf_errcode_detail", self._db))

    def _list(self, name, *args):
        table = ctypes.c_void_p()
        self._check(_call(name, ctypes.byref(table), self._db, *args))
        return _rows(table)

    def _do(self, name, *args):
        self._check(_call(name, self._db, *args))

    def _do_out(self, name, out, *args):
        self._check(_call(name, out, self._db, *args))

    @property
    def errcode(self):
        return _call("upf_errcode", self._db)

    @property
    def errmsg(self):
        return _text(_call("upf_errmsg", self._db))

    def set_actor(self, actor):
        self._do("upf_db_set_actor", _b(actor))

    def set_busy_timeout(self, ms):
        self._do("upf_db_set_busy_timeout", ms)

    def set_today(self, day):
        """Fixes the day the registry takes as today ("YYYY-MM-DD");
        None goes back to the clock."""
        self._do("upf_db_set_today", _b(day))

    # Organisation
    def committee_add(self, code, name):
        self._do("upf_committee_add", _b(code), _b(name))

    def committee_list(self):
        return self._list("upf_committee_list")

    def provider_add(self, code, name, regime):
        self._do("upf_provider_add", _b(code), _b(name), _b(regime))

    def provider_list(self):
        return self._list("upf_provider_list")

    def area_add(self, code, name):
        self._do("upf_area_add", _b(code), _b(name))

    def area_list(self):
        return self._list("upf_area_list")

    def assignment_add(self, code, name, committee, provider, kind,
                       valid_from=None, valid_to=None):
        self._do("upf_assignment_add", _b(code), _b(name), _b(committee),
                 _b(provider), _b(kind), _b(valid_from), _b(valid_to))

    def assignment_list(self):
        return self._list("upf_assignment_list")

    def unit_add_level2(self, code, name, assignment, area, valid_from=None):
        self._do("upf_unit_add_level2", _b(code), _b(name), _b(assignment),
                 _b(area), _b(valid_from))

    def unit_add_level3(self, code, name, parent, valid_from=None):
        self._do("upf_unit_add_level3", _b(code), _b(name), _b(parent),
                 _b(valid_from))

    def unit_move(self, code, valid_from, parent=None, assignment=None):
        self._do("upf_unit_move", _b(code), _b(parent), _b(assignment),
                 _b(valid_from))

    def unit_list(self, at=None):
        return self._list("upf_unit_list", _b(at))

    def unit_history(self, code):
        return self._list("upf_unit_history", _b(code))

    def org_tree(self, at=None):
        return self._list("upf_org_tree", _b(at))

    # Maintenance: a name changes, an assignment ends, a unit closes
    def committee_rename(self, code, name):
        self._do("upf_committee_rename", _b(code), _b(name))

    def provider_rename(self, code, name):
        self._do("upf_provider_rename", _b(code), _b(name))

    def area_rename(self, code, name):
        self._do("upf_area_rename", _b(code), _b(name))

    def assignment_rename(self, code, name):
        self._do("upf_assignment_rename", _b(code), _b(name))

    def unit_rename(self, code, name):
        self._do("upf_unit_rename", _b(code), _b(name))

    def assignment_edit(self, code, valid_from=None, valid_to=None):
        """A new first and/or last day; valid_to "" makes it open-ended."""
        self._do("upf_assignment_edit", _b(code), _b(valid_from), _b(valid_to))

    def unit_close(self, code, on):
        self._do("upf_unit_close", _b(code), _b(on))

    def unit_move_withdraw(self, code, valid_from):
        self._do("upf_unit_move_withdraw", _b(code), _b(valid_from))

    # Measures
    def measure_add(self, code, name, kind, type, **options):
        """options: time, level, frequency, direction, quality_area,
        unit_label, method, kpi, description, areas, goals, methods (lists
        of codes), min, max."""
        self._do("upf_measure_add", _b(code), _b(name), _b(kind), _b(type),
                 _b(json.dumps(options)) if options else None)

    def measure_edit(self, code, **options):
        """The options of measure_add and name; "" clears a text, min or
        max; a list replaces the links."""
        self._do("upf_measure_edit", _b(code), _b(json.dumps(options)))

    def measure_retire(self, code, period):
        self._do("upf_measure_retire", _b(code), _b(period))

    def measure_list(self, kind=None, quality_area=None):
        return self._list("upf_measure_list", _b(kind), _b(quality_area))

    def measure_show(self, code):
        return self._list("upf_measure_show", _b(code))[0]

    def quality_area_list(self):
        return self._list("upf_quality_area_list")

    def quality_area_add(self, code, name, description=None):
        self._do("upf_quality_area_add", _b(code), _b(name), _b(description))

    def goal_add(self, code, text, quality_area, committee=None, year=0):
        """A goal of the catalogue, or of a committee's plan for a year."""
        self._do("upf_goal_add", _b(code), _b(text), _b(quality_area), _b(committee),
                 int(year))

    def goal_list(self, quality_area=None):
        return self._list("upf_goal_list", _b(quality_area))

    def method_add(self, code, name):
        self._do("upf_method_add", _b(code), _b(name))

    def method_list(self):
        return self._list("upf_method_list")

    def rule_add(self, code, expression, severity):
        """expression: "MEASURE OP MEASURE"; severity "warning" or "error"."""
        self._do("upf_rule_add", _b(code), _b(expression), _b(severity))

    def rule_list(self):
        return self._list("upf_rule_list")

    # Values
    def value_set(self, measure, unit, period, value, den=None, note=None,
                  confirm=False):
        """confirm: record a value outside the plausible range, flagged."""
        self._do("upf_value_set", _b(measure), _b(unit), _b(period),
                 float(value), _den(den), _b(note), WRITE_CONFIRM if confirm else 0)

    def value_delete(self, measure, unit, period):
        self._do("upf_value_delete", _b(measure), _b(unit), _b(period))

    def value_list(self, measure=None, unit=None, period=None):
        return self._list("upf_value_list", _b(measure), _b(unit), _b(period))

    def batch(self, confirm=False):
        """A Batch: values recorded in bulk, committed together."""
        return Batch(self, confirm)

    def value_import(self, path, progress=None, confirm=False):
        """Imports a CSV file; returns the number of values. progress, if
        given, is called with (bytes read, file size)."""
        rows = ctypes.c_long()
        callback = PROGRESS(lambda ctx, done, total: progress(done, total)) \
            if progress else PROGRESS()
        self._do_out("upf_value_import", ctypes.byref(rows), _b(path),
                     WRITE_CONFIRM if confirm else 0, callback, None)
        return rows.value

    def kolada_import(self, *paths, partial=False):
        """Imports Kolada reference values from one document, or from the
        pages of a response in several files (or a file holding an array
        of pages), all or nothing; partial=True accepts a response some of
        whose pages are missing. Returns the summary per KPI."""
        if len(paths) == 1 and not partial:
            return self._list("upf_kolada_import", _b(paths[0]))
        files = (ctypes.c_char_p * len(paths))(*[_b(p) for p in paths])
        return self._list("upf_kolada_import_files", files, len(paths),
                          KOLADA_PARTIAL if partial else 0)

    def reference_import(self, path):
        """Imports reference values from CSV (kpi,kind,area,year,gender,
        value[,count,status]): national figures that are not Kolada's."""
        return self._list("upf_reference_import", _b(path))

    def reference_list(self, kpi=None):
        """The reference values held, of one KPI or all."""
        return self._list("upf_reference_list", _b(kpi))

    def value_export(self, period=None, format="csv"):
        out = ctypes.c_void_p()
        self._do_out("upf_value_export", ctypes.byref(out), _b(period), _b(format))
        return _take_string(out)

    # Targets and indicators
    def target_set(self, measure, value, year, assignment=None, unit=None):
        self._do("upf_target_set", _b(measure), float(value), int(year),
                 _b(assignment), _b(unit))

    def target_list(self, measure=None):
        return self._list("upf_target_list", _b(measure))

    def indicator_add(self, code, name, numerator, denominator, factor=1.0):
        self._do("upf_indicator_add", _b(code), _b(name), _b(numerator),
                 _b(denominator), float(factor))

    def indicator_list(self):
        return self._list("upf_indicator_list")

    # Deviations
    def deviation_add(self, unit, type, occurred, summary, reported=None,
                      category=None, origin=None):
        """Registers a deviation; returns its number. origin: "internal"
        (None) or "external"."""
        new = ctypes.c_longlong()
        self._check(_call("upf_deviation_add", ctypes.byref(new), self._db, _b(unit),
                          _b(type), _b(occurred), _b(reported), _b(category),
                          _b(summary), _b(origin)))
        return new.value

    def deviation_investigate(self, id, on=None):
        self._do("upf_deviation_investigate", id, _b(on))

    def deviation_assess(self, id, assessment, on=None):
        self._do("upf_deviation_assess", id, _b(assessment), _b(on))

    def deviation_notify(self, id, by, on=None):
        self._do("upf_deviation_notify", id, _b(on), _b(by))

    def deviation_send(self, id, on=None):
        self._do("upf_deviation_send", id, _b(on))

    def deviation_inform_committee(self, id, on=None):
        self._do("upf_deviation_inform_committee", id, _b(on))

    def deviation_close(self, id, on=None, reason=None):
        self._do("upf_deviation_close", id, _b(on), _b(reason))

    def deviation_withdraw(self, id, reason, on=None):
        self._do("upf_deviation_withdraw", id, _b(on), _b(reason))

    def action_add(self, deviation, text, responsible, due=None, on=None):
        """An action for a deviation, decided on a day (None: today)."""
        new = ctypes.c_longlong()
        self._check(_call("upf_action_add", ctypes.byref(new), self._db, deviation,
                          _b(text), _b(responsible), _b(due), _b(on)))
        return new.value

    def action_add_immediate(self, deviation, text, responsible, on=None):
        """An immediate measure, taken on a day (None: today)."""
        new = ctypes.c_longlong()
        self._check(_call("upf_action_add_immediate", ctypes.byref(new), self._db,
                          deviation, _b(text), _b(responsible), _b(on)))
        return new.value

    def action_done(self, action, on=None):
        self._do("upf_action_done", action, _b(on))

    def deviation_show(self, id):
        return self._list("upf_deviation_show", id)[0]

    def deviation_action_list(self, id):
        return self._list("upf_deviation_action_list", id)

    def deviation_list(self, **filters):
        """filters: unit, assignment, type, status, period, overdue, at."""
        return self._list("upf_deviation_list", _b(json.dumps(filters)))

    def deviation_search(self, words):
        return self._list("upf_deviation_search", _b(words))

    def deviation_type_list(self):
        return self._list("upf_deviation_type_list")

    def deviation_type_add(self, code, name, scale, legal_reference=None,
                           authority=None):
        self._do("upf_deviation_type_add", _b(code), _b(name), _b(scale),
                 _b(legal_reference), _b(authority))

    def deviation_category_list(self):
        return self._list("upf_deviation_category_list")

    def deviation_category_add(self, code, name):
        self._do("upf_deviation_category_add", _b(code), _b(name))

    def deviation_import(self, path, allow_duplicates=False):
        rows = ctypes.c_long()
        self._do_out("upf_deviation_import", ctypes.byref(rows), _b(path),
                     WRITE_ALLOW_DUPLICATES if allow_duplicates else 0)
        return rows.value

    # Basic follow-up
    def basic_set(self, unit, item, year, routine=None, performed=None,
                  result=None):
        """routine: True, False or None (keep what was recorded)."""
        flag = None if routine is None else ("yes" if routine else "no")
        self._do("upf_basic_set", _b(unit), _b(item), int(year), _b(flag),
                 _b(performed), _b(result))

    def basic_analyse(self, unit, item, year, on=None):
        self._do("upf_basic_analyse", _b(unit), _b(item), int(year), _b(on))

    def basic_item_list(self):
        return self._list("upf_basic_item_list")

    def basic_item_add(self, code, name, group=None, areas=None):
        options = {k: v for k, v in (("group", group), ("areas", areas)) if v is not None}
        self._do("upf_basic_item_add", _b(code), _b(name),
                 _b(json.dumps(options)) if options else None)

    def basic_item_edit(self, code, **options):
        """options: name, group, areas (a list; [] applies everywhere)."""
        self._do("upf_basic_item_edit", _b(code), _b(json.dumps(options)))

    # The follow-up plan
    def plan_add(self, year, committee, title=None):
        self._do("upf_plan_add", int(year), _b(committee), _b(title))

    def plan_decide(self, year, committee, reference, on=None):
        self._do("upf_plan_decide", int(year), _b(committee), _b(on), _b(reference))

    def plan_show(self, year, committee):
        return self._list("upf_plan_show", int(year), _b(committee))[0]

    def plan_list(self):
        return self._list("upf_plan_list")

    def plan_revision_list(self, year, committee):
        return self._list("upf_plan_revision_list", int(year), _b(committee))

    def activity_add(self, code, title, year, committee, kind, **options):
        """options: areas, methods, scope (lists), start, due, responsible,
        provider, description, reason, on."""
        self._do("upf_activity_add", _b(code), _b(title), int(year), _b(committee),
                 _b(kind), _b(json.dumps(options)))

    def activity_start(self, code, on=None):
        self._do("upf_activity_start", _b(code), _b(on))

    def activity_done(self, code, on=None):
        self._do("upf_activity_done", _b(code), _b(on))

    def activity_cancel(self, code, reason, on=None):
        self._do("upf_activity_cancel", _b(code), _b(on), _b(reason))

    def activity_move(self, code, start, due, reason=None, on=None):
        self._do("upf_activity_move", _b(code), _b(start), _b(due), _b(on), _b(reason))

    def activity_show(self, code):
        return self._list("upf_activity_show", _b(code))[0]

    def activity_list(self, as_decided=False, **filters):
        """filters: year, committee, kind, status, overdue, at; as_decided:
        the plan as the committee decided it."""
        if as_decided:
            filters["as"] = "decided"
        return self._list("upf_activity_list", _b(json.dumps(filters)))

    # Instruments, reviews, correction requests
    def instrument_add(self, code, name, method, scale):
        self._do("upf_instrument_add", _b(code), _b(name), _b(method), _b(scale))

    def criterion_add(self, instrument, code, text, quality_area=None):
        self._do("upf_criterion_add", _b(instrument), _b(code), _b(text), _b(quality_area))

    def instrument_list(self):
        return self._list("upf_instrument_list")

    def instrument_show(self, code):
        return self._list("upf_instrument_show", _b(code))

    def review_add(self, activity, instrument, on=None, unit=None, assignment=None,
                   case=None):
        """Adds a review; returns its number."""
        new = ctypes.c_longlong()
        self._check(_call("upf_review_add", ctypes.byref(new), self._db, _b(activity),
                          _b(instrument), _b(unit), _b(assignment), _b(case), _b(on)))
        return new.value

    def review_answer(self, review, criterion, answer, note=None, due=None):
        self._do("upf_review_answer", review, _b(criterion), _b(answer), _b(note), _b(due))

    def review_import(self, path):
        rows = ctypes.c_long()
        self._do_out("upf_review_import", ctypes.byref(rows), _b(path))
        return rows.value

    def review_list(self, **filters):
        """filters: activity, instrument, unit."""
        return self._list("upf_review_list", _b(json.dumps(filters)))

    def correction_list(self, **filters):
        """filters: open, provider."""
        return self._list("upf_correction_list", _b(json.dumps(filters)))

    def correction_reply(self, id, reply, on=None):
        self._do("upf_correction_reply", id, _b(on), _b(reply))

    def correction_verify(self, id, on=None):
        self._do("upf_correction_verify", id, _b(on))

    # Findings and the overall assessment
    def finding_add(self, activity, subject, quality_area, grade, text, on=None,
                    evidence=None):
        """A finding about subject ("unit:U", "assignment:A", "area:S",
        "regime:R"); evidence: a list of "MEASURE:PERIOD". Returns its
        number."""
        new = ctypes.c_longlong()
        self._check(_call("upf_finding_add", ctypes.byref(new), self._db, _b(activity),
                          _b(subject), _b(quality_area), _b(grade), _b(text), _b(on),
                          _b(None if evidence is None else json.dumps(evidence))))
        return new.value

    def finding_list(self, **filters):
        """filters: activity, year, quality_area, grade."""
        return self._list("upf_finding_list", _b(json.dumps(filters)))

    def finding_evidence(self, id):
        return self._list("upf_finding_evidence", id)

    def assessment_set(self, committee, year, quality_area, grade, rationale,
                       scope=None, on=None):
        self._do("upf_assessment_set", _b(committee), int(year), _b(quality_area),
                 _b(scope), _b(grade), _b(rationale), _b(on))

    def assessment_history(self, committee, year, quality_area=None):
        return self._list("upf_assessment_history", _b(committee), int(year),
                          _b(quality_area))

    # Actions from any source
    def action_add_from(self, source, text, responsible, due=None, unit=None, on=None):
        """An action from "deviation:ID", "activity:A", "finding:ID",
        "review:ID" or "measure:CODE:PERIOD"; returns its number."""
        new = ctypes.c_longlong()
        self._check(_call("upf_action_add_from", ctypes.byref(new), self._db, _b(source),
                          _b(text), _b(responsible), _b(due), _b(unit), _b(on)))
        return new.value

    def action_evaluate(self, id, effect, on=None, note=None):
        self._do("upf_action_evaluate", id, _b(on), _b(effect), _b(note))

    def action_list(self, **filters):
        """filters: open, overdue, at, committee, provider, source, period."""
        return self._list("upf_action_list", _b(json.dumps(filters)))

    # Stakeholders and the duty to inform
    def stakeholder_add(self, code, name, kind):
        self._do("upf_stakeholder_add", _b(code), _b(name), _b(kind))

    def stakeholder_list(self):
        return self._list("upf_stakeholder_list")

    def activity_edit(self, code, **options):
        """options: title, description, stakeholders (a list of codes)."""
        self._do("upf_activity_edit", _b(code), _b(json.dumps(options)))

    def activity_inform(self, activity, stakeholder, how, on=None, note=None):
        self._do("upf_activity_inform", _b(activity), _b(stakeholder), _b(on), _b(how),
                 _b(note))

    # Supervision reports
    def supervision_add(self, authority, summary, due, unit=None, assignment=None,
                        reference=None, received=None):
        """A report from "IVO" or "AMV" to a unit or an assignment; returns
        its number."""
        new = ctypes.c_longlong()
        self._check(_call("upf_supervision_add", ctypes.byref(new), self._db,
                          _b(authority), _b(unit), _b(assignment), _b(reference),
                          _b(summary), _b(received), _b(due)))
        return new.value

    def supervision_respond(self, id, on=None):
        self._do("upf_supervision_respond", id, _b(on))

    def supervision_close(self, id, on=None):
        self._do("upf_supervision_close", id, _b(on))

    def supervision_list(self, **filters):
        """filters: open, authority, at."""
        return self._list("upf_supervision_list", _b(json.dumps(filters)))

    # Reporting to the committee
    def committee_report_build(self, committee, kind, period, title=None, internal=False):
        """Builds a draft report to the committee ("interim", "annual",
        "quality" or "adhoc"); returns its number."""
        options = {"title": title} if title else {}
        if internal:
            options["internal"] = True
        new = ctypes.c_longlong()
        self._check(_call("upf_committee_report_build", ctypes.byref(new), self._db,
                          _b(committee), _b(kind), _b(period), _b(json.dumps(options))))
        return new.value

    def committee_report_text(self, id, section, text):
        """The narrative of a section ("summary" or a section's id)."""
        self._do("upf_committee_report_text", id, _b(section), _b(text))

    def committee_report_show(self, id, format="json"):
        """The report: a dict for "json", else the text of "md" or "html"."""
        out = ctypes.c_void_p()
        self._do_out("upf_committee_report_show", ctypes.byref(out), id, _b(format))
        text = _take_string(out)
        return json.loads(text) if format == "json" else text

    def committee_report_pdf(self, id, path, browser=None):
        """Prints the report's HTML to a PDF at path with headless Chromium
        (Debian's chromium; browser or $UPPFOLJ_CHROMIUM names another), as
        `uppfolj committee-report show --format pdf` does. The library
        itself starts no process."""
        import os
        import shutil
        import subprocess
        import tempfile
        browser = browser or os.environ.get("UPPFOLJ_CHROMIUM", "chromium")
        if not shutil.which(browser):
            raise FileNotFoundError("a PDF needs headless Chromium ('%s' not found); on "
                                    "Debian: apt-get install chromium" % browser)
        html = self.committee_report_show(id, "html")
        with tempfile.TemporaryDirectory() as d:
            page = os.path.join(d, "report.html")
            with open(page, "w", encoding="utf-8") as f:
                f.write(html)
            subprocess.run([browser, "--headless", "--no-sandbox", "--disable-gpu",
                            "--no-pdf-header-footer", "--print-to-pdf=" + os.path.abspath(path),
                            "file://" + page], check=True, capture_output=True, timeout=300)
        os.chmod(path, 0o600)

    def committee_report_present(self, id, meeting, reference):
        self._do("upf_committee_report_present", id, _b(meeting), _b(reference))

    def committee_report_verify(self, id):
        """Raises Corrupt when the presented report's hash does not match."""
        self._do("upf_committee_report_verify", id)

    def committee_report_diff(self, id):
        return self._list("upf_committee_report_diff", id)

    def committee_report_list(self, committee=None):
        return self._list("upf_committee_report_list", _b(committee))

    def period_lock(self, committee, period):
        self._do("upf_period_lock", _b(committee), _b(period))

    def period_unlock(self, committee, period, reason):
        self._do("upf_period_unlock", _b(committee), _b(period), _b(reason))

    def period_lock_list(self, committee=None):
        return self._list("upf_period_lock_list", _b(committee))

    def setting_set(self, name, value):
        self._do("upf_setting_set", _b(name), _b(str(value)))

    def setting_list(self):
        return self._list("upf_setting_list")

    # Reports
    def report(self, report="values", as_dataframe=False, **params):
        """The report as the library's JSON document, parsed: a dict whose
        "rows" are dicts, numbers as numbers. With as_dataframe=True, the
        rows as a pandas DataFrame instead (pandas must be importable:
        Debian's python3-pandas)."""
        out = ctypes.c_void_p()
        self._do_out("upf_report_json", ctypes.byref(out), _b(report),
                     _b(json.dumps(params)))
        doc = json.loads(_take_string(out))
        if not as_dataframe:
            return doc
        try:
            import pandas
        except ImportError as e:
            raise ImportError("report(as_dataframe=True) needs pandas; on Debian: "
                              "apt-get install python3-pandas") from e
        frame = pandas.DataFrame(doc["rows"])
        frame.attrs.update({k: v for k, v in doc.items() if k != "rows"})
        return frame

    def report_table(self, report="values", **params):
        return self._list("upf_report_table", _b(report), _b(json.dumps(params)))

    def report_xlsx(self, path, report="values", columns=None, **params):
        """Writes the report as a spreadsheet at path (private to its owner):
        one sheet, numbers as numbers with their measure's decimals, the
        header frozen; columns (a list of names) chooses and orders them.
        Needs a library built with libxlsxwriter."""
        table = ctypes.c_void_p()
        self._check(_call("upf_report_table", ctypes.byref(table), self._db, _b(report),
                          _b(json.dumps(params))))
        try:
            self._do("upf_table_xlsx", table, _b(path), _b("report " + report),
                     _b(",".join(columns) if columns else None))
        finally:
            _call("upf_table_free", table)

    # Audit trail
    def audit_list(self, since=None, actor=None):
        return self._list("upf_audit_list", _b(since), _b(actor))


class Batch:
    """Values recorded in one transaction; a context manager that commits
    on success and rolls back on an exception."""

    def __init__(self, registry, confirm=False):
        self._registry = registry
        handle = ctypes.c_void_p()
        registry._check(_call("upf_batch_begin", ctypes.byref(handle),
                              registry._db, WRITE_CONFIRM if confirm else 0))
        self._b = handle.value

    def add(self, measure, unit, period, value, den=None, note=None):
        self._registry._check(_call("upf_batch_add", self._b, _b(measure), _b(unit),
                                    _b(period), float(value), _den(den), _b(note)))

    @property
    def rows(self):
        return _call("upf_batch_rows", self._b)

    def commit(self):
        self._registry._check(_call("upf_batch_commit", self._b))

    def close(self):
        if self._b:
            _call("upf_batch_free", self._b)
        self._b = None

    def __enter__(self):
        return self

    def __exit__(self, exc_type, *exc):
        try:
            if exc_type is None:
                self.commit()
        finally:
            self.close()
