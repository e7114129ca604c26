"""``ferronum.random``: NumPy's ``numpy.random`` with the same streams bit for bit
(``Generator``/``default_rng`` over ``PCG64``, ``PCG64DXSM``, ``MT19937``, ``Philox``, ``SFC64``;
the legacy ``RandomState`` and module functions). Draws run in the Rust engine."""

from ._bit_generator import (MT19937, PCG64, PCG64DXSM, SFC64, BitGenerator, Philox, SeedSequence,
                             ISeedSequence, ISpawnableSeedSequence)
from ._generator import Generator, default_rng
from . import _legacy
from ._legacy import RandomState, get_bit_generator, get_state, seed, set_bit_generator, set_state


def __getattr__(name):
    # The module functions follow the global RandomState, which set_bit_generator replaces.
    if name in _legacy._NAMES or name in ("ranf", "sample"):
        return getattr(_legacy, name)
    raise AttributeError(f"module 'ferronum.random' has no attribute {name!r}")


__all__ = ["Generator", "default_rng", "RandomState", "SeedSequence", "BitGenerator", "MT19937", "PCG64",
           "PCG64DXSM", "Philox", "SFC64", "seed", "get_state", "set_state", "get_bit_generator",
           "set_bit_generator"] + _legacy._NAMES + ["ranf", "sample"]
