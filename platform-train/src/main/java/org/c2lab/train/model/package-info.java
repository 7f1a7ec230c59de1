/**
 * Model configuration and families: {@link org.c2lab.train.model.ModelConfig} (a validated Hugging
 * Face {@code config.json}), rotary embedding variants, the {@link
 * org.c2lab.train.model.ModelFamily} strategy that turns a config and weights into a runnable
 * {@link org.c2lab.train.model.CausalLm}, and {@link org.c2lab.train.model.LocalModel}, a Hugging
 * Face model folder opened on DJL.
 */
package org.c2lab.train.model;
