"""Dask arrays with ferronum chunks, against the same Dask computation with NumPy chunks.

Every case builds one Dask expression twice, from NumPy chunks and from ferronum chunks, and
compares the computed results: same dtype, shape and values (exact for integers and orderings,
to a few ulp for floating-point sums, whose association differs with the engine's blocking),
the chunks and results ferronum arrays, and ``_meta`` a ferronum array wherever Dask keeps a
dimension (a full reduction's ``_meta`` is 0-d, built from the NumPy scalar ferronum's reductions
return, as NumPy's do). Also: the entry points (backend, sizeof, lookups), ``dask.random`` on
the ferronum backend (bit-identical to NumPy's streams), mixed chunk types, errors, pickling,
and a two-process ``LocalCluster``.
"""

from __future__ import annotations

import pickle

import numpy as np
import pytest

import ferronum as fnp

dask = pytest.importorskip("dask", reason="dask is not installed (make test installs dask[array,distributed])")
da = pytest.importorskip("dask.array", reason="dask.array is not installed")

RNG = np.random.default_rng(1234)
A = RNG.standard_normal((12, 10))
B = RNG.standard_normal((10, 8))
I = RNG.integers(-5, 5, (12, 10))
A_NAN = A.copy()
A_NAN[A_NAN > 1.2] = np.nan


def mk(a, mod, chunks=(5, 4)):
    return da.from_array(mod.asarray(a), chunks=chunks)


def check(dn, df, *, meta=True):
    """``dn`` NumPy-chunked, ``df`` ferronum-chunked: the same result."""
    if meta and df.ndim > 0:
        assert isinstance(df._meta, fnp.ndarray), type(df._meta)
    rn, rf = dn.compute(), df.compute()
    if np.ndim(rn) == 0:
        assert type(rf) is type(rn), (type(rf), type(rn))
    else:
        assert isinstance(rf, fnp.ndarray), type(rf)
    got = np.asarray(rf)
    assert got.dtype == np.asarray(rn).dtype
    assert got.shape == np.shape(rn)
    if got.dtype.kind in "fc":
        # A few ulp: float16 and float32 sums round at each step, in an order that depends on
        # the engine's blocking (ferronum's float16 sums are the more accurate).
        tol = max(1e-12, 4 * float(np.finfo(got.dtype).eps))
        np.testing.assert_allclose(got, rn, rtol=tol, atol=tol, equal_nan=True)
    else:
        np.testing.assert_array_equal(got, rn)


REDUCTIONS = ["sum", "mean", "std", "var", "min", "max", "argmin", "argmax", "prod", "any", "all"]

