package dev.certkeeper.cli;

import java.util.Arrays;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The certkeeper command line: one jar for the operator, the ACME solver and the user's CLI. */
@Command(
    name = "certkeeper",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Issues and renews TLS certificates in Kubernetes, speaking cert-manager's v1 API.",
    subcommands = {OperatorCommand.class, AcmeSolverCommand.class, VersionCommand.class})
public final class Main implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    if (args.length > 0 && args[0].equals("acmesolver")) {
      // The solver Pod must be ready at once: skip building the other commands, which load the
      // Kubernetes client and the operator framework only to describe their options.
      System.exit(new CommandLine(new AcmeSolverCommand()).execute(Arrays.copyOfRange(args, 1, args.length)));
    }
    System.exit(new CommandLine(new Main()).execute(args));
  }

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }
}
