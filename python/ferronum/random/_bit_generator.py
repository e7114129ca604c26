"""``SeedSequence`` and the bit generators (``PCG64``, ``PCG64DXSM``, ``MT19937``, ``Philox``,
``SFC64``). The seed coercion rules live here (NumPy writes them in Python too); the hashing
and every draw run in the Rust engine (``_Core``)."""

import operator
import re
import secrets
from threading import RLock

import numpy as _np

from .. import _ferronum as _ext
from .._ferronum import asarray as _asarray

DEFAULT_POOL_SIZE = 4
_DECIMAL_RE = re.compile(r"[0-9]+")
_MASK32 = 0xFFFFFFFF


def _int_to_words(n):
    if n < 0:
        raise ValueError("expected non-negative integer")
    n = int(n)
    if n == 0:
        return [0]
    out = []
    while n > 0:
        out.append(n & _MASK32)
        n >>= 32
    return out


def _coerce_to_words(x):
    """NumPy's ``_coerce_to_uint32_array`` as a list of Python ints."""
    if hasattr(x, "dtype") and hasattr(x, "shape") and str(x.dtype) == "uint32" and not isinstance(x, (int, _np.integer)):
        return [int(v) for v in x.ravel().tolist()] if len(x.shape) else [int(x)]
    if isinstance(x, str):
        if x.startswith("0x"):
            x = int(x, base=16)
        elif _DECIMAL_RE.match(x):
            x = int(x)
        else:
            raise ValueError("unrecognized seed string")
    if isinstance(x, (int, _np.integer)):
        return _int_to_words(x)
    if isinstance(x, (float, _np.inexact)):
        raise TypeError("seed must be integer")
    if hasattr(x, "ndim") and x.ndim == 0:
        return _coerce_to_words(x.item())
    if len(x) == 0:
        return []
    out = []
    for v in x:
        if hasattr(v, "__len__") and not isinstance(v, str):
            raise TypeError("SeedSequence does not accept nested sequences.")
        if hasattr(v, "ndim") and v.ndim == 0:
            v = v.item()
        out.extend(_coerce_to_words(v))
    return out


class ISeedSequence:
    """Abstract base of seed sequences (NumPy's ``ISeedSequence``)."""


class ISpawnableSeedSequence(ISeedSequence):
    """Abstract base of spawnable seed sequences."""


class SeedSequence(ISpawnableSeedSequence):
    """NumPy's ``SeedSequence``: the same entropy gives the same states, bit for bit."""

    def __init__(self, entropy=None, *, spawn_key=(), pool_size=DEFAULT_POOL_SIZE, n_children_spawned=0):
        if pool_size < DEFAULT_POOL_SIZE:
            raise ValueError(f"The size of the entropy pool should be at least {DEFAULT_POOL_SIZE}")
        if entropy is None:
            entropy = secrets.randbits(pool_size * 32)
        elif not isinstance(entropy, (int, _np.integer, list, tuple, range, _np.ndarray, _ext.ndarray)):
            raise TypeError(f"SeedSequence expects int or sequence of ints for entropy not {entropy}")
        self.entropy = entropy
        self.spawn_key = tuple(spawn_key)
        self.pool_size = pool_size
        self.n_children_spawned = n_children_spawned
        self._pool = _ext._seedseq_pool(self._assembled(), pool_size)

    def _assembled(self):
        run = _coerce_to_words(self.entropy)
        spawn = _coerce_to_words(self.spawn_key)
        if len(spawn) > 0 and len(run) < self.pool_size:
            run = run + [0] * (self.pool_size - len(run))
        return run + spawn

    @property
    def pool(self):
        return _asarray(self._pool, dtype=_np.uint32)

    def __repr__(self):
        lines = [f"{type(self).__name__}(", f"    entropy={self.entropy!r},"]
        if self.spawn_key:
            lines.append(f"    spawn_key={self.spawn_key!r},")
        if self.pool_size != DEFAULT_POOL_SIZE:
            lines.append(f"    pool_size={self.pool_size!r},")
        if self.n_children_spawned != 0:
            lines.append(f"    n_children_spawned={self.n_children_spawned!r},")
        lines.append(")")
        return "\n".join(lines)

    @property
    def state(self):
        return {k: getattr(self, k) for k in ["entropy", "spawn_key", "pool_size", "n_children_spawned"]
                if getattr(self, k) is not None}

    def generate_state(self, n_words, dtype=_np.uint32):
        dt = _np.dtype(dtype)
        if dt == _np.dtype(_np.uint32):
            return _ext._seedseq_generate(self._pool, int(n_words))
        if dt == _np.dtype(_np.uint64):
            return _ext._seedseq_generate64(self._pool, int(n_words))
        raise ValueError("only support uint32 or uint64")

    def _words(self, n):
        return [int(v) for v in self.generate_state(n).tolist()]

    def spawn(self, n_children):
        if n_children < 0:
            raise ValueError("n_children must be non-negative")
        seqs = [type(self)(self.entropy, spawn_key=self.spawn_key + (i,), pool_size=self.pool_size)
                for i in range(self.n_children_spawned, self.n_children_spawned + n_children)]
        self.n_children_spawned += n_children
        return seqs

    def __reduce__(self):
        return (_rebuild_seedseq, (self.entropy, self.spawn_key, self.pool_size, self.n_children_spawned))


