package dev.certkeeper.cli;

import java.util.Arrays;
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
    subcommands = {
      OperatorCommand.class,
      AcmeSolverCommand.class,
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
      // The solver Pod must be ready at once: skip building the other commands, which load the
      // Kubernetes client and the operator framework only to describe their options.
      System.exit(new CommandLine(new AcmeSolverCommand()).execute(Arrays.copyOfRange(args, 1, args.length)));
    }
    System.exit(commandLine().execute(args));
  }

  /** The command line: user errors end with a one-line message and exit code 1, usage errors with 2. */
  public static CommandLine commandLine() {
    return new CommandLine(new Main()).setExecutionExceptionHandler(new CliErrors()).setCaseInsensitiveEnumValuesAllowed(true);
  }

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }
}
