package dev.certkeeper.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The certkeeper command line: one jar for the operator, the ACME solver and the user's CLI. */
@Command(
    name = "certkeeper",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Issues and renews TLS certificates in Kubernetes, speaking cert-manager's v1 API.",
    subcommands = {OperatorCommand.class, VersionCommand.class})
public final class Main implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    System.exit(new CommandLine(new Main()).execute(args));
  }

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }
}
