/**
 * C2-Syn as a resumable, streaming job: select PKU-SafeRLHF training requests, plan cut points,
 * phrases and triggers, let an aligned model write the safe response and the four corrective
 * continuations, and write the 15 ranked preference pairs per request in TRL's JSON Lines format
 * ({@link org.c2lab.eval.synthesis.C2SynJob}).
 */
package org.c2lab.eval.synthesis;