CASES = {
    "add-mul": lambda m: mk(A, m) + mk(A, m) * 2 - 1.5,
    "sin-exp": lambda m: np.sin(mk(A, m)) + np.exp(mk(A, m) / 4),
    "int-floordiv-mod": lambda m: mk(I, m) // 3 + (mk(I, m) % 2),
    "int-true-divide": lambda m: mk(I, m) / 4,
    "compare": lambda m: mk(A, m) > mk(A, m).T.T * 0.5,
    "broadcast-row": lambda m: mk(A, m) - mk(A[0], m, 4),
    "where": lambda m: da.where(mk(A, m) > 0, mk(A, m), 0),
    "astype-f32": lambda m: mk(A, m).astype(np.float32) * np.float32(3),
    "int-mean": lambda m: mk(I, m).mean(axis=0),
    "int-std": lambda m: mk(I, m).std(axis=1),
    "var-ddof": lambda m: mk(A, m).var(axis=0, ddof=1),
    "mean-keepdims": lambda m: mk(A, m).mean(axis=1, keepdims=True),
    "f32-sum": lambda m: mk(A.astype(np.float32), m).sum(axis=0),
    "nansum": lambda m: da.nansum(mk(A_NAN, m), axis=1),
    "nanmean": lambda m: da.nanmean(mk(A_NAN, m), axis=0),
    "nanvar": lambda m: da.nanvar(mk(A_NAN, m), axis=0),
    "nanmax": lambda m: da.nanmax(mk(A_NAN, m), axis=1),
    "nanargmin": lambda m: da.nanargmin(mk(A_NAN, m), axis=0),
    "cumsum": lambda m: da.cumsum(mk(A, m), axis=0),
    "cumprod": lambda m: da.cumprod(mk(A, m), axis=1),
    "einsum-matmul": lambda m: da.einsum("ij,jk->ik", mk(A, m), mk(B, m, (4, 3))),
    "einsum-rowdot": lambda m: da.einsum("ij,ij->i", mk(A, m), mk(A, m)),
    "tensordot": lambda m: da.tensordot(mk(A, m), mk(B, m, (4, 3)), axes=1),
    "tensordot-2": lambda m: da.tensordot(mk(A, m), mk(A, m), axes=([0], [0])),
    "matmul": lambda m: mk(A, m) @ mk(B, m, (4, 3)),
    "matmul-3d": lambda m: mk(A.reshape(2, 6, 10), m, (1, 3, 5)) @ mk(B, m, (5, 4)),
    "dot": lambda m: da.dot(mk(A, m), mk(B, m, (4, 3))),
    "concatenate": lambda m: da.concatenate([mk(A, m), mk(A, m, (6, 10))], axis=1),
    "stack": lambda m: da.stack([mk(A, m), mk(A, m)], axis=0),
    "slice": lambda m: mk(A, m)[2:9:2, ::-1],
    "int-index": lambda m: mk(A, m)[3],
    "fancy-index": lambda m: mk(A, m)[[0, 5, 11, 3]],
    "take": lambda m: da.take(mk(A, m), [1, 7, 2, 7], axis=1),
    "rechunk": lambda m: mk(A, m).rechunk((3, 10)),
    "rechunk-then-add": lambda m: mk(A, m).rechunk((7, 3)) + mk(A, m),
    "norm-axis1": lambda m: da.linalg.norm(mk(A, m), axis=1),
    "transpose": lambda m: mk(A, m).T + 1,
    "reshape": lambda m: mk(A, m).reshape(120),
    "percentile": lambda m: da.percentile(mk(A, m).ravel(), [10, 50, 90]),
    "clip-round": lambda m: da.round(mk(A, m).clip(-1, 1), 2),
    "isnan": lambda m: da.isnan(mk(A_NAN, m)),
    "diff": lambda m: da.diff(mk(A, m), axis=0),
    "unique": lambda m: da.unique(mk(I, m)),
    "bincount": lambda m: da.bincount(mk(I, m).ravel() + 5),
    "topk": lambda m: da.topk(mk(A, m).ravel(), 3),
    "map_blocks-sort": lambda m: mk(A, m).map_blocks(np.sort),
    "map_overlap": lambda m: mk(A, m).map_overlap(lambda b: b * 2, depth=1, boundary="reflect"),
    "outer": lambda m: da.outer(mk(A, m)[0], mk(A, m)[1]),
    "tril": lambda m: da.tril(mk(A, m)),
    "flip-roll": lambda m: da.roll(da.flip(mk(A, m), 0), 3, axis=1),
    "pad": lambda m: da.pad(mk(A, m), 2),
    "isin": lambda m: da.isin(mk(I, m), [1, 2]),
    "vindex": lambda m: mk(A, m).vindex[[0, 3, 5], [1, 2, 9]],
    "count_nonzero": lambda m: da.count_nonzero(mk(I, m), axis=0),
    "searchsorted": lambda m: da.searchsorted(mk(np.arange(20.0), m, 5), mk(A, m).ravel()),
    "digitize": lambda m: da.digitize(mk(A, m), np.array([-1.0, 0, 1])),
    "svd-values": lambda m: da.linalg.svd(mk(A, m, (12, 10)))[1],
    # Distinct values: among ties, which index a partition returns is the engine's choice.
    "argtopk": lambda m: da.argtopk(mk(A, m).ravel(), -4),
    "histogram": lambda m: da.histogram(mk(A, m), bins=5, range=(-3, 3))[0],
    "median": lambda m: da.median(mk(A, m, (12, 4)), axis=0),
    "nanquantile": lambda m: da.nanquantile(mk(A_NAN, m, (12, 4)), 0.3, axis=0),
    "cov": lambda m: da.cov(mk(A, m)),
    "corrcoef": lambda m: da.corrcoef(mk(A, m)),
    "fft-abs": lambda m: abs(da.fft.fft(mk(A, m, (5, 10)), axis=1)),
    "apply_gufunc": lambda m: da.apply_gufunc(lambda x: x.sum(-1), "(i)->()", mk(A, m, (5, 10))),
    "nanstd": lambda m: da.nanstd(mk(A_NAN, m), axis=1),
    "sum-dtype": lambda m: mk(I.astype(np.int8), m).sum(axis=0, dtype=np.int16),
}
# Dask derives these ``_meta`` from a full reduction (a NumPy scalar, from ferronum as from
# NumPy) or from NumPy arrays it makes itself (``da.fft`` probes ``numpy.ones``, ``histogram``
# its own bins), so they are NumPy's; the chunks and results are ferronum's.
NUMPY_META = {"unique", "bincount", "percentile", "nanargmin", "histogram", "fft-abs"}

