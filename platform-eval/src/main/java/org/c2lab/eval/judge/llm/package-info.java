/**
 * The LLM judge of C2-Eval over an OpenAI-compatible chat endpoint, with the paper's settings, a
 * versioned prompt resource, and the reply read the reference way and leniently.
 */
package org.c2lab.eval.judge.llm;
