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
from typing import Any, Callable, Dict, List, Optional, Sequence, Union

__version__ = "0.2.0"

__all__ = ["Error", "InternalError", "NoMemory", "Invalid", "NotFound", "Exists",
           "Refused", "Newer", "NotRegistry", "Busy", "IOFailure", "Corrupt", "Misuse",
           "Personal", "Older", "Registry", "Batch", "version", "schema_version",
           "strerror", "status_name", "detail_name", "text_shown", "text_number",
           "config", "load"]

# Status codes: an append-only list, the same numbers as uppfolj.h.
OK, ERROR, NOMEM, INVALID, NOTFOUND, EXISTS, REFUSED, NEWER = 0, -1, -2, -3, -4, -5, -6, -7
NOTREGISTRY, BUSY, IO, CORRUPT, MISUSE, PERSONAL, OLDER = -8, -9, -10, -11, -12, -13, -14

# upf_config's option.
_CONFIG_MEMORY_COUNT = 1

# How Registry opens (upf_db_open_v2's flags).
OPEN_CREATE, OPEN_MIGRATE = 1, 2

# Causes of a refusal (upf_errcode_detail), the same numbers as uppfolj.h.
(DETAIL_NONE, DETAIL_NOT_ACTIVE, DETAIL_WRONG_LEVEL, DETAIL_COMPUTED,
 DETAIL_OUT_OF_ORDER, DETAIL_TOO_EARLY, DETAIL_NOT_SERIOUS, DETAIL_IVO_PENDING,
 DETAIL_NEEDS_ACTION, DETAIL_CLOSED, DETAIL_IN_HOUSE, DETAIL_UNCHANGED,
 DETAIL_CONSTRAINT, DETAIL_DUPLICATE, DETAIL_ORPHANS, DETAIL_HAS_VALUES,
 DETAIL_NOT_APPLICABLE, DETAIL_OUT_OF_RANGE, DETAIL_RETIRED, DETAIL_RULE,
 DETAIL_WITHDRAWN, DETAIL_DECIDED, DETAIL_OUT_OF_SCOPE, DETAIL_LOCKED,
 DETAIL_PRESENTED, DETAIL_SCOPE) = range(26)

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
    "upf_config": (_i, [_i, _i]),
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
    "upf_db_set_scope": (_i, [_p, _s]),
    "upf_db_scope": (_s, [_p]),
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
    "upf_org_export": (_i, [_pp, _p, _s]),
    "upf_org_export_for": (_i, [_pp, _p, _s]),
    "upf_org_import": (_i, [_p, _s]),
    "upf_registry_show": (_i, [_pp, _p]),
    "upf_sync_export": (_i, [_pp, _p, _s, _ll]),
    "upf_sync_apply": (_i, [_pp, _p, _s, _s]),
    "upf_sync_status": (_i, [_pp, _p]),
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

# What a list or a report table comes back as: a dict per row, numbers
# as numbers.
Rows = List[Dict[str, Any]]

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


def load(path: Optional[str] = None) -> ctypes.CDLL:
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


def version() -> str:
    """The loaded library's version, "MAJOR.MINOR.PATCH"."""
    return _text(_call("upf_version"))


def schema_version() -> int:
    """The schema version this library creates and migrates registries to."""
    return _call("upf_schema_version")


def strerror(status: int) -> str:
    """What a status code means, in words."""
    return _text(_call("upf_strerror", status))


def status_name(status: int) -> str:
    """A status code's name ("UPF_INVALID")."""
    return _text(_call("upf_status_name", status))


def detail_name(detail: int) -> str:
    """A refusal's detail code's name ("UPF_DETAIL_LOCKED")."""
    return _text(_call("upf_detail_name", detail))


def text_number(text: str) -> Optional[float]:
    """A number as people write it ("2 345,5"), or None where the text is
    not one."""
    out = ctypes.c_double()
    status = _call("upf_text_number", ctypes.byref(out), _b(text))
    return out.value if status == OK else None


def text_shown(text: str) -> str:
    """How a value may be quoted in a message: itself, or "(not shown)"
    where it could be a personal identity number or is unprintable."""
    return _text(_call("upf_text_shown", _b(text)))


