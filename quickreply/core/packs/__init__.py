"""Read, validate and write packs (PACK_FORMAT.md, format 1).

Every problem is reported as `FILE:LINE:COL: level: message`, and the message
says what to fix. Import from here; the modules behind it are split by concern:

- `read`: decoding, tomllib and its errors; `check_pack`, `load_pack` and kin
- `locate`: line and column of tables and keys, scanned only to report
- `fields`: the schema as data (fields, types, ids) and message wording
- `checks`: the checks every table shares, and where problems point
- `validate`: the validator that builds a `Pack` and checks what refers to what
- `write`: `Pack` back to TOML with tomli-w
- `problems`: `Problem`, `PackError`, `CheckResult`
"""

from quickreply.core.packs.problems import CheckResult, PackError, Problem
from quickreply.core.packs.read import check_pack, check_text, load_pack, loads_pack, read_source
from quickreply.core.packs.write import dumps_pack, pack_to_dict, write_pack

__all__ = [
    "CheckResult",
    "PackError",
    "Problem",
    "check_pack",
    "check_text",
    "dumps_pack",
    "load_pack",
    "loads_pack",
    "pack_to_dict",
    "read_source",
    "write_pack",
]
