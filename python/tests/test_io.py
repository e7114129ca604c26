"""File I/O, differentially against NumPy: ``.npy`` bytes (header text, padding, alignment,
C/Fortran order) equal to ``numpy.save``'s, loading NumPy's files of every version and byte
order, ``.npz`` archives both ways and the ``NpzFile`` mapping, memory maps, ``loadtxt``/
``savetxt``/``genfromtxt`` (values, text, row and column numbers in messages), ``tofile``/
``fromfile``/``frombuffer``/``fromstring``/``fromiter``/``fromfunction``; bad files raise
NumPy's exception class and message and leave nothing half-written."""

from __future__ import annotations

import io
import os
import pathlib
import pickle
import warnings

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

import ferronum as fnp

from conftest import ALL_DTYPES, DTYPE_IDS, NUMERIC, assert_same, run, same_outcome

SHAPES = hnp.array_shapes(min_dims=0, max_dims=4, min_side=0, max_side=5)


@st.composite
def arrays_any_layout(draw, dtypes=ALL_DTYPES):
    """A NumPy array of any dtype and shape, C-ordered, Fortran-ordered or a strided view."""
    dt = draw(st.sampled_from(dtypes))
    shape = draw(SHAPES)
    a = draw(hnp.arrays(dt, shape))
    kind = draw(st.sampled_from(["c", "f", "view"]))
    if kind == "f":
        a = np.asfortranarray(a)
    elif kind == "view" and a.ndim >= 1:
        a = a[::-1]
    return a


def npy_bytes(save, a):
    b = io.BytesIO()
    save(b, a)
    return b.getvalue()


# ---- .npy: bytes equal NumPy's, both directions --------------------------------------------


@given(arrays_any_layout())
def test_save_bytes_equal_numpys(a):
    f = fnp.asarray(a)
    assert npy_bytes(fnp.save, f) == npy_bytes(np.save, a)
    # the data start on a 64-byte boundary
    assert (len(npy_bytes(np.save, a)) - a.nbytes) % 64 == 0


@given(arrays_any_layout())
def test_load_of_numpy_file_and_back(a):
    data = npy_bytes(np.save, a)
    got = fnp.load(io.BytesIO(data))
    assert_same(got, a, exact=True)
    assert got.flags.f_contiguous == np.load(io.BytesIO(data)).flags.f_contiguous
    assert_same(np.load(io.BytesIO(npy_bytes(fnp.save, got))), a, exact=True, check_type=False)


@pytest.mark.parametrize("dt", ALL_DTYPES, ids=DTYPE_IDS)
def test_save_load_paths_every_dtype(tmp_path, dt):
    a = (np.arange(24).reshape(2, 3, 4) % 5).astype(dt)
    fp, npath = tmp_path / "f.npy", tmp_path / "n.npy"
    fnp.save(fp, fnp.asarray(a))
    np.save(npath, a)
    assert fp.read_bytes() == npath.read_bytes()
    assert_same(fnp.load(str(npath)), a)
    assert_same(fnp.load(fp), np.load(fp))
    ff = tmp_path / "ff.npy"
    fnp.save(ff, fnp.asarray(np.asfortranarray(a)))
    np.save(npath, np.asfortranarray(a))
    assert ff.read_bytes() == npath.read_bytes()
    assert fnp.load(ff).flags.f_contiguous


def test_save_appends_npy_to_str_paths_only(tmp_path):
    fnp.save(str(tmp_path / "a"), fnp.arange(3))
    assert (tmp_path / "a.npy").exists()
    fnp.save(str(tmp_path / "b.npy"), fnp.arange(3))
    assert (tmp_path / "b.npy").exists() and not (tmp_path / "b.npy.npy").exists()
    fnp.save(pathlib.Path(tmp_path / "c"), fnp.arange(3))
    assert (tmp_path / "c.npy").exists()  # os.fspath then str: NumPy appends too
    assert_same(fnp.load(tmp_path / "c.npy"), np.arange(3))


@pytest.mark.parametrize("dt", [d for d in ALL_DTYPES if d.itemsize > 1], ids=lambda d: d.name)
def test_load_big_endian(tmp_path, dt):
    a = (np.arange(6).reshape(2, 3) - 2).astype(dt)
    p = tmp_path / "be.npy"
    np.save(p, a.astype(dt.newbyteorder(">")))
    got = fnp.load(p)
    assert got.dtype == dt  # ferronum holds native byte order
    np.testing.assert_array_equal(np.asarray(got), a)
    got = fnp.load(io.BytesIO(p.read_bytes()))
    np.testing.assert_array_equal(np.asarray(got), a)


