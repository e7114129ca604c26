"""ferronum.linalg: linear algebra on the Rust engine (``norm`` for now)."""

import numpy as _numpy

from ._ferronum import matrix_power, multi_dot, norm

LinAlgError = _numpy.linalg.LinAlgError

__all__ = ["norm", "multi_dot", "matrix_power", "LinAlgError"]
