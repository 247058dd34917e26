package dev.certkeeper.cli;

import java.io.IOException;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The certkeeper command line: one jar for the operator, the ACME solver and the user's CLI
 * ({@code status}, {@code renew}, {@code inspect}, {@code check}, {@code version}), also run as the
 * kubectl plugin {@code kubectl certkeeper} through {@code bin/kubectl-certkeeper}.
 */
@Command(
    name = "certkeeper",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Issues and renews TLS certificates in Kubernetes, speaking cert-manager's v1 API.",
    // acmesolver is not a picocli command (see main); it is listed here so help still names it.
    footer = {"", "Also:", "  acmesolver  Serve one ACME HTTP-01 challenge response; run by the solver Pods certkeeper creates."},
    subcommands = {
      OperatorCommand.class,
      StatusCommand.class,
      RenewCommand.class,
      InspectCommand.class,
      CheckCommand.class,
      VersionCommand.class
    })
public final class Main implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    if (args.length > 0 && args[0].equals("acmesolver")) {
      // The solver Pod must be ready at once: it skips the command-line library, which would load
      // every other command (the Kubernetes client, the operator framework) to describe its options.
      try {
        System.exit(AcmeSolverCommand.run(List.of(args).subList(1, args.length), System.out, System.err));
      } catch (IOException | InterruptedException e) {
        System.err.println("acmesolver: " + e.getMessage());
        System.exit(1);
      }
    }
    System.exit(commandLine().execute(args));
  }

  /**
   * The command line: user errors end with a one-line message and exit code 1, usage errors with 2.
   * A flag given twice takes its last value, as Go's flags do: a chart's {@code extraArgs} come
   * after the flags the chart sets, and may repeat one of them.
   */
  public static CommandLine commandLine() {
    return new CommandLine(new Main())
        .setExecutionExceptionHandler(new CliErrors())
        .setCaseInsensitiveEnumValuesAllowed(true)
        .setOverwrittenOptionsAllowed(true);
  }

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }
}
