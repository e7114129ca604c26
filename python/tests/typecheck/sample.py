"""A program using ferronum as NumPy code uses NumPy; ``mypy --strict`` must pass it.

python/tests/test_typing.py type-checks it with ferronum's stubs and also runs it, so it stays
working code. ``assert_type`` pins the types the stubs give (mypy checks them; at run time they
do nothing).
"""

from __future__ import annotations

import math
from typing import Any, assert_type

import ferronum as np
import ferronum.testing as npt


# --------------------------------------------------------------- the seed tutorial's code ---
def dist(p: np.ndarray, q: np.ndarray) -> float:
    """Euclidean distance of two vectors, as the tutorial writes it with NumPy."""
    return float(np.sqrt(np.sum((p - q) ** 2)))


def dist_einsum(p: np.ndarray, q: np.ndarray) -> float:
    d = p - q
    return float(np.sqrt(np.einsum("i,i->", d, d)))


def pairwise(ps: np.ndarray, qs: np.ndarray) -> np.ndarray:
    """Distances of many pairs at once: one reduction over the last axis."""
    return np.sqrt(np.sum((ps - qs) ** 2, axis=1))


def squares(n: int) -> np.ndarray:
    return np.arange(n) ** 2


class Tagged(np.ndarray):
    """A subclass written as NumPy's documentation writes one: ``view(cls)`` and
    ``__array_finalize__``."""

    tag: str

    def __new__(cls, data: Any, tag: str = "") -> Tagged:
        obj = np.asarray(data).view(cls)
        obj.tag = tag
        return obj

    def __array_finalize__(self, obj: Any) -> None:
        self.tag = getattr(obj, "tag", "")