@pytest.mark.parametrize("version", [(1, 0), (2, 0), (3, 0)])
def test_load_every_format_version(version):
    a = np.arange(12.0).reshape(3, 4)
    b = io.BytesIO()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        np.lib.format.write_array(b, a, version=version)
    assert_same(fnp.load(io.BytesIO(b.getvalue())), a)


def test_several_arrays_in_one_file(tmp_path):
    p = tmp_path / "multi.npy"
    with open(p, "wb") as f:
        fnp.save(f, fnp.arange(3))
        fnp.save(f, fnp.ones((2, 2)))
    with open(p, "rb") as f:
        assert_same(fnp.load(f), np.arange(3))
        assert_same(fnp.load(f), np.ones((2, 2)))


def test_save_converts_lists_and_numpy_arrays(tmp_path):
    assert npy_bytes(fnp.save, [[1, 2], [3, 4]]) == npy_bytes(np.save, [[1, 2], [3, 4]])
    assert npy_bytes(fnp.save, np.float32(2.5)) == npy_bytes(np.save, np.float32(2.5))


# ---- .npy: bad files --------------------------------------------------------------------------


def header_file(header: bytes, version=(1, 0), data=b""):
    lenfmt = 2 if version == (1, 0) else 4
    return b"\x93NUMPY" + bytes(version) + len(header).to_bytes(lenfmt, "little") + header + data


BAD_FILES = {
    "bad magic": b"\x93NUMPX\x01\x00" + b"\x00" * 120,
    "bad version": b"\x93NUMPY\x04\x00" + b"\x00" * 120,
    "short header length": b"\x93NUMPY\x01\x00\x05",
    "truncated header": b"\x93NUMPY\x01\x00\x76\x00{'descr'",
    "not a dict": header_file(b"[1, 2]\n"),
    "syntax": header_file(b"{'descr': '<f8', 'fortran_order': False, 'shape': (3,), 'x'}\n"),
    "missing key": header_file(b"{'descr': '<f8', 'shape': (3,)}\n"),
    "extra key": header_file(b"{'descr': '<f8', 'fortran_order': False, 'shape': (3,), 'x': 1}\n"),
    "bad shape": header_file(b"{'descr': '<f8', 'fortran_order': False, 'shape': [3]}\n"),
    "float shape": header_file(b"{'descr': '<f8', 'fortran_order': False, 'shape': (3.0,)}\n"),
    "bad order": header_file(b"{'descr': '<f8', 'fortran_order': 0, 'shape': (3,)}\n"),
    "bad descr": header_file(b"{'descr': 'xyz', 'fortran_order': False, 'shape': (3,)}\n"),
    "int descr": header_file(b"{'descr': 5, 'fortran_order': False, 'shape': (3,)}\n"),
    "object": header_file(b"{'descr': '|O', 'fortran_order': False, 'shape': (3,)}\n"),
    "truncated data": header_file(b"{'descr': '<f8', 'fortran_order': False, 'shape': (3, 4)}\n",
                                  data=b"\x00" * 40),
    "truncated big data": header_file(b"{'descr': '<i2', 'fortran_order': False, 'shape': (300000,)}\n",
                                      data=b"\x00" * 300001),
    "pickle": pickle.dumps([1, 2]),
    "tiny": b"ab",
}


@pytest.mark.parametrize("name", list(BAD_FILES))
def test_bad_files_raise_numpys_error(tmp_path, name):
    data = BAD_FILES[name]
    p = tmp_path / "bad.npy"
    p.write_bytes(data)
    same_outcome(lambda: fnp.load(p), lambda: np.load(p))
    same_outcome(lambda: fnp.load(io.BytesIO(data)), lambda: np.load(io.BytesIO(data)))


def test_load_error_paths():
    same_outcome(lambda: fnp.load(io.BytesIO(b"")), lambda: np.load(io.BytesIO(b"")))
    big = header_file(b"{'descr': '<f8', 'fortran_order': False, 'shape': (3,)}" + b" " * 20000 + b"\n",
                      data=b"\x00" * 24)
    same_outcome(lambda: fnp.load(io.BytesIO(big)), lambda: np.load(io.BytesIO(big)))
    same_outcome(lambda: fnp.load(io.BytesIO(big), allow_pickle=True),
                 lambda: np.load(io.BytesIO(big), allow_pickle=True))
    same_outcome(lambda: fnp.load(io.BytesIO(big), max_header_size=30000),
                 lambda: np.load(io.BytesIO(big), max_header_size=30000))
    same_outcome(lambda: fnp.load(io.BytesIO(b"x"), encoding="utf8"),
                 lambda: np.load(io.BytesIO(b"x"), encoding="utf8"))
    same_outcome(lambda: fnp.load("/nonexistent/x.npy"), lambda: np.load("/nonexistent/x.npy"))


