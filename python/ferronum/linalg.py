"""ferronum.linalg: linear algebra on the Rust engine (``norm`` for now)."""

import numpy as _numpy

from ._ferronum import norm

LinAlgError = _numpy.linalg.LinAlgError

__all__ = ["norm", "LinAlgError"]
