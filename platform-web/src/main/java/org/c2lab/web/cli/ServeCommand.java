package org.c2lab.web.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.c2lab.web.account.AccountService;
import org.c2lab.web.server.LabServer;
import org.c2lab.web.server.LabServerOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ./c2 serve}: the lab server (dashboard, REST API, job queue) on one public port until
 * stopped. Prints {@code serving the lab at URL} once the port is bound. Stops cleanly on SIGTERM
 * or Ctrl-C (a shutdown hook has the serving thread stop the server before the JVM exits) and when
 * its thread is interrupted (tests).
 */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    description = {
      "Run the lab server: the dashboard at /, the REST API at /api and the OpenAI-compatible"
          + " endpoints at /v1, all on one port, with runs queued and stored under $C2_HOME."
          + " Runs until stopped (Ctrl-C or SIGTERM)."
    })
public class ServeCommand implements Callable<Integer> {
  /** How long a shutdown waits for the server to stop. */
  private static final long SHUTDOWN_WAIT_SECONDS = 15;

  @Spec CommandSpec spec;

  @Option(
      names = "--host",
      defaultValue = "0.0.0.0",
      description = "Address to bind (default: ${DEFAULT-VALUE}, every interface).")
  String host;

  @Option(
      names = "--port",
      defaultValue = "8080",
      description = "Port (default: ${DEFAULT-VALUE}; 0 picks a free one).")
  int port;

  @Override
  public Integer call() {
    LabServerOptions options =
        new LabServerOptions(host, port, List.of(), Map.of("c2.home", C2Home.root().toString()));
    CountDownLatch stop = new CountDownLatch(1);
    CountDownLatch stopped = new CountDownLatch(1);
    Thread hook =
        new Thread(
            () -> {
              stop.countDown();
              try {
                stopped.await(SHUTDOWN_WAIT_SECONDS, TimeUnit.SECONDS);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            },
            "c2-serve-shutdown");
    boolean serving = false;
    try (LabServer server = LabServer.start(options)) {
      Runtime.getRuntime().addShutdownHook(hook);
      PrintWriter out = spec.commandLine().getOut();
      out.printf("serving the lab at %s (stop with Ctrl-C)%n", server.uri());
      // Shown once, on the first start only: the admin's one-time password is kept nowhere else.
      server
          .context()
          .findBean(AccountService.class)
          .flatMap(AccountService::firstStartBanner)
          .ifPresent(out::println);
      out.flush();
      serving = true;
      try {
        stop.await(); // until the hook runs or an embedding caller interrupts
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    } finally {
      if (serving) {
        spec.commandLine().getErr().println("stopped the lab server");
        spec.commandLine().getErr().flush();
      }
      stopped.countDown();
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException e) {
        // the JVM is shutting down and runs the hook itself
      }
    }
    return 0;
  }
}