def test_unterminated_header_is_a_value_error():
    # NumPy lets tokenize's TokenError escape here; ferronum says the header cannot be parsed.
    data = header_file(b"{'descr': '<f8', 'fortran_order': False, 'shape': (3,)\n")
    with pytest.raises(ValueError, match="Cannot parse header"):
        fnp.load(io.BytesIO(data))


def test_object_arrays_refused():
    obj = np.array([{}, None], dtype=object)
    same_outcome(lambda: fnp.save(io.BytesIO(), obj, allow_pickle=False),
                 lambda: np.save(io.BytesIO(), obj, allow_pickle=False))
    with pytest.raises(TypeError):
        fnp.save(io.BytesIO(), obj)
    data = npy_bytes(np.save, obj)
    same_outcome(lambda: fnp.load(io.BytesIO(data)), lambda: np.load(io.BytesIO(data)))


def test_unsupported_dtypes_raise_type_error():
    data = npy_bytes(np.save, np.array(["ab", "c"]))
    with pytest.raises(TypeError, match="ferronum does not support dtype"):
        fnp.load(io.BytesIO(data))


def test_failed_save_leaves_existing_file(tmp_path):
    p = tmp_path / "keep.npz"
    fnp.savez(p, a=fnp.arange(3))
    before = p.read_bytes()
    with pytest.raises(ValueError):
        fnp.savez(p, a=fnp.arange(3), b=np.array([None], dtype=object), allow_pickle=False)
    assert p.read_bytes() == before
    assert sorted(os.listdir(tmp_path)) == ["keep.npz"]
    with pytest.raises(FileNotFoundError):
        fnp.save(tmp_path / "missing_dir" / "x.npy", fnp.arange(3))
    assert sorted(os.listdir(tmp_path)) == ["keep.npz"]


# ---- memory maps ---------------------------------------------------------------------------------


def test_mmap_modes(tmp_path):
    p = tmp_path / "m.npy"
    np.save(p, np.arange(12.0).reshape(3, 4))
    r = fnp.load(p, mmap_mode="r")
    assert_same(r, np.arange(12.0).reshape(3, 4))
    assert not r.flags.writeable
    with pytest.raises(ValueError, match="read-only"):
        r[0, 0] = 5
    c = fnp.load(p, mmap_mode="c")
    c[0, 0] = 100.0
    assert np.load(p)[0, 0] == 0.0
    assert c[0, 0] == 100.0
    w = fnp.load(p, mmap_mode="r+")
    w[1] = -1.0
    del w
    np.testing.assert_array_equal(np.load(p)[1], [-1.0] * 4)
    victim = tmp_path / "victim.npy"
    victim.write_bytes(p.read_bytes())
    same_outcome(lambda: fnp.load(p, mmap_mode="w+"), lambda: np.load(victim, mmap_mode="w+"))
    assert_same(fnp.load(p), np.load(p))  # ferronum leaves the file alone
    with open(p, "rb") as f:
        same_outcome(lambda: fnp.load(f, mmap_mode="r"), lambda: np.load(f, mmap_mode="r"))


def test_mmap_fortran_and_create(tmp_path):
    p = tmp_path / "f.npy"
    a = np.asfortranarray(np.arange(6, dtype=np.int32).reshape(2, 3))
    np.save(p, a)
    m = fnp.load(p, mmap_mode="r")
    assert m.flags.f_contiguous
    assert_same(m, a)
    from ferronum._io import open_memmap

    q = tmp_path / "new.npy"
    w = open_memmap(q, mode="w+", dtype=np.float32, shape=(2, 2))
    w[...] = 3.0
    del w
    assert_same(np.load(q), np.full((2, 2), 3.0, np.float32), check_type=False)
    ref = tmp_path / "ref.npy"
    np.lib.format.open_memmap(ref, mode="w+", dtype=np.float32, shape=(2, 2))[...] = 3.0
    assert q.read_bytes() == ref.read_bytes()


# ---- .npz ------------------------------------------------------------------------------------------


