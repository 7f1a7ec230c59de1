/** What is trained: full fine-tuning of every weight, or LoRA adapters on a frozen base. */
package org.c2lab.train.finetune;
