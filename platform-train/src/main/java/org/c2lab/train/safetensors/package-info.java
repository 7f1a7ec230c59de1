/**
 * The safetensors format in plain Java NIO: a memory-mapped reader that validates the header
 * (bounds, dtypes, shapes, overlaps) and hands out tensor slices without copying a file through the
 * Java heap, sharded checkpoints ({@code model.safetensors.index.json}), half-precision widening
 * (BF16 and F16 to F32, bit-exact) and a writer that produces spec-conformant files.
 */
package org.c2lab.train.safetensors;