@pytest.mark.parametrize("compressed", [False, True])
def test_npz_both_ways(tmp_path, compressed):
    a, b = np.arange(10).reshape(2, 5), np.linspace(0, 1, 7).astype(np.float32)
    save_f = fnp.savez_compressed if compressed else fnp.savez
    save_n = np.savez_compressed if compressed else np.savez
    fp = tmp_path / "f"
    save_f(str(fp), fnp.asarray(a), y=fnp.asarray(b))
    with np.load(str(fp) + ".npz") as n:
        assert sorted(n.files) == ["arr_0", "y"]
        assert_same(fnp.asarray(n["arr_0"]), a)
        assert_same(fnp.asarray(n["y"]), b)
    npath = tmp_path / "n.npz"
    save_n(npath, a, y=b)
    with fnp.load(npath) as z:
        assert z.files == np.load(npath).files
        assert list(z.keys()) == z.files
        assert "y" in z and "y.npy" in z and "q" not in z
        assert_same(z["arr_0"], a)
        assert_same(z["y.npy"], b)
        assert_same(z.f.y, b)
        assert len(z) == 2
        assert repr(z) == repr(np.load(npath)).replace("numpy", "ferronum")
        with pytest.raises(KeyError, match="q is not a file in the archive"):
            z["q"]
    assert z.zip is None


def test_npz_file_objects_and_errors(tmp_path):
    buf = io.BytesIO()
    fnp.savez(buf, fnp.arange(3), fnp.ones(2))
    buf.seek(0)
    z = fnp.load(buf)
    assert_same(z["arr_1"], np.ones(2))
    same_outcome(lambda: fnp.savez(io.BytesIO(), fnp.arange(2), arr_0=fnp.arange(2)),
                 lambda: np.savez(io.BytesIO(), np.arange(2), arr_0=np.arange(2)))
    obj = io.BytesIO()
    np.savez(obj, o=np.array([None], dtype=object))
    same_outcome(lambda: fnp.load(io.BytesIO(obj.getvalue()))["o"],
                 lambda: np.load(io.BytesIO(obj.getvalue()))["o"])


# ---- loadtxt --------------------------------------------------------------------------------------

LOADTXT_CASES = [
    ("1 2 3\n4 5 6\n", {}),
    ("1 2 3\n4 5\n", {}),
    ("# c\n\n1 2 3\n4 5 6\n7 8\n", {}),
    ("1,2,,3\n", {"delimiter": ","}),
    ("1,2,abc\n", {"delimiter": ","}),
    ("1, 2 ,3\n", {"delimiter": ","}),
    ("1, x ,3\n", {"delimiter": ","}),
    ("1,2\n   \n3,4\n", {"delimiter": ","}),
    ("1,2\n\n3,4\n", {"delimiter": ","}),
    ("1,2\n,\n3,4\n", {"delimiter": ","}),
    ("1.5 2\n", {"dtype": int}),
    ("300 2\n", {"dtype": np.int8}),
    ("-1 2\n", {"dtype": np.uint8}),
    ("-0\n", {"dtype": np.uint8}),
    ("2 0 -0\n", {"dtype": bool}),
    ("True 0\n", {"dtype": bool}),
    ("1+2j (3-4j) 5 2j\n", {"dtype": complex}),
    ("1e5j 1.5e-3+2e1j inf+nanj 1j\n", {"dtype": complex}),
    ("1 2 3 4\n", {"dtype": np.complex64}),
    ("1+2j\n", {"dtype": np.float64}),
    ("1 2 3\n", {"usecols": 5}),
    ("1 2 3\n", {"usecols": (0, -1)}),
    ("1 2\n3 4 5\n", {"usecols": (0, 1)}),
    ("1 2\n3 4\n5 6 7\n", {"usecols": (2,)}),
    ("1 2 3\n", {"usecols": [1.5]}),
    ("1;2\n", {"delimiter": ";;"}),
    ("", {}),
    ("", {"ndmin": 2}),
    ("", {"usecols": (0, 1)}),
    ("#x\n", {"ndmin": 2}),
    ("1\n2\n", {"ndmin": 2}),
    ("1 2\n", {"ndmin": 1}),
    ("5\n", {}),
    ("1 2\n3 4\n5 6\n", {"skiprows": 1, "max_rows": 1}),
    ("#x\n1 2\n3 4\n5 6\n", {"skiprows": 1, "max_rows": 1}),
    ("1 2\n", {"max_rows": 0, "ndmin": 2}),
    ("1e400 -nan inf 0x10\n", {}),
    ("1e400 -nan inf -Infinity NaN\n", {}),
    ("1_0 2\n", {}),
    ("1. .5 1.e5 +3\n", {}),
    ("1 2\r\n3 4\r\n", {}),
    ("1 2 // c\n3 4\n", {"comments": ["//", "#"]}),
    ("  1\t2  \n", {}),
    ("1 2\n", {"dtype": np.float16}),
    ("0.1 3.4028235e38 1e-46\n", {"dtype": np.float32}),
    ("1.0\n", {"dtype": np.int64}),
    ("+5 -0 9223372036854775807\n", {"dtype": np.int64}),
    ("18446744073709551615\n", {"dtype": np.uint64}),
    ("#c\n\n1 2\n3 4\n5 x\n", {}),
    ("#c\n\n1 2\n3 4\n5 x\n", {"skiprows": 1}),
    ("1 2\n3 4\n", {"unpack": True}),
    ("1 2\n", {"skiprows": -1}),
    ("1 2\n", {"max_rows": -1}),
    ("1 2\n", {"ndmin": 3}),
    ("1 # 2\n", {"delimiter": " "}),
    ("1 2\n", {"comments": None}),
    ("1 2\n", {"comments": ""}),
    ("5#x\n", {"dtype": np.int64}),
    ('"1" 2\n', {"quotechar": '"'}),
    ('"1","2,5"\n', {"quotechar": '"', "delimiter": ",", "dtype": str}),
    ('"1","2"\n', {"quotechar": '"', "delimiter": ","}),
    ("1 2\n", {"dtype": "U3"}),
]