for _r in REDUCTIONS:
    for _ax in (None, 0, 1):
        CASES[f"{_r}-axis{_ax}"] = (lambda r, ax: lambda m: getattr(mk(A, m), r)(axis=ax))(_r, _ax)
        if _r in ("argmin", "argmax", "any", "all"):
            NUMPY_META.add(f"{_r}-axis{_ax}")


@pytest.mark.parametrize("name", list(CASES))
def test_differential(name):
    f = CASES[name]
    check(f(np), f(fnp), meta=name not in NUMPY_META)


def test_chunks_and_results_are_ferronum():
    x = mk(A, fnp)
    assert isinstance(x._meta, fnp.ndarray)
    assert "ferronum.ndarray" in repr(x)
    blocks = (x + 1).to_delayed().ravel()
    assert all(isinstance(b.compute(), fnp.ndarray) for b in blocks)
    assert isinstance((x * 2).compute(), fnp.ndarray)


def test_map_blocks_asarray():
    x = da.from_array(A, chunks=(5, 4)).map_blocks(fnp.asarray)
    assert isinstance(x._meta, fnp.ndarray)
    check(da.from_array(A, chunks=(5, 4)).sum(axis=0), x.sum(axis=0))


def test_lookups_registered():
    from dask.array import dispatch as d

    x = fnp.ones((2, 3))
    assert d.concatenate_lookup.dispatch(fnp.ndarray) is fnp.concatenate
    assert d.tensordot_lookup.dispatch(fnp.ndarray) is fnp.tensordot
    assert d.take_lookup.dispatch(fnp.ndarray) is fnp.take
    for lookup in (d.einsum_lookup, d.percentile_lookup, d.numel_lookup, d.nannumel_lookup, d.empty_lookup,
                   d.divide_lookup):
        assert lookup.dispatch(fnp.ndarray).__module__.startswith("ferronum"), lookup
    n = d.numel_lookup(x, axis=1, keepdims=True)
    assert isinstance(n, fnp.ndarray) and n.shape == (2, 1) and n.dtype == np.float64 and (np.asarray(n) == 3).all()
    nn = d.nannumel_lookup(fnp.asarray([[np.nan, 1.0], [2.0, 3.0]]), axis=0)
    assert isinstance(nn, fnp.ndarray) and np.asarray(nn).tolist() == [1, 2]
    from dask.array.chunk_types import is_valid_chunk_type

    assert is_valid_chunk_type(fnp.ndarray)


def test_sizeof():
    from dask.sizeof import sizeof

    assert sizeof(fnp.ones((100, 10))) == 8000
    # A broadcast view costs only its distinct elements, as Dask counts NumPy's.
    assert sizeof(fnp.broadcast_to(fnp.ones(10), (1000, 10))) == 80


