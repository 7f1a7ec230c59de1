/**
 * Judges beyond core's keyword baseline, and what judges are measured with: labelled data ({@link
 * org.c2lab.eval.judge.LabelledExamples}), evaluation against labels ({@link
 * org.c2lab.eval.judge.JudgeEvaluation}), and {@link org.c2lab.eval.judge.JudgeSpec}, which builds
 * a judge from {@code keyword | classifier:FILE | llm:URL#MODEL}. Sub-packages: {@code llm} (the
 * paper's LLM judge), {@code classifier} (a local Tribuo classifier), {@code agreement} (Cohen's
 * kappa between two judges).
 */
package org.c2lab.eval.judge;
