"""Which claims file a command uses: --claims, else ./claims.json, else the bundled copy."""

from __future__ import annotations

from pathlib import Path

from dprktrack.errors import DprkError

CLAIMS_FILENAME = "claims.json"


def bundled_claims_path() -> Path:
    """The claims file shipped with the package (or, in a source checkout, the repo's)."""
    package = Path(__file__).resolve().parents[1]
    installed = package / "data" / CLAIMS_FILENAME
    return installed if installed.is_file() else package.parent / CLAIMS_FILENAME


def find_claims_file(
    explicit: Path | None, *, bundled_ok: bool = True, command: str = "check"
) -> Path:
    """`--claims` (or DPRKTRACK_CLAIMS), else ./claims.json, else the bundled copy.

    Checking and writing never fall back on the bundled copy (`bundled_ok=False`): a
    check that passed on it would say nothing about the claims file the user meant, and
    an installed package is no place to add claims. `command` names the command in
    the hint.
    """
    if explicit is not None:
        return explicit
    local = Path(CLAIMS_FILENAME)
    if local.exists():
        return local
    if not bundled_ok:
        raise DprkError(
            f"no {CLAIMS_FILENAME} in this folder; name the one to use: "
            f"dprktrack --claims PATH {command} (or set DPRKTRACK_CLAIMS)"
        )
    bundled = bundled_claims_path()
    if not bundled.is_file():
        raise DprkError(f"no {CLAIMS_FILENAME} here and no bundled copy; pass --claims PATH")
    return bundled
