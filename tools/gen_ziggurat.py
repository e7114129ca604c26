#!/usr/bin/env python3
"""Generate crates/ferronum/src/random/ziggurat.rs: the 256-layer ziggurat tables of
`standard_normal` and `standard_exponential` (Marsaglia & Tsang, "The Ziggurat Method for
Generating Random Variables", J. Stat. Softw. 5(8), 2000).

    python tools/gen_ziggurat.py            # rewrite the Rust file
    python tools/gen_ziggurat.py --check    # exit 1 if the file is not this script's output

The tables must produce NumPy's draws bit for bit, so they follow the arithmetic by which
NumPy's constants were made, not merely the mathematics:

- Normal (f(x) = exp(-x^2/2), r = 3.6541528853610088, section area v = 0.0049286732339746519):
  the layer edges come from the recursion x_{i+1} = f^-1(f(x_i) + v/x_i) run in IEEE double
  from x_0 = r (so each edge carries the recursion's rounding, which a high-precision
  recomputation would not reproduce). One density value is a documented exception: at the
  edge x = 0x1.c3e70f9594ef3p-1 NumPy's density is one ulp above the correctly rounded
  exp(-x^2/2) (the libm that made NumPy's constants rounded up there); that value feeds the
  next edge, so it is reproduced here.
- Exponential (f(x) = exp(-x), r = 7.6971174701310497, v = (r + 1) exp(-r)): the edges are
  computed to 30 significant digits (mpmath) and rounded once.

Units: a double normal draw uses 52 bits of the integer (so `w = x / 2^52`), a double
exponential draw 53 bits, float draws 23 bits. `k_i = round(x_{i-1}/x_i * 2^bits)` is the
acceptance threshold of layer i; index 0 is the base strip (`k_0 = r f(r) / v`,
`w_0 = v / f(r)`), `f` the density at each edge (`f_0 = 1`). Float tables round the double
values to binary32; the exponential float tables round through 9 significant decimal digits,
as NumPy's constants were written.

Known difference: NumPy's `ke_double` thresholds were not made by a procedure found here; the
values below are the correctly rounded thresholds, which differ from NumPy's by at most 2
units in 2^53 in about 200 entries. A draw is affected only when its 53-bit integer falls
in that gap (probability below 2.3e-16 per exponential draw); every other value is
identical.
"""

import math
import struct
import sys
from pathlib import Path

import mpmath

LAYERS = 256
NORMAL_R = "3.6541528853610087963519472518"
EXPONENTIAL_R = "7.6971174701310497140446280481"
OUT = Path(__file__).resolve().parent.parent / "crates/ferronum/src/random/ziggurat.rs"

# The one density value where NumPy's constants carry an upward-rounded exp (see above).
NORMAL_DENSITY_ROUNDED_UP = float.fromhex("0x1.5ad29acc85c88p-1")


def normal_density(x):
    y = math.exp(-0.5 * x * x)
    if y == NORMAL_DENSITY_ROUNDED_UP:
        y = math.nextafter(y, 1.0)
    return y


def normal_edges():
    """Edges x_0 = 0 < x_1 < ... < x_255 = r, built downward from r in double precision."""
    r = float(NORMAL_R)
    v = 0.0049286732339746519
    xs = [r]
    for _ in range(LAYERS - 2):
        x = xs[-1]
        xs.append(math.sqrt(-2.0 * math.log(normal_density(x) + v / x)))
    xs.append(0.0)
    return xs[::-1], r, v


def exponential_edges():
    mpmath.mp.dps = 30
    r = mpmath.mpf(EXPONENTIAL_R)
    v = (r + 1) * mpmath.exp(-r)
    xs = [r]
    for _ in range(LAYERS - 2):
        x = xs[-1]
        xs.append(-mpmath.log(mpmath.exp(-x) + v / x))
    xs.append(mpmath.mpf(0))
    return xs[::-1], r, v