@pytest.mark.parametrize("text,kw", LOADTXT_CASES, ids=[repr(c) for c in LOADTXT_CASES])
def test_loadtxt_matches_numpy(text, kw):
    rn, en = run(lambda: np.loadtxt(io.StringIO(text), **kw))
    if en is None and rn.dtype.kind not in "biufc":
        with pytest.raises(TypeError):
            fnp.loadtxt(io.StringIO(text), **kw)
        return
    same_outcome(lambda: fnp.loadtxt(io.StringIO(text), **kw), lambda: np.loadtxt(io.StringIO(text), **kw))
    same_outcome(lambda: fnp.loadtxt(text.splitlines(), **kw), lambda: np.loadtxt(text.splitlines(), **kw))


def test_loadtxt_warns_on_empty_input():
    with pytest.warns(UserWarning, match="input contained no data"):
        fnp.loadtxt(io.StringIO(""))


@given(hnp.arrays(st.sampled_from([np.float64, np.float32, np.int64, np.int16, np.uint8, np.complex128]),
                  hnp.array_shapes(min_dims=1, max_dims=2, min_side=1, max_side=6)),
       st.sampled_from([" ", ",", "\t"]))
def test_loadtxt_reads_savetxt_output_exactly(a, delim):
    fmt = "%d" if a.dtype.kind in "iu" else "%.17g"
    buf = io.StringIO()
    np.savetxt(buf, a, fmt=fmt, delimiter=delim)
    text = buf.getvalue()
    same_outcome(lambda: fnp.loadtxt(io.StringIO(text), dtype=a.dtype, delimiter=delim),
                 lambda: np.loadtxt(io.StringIO(text), dtype=a.dtype, delimiter=delim))


def test_loadtxt_large_parallel_input(tmp_path):
    rng = np.random.default_rng(0)
    a = rng.standard_normal((60000, 6))
    p = tmp_path / "big.csv"
    np.savetxt(p, a, delimiter=",")
    assert p.stat().st_size > 4 << 20
    same_outcome(lambda: fnp.loadtxt(p, delimiter=","), lambda: np.loadtxt(p, delimiter=","))
    same_outcome(lambda: fnp.loadtxt(str(p), delimiter=",", usecols=(5, 0), max_rows=1000),
                 lambda: np.loadtxt(str(p), delimiter=",", usecols=(5, 0), max_rows=1000))
    # a fault late in the file is numbered as NumPy numbers it
    lines = p.read_text().splitlines()
    lines[51234] = lines[51234].rsplit(",", 1)[0]
    lines.insert(100, "# comment")
    q = tmp_path / "bad.csv"
    q.write_text("\n".join(lines) + "\n")
    same_outcome(lambda: fnp.loadtxt(q, delimiter=","), lambda: np.loadtxt(q, delimiter=","))
    lines[51234] = lines[51234] + ",zz"
    q.write_text("\n".join(lines) + "\n")
    same_outcome(lambda: fnp.loadtxt(q, delimiter=","), lambda: np.loadtxt(q, delimiter=","))


