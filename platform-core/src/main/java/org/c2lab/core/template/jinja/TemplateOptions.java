package org.c2lab.core.template.jinja;

import java.time.Clock;
import java.util.Objects;

/**
 * Environment settings of a template.
 *
 * @param trimBlocks drop the first newline after a block tag ({@code trim_blocks})
 * @param lstripBlocks strip spaces and tabs before a block tag at the start of a line
 * @param keepTrailingNewline keep a single newline at the end of the template source
 * @param clock what {@code strftime_now} reads, injectable for reproducible renders
 */
public record TemplateOptions(
    boolean trimBlocks, boolean lstripBlocks, boolean keepTrailingNewline, Clock clock) {

  /** Validates that a clock is given. */
  public TemplateOptions {
    Objects.requireNonNull(clock, "clock");
  }

  /**
   * The environment transformers renders chat templates in: {@code trim_blocks=True}, {@code
   * lstrip_blocks=True}, Jinja2's default of dropping the trailing newline, the system clock.
   */
  public static TemplateOptions huggingFace() {
    return new TemplateOptions(true, true, false, Clock.systemDefaultZone());
  }

  /** Jinja2's own defaults: no trimming of whitespace around block tags. */
  public static TemplateOptions jinjaDefaults() {
    return new TemplateOptions(false, false, false, Clock.systemDefaultZone());
  }

  /** The same options with another clock for {@code strftime_now}. */
  public TemplateOptions withClock(Clock newClock) {
    return new TemplateOptions(trimBlocks, lstripBlocks, keepTrailingNewline, newClock);
  }
}
