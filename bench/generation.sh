#!/usr/bin/env bash
# Generation throughput of the Java sampler (DJL + PyTorch 2.7.1 natives) next to plain PyTorch
# eager in Python (Debian's python3-torch) on the same random Llama models, in the same run.
# Java and Python alternate per batch size, so both see the same load on a shared machine.
#
#   bench/generation.sh              # ~10M and ~100M models, batch 1, 8, 32, greedy, 128 new tokens
#   MODE=sampling bench/generation.sh   # temperature 0.8, top-p 0.7 (the C2-Eval decoding)
#
# Needs: Java 17, Maven, /usr/bin/python3 with torch (apt-get install -y python3-torch; add
# libopenblas0-pthread, or torch's matrix products run on the reference BLAS). Models are written
# once to $BENCH_DIR (default c2-data/bench). Prints a Markdown table.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
sizes="${SIZES:-10m 100m}"
batches="${BATCHES:-1 8 32}"
prompt_tokens="${PROMPT_TOKENS:-32}"
new_tokens="${NEW_TOKENS:-128}"
runs="${RUNS:-3}"
mode="${MODE:-greedy}"
cores="$(getconf _NPROCESSORS_ONLN)"
threads="${THREADS:-$cores}"
work="${BENCH_DIR:-$root/c2-data/bench}"
python="${PYTHON:-/usr/bin/python3}"

"$python" -c 'import torch' 2>/dev/null || {
  echo "bench: $python has no torch (apt-get install -y python3-torch)" >&2
  exit 1
}

echo "bench: building platform-train test classes..." >&2
cp_file="$(mktemp)"
(cd "$root" && mvn -B -q -Dstyle.color=never -DskipTests -Dspotless.check.skip=true \
  -pl platform-train -am test-compile dependency:build-classpath \
  -Dmdep.outputFile="$cp_file" -Dmdep.includeScope=test) >&2
cp="$root/platform-train/target/classes:$root/platform-train/target/test-classes:$(cat "$cp_file")"
rm -f "$cp_file"
bench_class=org.c2lab.train.generation.GenerationBenchmark

# Java: libtorch's OpenMP pool (MKL inside) gets the threads. Python: OpenBLAS gets them and
# torch's own pool one thread; with both pools at $threads, OpenBLAS's pthreads and torch's OpenMP
# threads oversubscribe the cores (batch 8 ran at a quarter of the speed on 2 cores).
py_torch_threads="${PY_TORCH_THREADS:-1}"
blas="$(readlink -f /etc/alternatives/libblas.so.3-x86_64-linux-gnu 2>/dev/null || echo unknown)"
torch_version="$("$python" -c 'import torch; print(torch.__version__)')"
sampling_flag=""
[ "$mode" = sampling ] && sampling_flag="--sampling"

echo "date: $(date -u +%Y-%m-%dT%H:%MZ); cpu: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)" \
  "x $cores; threads: $threads (Python: OpenBLAS $threads, torch $py_torch_threads);" \
  "mode: $mode; prompt $prompt_tokens + $new_tokens new tokens;" \
  "median of $runs after a warm-up"
echo "java: $(java -version 2>&1 | head -1); python torch $torch_version, BLAS $blas"
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo
echo "| model | batch | Java DJL tok/s | PyTorch eager tok/s | Java / PyTorch |"
echo "|---|---|---|---|---|"
for size in $sizes; do
  dir="$work/llama-$size"
  if [ ! -f "$dir/model.safetensors" ]; then
    java -cp "$cp" "$bench_class" write "$dir" "$size" >&2
  fi
  for b in $batches; do
    j=$(OMP_NUM_THREADS="$threads" java -Dai.djl.offline=true -cp "$cp" "$bench_class" run \
      "$dir" "$b" "$prompt_tokens" "$new_tokens" "$mode" "$runs" 2>/dev/null \
      | awk '$1 == "java" {print $3}')
    p=$(OMP_NUM_THREADS="$py_torch_threads" OPENBLAS_NUM_THREADS="$threads" "$python" \
      "$root/bench/llama_eager.py" "$dir" --batches "$b" --prompt-tokens "$prompt_tokens" \
      --new-tokens "$new_tokens" --runs "$runs" --threads "$py_torch_threads" $sampling_flag \
      | awk '$1 == "python" {print $3}')
    ratio=$(awk -v j="$j" -v p="$p" 'BEGIN {printf "%.2f", j / p}')
    echo "| $size | $b | $j | $p | $ratio |"
  done
done
echo
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
