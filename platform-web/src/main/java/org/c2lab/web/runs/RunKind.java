package org.c2lab.web.runs;

import java.util.List;

/**
 * The kinds of run the lab server queues. Each is executed as the {@code ./c2} command it names, so
 * the command line shown for a run is exactly what ran.
 */
public enum RunKind {
  C2_EVAL("c2-eval", List.of("eval", "c2")),
  C2_SYN("c2-syn", List.of("syn")),
  SFT("sft", List.of("train", "sft")),
  DPO("dpo", List.of("train", "dpo"));

  private final String id;
  private final List<String> command;

  RunKind(String id, List<String> command) {
    this.id = id;
    this.command = command;
  }

  /** The kind as stored and as written in the REST API, e.g. {@code c2-eval}. */
  public String id() {
    return id;
  }

  /** The {@code ./c2} sub-command words, e.g. {@code [eval, c2]}. */
  public List<String> command() {
    return command;
  }

  /**
   * The kind with this id.
   *
   * @throws IllegalArgumentException naming the valid ids
   */
  public static RunKind fromId(String id) {
    for (RunKind k : values()) {
      if (k.id.equals(id)) {
        return k;
      }
    }
    throw new IllegalArgumentException(
        "kind: unknown run kind '" + id + "' (one of c2-eval, c2-syn, sft, dpo)");
  }
}
