package org.c2lab.web.runs;

import io.micronaut.context.annotation.ConfigurationProperties;
import java.time.Duration;
import java.util.List;

/**
 * The job queue's settings, under {@code c2.queue.*} (e.g. {@code C2_QUEUE_CPU=2} in the
 * environment). GPU lanes ({@code cuda:N}) always run one run at a time.
 */
@ConfigurationProperties("c2.queue")
public class QueueSettings {
  private int cpu = 1;
  private int remote = 4;
  private Duration pollInterval = Duration.ofMillis(500);
  private List<String> javaOptions = List.of("-Dai.djl.offline=true");
  private boolean launch = true;

  /** Runs at a time in the {@code cpu} lane (default 1). */
  public int getCpu() {
    return cpu;
  }

  public void setCpu(int cpu) {
    this.cpu = Math.max(1, cpu);
  }

  /** Runs at a time in the {@code remote} lane, models served elsewhere (default 4). */
  public int getRemote() {
    return remote;
  }

  public void setRemote(int remote) {
    this.remote = Math.max(1, remote);
  }

  /**
   * How often the queue looks at its children (progress, results, exits) and starts runs (default
   * 500ms; subscribers hear of a run's progress at most once per interval).
   */
  public Duration getPollInterval() {
    return pollInterval;
  }

  public void setPollInterval(Duration pollInterval) {
    this.pollInterval = pollInterval;
  }

  /** JVM options of each child process (default {@code -Dai.djl.offline=true}). */
  public List<String> getJavaOptions() {
    return javaOptions;
  }

  public void setJavaOptions(List<String> javaOptions) {
    this.javaOptions = List.copyOf(javaOptions);
  }

  /**
   * Whether the queue starts runs (default true). When false, runs are accepted and wait: for a
   * read-only replica, or tests of the API alone.
   */
  public boolean isLaunch() {
    return launch;
  }

  public void setLaunch(boolean launch) {
    this.launch = launch;
  }

  /** How many runs {@code lane} may run at once. */
  public int capacity(String lane) {
    if (lane.startsWith("cuda")) {
      return 1;
    }
    return lane.equals(QueueLaunch.REMOTE) ? remote : cpu;
  }
}
