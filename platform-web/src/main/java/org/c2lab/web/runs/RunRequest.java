package org.c2lab.web.runs;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a user asks the queue to run: a kind and its parameters, named as the command's long options
 * without the dashes ({@code model}, {@code data}, {@code beta}, ...; flags take {@code "true"}).
 * The output directory is the server's to choose.
 *
 * @param kind what to run
 * @param name a label shown in listings, may be empty
 * @param params option name to value, in the order given
 * @param priority higher runs first within a lane; 0 is normal
 * @param dependsOn ids of runs that must succeed before this one starts (e.g. SFT, then C2-Eval)
 */
public record RunRequest(
    RunKind kind, String name, Map<String, String> params, int priority, List<String> dependsOn) {
  public RunRequest {
    Objects.requireNonNull(kind, "kind");
    name = name == null ? "" : name;
    params = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(params));
    dependsOn = List.copyOf(dependsOn == null ? List.of() : dependsOn);
  }
}