@pytest.fixture
def ferronum_backend():
    with dask.config.set({"array.backend": "ferronum"}):
        yield


BACKEND_CASES = {
    "ones": lambda: da.ones((6, 4), chunks=3),
    "zeros-i4": lambda: da.zeros((5,), chunks=2, dtype="i4"),
    "empty": lambda: da.empty((3, 3), chunks=2) * 0,
    "full": lambda: da.full((4, 4), 7.5, chunks=2),
    "arange": lambda: da.arange(0, 20, 3, chunks=4),
    "arange-float": lambda: da.arange(0.5, 5, 0.5, chunks=3),
    "rng-random": lambda: da.random.default_rng(42).random((10, 6), chunks=(4, 3)),
    "rng-normal": lambda: da.random.default_rng(7).standard_normal((9,), chunks=4),
    "rng-integers": lambda: da.random.default_rng(3).integers(0, 100, (8,), chunks=3),
    "randomstate": lambda: da.random.RandomState(5).random_sample((7,), chunks=3),
    "randomstate-normal": lambda: da.random.RandomState(5).normal(1, 2, (7,), chunks=3),
    "ones-sum": lambda: da.ones((6, 4), chunks=3).sum(axis=0),
}


@pytest.mark.parametrize("name", list(BACKEND_CASES))
def test_backend(name):
    dn = BACKEND_CASES[name]()
    with dask.config.set({"array.backend": "ferronum"}):
        df = BACKEND_CASES[name]()
    assert isinstance(df._meta, fnp.ndarray)
    rn, rf = dn.compute(), df.compute()
    assert isinstance(rf, fnp.ndarray)
    assert rf.dtype == rn.dtype and rf.shape == rn.shape
    # Same seeds, same spawned streams: ferronum's generators draw NumPy's values bit for bit.
    np.testing.assert_array_equal(np.asarray(rf), rn)


def test_to_backend():
    x = da.from_array(A, chunks=(5, 4))
    y = x.to_backend("ferronum")
    assert isinstance(y._meta, fnp.ndarray) and isinstance(y.compute(), fnp.ndarray)
    z = y.to_backend("numpy")
    assert type(z.compute()) is np.ndarray
    np.testing.assert_array_equal(z.compute(), A)


def test_mixed_chunk_types_convert_to_ferronum():
    # A NumPy-chunked and a ferronum-chunked array in one expression: ferronum's
    # ``__array_ufunc__`` takes the NumPy chunk (zero-copy), so the result is ferronum's and
    # equal to the all-NumPy computation.
    xn = mk(A, np)
    xf = mk(A, fnp)
    for expr in (lambda a, b: a + b, lambda a, b: da.concatenate([a, b]), lambda a, b: (a * b).sum(axis=1)):
        r = expr(xn, xf).compute()
        assert isinstance(r, fnp.ndarray)
        np.testing.assert_allclose(np.asarray(r), expr(xn, xn).compute(), rtol=1e-12)


def test_chunk_error_propagates():
    x = mk(A, fnp)
    with pytest.raises(ValueError, match="reshape"):
        x.map_blocks(lambda b: b.reshape(7, 7), dtype=float).compute()


def test_pickle_chunks_out_of_band():
    x = fnp.asarray(A)
    buffers = []
    data = pickle.dumps(x, protocol=5, buffer_callback=buffers.append)
    assert len(buffers) == 1 and memoryview(buffers[0]).nbytes == A.nbytes
    received = bytearray(buffers[0].raw())  # the bytes as a worker receives them
    y = pickle.loads(data, buffers=[received])
    assert isinstance(y, fnp.ndarray)
    np.testing.assert_array_equal(np.asarray(y), A)
    # No copy on arrival either: the array is a view of the received bytes.
    received[:8] = np.float64(42.0).tobytes()
    assert y[0, 0] == 42.0


