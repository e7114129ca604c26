"""The seed tutorial ("Numpy in Python for High Performance Computing",
shared/seed/numpy-hpc-tutorial.txt): its code, run with ferronum in place of NumPy, gives
NumPy's dtypes, shapes, result types and values. Sizes: the tutorial's 1000 for vectors, a
smaller 200x300 for the ps/qs matrices to stay fast."""

import numpy
import pytest

import ferronum

from conftest import assert_same

N = 1000
M, K = 200, 300


# --- the tutorial's functions, verbatim except that the module is a parameter `np` ---
def naive_dist(p, q):
    square_distance = 0
    for p_i, q_i in zip(p, q):
        square_distance += (p_i - q_i) ** 2
    return square_distance ** 0.5


def simple_numpy_dist(np, p, q):
    return (np.sum((p - q) ** 2)) ** 0.5


def numpy_norm_dist(np, p, q):
    return np.linalg.norm(p - q)


def simple_numpy_dists(np, ps, qs):
    return np.sum((ps - qs) ** 2, axis=1) ** 0.5


def numpy_norm_dists(np, ps, qs):
    return np.linalg.norm(ps - qs, axis=1)


def einsum_dists(np, ps, qs):
    difference = ps - qs
    return np.einsum("ij,ij->i", difference, difference) ** 0.5


MODULES = {"numpy": numpy, "ferronum": ferronum}


def vectors(np):
    p = np.arange(N)
    q = np.arange(N) + 2
    return p, q


def matrices(np):
    ps = np.asarray([[i + 1000 * j for i in range(K)] for j in range(M)])
    qs = np.asarray([[i + 1000 * j + 2 for i in range(K)] for j in range(M)])
    return ps, qs


def test_square_arange():
    assert_same(ferronum.arange(1000) ** 2, numpy.arange(1000) ** 2)


def test_vectors_setup():
    for fa, na in zip(vectors(ferronum), vectors(numpy)):
        assert_same(fa, na)


def test_matrices_setup():
    for fa, na in zip(matrices(ferronum), matrices(numpy)):
        assert_same(fa, na)


@pytest.mark.parametrize("fn", [simple_numpy_dist, numpy_norm_dist], ids=lambda f: f.__name__)
def test_single_pair_distance(fn):
    rf = fn(ferronum, *vectors(ferronum))
    rn = fn(numpy, *vectors(numpy))
    assert_same(rf, rn, rtol=1e-12)
    assert rn == pytest.approx(numpy.sqrt(4 * N))


def test_naive_dist_on_ferronum_arrays():
    rf = naive_dist(*vectors(ferronum))
    rn = naive_dist(*vectors(numpy))
    assert_same(rf, rn, rtol=1e-12)


@pytest.mark.parametrize("fn", [simple_numpy_dists, numpy_norm_dists, einsum_dists], ids=lambda f: f.__name__)
def test_many_pairs_distances(fn):
    rf = fn(ferronum, *matrices(ferronum))
    rn = fn(numpy, *matrices(numpy))
    assert_same(rf, rn, rtol=1e-12)
    assert rn.shape == (M,)


def test_distances_agree_with_each_other():
    ps, qs = matrices(ferronum)
    a = numpy.asarray(simple_numpy_dists(ferronum, ps, qs))
    b = numpy.asarray(numpy_norm_dists(ferronum, ps, qs))
    c = numpy.asarray(einsum_dists(ferronum, ps, qs))
    numpy.testing.assert_allclose(a, b, rtol=1e-12)
    numpy.testing.assert_allclose(a, c, rtol=1e-12)


def test_full_size_matrices_einsum():
    """The tutorial's own 1000x1000 size, once, for the fastest path."""
    ps = numpy.arange(1000 * 1000).reshape(1000, 1000)
    qs = ps + 2
    fps, fqs = ferronum.asarray(ps), ferronum.asarray(qs)
    assert_same(einsum_dists(ferronum, fps, fqs), einsum_dists(numpy, ps, qs), rtol=1e-12)
    assert_same(numpy_norm_dists(ferronum, fps, fqs), numpy_norm_dists(numpy, ps, qs), rtol=1e-12)
    assert_same(simple_numpy_dists(ferronum, fps, fqs), simple_numpy_dists(numpy, ps, qs), rtol=1e-12)
