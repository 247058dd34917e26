package dev.certkeeper.cli;

import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.IOException;
import java.net.URL;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * Turns the failures a user can act on into one line on stderr and exit code 1; anything else is
 * a bug and keeps its stack trace.
 */
final class CliErrors implements IExecutionExceptionHandler {
  @Override
  public int handleExecutionException(Exception e, CommandLine command, ParseResult parseResult) throws Exception {
    String message;
    if (e instanceof CliFailure) {
      message = e.getMessage();
    } else if (e instanceof KubernetesClientException k) {
      message = describe(k, null);
    } else {
      throw e;
    }
    command.getErr().println("error: " + message);
    return 1;
  }

  /**
   * What the API server said, or why it could not be reached, without the client's request dump;
   * {@code server} (may be null) is named when it could not be reached.
   */
  static String describe(KubernetesClientException e, URL server) {
    if (e.getStatus() != null && e.getStatus().getMessage() != null && e.getCode() > 0) {
      return "the API server answered " + e.getCode() + ": " + e.getStatus().getMessage();
    }
    return "cannot reach the API server" + (server == null ? "" : " at " + server) + ": " + cause(e);
  }

  /** The deepest message among the causes; the JDK's HTTP client often has none, so else the first telling exception type. */
  private static String cause(Throwable e) {
    String message = null;
    String type = null;
    for (Throwable t = e.getCause(); t != null && t != t.getCause(); t = t.getCause()) {
      if (t.getMessage() != null && !t.getMessage().isBlank()) {
        message = t.getMessage();
      } else if (type == null && t.getClass() != IOException.class) {
        type = t.getClass().getSimpleName();
      }
    }
    return message != null ? message : type != null ? type : e.getMessage();
  }
}
