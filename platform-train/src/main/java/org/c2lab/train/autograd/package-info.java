/**
 * What autograd on DJL's PyTorch engine needs beyond DJL: native scalar constants that a graph can
 * keep alive, and gradient bookkeeping (collecting, zeroing, global norm) done explicitly because
 * DJL's collector neither zeroes gradients nor clips them by global norm.
 */
package org.c2lab.train.autograd;
