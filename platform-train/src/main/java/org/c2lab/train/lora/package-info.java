/**
 * LoRA adapters on a frozen base model: configuration, PEFT-compatible names, the switch that turns
 * the policy back into its reference model, and merging into the base weights for export.
 */
package org.c2lab.train.lora;