def _rebuild_seedseq(entropy, spawn_key, pool_size, n_children_spawned):
    return SeedSequence(entropy, spawn_key=spawn_key, pool_size=pool_size, n_children_spawned=n_children_spawned)


class SeedlessSeedSequence(ISeedSequence):
    def generate_state(self, n_words, dtype=_np.uint32):
        raise NotImplementedError("seedless SeedSequences cannot generate state")

    def spawn(self, n_children):
        return [self] * n_children


def _size_tuple(size):
    if size is None:
        return None
    try:
        return (operator.index(size),)
    except TypeError:
        return tuple(operator.index(s) for s in size)


def _check_shape(shape):
    if any(s < 0 for s in shape):
        raise ValueError("negative dimensions are not allowed")
    return shape


class BitGenerator:
    """Base of the bit generators: a seed sequence and an engine ``_Core``."""

    _words = 0

    def __init__(self, seed=None):
        if type(self) is BitGenerator:
            raise NotImplementedError("BitGenerator is a base class and cannot be instantized")
        self.lock = RLock()
        if isinstance(seed, _np.random.SeedSequence):
            # NumPy's seed sequence (Dask spawns them, for one): ferronum's with the same state
            # hashes to the same words, so the stream is the one NumPy's generator would draw.
            seed = SeedSequence(seed.entropy, spawn_key=seed.spawn_key, pool_size=seed.pool_size,
                                n_children_spawned=seed.n_children_spawned)
        elif not isinstance(seed, ISeedSequence):
            seed = SeedSequence(seed)
        self._seed_seq = seed
        self._core = _ext._Core(type(self)._name, seed._words(type(self)._words))

    _name = ""

    @property
    def seed_seq(self):
        return self._seed_seq

    def spawn(self, n_children):
        n_children = operator.index(n_children)
        if n_children < 0:
            raise ValueError("n_children must be non-negative")
        if not isinstance(self._seed_seq, ISpawnableSeedSequence):
            raise TypeError("The underlying SeedSequence does not implement spawning.")
        return [type(self)(seed=s) for s in self._seed_seq.spawn(n_children)]

    def random_raw(self, size=None, output=True):
        shape = _size_tuple(size)
        n = 1
        for s in _check_shape(shape or ()):
            n *= s
        with self.lock:
            raw = self._core.random_raw(n)
        if not output:
            return None
        if shape is None:
            return int(raw[0])
        return raw.reshape(shape)

    def __getstate__(self):
        return self.state, self._seed_seq

    def __setstate__(self, state_seed_seq):
        if isinstance(state_seed_seq, dict):
            self.state = state_seed_seq
        else:
            self._seed_seq = state_seed_seq[1]
            self.state = state_seed_seq[0]

    def __reduce__(self):
        return (_bit_generator_ctor, (type(self).__name__,), (self.state, self._seed_seq))

    def _check_state(self, value):
        if not isinstance(value, dict):
            raise TypeError("state must be a dict")
        if value.get("bit_generator", "") != type(self).__name__:
            raise ValueError(f"state must be for a {type(self).__name__} RNG")

    def _int_state(self):
        (t, _g) = self._core.get_state()
        return t


def _bit_generator_ctor(name="MT19937"):
    return BitGenerators[name]()


def _wrap128(delta):
    return int(delta) % (1 << 128)


class PCG64(BitGenerator):
    """PCG64 (128-bit LCG, XSL-RR output)."""

    _name = "PCG64"
    _words = 8
    _dxsm = False

    @property
    def state(self):
        with self.lock:
            st, inc, has, val = self._int_state()
        return {"bit_generator": type(self).__name__, "state": {"state": st, "inc": inc},
                "has_uint32": int(has), "uinteger": int(val)}

    @state.setter
    def state(self, value):
        self._check_state(value)
        s = value["state"]
        with self.lock:
            self._core.set_pcg(self._dxsm, int(s["state"]) % (1 << 128), int(s["inc"]) % (1 << 128),
                               bool(value["has_uint32"]), int(value["uinteger"]) & _MASK32)

    def advance(self, delta):
        with self.lock:
            self._core.advance(_wrap128(delta))
        return self

    def jumped(self, jumps=1):
        g = type(self)(self._seed_seq)
        g.state = self.state
        g.advance(0x9E3779B97F4A7C15F39CC0605CEDC835 * int(jumps))
        return g


class PCG64DXSM(PCG64):
    """PCG64 with the DXSM output and the cheap multiplier."""

    _name = "PCG64DXSM"
    _dxsm = True