def test_threaded_scheduler():
    x = mk(A, fnp)
    r = da.linalg.norm(x - mk(A[::-1], fnp), axis=1)
    rn = da.linalg.norm(mk(A, np) - mk(A[::-1], np), axis=1)
    for scheduler in ("threads", "sync"):
        got = r.compute(scheduler=scheduler)
        assert isinstance(got, fnp.ndarray)
        np.testing.assert_allclose(np.asarray(got), rn.compute(scheduler=scheduler), rtol=1e-12)


def _seed_distances(ps, qs):
    """The seed tutorial's three ways to compute the distances of many pairs, on Dask."""
    d = ps - qs
    return [
        (d**2).sum(axis=1) ** 0.5,
        da.linalg.norm(d, axis=1),
        da.einsum("ij,ij->i", d, d) ** 0.5,
    ]


def test_local_cluster_processes():
    distributed = pytest.importorskip("distributed", reason="dask.distributed is not installed")
    ps_np = RNG.standard_normal((400, 30))
    qs_np = RNG.standard_normal((400, 30))
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, scheduler_port=0,
                                  dashboard_address=None, silence_logs=50) as cluster:
        with distributed.Client(cluster) as client:
            # The workers found ferronum through the entry points and size their pools from
            # the one thread each was given.
            # Each worker's ferronum, as Dask reports it (``None`` where it is missing; Dask
            # warns about a mismatch with the client's).
            versions = client.get_versions(packages=["ferronum"])
            assert {w["packages"]["ferronum"] for w in versions["workers"].values()} == {fnp.__version__}
            threads = client.run(fnp.get_num_threads)
            assert len(threads) == 2 and set(threads.values()) == {1}
            ps = da.from_array(fnp.asarray(ps_np), chunks=(100, 30))
            qs = da.from_array(fnp.asarray(qs_np), chunks=(100, 30))
            want = np.sqrt(((ps_np - qs_np) ** 2).sum(axis=1))
            for r in _seed_distances(ps, qs):
                got = client.compute(r).result()
                assert isinstance(got, fnp.ndarray)
                np.testing.assert_allclose(np.asarray(got), want, rtol=1e-12)
            # Chunks that move between workers (a rechunk across both) arrive as ferronum arrays.
            got = client.compute((ps.rechunk((400, 10)) * 2).sum(axis=0)).result()
            assert isinstance(got, fnp.ndarray)
            np.testing.assert_allclose(np.asarray(got), (ps_np * 2).sum(axis=0), rtol=1e-12)
            with pytest.raises(ValueError, match="reshape"):
                client.compute(ps.map_blocks(lambda b: b.reshape(7, 7), dtype=float)).result()


DTYPE_DATA = {
    "bool": A > 0,
    "int8": I.astype(np.int8),
    "uint16": (I + 5).astype(np.uint16),
    "int32": I.astype(np.int32),
    "float32": A.astype(np.float32),
    "float16": A.astype(np.float16),
    "complex128": A + 1j * A[::-1],
}
DTYPE_OPS = {
    "sum0": lambda x: x.sum(axis=0),
    "mean1": lambda x: x.mean(axis=1),
    "var0": lambda x: x.var(axis=0),
    "prod1": lambda x: x.prod(axis=1),
    "max0": lambda x: x.max(axis=0),
    "cumsum1": lambda x: x.cumsum(axis=1),
    "add-self": lambda x: x + x,
    "concat-rechunk": lambda x: da.concatenate([x, x]).rechunk((8, 3)),
}


@pytest.mark.parametrize("op", list(DTYPE_OPS))
@pytest.mark.parametrize("dt", list(DTYPE_DATA))
def test_dtypes(dt, op):
    data = DTYPE_DATA[dt]
    f = DTYPE_OPS[op]
    with np.errstate(all="ignore"):
        check(f(mk(data, np)), f(mk(data, fnp)))


def test_empty_and_auto_chunks():
    check(mk(np.zeros((0, 4)), np, (2, 2)).sum(axis=0), mk(np.zeros((0, 4)), fnp, (2, 2)).sum(axis=0))
    xn = da.from_array(A)
    xf = da.from_array(fnp.asarray(A))
    assert xf.chunks == xn.chunks
    check(xn.mean(axis=0), xf.mean(axis=0))
