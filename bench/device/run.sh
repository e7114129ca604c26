#!/bin/bash
# The 16-core device runs behind bench/device/*.md. Build a cp312 wheel here first (the device
# has Python 3.12 and no Rust), into a folder git ignores, and carry that folder:
#   echo /.devrun/ >> .git/info/exclude
#   .venv/bin/maturin build --release -i python3.12 -o .devrun
#   cp bench/device/run.sh .devrun/   # then the device tool: run `bash .devrun/run.sh [SECTION...]`, carry .devrun
# SECTIONs: seed ufuncs reductions linalg (default: all). Results come back under $OUT:
# seed tutorial and ufuncs at 16 and 1 threads, reductions at 16, and einsum, matmul and the
# decompositions at 16 threads and at 1 (NumPy's OpenBLAS limited to 1 thread too).
python3 -m pip install -q --no-index --no-deps --no-compile --no-cache-dir --target /tmp/site .devrun/*.whl || exit 1
export PYTHONPATH=/tmp/site PYTHONUNBUFFERED=1
sections=${*:-seed ufuncs reductions linalg}
{
nproc; lscpu | grep -E 'Model name|Socket|Thread|Core|L3|NUMA node0' | cut -c1-150
lscpu | grep -o 'avx512[a-z]*' | sort -u | tr '\n' ' '; echo
python3 -c "import numpy, ferronum, sys; print(sys.version.split()[0], numpy.__version__, ferronum.get_num_threads())"
cd bench
for s in $sections; do
  case $s in
  seed|ufuncs)
    for t in 16 1; do
      echo "=== $s threads=$t"
      if [ $s = seed ]; then timeout 150 python3 seed_tutorial.py --quick --no-plot --threads $t --out $OUT/seed$t
      else timeout 150 python3 ufuncs.py --quick --threads $t --out $OUT/uf$t; fi
    done ;;
  reductions)
    echo "=== reductions threads=16"; timeout 100 python3 reductions.py --quick --threads 16 --out $OUT/red16 ;;
  linalg)
    for t in 16 1; do
      # NumPy on one OpenBLAS thread too for the 1-thread rows; only for these commands.
      one=(); if [ $t = 1 ]; then one=(env OPENBLAS_NUM_THREADS=1 OMP_NUM_THREADS=1); fi
      echo "=== einsum threads=$t"; timeout 120 "${one[@]}" python3 einsum.py --quick --threads $t
      echo "=== products threads=$t"; timeout 150 "${one[@]}" python3 products.py --quick --threads $t
      echo "=== decompositions threads=$t"; timeout 120 "${one[@]}" python3 decompositions.py --quick --threads $t
    done ;;
  esac
done
} 2>&1 | tee $OUT/log.txt