def test_loadtxt_files_and_encodings(tmp_path):
    p = tmp_path / "t.txt"
    p.write_text("1 2\n3 4\n")
    same_outcome(lambda: fnp.loadtxt(p), lambda: np.loadtxt(p))
    same_outcome(lambda: fnp.loadtxt(str(p), encoding="latin1"), lambda: np.loadtxt(str(p), encoding="latin1"))
    q = tmp_path / "t16.txt"
    q.write_text("1 2\n3 4\n", encoding="utf-16")
    same_outcome(lambda: fnp.loadtxt(q, encoding="utf-16"), lambda: np.loadtxt(q, encoding="utf-16"))
    import gzip

    g = tmp_path / "t.txt.gz"
    with gzip.open(g, "wt") as f:
        f.write("1 2\n3 4\n")
    same_outcome(lambda: fnp.loadtxt(g), lambda: np.loadtxt(g))
    with open(p, "rb") as f:
        r = fnp.loadtxt(f)
    assert_same(r, np.loadtxt(p))
    same_outcome(lambda: fnp.loadtxt([b"1 2", b"3 4"]), lambda: np.loadtxt([b"1 2", b"3 4"]))
    same_outcome(lambda: fnp.loadtxt(tmp_path / "nope.txt"), lambda: np.loadtxt(tmp_path / "nope.txt"))
    same_outcome(lambda: fnp.loadtxt(5), lambda: np.loadtxt(5))


# ---- savetxt -----------------------------------------------------------------------------------------

FMTS = ["%.18e", "%d", "%10.5f", "%g", "%s", "%r", "%-8.3e", "%+.2f", "% 07.2f", "%#x", "%5i", "%.3G", "%E",
        "%#.0f", "%05d", "%.0e"]


@given(hnp.arrays(st.sampled_from(NUMERIC + [np.dtype(bool)]),
                  hnp.array_shapes(min_dims=1, max_dims=2, min_side=1, max_side=5)),
       st.sampled_from(FMTS))
def test_savetxt_text_equals_numpys(a, fmt):
    def both(f):
        buf = io.StringIO()
        f(buf, a, fmt=fmt)
        return buf.getvalue()

    rn, en = run(lambda: both(np.savetxt))
    rf, ef = run(lambda: both(fnp.savetxt))
    if en is not None:
        assert ef is not None and isinstance(ef, type(en)), (en, ef, rf)
        return
    assert ef is None, ef
    assert rf == rn


@pytest.mark.parametrize("kw", [
    {},
    {"fmt": ["%d", "%.2f", "%s"]},
    {"fmt": "%d,%.1f|%g"},
    {"delimiter": ",", "newline": "\r\n", "header": "a b\nc", "footer": "end", "comments": "// "},
    {"fmt": "%d %d"},
    {"fmt": ["%d"]},
    {"fmt": 5},
    {"fmt": "%q"},
    {"fmt": "%(x)d"},
    {"fmt": "%"},
])
def test_savetxt_options(kw):
    a = np.array([[1.5, -2.25, 3.0], [4.0, 5.5, -6.125]])

    def go(mod):
        buf = io.StringIO()
        mod.savetxt(buf, a if mod is np else fnp.asarray(a), **kw)
        return buf.getvalue()

    same_outcome(lambda: go(fnp), lambda: go(np))


def test_savetxt_complex_and_errors(tmp_path):
    c = np.array([[1 + 2j, -3.5 - 0.5j], [0j, 1e10 - 1e-10j]])
    for fmt in ["%.18e", "%g", "%.3f %.3f %.3f %.3f", ["%.1f %.1f", "%g %g"]]:
        def go(mod, fmt=fmt):
            buf = io.StringIO()
            mod.savetxt(buf, c if mod is np else fnp.asarray(c), fmt=fmt)
            return buf.getvalue()
        same_outcome(lambda: go(fnp), lambda: go(np))
    same_outcome(lambda: fnp.savetxt(io.StringIO(), fnp.zeros((2, 2, 2))),
                 lambda: np.savetxt(io.StringIO(), np.zeros((2, 2, 2))))
    same_outcome(lambda: fnp.savetxt(io.StringIO(), fnp.float64(1.0)),
                 lambda: np.savetxt(io.StringIO(), np.float64(1.0)))
    same_outcome(lambda: fnp.savetxt(io.StringIO(), fnp.asarray([np.nan]), fmt="%d"),
                 lambda: np.savetxt(io.StringIO(), np.asarray([np.nan]), fmt="%d"))
    f, n = tmp_path / "f.txt", tmp_path / "n.txt"
    fnp.savetxt(f, fnp.arange(6.0).reshape(2, 3), header="h")
    np.savetxt(n, np.arange(6.0).reshape(2, 3), header="h")
    assert f.read_bytes() == n.read_bytes()
    fnp.savetxt(str(tmp_path / "g.txt.gz"), fnp.arange(3.0))
    assert_same(fnp.loadtxt(tmp_path / "g.txt.gz"), np.arange(3.0))
    with open(tmp_path / "b.txt", "wb") as fb:
        fnp.savetxt(fb, fnp.arange(3.0))
    assert (tmp_path / "b.txt").read_bytes() == (
        b"0.000000000000000000e+00\n1.000000000000000000e+00\n2.000000000000000000e+00\n")