class MT19937(BitGenerator):
    """The Mersenne Twister; ``RandomState`` seeds it the legacy way (``_legacy_seeding``)."""

    _name = "MT19937"
    _words = 624

    def _legacy_seeding(self, seed):
        with self.lock:
            if seed is None:
                words = SeedSequence()._words(624)
                self._core.set_mt([0x80000000] + words[1:], 624)
            else:
                if hasattr(seed, "squeeze"):
                    seed = seed.squeeze()
                try:
                    idx = operator.index(seed)
                except TypeError:
                    obj = _np.asarray(seed.tolist() if isinstance(seed, _ext.ndarray) else seed)
                    if obj.size == 0:
                        raise ValueError("Seed must be non-empty")
                    obj = obj.astype(_np.int64, casting="safe")
                    if obj.ndim != 1:
                        raise ValueError("Seed array must be 1-d")
                    vals = [int(v) for v in obj.tolist()]
                    if any(v > 2**32 - 1 or v < 0 for v in vals):
                        raise ValueError("Seed must be between 0 and 2**32 - 1")
                    self._core.seed_mt_legacy(None, vals)
                else:
                    if idx > int(2**32 - 1) or idx < 0:
                        raise ValueError("Seed must be between 0 and 2**32 - 1")
                    self._core.seed_mt_legacy(idx, None)
            self._seed_seq = None

    @property
    def state(self):
        with self.lock:
            key, pos = self._int_state()
        return {"bit_generator": "MT19937", "state": {"key": key, "pos": int(pos)}}

    @state.setter
    def state(self, value):
        if isinstance(value, tuple):
            if value[0] != "MT19937" or len(value) not in (3, 5):
                raise ValueError("state is not a legacy MT19937 state")
            value = {"bit_generator": "MT19937", "state": {"key": value[1], "pos": value[2]}}
        if not isinstance(value, dict):
            raise TypeError("state must be a dict")
        if value.get("bit_generator", "") != "MT19937":
            raise ValueError("state must be for a MT19937 PRNG")
        key = value["state"]["key"]
        with self.lock:
            self._core.set_mt(key, int(value["state"]["pos"]))


class Philox(BitGenerator):
    """Philox 4x64-10 (counter-based)."""

    _name = "Philox"
    _words = 4

    def __init__(self, seed=None, counter=None, key=None):
        if seed is not None and key is not None:
            raise ValueError("seed and key cannot be both used")
        BitGenerator.__init__(self, seed)
        if key is not None or counter is not None:
            st = self.state
            if key is not None:
                k = _int_to_array(key, "key", 128, 64)
                st["state"]["key"] = k
            if counter is not None:
                st["state"]["counter"] = _int_to_array(counter, "counter", 256, 64)
            st["buffer_pos"] = 4
            st["has_uint32"] = 0
            st["uinteger"] = 0
            self.state = st

    @property
    def state(self):
        with self.lock:
            ctr, key, buf, pos, has, val = self._int_state()
        return {"bit_generator": "Philox", "state": {"counter": ctr, "key": key}, "buffer": buf,
                "buffer_pos": int(pos), "has_uint32": int(has), "uinteger": int(val)}

    @state.setter
    def state(self, value):
        self._check_state(value)
        def u64(a):
            return [int(v) for v in (a.tolist() if hasattr(a, "tolist") else a)]
        with self.lock:
            self._core.set_philox(u64(value["state"]["counter"]), u64(value["state"]["key"]), u64(value["buffer"]),
                                  int(value["buffer_pos"]), bool(value["has_uint32"]), int(value["uinteger"]))

    def advance(self, delta):
        d = int(delta) % (1 << 256)
        with self.lock:
            self._core.advance([(d >> (64 * i)) & 0xFFFFFFFFFFFFFFFF for i in range(4)])
        return self

    def jumped(self, jumps=1):
        g = type(self)(self._seed_seq)
        g.state = self.state
        g.advance(int(jumps) * (1 << 128))
        return g


def _int_to_array(value, name, bits, uint_size):
    len_ = bits // uint_size
    if isinstance(value, (int, _np.integer)):
        value = int(value)
        if value < 0 or value >= 2**bits:
            raise ValueError(f"{name} must be positive and less than 2**{bits}.")
        return [(value >> (uint_size * i)) & ((1 << uint_size) - 1) for i in range(len_)]
    vals = [int(v) for v in (value.tolist() if hasattr(value, "tolist") else value)]
    if len(vals) != len_:
        raise ValueError(f"{name} must have {len_} elements when using array form")
    return vals


class SFC64(BitGenerator):
    """Chris Doty-Humphrey's Small Fast Chaotic generator."""

    _name = "SFC64"
    _words = 6

    @property
    def state(self):
        with self.lock:
            st, has, val = self._int_state()
        return {"bit_generator": "SFC64", "state": {"state": st}, "has_uint32": int(has), "uinteger": int(val)}

    @state.setter
    def state(self, value):
        self._check_state(value)
        s = value["state"]["state"]
        with self.lock:
            self._core.set_sfc([int(v) for v in (s.tolist() if hasattr(s, "tolist") else s)],
                               bool(value["has_uint32"]), int(value["uinteger"]))


BitGenerators = {"MT19937": MT19937, "PCG64": PCG64, "PCG64DXSM": PCG64DXSM, "Philox": Philox, "SFC64": SFC64}