def config(memory_count: bool) -> None:
    """Sets the process-wide option of uppfolj.h's upf_config: whether
    SQLite counts the memory it holds (True by default; False spares each
    allocation a lock). Only before the process has opened a registry or
    started SQLite otherwise (importing Python's sqlite3 module does, as it
    uses the same library); after, Misuse."""
    status = _call("upf_config", _CONFIG_MEMORY_COUNT, 1 if memory_count else 0)
    if status != OK:
        raise _error(status, "config: SQLite has started in this process; set options "
                     "before opening a registry" if status == MISUSE else
                     "config: %s" % strerror(status))


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

    def __init__(self, path: str, actor: Optional[str] = None, create: bool = True,
                 migrate: bool = True, scope: Optional[str] = None) -> None:
        """Opens the registry at path. create: make it if it does not exist
        (else NotFound); migrate: bring an older registry to this version
        (else UPF_OLDER). The actor is set before any migration, which is
        recorded as the actor's. scope: "provider:CODE" narrows the handle
        to one provider (see set_scope)."""
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
        if scope:
            try:
                self.set_scope(scope)
            except Error:
                self.close()
                raise

    @property
    def file_mode(self) -> int:
        """The registry file's permission bits (0o600 when private), or -1."""
        return _call("upf_db_file_mode", self._db)

    def make_private(self) -> None:
        """Makes the registry's files readable by their owner only."""
        self._do("upf_db_make_private")

    def backup(self, path: str) -> None:
        """Copies the registry into a new file at path (mode 0600), as of
        one moment while others write; path must not exist."""
        self._do("upf_db_backup", _b(path))

    def doctor(self) -> Rows:
        """The registry's checks: a list of dicts with check, status (ok,
        warning, error) and detail."""
        return self._list("upf_db_doctor")

    def close(self) -> None:
        """Closes the registry and frees the handle; closing twice is harmless."""
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
    def errcode(self) -> int:
        """The status of the last call. (C: upf_errcode)"""
        return _call("upf_errcode", self._db)

    @property
    def errmsg(self) -> str:
        """The message of the last failed call, or "not an error" after a
        success. (C: upf_errmsg)"""
        return _text(_call("upf_errmsg", self._db))

    def set_actor(self, actor: str) -> None:
        """Sets who is writing: every write is recorded in the audit trail with
        this actor. (C: upf_db_set_actor)"""
        self._do("upf_db_set_actor", _b(actor))

    def set_busy_timeout(self, ms: int) -> None:
        """How long a call waits for another connection's lock before it fails
        with UPF_BUSY, in milliseconds (default 5000; 0 fails at once). (C:
        upf_db_set_busy_timeout)"""
        self._do("upf_db_set_busy_timeout", ms)

    def set_today(self, day: str) -> None:
        """Fixes the day the registry takes as today ("YYYY-MM-DD");
        None goes back to the clock."""
        self._do("upf_db_set_today", _b(day))

    def set_scope(self, scope: Optional[str]) -> None:
        """Narrows the handle to one provider, "provider:CODE": it then sees
        and changes only that provider's units and assignments, its reports
        are the provider's own, and what only the administration changes is
        refused (Refused, detail DETAIL_SCOPE). None widens it again. A
        guard inside a process trusted with the file, not access control.
        (C: upf_db_set_scope)"""
        self._do("upf_db_set_scope", _b(scope))

    @property
    def scope(self) -> Optional[str]:
        """The handle's scope, "provider:CODE", or None. (C: upf_db_scope)"""
        return _text(_call("upf_db_scope", self._db))

    # Organisation
    def committee_add(self, code: str, name: str) -> None:
        """A committee (nämnd). (C: upf_committee_add)"""
        self._do("upf_committee_add", _b(code), _b(name))

    def committee_list(self) -> Rows:
        """The committees."""
        return self._list("upf_committee_list")

    def provider_add(self, code: str, name: str, regime: str) -> None:
        """A provider (utförare); regime is "in_house" or "private". (C:
        upf_provider_add)"""
        self._do("upf_provider_add", _b(code), _b(name), _b(regime))

    def provider_list(self) -> Rows:
        """The providers and their regimes."""
        return self._list("upf_provider_list")

    def area_add(self, code: str, name: str) -> None:
        """A service area (verksamhetsområde); the schema ships a catalogue.
        (C: upf_area_add)"""
        self._do("upf_area_add", _b(code), _b(name))

    def area_list(self) -> Rows:
        """The service areas."""
        return self._list("upf_area_list")

    def assignment_add(self, code: str, name: str, committee: str, provider: str, kind: str,
                       valid_from: Optional[str] = None,
                       valid_to: Optional[str] = None) -> None:
        """An assignment (verksamhetsuppdrag, kind "assignment") or a contract
        (avtal, kind "contract") of one provider under one committee, valid
        from `valid_from` (None: today) to `valid_to` (None: open-ended),
        both inclusive. (C: upf_assignment_add)"""
        self._do("upf_assignment_add", _b(code), _b(name), _b(committee),
                 _b(provider), _b(kind), _b(valid_from), _b(valid_to))

    def assignment_list(self) -> Rows:
        """The assignments and contracts."""
        return self._list("upf_assignment_list")

    def unit_add_level2(self, code: str, name: str, assignment: str, area: str,
                        valid_from: Optional[str] = None) -> None:
        """Adds a level-2 unit under an assignment, in a service area. (C:
        upf_unit_add_level2)"""
        self._do("upf_unit_add_level2", _b(code), _b(name), _b(assignment),
                 _b(area), _b(valid_from))

    def unit_add_level3(self, code: str, name: str, parent: str,
                        valid_from: Optional[str] = None) -> None:
        """Adds a level-3 unit under a level-2 unit."""
        self._do("upf_unit_add_level3", _b(code), _b(name), _b(parent),
                 _b(valid_from))

    def unit_move(self, code: str, valid_from: str, parent: Optional[str] = None,
                  assignment: Optional[str] = None) -> None:
        """Gives a unit a new parent from `valid_from` on: a level-3 unit a
        level-2 `parent`, a level-2 unit an `assignment` (pass None for the
        other). (C: upf_unit_move)"""
        self._do("upf_unit_move", _b(code), _b(parent), _b(assignment),
                 _b(valid_from))

    def unit_list(self, at: Optional[str] = None) -> Rows:
        """The units active on `at` (None: today). (C: upf_unit_list)"""
        return self._list("upf_unit_list", _b(at))

    def unit_history(self, code: str) -> Rows:
        """Every membership a unit has had, oldest first. (C: upf_unit_history)"""
        return self._list("upf_unit_history", _b(code))

    def org_tree(self, at: Optional[str] = None) -> Rows:
        """The organisation on `at` (None: today) in tree order: committee →
        assignment → level 2 → level 3. (C: upf_org_tree)"""
        return self._list("upf_org_tree", _b(at))

    # Many registries
    def org_export(self, provider: str) -> str:
        """What a provider's own registry needs, as the JSON text that
        org_import reads: its organisation, the catalogue, the plans of its
        committees, every row with its id. (C: upf_org_export)"""
        out = ctypes.c_void_p()
        self._do_out("upf_org_export", ctypes.byref(out), _b(provider))
        return _take_string(out)

    def org_export_for(self, registry: str) -> str:
        """The same document again for a provider registry made before,
        named by its id (sync_status lists them): the organisation and
        catalogue as they are now. (C: upf_org_export_for)"""
        out = ctypes.c_void_p()
        self._do_out("upf_org_export_for", ctypes.byref(out), _b(registry))
        return _take_string(out)

    def org_import(self, path: str) -> None:
        """Makes this new registry the provider's own from org_export's
        document at path: every handle on it is then scoped to the
        provider, for good. In a provider's registry, a document of
        org_export_for made for it brings the organisation and catalogue
        up to date. (C: upf_org_import)"""
        self._do("upf_org_import", _b(path))

    def registry_show(self) -> Dict[str, Any]:
        """Which registry this is: registry (its id), role ("municipality"
        or "provider"), provider, reports_to. (C: upf_registry_show)"""
        return self._list("upf_registry_show")[0]

    def sync_export(self, path: str, since: int = -1) -> Rows:
        """In a provider's own registry: writes what it recorded since the
        last export (or after change `since`) to a new file at path, a
        changeset for the municipality's registry; per table, the rows
        sent. (C: upf_sync_export)"""
        return self._list("upf_sync_export", _b(path), since)

    def sync_apply(self, path: str, prefer: Optional[str] = None) -> Rows:
        """In the municipality's registry: applies a provider registry's
        changeset, whole or not at all; per table, the rows applied.
        prefer: "provider" or "registry", whose rows stand where both
        changed one. (C: upf_sync_apply)"""
        return self._list("upf_sync_apply", _b(path), _b(prefer))

    def sync_status(self) -> Rows:
        """What was sent and applied, per provider registry. (C:
        upf_sync_status)"""
        return self._list("upf_sync_status")

    # Maintenance: a name changes, an assignment ends, a unit closes
    def committee_rename(self, code: str, name: str) -> None:
        """Gives a committee a new name; its code and history stay. (C:
        upf_committee_rename)"""
        self._do("upf_committee_rename", _b(code), _b(name))

    def provider_rename(self, code: str, name: str) -> None:
        """Gives a provider a new name; its code and history stay."""
        self._do("upf_provider_rename", _b(code), _b(name))

    def area_rename(self, code: str, name: str) -> None:
        """Gives a service area a new name."""
        self._do("upf_area_rename", _b(code), _b(name))

    def assignment_rename(self, code: str, name: str) -> None:
        """Gives an assignment a new name; its code and history stay."""
        self._do("upf_assignment_rename", _b(code), _b(name))

    def unit_rename(self, code: str, name: str) -> None:
        """Gives a unit a new name; its code and history stay."""
        self._do("upf_unit_rename", _b(code), _b(name))

    def assignment_edit(self, code: str, valid_from: Optional[str] = None,
                        valid_to: Optional[str] = None) -> None:
        """A new first and/or last day; valid_to "" makes it open-ended."""
        self._do("upf_assignment_edit", _b(code), _b(valid_from), _b(valid_to))

    def unit_close(self, code: str, on: str) -> None:
        """Closes a unit on day `on` (its last active day; a level-2 unit
        closes its level-3 units with it). (C: upf_unit_close)"""
        self._do("upf_unit_close", _b(code), _b(on))

    def unit_move_withdraw(self, code: str, valid_from: str) -> None:
        """Withdraws a move registered by mistake: the unit's membership that
        began on `valid_from` is removed and the one before it runs on as
        before the move. (C: upf_unit_move_withdraw)"""
        self._do("upf_unit_move_withdraw", _b(code), _b(valid_from))

    # Measures
    def measure_add(self, code: str, name: str, kind: str, type: str, **options: Any) -> None:
        """options: time, level, frequency, direction, quality_area,
        unit_label, method, kpi, description, areas, goals, methods (lists
        of codes), min, max."""
        self._do("upf_measure_add", _b(code), _b(name), _b(kind), _b(type),
                 _b(json.dumps(options)) if options else None)

    def measure_edit(self, code: str, **options: Any) -> None:
        """The options of measure_add and name; "" clears a text, min or
        max; a list replaces the links."""
        self._do("upf_measure_edit", _b(code), _b(json.dumps(options)))

    def measure_retire(self, code: str, period: str) -> None:
        """Retires a measure from a period on (its first month): it is neither
        expected nor reported for periods that begin then or later, and
        values for them are refused (UPF_DETAIL_RETIRED); earlier periods
        report as before. (C: upf_measure_retire)"""
        self._do("upf_measure_retire", _b(code), _b(period))

    def measure_list(self, kind: Optional[str] = None,
                     quality_area: Optional[str] = None) -> Rows:
        """The catalogue, optionally of one kind and/or quality area (None:
        all). (C: upf_measure_list)"""
        return self._list("upf_measure_list", _b(kind), _b(quality_area))

    def measure_show(self, code: str) -> Rows:
        """One measure in full. (C: upf_measure_show)"""
        return self._list("upf_measure_show", _b(code))[0]

    def quality_area_list(self) -> Rows:
        """The quality areas. (C: upf_quality_area_list)"""
        return self._list("upf_quality_area_list")

    def quality_area_add(self, code: str, name: str,
                         description: Optional[str] = None) -> None:
        """Adds a quality area of your own to the seeds' eight."""
        self._do("upf_quality_area_add", _b(code), _b(name), _b(description))

    def goal_add(self, code: str, text: str, quality_area: str,
                 committee: Optional[str] = None, year: int = 0) -> None:
        """A goal of the catalogue, or of a committee's plan for a year."""
        self._do("upf_goal_add", _b(code), _b(text), _b(quality_area), _b(committee),
                 int(year))

    def goal_list(self, quality_area: Optional[str] = None) -> Rows:
        """The goals, of one quality area or all, with their measures."""
        return self._list("upf_goal_list", _b(quality_area))

    def method_add(self, code: str, name: str) -> None:
        """Methods of follow-up (survey, review of care plans, ...), which
        measures name. (C: upf_method_add)"""
        self._do("upf_method_add", _b(code), _b(name))

    def method_list(self) -> Rows:
        """The methods of follow-up."""
        return self._list("upf_method_list")

    def rule_add(self, code: str, expression: str, severity: str) -> None:
        """expression: "MEASURE OP MEASURE"; severity "warning" or "error"."""
        self._do("upf_rule_add", _b(code), _b(expression), _b(severity))

    def rule_list(self) -> Rows:
        """The rules between measures."""
        return self._list("upf_rule_list")

    # Values
    def value_set(self, measure: str, unit: str, period: str, value: float,
                  den: Optional[float] = None, note: Optional[str] = None,
                  confirm: bool = False) -> None:
        """confirm: record a value outside the plausible range, flagged."""
        self._do("upf_value_set", _b(measure), _b(unit), _b(period),
                 float(value), _den(den), _b(note), WRITE_CONFIRM if confirm else 0)

    def value_delete(self, measure: str, unit: str, period: str) -> None:
        """Deletes one value (the audit trail keeps it). (C: upf_value_delete)"""
        self._do("upf_value_delete", _b(measure), _b(unit), _b(period))

    def value_list(self, measure: Optional[str] = None, unit: Optional[str] = None,
                   period: Optional[str] = None) -> Rows:
        """Values, filtered by measure, unit and period (the values whose
        period lies within it); None filters nothing. (C: upf_value_list)"""
        return self._list("upf_value_list", _b(measure), _b(unit), _b(period))

    def batch(self, confirm: bool = False) -> "Batch":
        """A Batch: values recorded in bulk, committed together."""
        return Batch(self, confirm)

    def value_import(self, path: str, progress: Optional[Callable[[int, int], None]] = None,
                     confirm: bool = False) -> int:
        """Imports a CSV file; returns the number of values. progress, if
        given, is called with (bytes read, file size)."""
        rows = ctypes.c_long()
        callback = PROGRESS(lambda ctx, done, total: progress(done, total)) \
            if progress else PROGRESS()
        self._do_out("upf_value_import", ctypes.byref(rows), _b(path),
                     WRITE_CONFIRM if confirm else 0, callback, None)
        return rows.value

    def kolada_import(self, *paths: str, partial: bool = False) -> Rows:
        """Imports Kolada reference values from one document, or from the
        pages of a response in several files (or a file holding an array
        of pages), all or nothing; partial=True accepts a response some of
        whose pages are missing. Returns the summary per KPI."""
        if len(paths) == 1 and not partial:
            return self._list("upf_kolada_import", _b(paths[0]))
        files = (ctypes.c_char_p * len(paths))(*[_b(p) for p in paths])
        return self._list("upf_kolada_import_files", files, len(paths),
                          KOLADA_PARTIAL if partial else 0)

    def reference_import(self, path: str) -> Rows:
        """Imports reference values from CSV (kpi,kind,area,year,gender,
        value[,count,status]): national figures that are not Kolada's."""
        return self._list("upf_reference_import", _b(path))

    def reference_list(self, kpi: Optional[str] = None) -> Rows:
        """The reference values held, of one KPI or all."""
        return self._list("upf_reference_list", _b(kpi))

    def value_export(self, period: Optional[str] = None, format: str = 'csv') -> str:
        """Exports values in the import's format: "csv" (the default; the
        header measure,unit,period,value,denominator,note), "csv_sv" (the
        same in the dialect Excel with Swedish settings reads: a byte-order
        mark, semicolons, decimal commas, CRLF) or "json" (an array of
        objects with those keys). (C: upf_value_export)"""
        out = ctypes.c_void_p()
        self._do_out("upf_value_export", ctypes.byref(out), _b(period), _b(format))
        return _take_string(out)

    # Targets and indicators
    def target_set(self, measure: str, value: float, year: int,
                   assignment: Optional[str] = None, unit: Optional[str] = None) -> None:
        """Sets the target of a measure for a year: for every unit (assignment
        and unit None), for an assignment, or for a unit; the most specific
        applies. (C: upf_target_set)"""
        self._do("upf_target_set", _b(measure), float(value), int(year),
                 _b(assignment), _b(unit))

    def target_list(self, measure: Optional[str] = None) -> Rows:
        """Targets, of one measure or all (None). (C: upf_target_list)"""
        return self._list("upf_target_list", _b(measure))

    def indicator_add(self, code: str, name: str, numerator: str, denominator: str,
                      factor: float = 1.0) -> None:
        """A derived indicator: factor * numerator / denominator, each measure
        aggregated by its own rules over the same node and period (cost per
        place; deviations per 1,000 hours with factor 1000). (C:
        upf_indicator_add)"""
        self._do("upf_indicator_add", _b(code), _b(name), _b(numerator),
                 _b(denominator), float(factor))

    def indicator_list(self) -> Rows:
        """The rows, each a dict of the columns: code, name, numerator,
        denominator, factor. (C: upf_indicator_list)"""
        return self._list("upf_indicator_list")

    # Deviations
    def deviation_add(self, unit: str, type: str, occurred: str, summary: str,
                      reported: Optional[str] = None, category: Optional[str] = None,
                      origin: Optional[str] = None) -> int:
        """Registers a deviation; returns its number. origin: "internal"
        (None) or "external"."""
        new = ctypes.c_longlong()
        self._check(_call("upf_deviation_add", ctypes.byref(new), self._db, _b(unit),
                          _b(type), _b(occurred), _b(reported), _b(category),
                          _b(summary), _b(origin)))
        return new.value

    def deviation_investigate(self, id: int, on: Optional[str] = None) -> None:
        """The workflow, enforced: registered -> investigating -> assessed ->
        closed, each step dated (on None: today) no earlier than the one
        before. (C: upf_deviation_investigate)"""
        self._do("upf_deviation_investigate", id, _b(on))

    def deviation_assess(self, id: int, assessment: str, on: Optional[str] = None) -> None:
        """Assesses an investigated deviation (e.g. "serious") on `on`."""
        self._do("upf_deviation_assess", id, _b(assessment), _b(on))

    def deviation_notify(self, id: int, by: str, on: Optional[str] = None) -> None:
        """Records who was notified of the deviation, and when."""
        self._do("upf_deviation_notify", id, _b(on), _b(by))

    def deviation_send(self, id: int, on: Optional[str] = None) -> None:
        """Records that the deviation was sent to the authority (IVO)."""
        self._do("upf_deviation_send", id, _b(on))

    def deviation_inform_committee(self, id: int, on: Optional[str] = None) -> None:
        """Records that the committee was informed of the deviation."""
        self._do("upf_deviation_inform_committee", id, _b(on))

    def deviation_close(self, id: int, on: Optional[str] = None,
                        reason: Optional[str] = None) -> None:
        """Closes the deviation, with a reason where one is needed."""
        self._do("upf_deviation_close", id, _b(on), _b(reason))

    def deviation_withdraw(self, id: int, reason: str, on: Optional[str] = None) -> None:
        """Withdraws a deviation registered by mistake (registered twice, for
        the wrong unit) on day `on` (None: today), with a reason: its status
        becomes "withdrawn", it is left out of every report, count and
        computed measure, and it stays in the registry and the audit trail.
        (C: upf_deviation_withdraw)"""
        self._do("upf_deviation_withdraw", id, _b(on), _b(reason))

    def action_add(self, deviation: int, text: str, responsible: str,
                   due: Optional[str] = None, on: Optional[str] = None) -> int:
        """An action for a deviation, decided on a day (None: today)."""
        new = ctypes.c_longlong()
        self._check(_call("upf_action_add", ctypes.byref(new), self._db, deviation,
                          _b(text), _b(responsible), _b(due), _b(on)))
        return new.value

    def action_add_immediate(self, deviation: int, text: str, responsible: str,
                             on: Optional[str] = None) -> int:
        """An immediate measure, taken on a day (None: today)."""
        new = ctypes.c_longlong()
        self._check(_call("upf_action_add_immediate", ctypes.byref(new), self._db,
                          deviation, _b(text), _b(responsible), _b(on)))
        return new.value

    def action_done(self, action: int, on: Optional[str] = None) -> None:
        """Records that an action was carried out on `on` (None: today)."""
        self._do("upf_action_done", action, _b(on))

    def deviation_show(self, id: int) -> Dict[str, Any]:
        """One deviation in full. (C: upf_deviation_show)"""
        return self._list("upf_deviation_show", id)[0]

    def deviation_action_list(self, id: int) -> Rows:
        """A deviation's actions, oldest first. (C: upf_deviation_action_list)"""
        return self._list("upf_deviation_action_list", id)

    def deviation_list(self, **filters: Any) -> Rows:
        """filters: unit, assignment, type, status, period, overdue, at."""
        return self._list("upf_deviation_list", _b(json.dumps(filters)))

    def deviation_search(self, words: str) -> Rows:
        """Full-text search of summaries (SQLite FTS5); every word must occur.
        (C: upf_deviation_search)"""
        return self._list("upf_deviation_search", _b(words))

    def deviation_type_list(self) -> Rows:
        """The catalogue of deviation types, extendable; scale is "lex_sarah",
        "lex_maria" or "general". (C: upf_deviation_type_list)"""
        return self._list("upf_deviation_type_list")

    def deviation_type_add(self, code: str, name: str, scale: str,
                           legal_reference: Optional[str] = None,
                           authority: Optional[str] = None) -> None:
        """Adds a deviation type: its scale (lex_sarah, lex_maria, general),
        legal reference and authority."""
        self._do("upf_deviation_type_add", _b(code), _b(name), _b(scale),
                 _b(legal_reference), _b(authority))

    def deviation_category_list(self) -> Rows:
        """The catalogue of deviation categories, extendable. (C:
        upf_deviation_category_list)"""
        return self._list("upf_deviation_category_list")

    def deviation_category_add(self, code: str, name: str) -> None:
        """Adds a deviation category to the catalogue."""
        self._do("upf_deviation_category_add", _b(code), _b(name))

    def deviation_import(self, path: str, allow_duplicates: bool = False) -> int:
        """Imports deviations from CSV with the header
        unit,type,occurred,reported,category,summary[,origin] (reported,
        category and origin may be left out), all or nothing, as
        upf_value_import. (C: upf_deviation_import)"""
        rows = ctypes.c_long()
        self._do_out("upf_deviation_import", ctypes.byref(rows), _b(path),
                     WRITE_ALLOW_DUPLICATES if allow_duplicates else 0)
        return rows.value

    # Basic follow-up
    def basic_set(self, unit: str, item: str, year: int, routine: Optional[bool] = None,
                  performed: Optional[str] = None, result: Optional[str] = None) -> None:
        """routine: True, False or None (keep what was recorded)."""
        flag = None if routine is None else ("yes" if routine else "no")
        self._do("upf_basic_set", _b(unit), _b(item), int(year), _b(flag),
                 _b(performed), _b(result))

    def basic_analyse(self, unit: str, item: str, year: int, on: Optional[str] = None) -> None:
        """Records that a level-2 unit analysed an item for a year, on a day
        (None: today), by the handle's actor. (C: upf_basic_analyse)"""
        self._do("upf_basic_analyse", _b(unit), _b(item), int(year), _b(on))

    def basic_item_list(self) -> Rows:
        """The items, from the seeds: quality registers, patient safety report,
        national surveys, deviations, effect evaluations, self-inspection.
        (C: upf_basic_item_list)"""
        return self._list("upf_basic_item_list")

    def basic_item_add(self, code: str, name: str, group: Optional[str] = None,
                       areas: Optional[Sequence[str]] = None) -> None:
        """Adds or changes an item of the basic follow-up. (C:
        upf_basic_item_add)"""
        options = {k: v for k, v in (("group", group), ("areas", areas)) if v is not None}
        self._do("upf_basic_item_add", _b(code), _b(name),
                 _b(json.dumps(options)) if options else None)

    def basic_item_edit(self, code: str, **options: Any) -> None:
        """options: name, group, areas (a list; [] applies everywhere)."""
        self._do("upf_basic_item_edit", _b(code), _b(json.dumps(options)))

    # The follow-up plan
    def plan_add(self, year: int, committee: str, title: Optional[str] = None) -> None:
        """A committee's plan of follow-up activities for a year, with a title
        (None: "Kvalitetsuppföljningsplan YEAR"). (C: upf_plan_add)"""
        self._do("upf_plan_add", int(year), _b(committee), _b(title))

    def plan_decide(self, year: int, committee: str, reference: str,
                    on: Optional[str] = None) -> None:
        """Records the committee's decision of its plan for the year, with its
        reference: later changes are revisions."""
        self._do("upf_plan_decide", int(year), _b(committee), _b(on), _b(reference))

    def plan_show(self, year: int, committee: str) -> Dict[str, Any]:
        """One plan. (C: upf_plan_show)"""
        return self._list("upf_plan_show", int(year), _b(committee))[0]

    def plan_list(self) -> Rows:
        """The rows, each a dict of the columns: committee, year, title,
        decided_on, reference, activities, planned, started, done,
        cancelled. (C: upf_plan_list)"""
        return self._list("upf_plan_list")

    def plan_revision_list(self, year: int, committee: str) -> Rows:
        """The revisions of a decided plan, in order. (C:
        upf_plan_revision_list)"""
        return self._list("upf_plan_revision_list", int(year), _b(committee))

    def activity_add(self, code: str, title: Optional[str], year: int, committee: str,
                     kind: str, **options: Any) -> None:
        """options: areas, methods, scope (lists), start, due, responsible,
        provider, description, reason, on."""
        self._do("upf_activity_add", _b(code), _b(title), int(year), _b(committee),
                 _b(kind), _b(json.dumps(options)))

    def activity_start(self, code: str, on: Optional[str] = None) -> None:
        """The status of an activity: planned -> started -> done, or cancelled
        (with a reason) from planned or started; each dated (None: today),
        not before the step it follows. (C: upf_activity_start)"""
        self._do("upf_activity_start", _b(code), _b(on))

    def activity_done(self, code: str, on: Optional[str] = None) -> None:
        """Marks the activity done on `on` (None: today)."""
        self._do("upf_activity_done", _b(code), _b(on))

    def activity_cancel(self, code: str, reason: str, on: Optional[str] = None) -> None:
        """Cancels the activity, with a reason."""
        self._do("upf_activity_cancel", _b(code), _b(on), _b(reason))

    def activity_move(self, code: str, start: str, due: str, reason: Optional[str] = None,
                      on: Optional[str] = None) -> None:
        """Moves the activity's start and due dates, with a reason once the
        plan is decided."""
        self._do("upf_activity_move", _b(code), _b(start), _b(due), _b(on), _b(reason))

    def activity_show(self, code: str) -> Dict[str, Any]:
        """One activity in full. (C: upf_activity_show)"""
        return self._list("upf_activity_show", _b(code))[0]

    def activity_list(self, as_decided: bool = False, **filters: Any) -> Rows:
        """filters: year, committee, kind, status, overdue, at; as_decided:
        the plan as the committee decided it."""
        if as_decided:
            filters["as"] = "decided"
        return self._list("upf_activity_list", _b(json.dumps(filters)))

    # Instruments, reviews, correction requests
    def instrument_add(self, code: str, name: str, method: str, scale: str) -> None:
        """An instrument (granskningsmall, checklist, interview guide): a
        method and an answer scale, "yes_no", "yes_partly_no" or
        "met_remark_deficiency" (each also takes "na", does not apply). (C:
        upf_instrument_add)"""
        self._do("upf_instrument_add", _b(code), _b(name), _b(method), _b(scale))

    def criterion_add(self, instrument: str, code: str, text: str,
                      quality_area: Optional[str] = None) -> None:
        """Adds a criterion to an instrument, in a quality area."""
        self._do("upf_criterion_add", _b(instrument), _b(code), _b(text), _b(quality_area))

    def instrument_list(self) -> Rows:
        """The rows, each a dict of the columns: code, name, method, scale,
        criteria, reviews. (C: upf_instrument_list)"""
        return self._list("upf_instrument_list")

    def instrument_show(self, code: str) -> Rows:
        """An instrument's criteria. (C: upf_instrument_show)"""
        return self._list("upf_instrument_show", _b(code))

    def review_add(self, activity: str, instrument: str, on: Optional[str] = None,
                   unit: Optional[str] = None, assignment: Optional[str] = None,
                   case: Optional[str] = None) -> int:
        """Adds a review; returns its number."""
        new = ctypes.c_longlong()
        self._check(_call("upf_review_add", ctypes.byref(new), self._db, _b(activity),
                          _b(instrument), _b(unit), _b(assignment), _b(case), _b(on)))
        return new.value

    def review_answer(self, review: int, criterion: str, answer: str,
                      note: Optional[str] = None, due: Optional[str] = None) -> None:
        """Answers a criterion of a review (replacing an earlier answer; the
        trail keeps it), with the instrument's scale or "na", and a note
        (may be None). (C: upf_review_answer)"""
        self._do("upf_review_answer", review, _b(criterion), _b(answer), _b(note), _b(due))

    def review_import(self, path: str) -> int:
        """Imports reviews from CSV with the header
        activity,instrument,unit,assignment,case,date,criterion,answer,note
        (one of unit and assignment per line; case and note may be empty):
        one review per activity, instrument, subject and case, one answer
        per line; all or nothing, in the dialects of upf_value_import. (C:
        upf_review_import)"""
        rows = ctypes.c_long()
        self._do_out("upf_review_import", ctypes.byref(rows), _b(path))
        return rows.value

    def review_list(self, **filters: Any) -> Rows:
        """filters: activity, instrument, unit."""
        return self._list("upf_review_list", _b(json.dumps(filters)))

    def correction_list(self, **filters: Any) -> Rows:
        """filters: open, provider."""
        return self._list("upf_correction_list", _b(json.dumps(filters)))

    def correction_reply(self, id: int, reply: str, on: Optional[str] = None) -> None:
        """A provider's reply to a correction request, on a day (None: today),
        with its text; a verification, which closes the request. (C:
        upf_correction_reply)"""
        self._do("upf_correction_reply", id, _b(on), _b(reply))

    def correction_verify(self, id: int, on: Optional[str] = None) -> None:
        """Records that the corrections requested were verified."""
        self._do("upf_correction_verify", id, _b(on))

    # Findings and the overall assessment
    def finding_add(self, activity: str, subject: str, quality_area: str, grade: str,
                    text: str, on: Optional[str] = None,
                    evidence: Optional[Sequence[str]] = None) -> int:
        """A finding about subject ("unit:U", "assignment:A", "area:S",
        "regime:R"); evidence: a list of "MEASURE:PERIOD". Returns its
        number."""
        new = ctypes.c_longlong()
        self._check(_call("upf_finding_add", ctypes.byref(new), self._db, _b(activity),
                          _b(subject), _b(quality_area), _b(grade), _b(text), _b(on),
                          _b(None if evidence is None else json.dumps(evidence))))
        return new.value

    def finding_list(self, **filters: Any) -> Rows:
        """filters: activity, year, quality_area, grade."""
        return self._list("upf_finding_list", _b(json.dumps(filters)))

    def finding_evidence(self, id: int) -> Rows:
        """The figures a finding rests on, as taken. (C: upf_finding_evidence)"""
        return self._list("upf_finding_evidence", id)

    def assessment_set(self, committee: str, year: int, quality_area: str, grade: str,
                       rationale: str, scope: Optional[str] = None,
                       on: Optional[str] = None) -> None:
        """The administration's combined judgement of a committee's year in a
        quality area, for all its units (scope None or "all") or for
        "regime:R", "assignment:A" or "area:S": grade "good", "acceptable",
        "improvement_needed" or "insufficient", with its rationale, on a day
        (None: today). (C: upf_assessment_set)"""
        self._do("upf_assessment_set", _b(committee), int(year), _b(quality_area),
                 _b(scope), _b(grade), _b(rationale), _b(on))

    def assessment_history(self, committee: str, year: int,
                           quality_area: Optional[str] = None) -> Rows:
        """Every assessment of a committee's year (quality_area None: all), the
        superseded ones too, oldest first. (C: upf_assessment_history)"""
        return self._list("upf_assessment_history", _b(committee), int(year),
                          _b(quality_area))

    # Actions from any source
    def action_add_from(self, source: str, text: str, responsible: str,
                        due: Optional[str] = None, unit: Optional[str] = None,
                        on: Optional[str] = None) -> int:
        """An action from "deviation:ID", "activity:A", "finding:ID",
        "review:ID" or "measure:CODE:PERIOD"; returns its number."""
        new = ctypes.c_longlong()
        self._check(_call("upf_action_add_from", ctypes.byref(new), self._db, _b(source),
                          _b(text), _b(responsible), _b(due), _b(unit), _b(on)))
        return new.value

    def action_evaluate(self, id: int, effect: str, on: Optional[str] = None,
                        note: Optional[str] = None) -> None:
        """Records the effect of an action, evaluated on `on`."""
        self._do("upf_action_evaluate", id, _b(on), _b(effect), _b(note))

    def action_list(self, **filters: Any) -> Rows:
        """filters: open, overdue, at, committee, provider, source, period."""
        return self._list("upf_action_list", _b(json.dumps(filters)))

    # Stakeholders and the duty to inform
    def stakeholder_add(self, code: str, name: str, kind: str) -> None:
        """A stakeholder of the follow-up, of a kind: "users", "relatives",
        "provider", "partner", "staff", "union", "committee" or "other". (C:
        upf_stakeholder_add)"""
        self._do("upf_stakeholder_add", _b(code), _b(name), _b(kind))

    def stakeholder_list(self) -> Rows:
        """The stakeholders that can be informed of a follow-up."""
        return self._list("upf_stakeholder_list")

    def activity_edit(self, code: str, **options: Any) -> None:
        """options: title, description, stakeholders (a list of codes)."""
        self._do("upf_activity_edit", _b(code), _b(json.dumps(options)))

    def activity_inform(self, activity: str, stakeholder: str, how: str,
                        on: Optional[str] = None, note: Optional[str] = None) -> None:
        """Records that an activity's results were fed back to one of its
        stakeholders on a day (None: today), how ("meeting", "letter",
        "web", "report"), with a note (may be None). (C:
        upf_activity_inform)"""
        self._do("upf_activity_inform", _b(activity), _b(stakeholder), _b(on), _b(how),
                 _b(note))

    # Supervision reports
    def supervision_add(self, authority: str, summary: str, due: str,
                        unit: Optional[str] = None, assignment: Optional[str] = None,
                        reference: Optional[str] = None,
                        received: Optional[str] = None) -> int:
        """A report from "IVO" or "AMV" to a unit or an assignment; returns
        its number."""
        new = ctypes.c_longlong()
        self._check(_call("upf_supervision_add", ctypes.byref(new), self._db,
                          _b(authority), _b(unit), _b(assignment), _b(reference),
                          _b(summary), _b(received), _b(due)))
        return new.value

    def supervision_respond(self, id: int, on: Optional[str] = None) -> None:
        """Records the response to a supervision report."""
        self._do("upf_supervision_respond", id, _b(on))

    def supervision_close(self, id: int, on: Optional[str] = None) -> None:
        """Closes a supervision case."""
        self._do("upf_supervision_close", id, _b(on))

    def supervision_list(self, **filters: Any) -> Rows:
        """filters: open, authority, at."""
        return self._list("upf_supervision_list", _b(json.dumps(filters)))

    # Reporting to the committee
    def committee_report_build(self, committee: str, kind: str, period: str,
                               title: Optional[str] = None, internal: bool = False) -> int:
        """Builds a draft report to the committee ("interim", "annual",
        "quality" or "adhoc"); returns its number."""
        options = {"title": title} if title else {}
        if internal:
            options["internal"] = True
        new = ctypes.c_longlong()
        self._check(_call("upf_committee_report_build", ctypes.byref(new), self._db,
                          _b(committee), _b(kind), _b(period), _b(json.dumps(options))))
        return new.value

    def committee_report_text(self, id: int, section: str, text: str) -> None:
        """The narrative of a section ("summary" or a section's id)."""
        self._do("upf_committee_report_text", id, _b(section), _b(text))

    def committee_report_show(self, id: int,
                              format: str = 'json') -> Union[Dict[str, Any], str]:
        """The report: a dict for "json", else the text of "md" or "html"."""
        out = ctypes.c_void_p()
        self._do_out("upf_committee_report_show", ctypes.byref(out), id, _b(format))
        text = _take_string(out)
        return json.loads(text) if format == "json" else text

    def committee_report_pdf(self, id: int, path: str, browser: Optional[str] = None) -> None:
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

    def committee_report_present(self, id: int, meeting: str, reference: str) -> None:
        """Presents a draft at the committee's meeting (a date) under its
        reference (diarienummer): the figures, the narrative and the HTML
        are kept with their SHA-256, nothing of the report can change after,
        and the period is locked for the committee's units
        (upf_period_lock). (C: upf_committee_report_present)"""
        self._do("upf_committee_report_present", id, _b(meeting), _b(reference))

    def committee_report_verify(self, id: int) -> None:
        """Raises Corrupt when the presented report's hash does not match."""
        self._do("upf_committee_report_verify", id)

    def committee_report_diff(self, id: int) -> Rows:
        """What the registry now gives differently from a presented report:
        every figure of its measure and deviation sections that changed,
        appeared or went, and every unlock of a period it covers. (C:
        upf_committee_report_diff)"""
        return self._list("upf_committee_report_diff", id)

    def committee_report_list(self, committee: Optional[str] = None) -> Rows:
        """The committee reports, of one committee or all (None). (C:
        upf_committee_report_list)"""
        return self._list("upf_committee_report_list", _b(committee))

    def period_lock(self, committee: str, period: str) -> None:
        """Locks a period for a committee's units: recording, importing or
        deleting their values of any month in it is refused
        (UPF_DETAIL_LOCKED). (C: upf_period_lock)"""
        self._do("upf_period_lock", _b(committee), _b(period))

    def period_unlock(self, committee: str, period: str, reason: str) -> None:
        """Lifts a committee's locks from the months of the period, with a
        reason, which stays in the list of locks and shows in
        upf_committee_report_diff and in the committee's next report; a lock
        that held more months goes on holding them. (C: upf_period_unlock)"""
        self._do("upf_period_unlock", _b(committee), _b(period), _b(reason))

    def period_lock_list(self, committee: Optional[str] = None) -> Rows:
        """The period locks, of one committee or all (None). (C:
        upf_period_lock_list)"""
        return self._list("upf_period_lock_list", _b(committee))

    def setting_set(self, name: str, value: float) -> None:
        """Sets a setting of the registry: "disclosure_threshold" (1..100, the
        fewest individuals a public figure may rest on). (C:
        upf_setting_set)"""
        self._do("upf_setting_set", _b(name), _b(str(value)))

    def setting_list(self) -> Rows:
        """The settings. (C: upf_setting_list)"""
        return self._list("upf_setting_list")

    # Reports
    def report(self, report: str = 'values', as_dataframe: bool = False, **params: Any) -> Any:
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

    def report_table(self, report: str = 'values', **params: Any) -> Rows:
        """The same report's rows as a table, with the same columns. (C:
        upf_report_table)"""
        return self._list("upf_report_table", _b(report), _b(json.dumps(params)))

    def report_xlsx(self, path: str, report: str = 'values',
                    columns: Optional[Sequence[str]] = None, **params: Any) -> None:
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
    def audit_list(self, since: Optional[str] = None, actor: Optional[str] = None) -> Rows:
        """The audit trail, oldest first: every write with its actor, time
        (UTC), table, operation, key, and old and new values as JSON. (C:
        upf_audit_list)"""
        return self._list("upf_audit_list", _b(since), _b(actor))


class Batch:
    """Values recorded in one transaction; a context manager that commits
    on success and rolls back on an exception."""

    def __init__(self, registry: "Registry", confirm: bool = False) -> None:
        self._registry = registry
        handle = ctypes.c_void_p()
        registry._check(_call("upf_batch_begin", ctypes.byref(handle),
                              registry._db, WRITE_CONFIRM if confirm else 0))
        self._b = handle.value

    def add(self, measure: str, unit: str, period: str, value: float,
            den: Optional[float] = None, note: Optional[str] = None) -> None:
        """Adds one value to the batch: checked now, written at commit."""
        self._registry._check(_call("upf_batch_add", self._b, _b(measure), _b(unit),
                                    _b(period), float(value), _den(den), _b(note)))

    @property
    def rows(self) -> int:
        """The values added so far."""
        return _call("upf_batch_rows", self._b)

    def commit(self) -> None:
        """Writes every value of the batch in one transaction, all or nothing."""
        self._registry._check(_call("upf_batch_commit", self._b))

    def close(self) -> None:
        """Frees the batch; values not committed are dropped."""
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
