/**
 * Where models run: {@link org.c2lab.train.device.ComputeDevice} ({@code --device cpu|cuda[:N]},
 * the weight dtype and memory of each), host memory, facts about the loaded libtorch, and {@link
 * org.c2lab.train.device.RuntimeReport}, what {@code ./c2 doctor} prints.
 */
package org.c2lab.train.device;
