/** Agreement between two judges on the same samples: the 2x2 table and Cohen's kappa. */
package org.c2lab.eval.judge.agreement;