def test_savetxt_large_parallel_rows():
    a = np.random.default_rng(1).standard_normal((20000, 3))
    bf, bn = io.StringIO(), io.StringIO()
    fnp.savetxt(bf, fnp.asarray(a), fmt="%.6g", delimiter=",")
    np.savetxt(bn, a, fmt="%.6g", delimiter=",")
    assert bf.getvalue() == bn.getvalue()


# ---- genfromtxt --------------------------------------------------------------------------------------

GENFROMTXT_CASES = [
    ("1,2,3\n4,,6\n", {"delimiter": ","}),
    ("1,2,3\n4,,6\n", {"delimiter": ",", "filling_values": -9}),
    ("1,2,3\n4,,6\n", {"delimiter": ",", "dtype": int}),
    ("1,2,3\n4,N/A,6\n", {"delimiter": ",", "missing_values": "N/A"}),
    ("1,2,3\n4,5\n7,8,9\n", {"delimiter": ","}),
    ("1,2,3\n4,5\n7,8,9\n", {"delimiter": ",", "invalid_raise": False}),
    ("h\n1 2\n3 4\nf\n", {"skip_header": 1, "skip_footer": 1}),
    ("1 2\n3 x\n", {}),
    ("1 2\n3 x\n", {"dtype": int}),
    ("5\n", {}),
    ("1 2\n", {}),
    ("1 2\n3 4\n", {"usecols": (1,)}),
    ("1 2\n3 4\n", {"dtype": None}),
    ("1.5 2.5\n3 4\n", {"dtype": None}),
    ("12345\n67890\n", {"delimiter": (2, 3)}),
    ("1,2,3\n4,,6\n", {"delimiter": ",", "filling_values": {1: 7}}),
    ("# c\n1 2 # x\n\n3 4\n", {}),
    ("1 2\n3 4\n5 6\n", {"max_rows": 2}),
    ("1 2\n3 4\n", {"unpack": True}),
    ("1 2\n", {"ndmin": 2}),
    ("1 2\n", {"ndmin": 5}),
]


@pytest.mark.parametrize("text,kw", GENFROMTXT_CASES, ids=[repr(c) for c in GENFROMTXT_CASES])
def test_genfromtxt_matches_numpy(text, kw):
    same_outcome(lambda: fnp.genfromtxt(io.StringIO(text), **kw), lambda: np.genfromtxt(io.StringIO(text), **kw))


def test_genfromtxt_structured_is_refused():
    with pytest.raises(TypeError):
        fnp.genfromtxt(io.StringIO("1 a\n2 b\n"), dtype=None)
    with pytest.raises(TypeError):
        fnp.genfromtxt(io.StringIO("1.5 2\n3 4\n"), dtype=None)
    with pytest.raises(TypeError):
        fnp.genfromtxt(io.StringIO("a,b\n1,2\n"), delimiter=",", names=True)


# ---- raw bytes -------------------------------------------------------------------------------------


@given(arrays_any_layout(), st.sampled_from(["C", "F", "A", "K"]))
def test_tobytes(a, order):
    assert fnp.asarray(a).tobytes(order) == a.tobytes(order)


@pytest.mark.parametrize("dt", ALL_DTYPES, ids=DTYPE_IDS)
def test_tofile_fromfile(tmp_path, dt):
    a = (np.arange(10) % 3).astype(dt).reshape(2, 5)[:, ::2]
    fp, npth = tmp_path / "f.bin", tmp_path / "n.bin"
    fnp.asarray(a).tofile(fp)
    a.tofile(npth)
    assert fp.read_bytes() == npth.read_bytes()
    assert_same(fnp.fromfile(fp, dtype=dt), np.fromfile(npth, dtype=dt))
    assert_same(fnp.fromfile(str(fp), dtype=dt, count=2, offset=dt.itemsize),
                np.fromfile(str(npth), dtype=dt, count=2, offset=dt.itemsize))
    if dt.kind not in "cb":
        fnp.asarray(a).tofile(fp, sep=", ")
        a.tofile(npth, sep=", ")
        assert fp.read_bytes() == npth.read_bytes()
        assert_same(fnp.fromfile(fp, dtype=dt, sep=","), np.fromfile(npth, dtype=dt, sep=","))
        fnp.asarray(a).tofile(fp, sep=" ", format="%.3f")
        a.tofile(npth, sep=" ", format="%.3f")
        assert fp.read_bytes() == npth.read_bytes()


