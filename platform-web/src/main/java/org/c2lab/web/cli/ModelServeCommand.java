package org.c2lab.web.cli;

import jakarta.inject.Inject;
import java.io.PrintWriter;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.c2lab.core.preset.ModelPresets;
import org.c2lab.web.backend.ModelBackends;
import org.c2lab.web.backend.ModelHandle;
import org.c2lab.web.backend.ModelSpec;
import org.c2lab.web.serve.ModelServer;
import org.c2lab.web.serve.ServeOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ./c2 model serve}: one model behind OpenAI-compatible endpoints until stopped. Prints one
 * {@code serving NAME at URL} line once the port is bound. Stops cleanly on SIGTERM or Ctrl-C (a
 * shutdown hook has the serving thread stop the server and close the model before the JVM exits)
 * and when its thread is interrupted (an embedding caller, tests).
 */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    description = {
      "Serve one model over HTTP with OpenAI-compatible endpoints: /v1/models, /v1/completions"
          + " (text or token-id prompts, echo + logprobs scoring) and /v1/chat/completions"
          + " (the model's chat template; continue_final_message keeps the last assistant"
          + " message open). Runs until stopped (Ctrl-C or SIGTERM).",
      "MODEL is a Hugging Face folder or PRESET@URL[#NAME], a preset served elsewhere (its API"
          + " key, if any, from $"
          + ModelBackends.REMOTE_API_KEY_ENV
          + ")."
    })
public class ModelServeCommand implements Callable<Integer> {
  /** How long a shutdown waits for the server to stop and the model to close. */
  private static final long SHUTDOWN_WAIT_SECONDS = 10;

  private final ModelBackends backends;

  @Spec CommandSpec spec;

  @Option(
      names = "--model",
      required = true,
      paramLabel = "MODEL",
      description = "The model: " + ModelSpec.SYNTAX + ".")
  String model;

  @Option(
      names = "--host",
      defaultValue = "127.0.0.1",
      description = "Address to bind (default: ${DEFAULT-VALUE}, this machine only).")
  String host;

  @Option(
      names = "--port",
      defaultValue = "8000",
      description = "Port (default: ${DEFAULT-VALUE}; 0 picks a free one).")
  int port;

  @Option(
      names = "--template",
      paramLabel = "PRESET",
      description =
          "Render chats with this preset's chat template instead of the model's own"
              + " (tokenizer_config.json).")
  String template;

  @Option(
      names = "--served-model-name",
      paramLabel = "NAME",
      description = "The name clients send as 'model' (default: the folder's name or the preset).")
  String servedName;

  @Option(
      names = "--api-key-env",
      paramLabel = "NAME",
      description =
          "Require 'Authorization: Bearer KEY' with KEY the value of environment variable NAME.")
  String apiKeyEnv;

  @Option(
      names = "--max-concurrent-requests",
      defaultValue = "16",
      paramLabel = "N",
      description =
          "Requests using the model at once; more are answered 503 (default: ${DEFAULT-VALUE}).")
  int maxConcurrentRequests;

  @Inject
  public ModelServeCommand(ModelBackends backends) {
    this.backends = backends;
  }

  @Override
  public Integer call() throws Exception {
    Optional<ServeOptions.ApiKey> key =
        Optional.ofNullable(apiKeyEnv)
            .map(name -> ServeOptions.ApiKey.fromEnvironment(name, System.getenv(name)));
    ServeOptions options = new ServeOptions(host, port, key, maxConcurrentRequests);
    ModelHandle opened = backends.open(model);
    // SIGTERM and Ctrl-C run this hook: it wakes the serving thread, then holds the JVM until
    // that thread has stopped the server and closed the model (exactly once, there).
    CountDownLatch stop = new CountDownLatch(1);
    CountDownLatch closed = new CountDownLatch(1);
    Thread hook =
        new Thread(
            () -> {
              stop.countDown();
              try {
                closed.await(SHUTDOWN_WAIT_SECONDS, TimeUnit.SECONDS);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            },
            "c2-model-serve-shutdown");
    String served = null; // the name, once serving
    try {
      ModelHandle handle = opened;
      if (template != null) {
        handle = handle.withChatTemplate(ModelPresets.get(template).chatTemplate());
      }
      if (servedName != null) {
        handle = handle.withName(servedName);
      }
      ModelServer server = ModelServer.start(handle, options);
      try {
        Runtime.getRuntime().addShutdownHook(hook);
        PrintWriter out = spec.commandLine().getOut();
        out.printf(
            "serving %s at %s%s (stop with Ctrl-C)%n",
            handle.name(),
            server.apiRoot(),
            options.apiKey().isPresent() ? ", API key required" : "");
        out.flush();
        served = handle.name();
        awaitQuietly(stop); // until the hook runs or an embedding caller interrupts
      } finally {
        stopQuietly(server::close, "the server");
      }
      return 0;
    } finally {
      // Report here, not through an exception: on SIGTERM the JVM halts once the hook returns.
      stopQuietly(opened::close, "the model");
      if (served != null) {
        spec.commandLine().getErr().println("stopped serving " + served);
        spec.commandLine().getErr().flush();
      }
      closed.countDown();
      removeHook(hook);
    }
  }

  private void stopQuietly(Runnable close, String what) {
    try {
      close.run();
    } catch (RuntimeException e) {
      spec.commandLine().getErr().println("error: closing " + what + " failed: " + e);
    }
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt(); // an embedding caller asked to stop
    }
  }

  private static void removeHook(Thread hook) {
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException e) {
      // the JVM is shutting down and runs the hook itself
    }
  }
}
