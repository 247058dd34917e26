package dev.certkeeper.cli;

import dev.certkeeper.kube.ApiErrors;
import io.fabric8.kubernetes.client.KubernetesClientException;
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
      message = ApiErrors.describe(k);
    } else {
      throw e;
    }
    command.getErr().println("error: " + message);
    return 1;
  }
}