def layer_tables(xs, r, v, density, scale, nearest):
    k = [0] * LAYERS
    for i in range(1, LAYERS):
        k[i] = nearest(xs[i - 1] / xs[i] * scale)
    k[0] = nearest(r * density(r) / v * scale)
    w = [x / scale for x in xs]
    w[0] = v / density(r) / scale
    f = [density(x) for x in xs]
    return k, w, f


def to_f32(x):
    return struct.unpack("f", struct.pack("f", float(x)))[0]


def to_f32_9_digits(x):
    return to_f32(float("%.8e" % float(x)))


def tables():
    out = {}
    xs, r, v = normal_edges()
    k, w, f = layer_tables(xs, r, v, normal_density, 2.0**52, round)
    out["KI_DOUBLE"], out["WI_DOUBLE"], out["FI_DOUBLE"] = k, w, f
    k, w, f = layer_tables(xs, r, v, normal_density, 2.0**23, round)
    out["KI_FLOAT"] = k
    out["WI_FLOAT"] = [to_f32(a) for a in w]
    out["FI_FLOAT"] = [to_f32(a) for a in f]

    xs, r, v = exponential_edges()
    density = lambda x: mpmath.exp(-x)  # noqa: E731
    nearest = lambda a: int(mpmath.nint(a))  # noqa: E731
    k, w, f = layer_tables(xs, r, v, density, mpmath.mpf(2) ** 53, nearest)
    out["KE_DOUBLE"] = k
    out["WE_DOUBLE"] = [float(a) for a in w]
    out["FE_DOUBLE"] = [float(a) for a in f]
    k, w, f = layer_tables(xs, r, v, density, mpmath.mpf(2) ** 23, nearest)
    out["KE_FLOAT"] = k
    out["WE_FLOAT"] = [to_f32_9_digits(a) for a in w]
    out["FE_FLOAT"] = [to_f32_9_digits(a) for a in f]
    return out


def constants():
    """The tail starts r (and 1/r for the normal tail's exponential majorant)."""
    mpmath.mp.dps = 30
    nor_r = mpmath.mpf(NORMAL_R)
    exp_r = mpmath.mpf(EXPONENTIAL_R)
    values = [("NOR_R", nor_r), ("NOR_INV_R", 1 / nor_r), ("EXP_R", exp_r)]
    out = [(name, float(v), "f64") for name, v in values]
    out += [(name + "_F", to_f32(float(v)), "f32") for name, v in values]
    return out


RUST_TYPES = {"_DOUBLE": ("u64", "f64"), "_FLOAT": ("u32", "f32")}


def render():
    lines = [
        "//! The ziggurat tables of `standard_normal` and `standard_exponential` (256 layers).",
        "//! Generated by `tools/gen_ziggurat.py`, which documents their construction; do not edit.",
        "",
        "#![allow(clippy::excessive_precision, clippy::unreadable_literal)]",
    ]
    for name, values in tables().items():
        suffix = name[2:]
        int_type, float_type = RUST_TYPES[suffix]
        is_k = name.startswith("K")
        ty = int_type if is_k else float_type
        if is_k:
            width = 16 if ty == "u64" else 8
            items = ["0x%0*x" % (width, a) for a in values]
        else:
            items = [repr(float(a)) for a in values]
        lines += ["", "#[rustfmt::skip]", "pub static %s: [%s; %d] = [" % (name, ty, LAYERS)]
        for i in range(0, LAYERS, 4):
            lines.append("    " + ", ".join(items[i : i + 4]) + ",")
        lines.append("];")
    lines.append("")
    for name, value, ty in constants():
        lines.append("pub const %s: %s = %s;" % (name, ty, repr(value)))
    return "\n".join(lines) + "\n"


def main():
    text = render()
    if "--check" in sys.argv[1:]:
        if OUT.read_text() != text:
            sys.exit("%s is not the output of tools/gen_ziggurat.py" % OUT)
        return
    OUT.write_text(text)


if __name__ == "__main__":
    main()
