"""ferronum's type stubs (``python/ferronum/**/*.pyi``, written by ``tools/gen_stubs.py``).

* ``mypy --strict`` passes ``typecheck/sample.py`` (array creation, ufuncs and their methods,
  reductions, indexing, linalg, fft, random: the tutorial's code), whose ``assert_type`` calls
  pin the types the stubs give, and the sample also runs;
* ``mypy --strict`` reports exactly the errors marked in ``typecheck/wrong.py`` (so a stub that
  accepts anything, or a type that drifted to ``Any``, fails here);
* the stubs themselves pass ``mypy --strict``;
* ``stubtest`` finds no difference between the stubs and the built module, beyond the entries
  (each with its reason) of ``typecheck/stubtest-allowlist.txt``;
* the committed stubs are what ``tools/gen_stubs.py`` writes from today's runtime, so a new
  function or parameter cannot be missing from them.
"""

from __future__ import annotations

import re
import runpy
import subprocess
import sys
from pathlib import Path

import mypy  # noqa: F401  a test dependency (Makefile TEST_DEPS): fail, not skip, without it
import pytest

HERE = Path(__file__).resolve().parent
TYPING = HERE / "typecheck"
PYTHON_DIR = HERE.parent  # python/: the package with its stubs and the built extension
REPO = PYTHON_DIR.parent
SAMPLE = TYPING / "sample.py"
WRONG = TYPING / "wrong.py"
MYPY_INI = TYPING / "mypy.ini"
ALLOWLIST = TYPING / "stubtest-allowlist.txt"
STUBS = sorted((PYTHON_DIR / "ferronum").rglob("*.pyi"))

# mypy's line format: "path:line: error: message  [code]"
_ERROR = re.compile(r"^(?P<path>[^:]+):(?P<line>\d+): error: (?P<msg>.*?)\s+\[(?P<code>[a-z-]+)\]$")


def _run(*args: str, timeout: float = 300) -> subprocess.CompletedProcess[str]:
    # From python/, so the stubs and the runtime stubtest imports are the source tree's (mypy.ini
    # keeps mypy's cache out of it).
    return subprocess.run([sys.executable, *args], cwd=PYTHON_DIR, capture_output=True, text=True, timeout=timeout)


@pytest.fixture(scope="module")
def mypy_errors() -> dict[str, list[tuple[int, str, str]]]:
    """One ``mypy --strict`` run over both programs and the stubs themselves: errors by file
    (a path relative to python/)."""
    files = [SAMPLE, WRONG, *STUBS]
    proc = _run("-m", "mypy", "--strict", "--config-file", str(MYPY_INI), "--no-pretty", "--show-error-codes",
                *map(str, files))
    assert proc.returncode in (0, 1), f"mypy crashed:\n{proc.stdout}\n{proc.stderr}"
    errors: dict[str, list[tuple[int, str, str]]] = {}
    for line in proc.stdout.splitlines():
        m = _ERROR.match(line)
        if m:
            path = (PYTHON_DIR / m["path"]).resolve().relative_to(PYTHON_DIR).as_posix()
            errors.setdefault(path, []).append((int(m["line"]), m["code"], m["msg"]))
        elif ": error:" in line:
            raise AssertionError(f"unparsed mypy error line: {line}")
    # Every file was checked (an import error would say so instead).
    n = len(files)
    assert re.search(rf"(Found \d+ errors? in \d+ files? \(checked {n} source files\)|Success: no issues found in {n})",
                     proc.stdout), proc.stdout + proc.stderr
    return errors


def _rel(path: Path) -> str:
    return path.relative_to(PYTHON_DIR).as_posix()


def test_stubs_pass_mypy_strict(mypy_errors):
    assert len(STUBS) >= 7
    assert {f: e for f, e in mypy_errors.items() if f.endswith(".pyi")} == {}


def test_sample_passes_mypy_strict(mypy_errors):
    assert mypy_errors.get(_rel(SAMPLE), []) == []


def test_sample_runs():
    runpy.run_path(str(SAMPLE), run_name="__main__")


def test_wrong_program_gets_the_marked_errors(mypy_errors):
    expected = set()
    for number, text in enumerate(WRONG.read_text().splitlines(), start=1):
        m = re.search(r"#\s*E:\s*([a-z-]+)\s*$", text)
        if m:
            expected.add((number, m[1]))
    assert len(expected) >= 15  # the file's marks were read
    wrong = mypy_errors.get(_rel(WRONG), [])
    got = {(line, code) for line, code, _ in wrong}
    details = "\n".join(f"{line}: [{code}] {msg}" for line, code, msg in sorted(wrong))
    assert got == expected, f"missing: {sorted(expected - got)}\nunexpected: {sorted(got - expected)}\n{details}"


def test_stubtest_against_the_built_module():
    proc = _run("-m", "mypy.stubtest", "ferronum", "--mypy-config-file", str(MYPY_INI),
                "--allowlist", str(ALLOWLIST))
    assert proc.returncode == 0, proc.stdout[-20000:] + proc.stderr[-5000:]
    # Unused allowlist entries are errors too (stubtest's default): the allowlist stays minimal.
    assert "Success: no issues found" in proc.stdout, proc.stdout


def test_committed_stubs_are_the_generators_output():
    proc = _run(str(REPO / "tools" / "gen_stubs.py"), "--check")
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_stub_files_are_in_the_package():
    # maturin packages everything under python/ferronum (python-source), py.typed included.
    for name in ("py.typed", "__init__.pyi", "_ferronum.pyi", "linalg.pyi", "fft.pyi", "emath.pyi",
                 "testing.pyi", "random/__init__.pyi"):
        assert (PYTHON_DIR / "ferronum" / name).is_file(), name