def main() -> None:
    # creation
    a = np.asarray([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]])
    assert_type(a, np.ndarray)
    z = np.zeros((2, 3), dtype=np.float32)
    o = np.ones_like(a, dtype="int64")
    e = np.eye(3, k=1)
    r = np.arange(0, 10, 2, dtype=np.int32)
    lin = np.linspace(0.0, 1.0, num=5)
    f = np.full((2, 2), 7, order="F")
    grid = np.mgrid[0:3, 0:2]
    assert_type(grid, np.ndarray)
    assert_type(a.shape, tuple[int, ...])
    assert a.shape == (2, 3) and z.dtype == np.float32 and o.dtype == np.int64
    assert_type(a.dtype, np.dtype[Any])
    assert_type(a.ndim, int)
    assert e.size == 9 and r.itemsize == 4 and f.flags.f_contiguous and lin.shape == (5,)

    # arithmetic, operators and ufuncs
    b = a * 2 + 1
    c = np.add(a, b)
    assert_type(c, np.ndarray)
    q, rem = np.divmod(b, 3)
    assert_type(np.divmod(b, 3), tuple[np.ndarray, np.ndarray])
    mask = (a > 2) & (b < 12)
    assert_type(mask, np.ndarray)
    m = np.maximum(a, 3.0, out=np.empty_like(a))
    s = np.sin(a) ** 2 + np.cos(a) ** 2
    npt.assert_allclose(s, np.ones_like(s))
    assert np.allclose(q * 3 + rem, b)
    assert np.add.nin == 2 and np.add.nout == 1 and np.add.identity == 0
    assert_type(np.add.nin, int)
    total = np.add.reduce(a, axis=None)
    acc = np.multiply.accumulate(np.arange(1, 6))
    table = np.multiply.outer(np.arange(3), np.arange(4))
    np.add.at(m, (0, 1), 10.0)
    segs = np.add.reduceat(np.arange(8), [0, 4, 6])
    assert total == 21.0 and acc[-1] == 120 and table.shape == (3, 4) and segs.tolist() == [6, 9, 13]

    # reductions: a full reduction gives a scalar (Any), an axis gives an array
    full_sum = np.sum(a)
    col_sum = np.sum(a, axis=0)
    assert_type(col_sum, np.ndarray)
    assert_type(a.mean(axis=1), np.ndarray)
    mean = float(a.mean())
    assert full_sum == 21.0 and col_sum.tolist() == [5.0, 7.0, 9.0] and mean == 3.5
    assert int(np.argmax(a)) == 5 and float(np.std(a, ddof=1)) > 0 and np.median(a, axis=0).shape == (3,)
    assert float(np.percentile(a, 50)) == 3.5 and np.cumsum(a, axis=1).shape == (2, 3)
    assert bool(np.all(a > 0)) and not bool(np.any(a > 6))

    # indexing and views
    row: np.ndarray = a[0]
    col = a[:, 1]
    assert_type(col, np.ndarray)
    picked = a[a > 3]
    fancy = a[[0, 1], [2, 0]]
    item = a[1, 2]
    a2 = a.copy()
    a2[0, :] = 0
    a2[a2 > 5] = -1
    view = a.reshape(3, 2).T
    assert row.shape == (3,) and picked.tolist() == [4.0, 5.0, 6.0] and fancy.tolist() == [3.0, 4.0]
    assert float(item) == 6.0 and view.shape == (2, 3) and view.base is not None
    assert np.shares_memory(view, a) and a2.sum() == 8.0

    # shape manipulation, sorting, sets
    st = np.stack([a, b], axis=0)
    parts = np.split(np.arange(6), 3)
    assert_type(parts, list[np.ndarray])
    srt = np.sort(np.array([3, 1, 2]), kind="stable")
    order = np.argsort(srt)
    uniq = np.unique(np.array([1, 1, 2]))
    w = np.where(a > 2, a, 0.0)
    nz = np.nonzero(a > 4)
    assert_type(np.where(a > 4), tuple[np.ndarray, ...])
    assert_type(np.linspace(0, 1, 5), np.ndarray)
    assert_type(nz, tuple[np.ndarray, ...])
    assert st.shape == (2, 2, 3) and len(parts) == 3 and srt.tolist() == [1, 2, 3]
    assert order.tolist() == [0, 1, 2] and len(uniq) == 2 and w.shape == a.shape and len(nz) == 2

    # linear algebra
    mat = np.array([[4.0, 1.0], [1.0, 3.0]])
    inv = np.linalg.inv(mat)
    assert_type(inv, np.ndarray)
    eig = np.linalg.eigh(mat)
    assert_type(eig, np.linalg.EighResult)
    eigenvalues: np.ndarray = eig.eigenvalues
    x = np.linalg.solve(mat, np.array([1.0, 2.0]))
    det = np.linalg.det(mat)
    nrm = np.linalg.norm(mat, ord="fro")
    u, sv, vh = np.linalg.svd(mat)
    assert_type(np.linalg.svd(mat).S, np.ndarray)
    qr = np.linalg.qr(mat)
    assert np.allclose(qr.Q @ qr.R, mat) and np.allclose((u * sv) @ vh, mat)
    prod = mat @ inv
    assert np.allclose(prod, np.eye(2)) and eigenvalues.shape == (2,) and x.shape == (2,)
    assert math.isclose(float(det), 11.0) and float(nrm) > 0 and np.dot(x, x) > 0

    # FFT
    sig = np.sin(np.linspace(0.0, 2 * math.pi, 64, endpoint=False))
    spec = np.fft.rfft(sig, norm="ortho")
    assert_type(spec, np.ndarray)
    freqs = np.fft.rfftfreq(64, d=1 / 64)
    back = np.fft.irfft(spec, n=64, norm="ortho")
    npt.assert_allclose(back, sig, atol=1e-12)
    assert spec.shape == freqs.shape == (33,)

    # random
    rng = np.random.default_rng(12345)
    assert_type(rng, np.random.Generator)
    draws = rng.normal(0.0, 1.0, size=(100, 3))
    assert_type(draws, np.ndarray)
    one = rng.random()
    ints = rng.integers(0, 10, size=5, endpoint=True)
    rng.shuffle(ints)
    child = rng.spawn(2)[0]
    assert_type(child, np.random.Generator)
    legacy = np.random.RandomState(0).randint(0, 5, size=4)
    assert draws.shape == (100, 3) and 0.0 <= float(one) < 1.0 and ints.shape == (5,) and legacy.shape == (4,)
    assert pairwise(draws[:, :2], draws[:, 1:]).shape == (100,)

    # a subclass
    t = Tagged([1.0, 2.0], tag="metres")
    assert_type(t, Tagged)
    assert_type(np.arange(3).view(Tagged), Tagged)
    assert_type(np.arange(3).view(np.float64), np.ndarray)
    assert_type(t[:1], Tagged)
    assert_type(t * 2, Tagged)
    assert_type(t.reshape(2, 1).T, Tagged)
    assert isinstance(t, Tagged) and t.tag == "metres" and isinstance(t[:1], Tagged) and t[:1].tag == "metres"

    # the tutorial's distances, dtype and scalar helpers
    p, qv = rng.random(1000), rng.random(1000)
    assert math.isclose(dist(p, qv), dist_einsum(p, qv))
    assert squares(4).tolist() == [0, 1, 4, 9]
    assert np.result_type(np.int8, np.float32) == np.float32 and np.can_cast(np.int8, np.int64)
    assert np.finfo(np.float64).eps > 0 and np.iinfo(np.int8).max == 127
    assert_type(np.emath.sqrt(np.array([-1.0, 4.0])), np.ndarray)
    assert np.emath.sqrt(-1.0) == 1j and np.ndim(a) == 2 and np.shape(a) == (2, 3)
    with np.errstate(divide="ignore"):
        assert np.isinf(np.divide(1.0, np.zeros(1))).all()


if __name__ == "__main__":
    main()
