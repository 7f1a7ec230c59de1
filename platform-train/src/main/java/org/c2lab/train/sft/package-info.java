/** Supervised fine-tuning on {prompt, response} JSON Lines with the DPO trainer's machinery. */
package org.c2lab.train.sft;
