/**
 * What makes the long jobs of this module resumable: append-only JSON Lines logs written in whole
 * units and repaired after a crash ({@link org.c2lab.eval.checkpoint.UnitLog}), the settings a run
 * must keep to be resumed ({@link org.c2lab.eval.checkpoint.RunManifest}), and atomic replacement
 * of small result files ({@link org.c2lab.eval.checkpoint.AtomicFile}).
 */
package org.c2lab.eval.checkpoint;
