"""Mistakes ferronum's stubs must catch: python/tests/test_typing.py runs ``mypy --strict`` on
this file and expects exactly the errors marked ``# E: <code>`` (on that line), no others.
It is never run.
"""

from __future__ import annotations

import ferronum as np

a = np.zeros((2, 3))
m = np.eye(2)
rng = np.random.default_rng(0)

np.zeros((2, 2), dtyp=np.float64)  # E: call-arg
n: int = np.ones(3)  # E: assignment
a.no_such_method()  # E: attr-defined
np.no_such_function(a)  # E: attr-defined
np.set_num_threads("4")  # E: arg-type
a.shape = (3, 2)  # E: misc
np.linalg.inv(m).eigenvalues  # E: attr-defined
np.linalg.eigh(m).eigenvectors.nope  # E: attr-defined
label: str = rng.normal(size=3)  # E: assignment
rng.integers(0, 10, size=3).upper()  # E: attr-defined
np.add.reduce(a, axis=0, bogus=1)  # E: call-arg
np.add.nin.real.bit_length().nope  # E: attr-defined
np.fft.fft(a, norm="sideways")  # E: arg-type
np.testing.assert_allclose(a)  # E: call-arg
np.sort(a, kind="bogosort")  # E: arg-type
q, r = np.divmod(a, 2)
q.nope  # E: attr-defined
np.sum(a, axis=0).shape[0] + "x"  # E: operator
np.split(a, 2).shape  # E: attr-defined
np.asarray([1, 2], order="X")  # E: arg-type
np.random.Generator(np.random.PCG64(1)).standard_normal(size=3).nope  # E: attr-defined
np.where(a > 0).shape  # E: attr-defined
np.linalg.svd(a).U.nope  # E: attr-defined
