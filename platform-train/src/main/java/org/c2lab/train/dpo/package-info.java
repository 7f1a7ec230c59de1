/**
 * Direct preference optimisation: the losses (sigmoid/cDPO, IPO, hinge, optional RPO term), the
 * reference model's log-probabilities (live or cached on disk) and the DPO objective and job.
 */
package org.c2lab.train.dpo;