def test_fromfile_errors(tmp_path):
    same_outcome(lambda: fnp.fromfile(io.BytesIO(b"abc")), lambda: np.fromfile(io.BytesIO(b"abc")))
    p = tmp_path / "t.txt"
    p.write_text("1,2,x")
    same_outcome(lambda: fnp.fromfile(p, sep=","), lambda: np.fromfile(p, sep=","))


@pytest.mark.parametrize("dt", ALL_DTYPES, ids=DTYPE_IDS)
def test_frombuffer_shares_memory(dt):
    raw = bytearray((np.arange(8) % 2).astype(dt).tobytes())
    f = fnp.frombuffer(raw, dtype=dt)
    assert_same(f, np.frombuffer(raw, dtype=dt))
    assert f.flags.writeable
    f[0] = 1
    assert np.frombuffer(raw, dtype=dt)[0] == 1
    ro = fnp.frombuffer(bytes(raw), dtype=dt, count=3, offset=dt.itemsize)
    assert_same(ro, np.frombuffer(bytes(raw), dtype=dt, count=3, offset=dt.itemsize))
    assert not ro.flags.writeable


@pytest.mark.parametrize("args,kw", [
    ((b"",), {}), ((b"abc",), {}), ((b"abcdefgh",), {"count": 2}), ((b"abcdefgh",), {"offset": 9}),
    ((b"abcdefgh",), {"dtype": np.uint8, "offset": 8}), ((b"abcdefghi",), {"dtype": np.int16, "offset": 1}),
])
def test_frombuffer_errors(args, kw):
    same_outcome(lambda: fnp.frombuffer(*args, **kw), lambda: np.frombuffer(*args, **kw))


@pytest.mark.parametrize("s,kw", [
    ("1 2 3", {"sep": " "}), ("1,2,x,4", {"sep": ","}), ("1, 2 ,3", {"sep": ","}), ("1 2", {"sep": ""}),
    ("1,2,", {"sep": ","}), ("1 2 3 4", {"sep": " ", "count": 2}), ("1\n2\n3", {"sep": "\n", "dtype": int}),
    ("1+2j 3", {"sep": " ", "dtype": complex}),
])
def test_fromstring(s, kw):
    same_outcome(lambda: fnp.fromstring(s, **kw), lambda: np.fromstring(s, **kw))


def test_fromiter_and_fromfunction():
    same_outcome(lambda: fnp.fromiter(iter([1, 2]), dtype=float, count=3),
                 lambda: np.fromiter(iter([1, 2]), dtype=float, count=3))
    same_outcome(lambda: fnp.fromiter((i * i for i in range(5)), dtype=np.int32),
                 lambda: np.fromiter((i * i for i in range(5)), dtype=np.int32))
    same_outcome(lambda: fnp.fromiter(range(5), dtype=np.float32, count=2),
                 lambda: np.fromiter(range(5), dtype=np.float32, count=2))
    same_outcome(lambda: fnp.fromiter([], dtype=np.int8), lambda: np.fromiter([], dtype=np.int8))
    same_outcome(lambda: fnp.fromfunction(lambda i, j: i * 10 + j, (3, 4)),
                 lambda: np.fromfunction(lambda i, j: i * 10 + j, (3, 4)))
    same_outcome(lambda: fnp.fromfunction(lambda i: i % 2 == 0, (5,), dtype=int),
                 lambda: np.fromfunction(lambda i: i % 2 == 0, (5,), dtype=int))


def test_npz_truncated_member_and_file_objects(tmp_path):
    import zipfile

    full = npy_bytes(np.save, np.arange(100.0))
    p = tmp_path / "t.npz"
    with zipfile.ZipFile(p, "w") as z:
        z.writestr("a.npy", full[:-40])
        z.writestr("raw.txt", b"not an array")
    same_outcome(lambda: fnp.load(p)["a"], lambda: np.load(p)["a"])
    same_outcome(lambda: fnp.load(p)["raw.txt"], lambda: np.load(p)["raw.txt"])
    with open(p, "rb") as f:
        z = fnp.load(f)
        assert z.files == ["a", "raw.txt"]
    b = io.BytesIO()
    fnp.savez_compressed(b, x=fnp.arange(5), y=fnp.eye(3))
    with np.load(io.BytesIO(b.getvalue())) as n:
        np.testing.assert_array_equal(n["y"], np.eye(3))


def test_save_load_views_and_scalars(tmp_path):
    a = fnp.arange(24.0).reshape(4, 6)
    for v in (a.T, a[::2, ::-1], a[1], a[1, 2], fnp.asarray(np.float16(1.5))):
        assert npy_bytes(fnp.save, v) == npy_bytes(np.save, np.asarray(v))
        assert_same(fnp.load(io.BytesIO(npy_bytes(fnp.save, v))), np.asarray(v).copy())
