/**
 * A local classifier judge built with Tribuo: features of the continuation and its relation to the
 * prefilled text, logistic regression, models saved with Tribuo's provenance.
 */
package org.c2lab.eval.judge.classifier;
