"""Thread control and determinism: get/set_num_threads; results bit-identical for 1 and 2
threads on arrays large enough to be split; concurrent Python threads; panics surface as
RuntimeError instead of aborting the interpreter."""

import threading

import numpy as np
import pytest

import ferronum as fnp

from conftest import assert_same, assert_same_error

N = 1_000_003  # above any sensible grain size, and odd so that chunks are uneven


def test_get_set_num_threads(restore_threads):
    assert isinstance(fnp.get_num_threads(), int)
    assert fnp.get_num_threads() >= 1
    fnp.set_num_threads(1)
    assert fnp.get_num_threads() == 1
    fnp.set_num_threads(2)
    assert fnp.get_num_threads() == 2
    fnp.set_num_threads(3)
    assert fnp.get_num_threads() == 3


def test_set_num_threads_rejects_bad_values(restore_threads):
    with pytest.raises(ValueError):
        fnp.set_num_threads(0)
    with pytest.raises((ValueError, OverflowError)):
        fnp.set_num_threads(-1)
    with pytest.raises(TypeError):
        fnp.set_num_threads(1.5)
    assert fnp.get_num_threads() == restore_threads


def _workloads():
    rng = np.random.default_rng(2024)
    x = rng.standard_normal(N)
    y = rng.standard_normal(N)
    m = rng.standard_normal((1001, 1003))
    xi = rng.integers(-(2**40), 2**40, N)
    x32 = x.astype(np.float32)
    fx, fy, fm, fxi, fx32 = map(fnp.array, (x, y, m, xi, x32))
    return {
        "add": lambda: fx + fy,
        "mul_strided": lambda: fx[::-2] * fy[::2],
        "pow2": lambda: fx ** 2,
        "exp": lambda: fnp.exp(fx),
        "sin": lambda: fnp.sin(fx32),
        "div_int": lambda: fxi // 7,
        "cmp": lambda: fx < fy,
        "sum_f64": lambda: fnp.sum(fx),
        "sum_f32": lambda: fnp.sum(fx32),
        "sum_int": lambda: fnp.sum(fxi),
        "sum_axis0": lambda: fnp.sum(fm, axis=0),
        "sum_axis1": lambda: fnp.sum(fm, axis=1),
        "sum_T": lambda: fnp.sum(fm.T, axis=1),
        "norm": lambda: fnp.linalg.norm(fx),
        "norm_axis1": lambda: fnp.linalg.norm(fm, axis=1),
        "einsum_rows": lambda: fnp.einsum("ij,ij->i", fm, fm),
        "einsum_cols": lambda: fnp.einsum("ij,ij->j", fm, fm),
        "astype": lambda: fx.astype(np.float32),
        "copy_T": lambda: fm.T.copy(),
        "broadcast": lambda: fm + fm[0],
    }, dict(x=x, y=y, m=m, xi=xi, x32=x32)


def _as_bytes(r):
    a = np.asarray(r)
    return a.dtype, a.shape, a.tobytes()


def test_results_identical_for_1_and_2_threads(restore_threads):
    work, _ = _workloads()
    results = {}
    for nt in (1, 2):
        fnp.set_num_threads(nt)
        results[nt] = {k: _as_bytes(fn()) for k, fn in work.items()}
    diffs = [k for k in work if results[1][k] != results[2][k]]
    assert not diffs, f"results differ between 1 and 2 threads: {diffs}"


def test_parallel_results_match_numpy(restore_threads):
    work, d = _workloads()
    fnp.set_num_threads(2)
    x, y, m, xi = d["x"], d["y"], d["m"], d["xi"]
    assert_same(work["add"](), x + y, exact=True)
    assert_same(work["mul_strided"](), x[::-2] * y[::2], exact=True)
    assert_same(work["div_int"](), xi // 7)
    assert_same(work["cmp"](), x < y)
    assert_same(work["sum_int"](), np.sum(xi))
    assert_same(work["sum_f64"](), np.sum(x), rtol=1e-10)
    assert_same(work["sum_axis0"](), np.sum(m, axis=0), rtol=1e-10, atol=1e-10)
    assert_same(work["sum_axis1"](), np.sum(m, axis=1), rtol=1e-10, atol=1e-10)
    assert_same(work["norm_axis1"](), np.linalg.norm(m, axis=1), rtol=1e-12)
    assert_same(work["einsum_rows"](), np.einsum("ij,ij->i", m, m), rtol=1e-12)
    assert_same(work["broadcast"](), m + m[0], exact=True)


def test_concurrent_python_threads(restore_threads):
    """Several Python threads using ferronum at once (the GIL is released for large work)
    must each get correct results."""
    fnp.set_num_threads(2)
    rng = np.random.default_rng(5)
    data = [rng.standard_normal(300_000) for _ in range(4)]
    expected = [np.sum(d * 2.0 + 1.0) for d in data]
    errors = []

    def worker(i):
        try:
            f = fnp.array(data[i])
            for _ in range(5):
                r = fnp.sum(f * 2.0 + 1.0)
                if not np.isclose(r, expected[i], rtol=1e-10):
                    errors.append((i, r, expected[i]))
        except Exception as e:  # noqa: BLE001
            errors.append((i, repr(e)))

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors, errors


def test_inplace_on_shared_array_from_threads(restore_threads):
    """Disjoint slices of one array updated from different Python threads."""
    fnp.set_num_threads(2)
    f = fnp.zeros(400_000)
    parts = [f[i::4] for i in range(4)]

    def worker(i):
        p = parts[i]
        p += float(i + 1)

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    expected = np.tile(np.array([1.0, 2.0, 3.0, 4.0]), 100_000)
    assert_same(f, expected)


def test_panic_becomes_runtimeerror():
    with pytest.raises(RuntimeError) as ei:
        fnp._ferronum._panic_for_test()
    assert type(ei.value) is RuntimeError or issubclass(type(ei.value), RuntimeError)
    # the interpreter and the library still work afterwards
    assert_same(fnp.arange(3) + 1, np.arange(3) + 1)
    with pytest.raises(RuntimeError):
        fnp._ferronum._panic_for_test()


def test_errors_in_parallel_paths_do_not_abort(restore_threads):
    fnp.set_num_threads(2)
    a = fnp.ones(N)
    b = fnp.ones(N - 1)
    assert_same_error(lambda: a + b, lambda: np.ones(N) + np.ones(N - 1))
    assert_same_error(lambda: fnp.arange(N) ** -1, lambda: np.arange(N) ** -1)
