package dev.certkeeper.cli;

import picocli.CommandLine.Command;

/** {@code certkeeper check}: readiness checks for scripts; its subcommands name what is checked. */
@Command(
    name = "check",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Check that something certkeeper needs is ready.",
    subcommands = CheckApiCommand.class)
final class CheckCommand {}
