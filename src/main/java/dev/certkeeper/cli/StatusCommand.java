package dev.certkeeper.cli;

import picocli.CommandLine.Command;

/** {@code certkeeper status}: the state of certkeeper objects; its subcommands name the kind. */
@Command(
    name = "status",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Show the state of a certkeeper object and of what it led to.",
    subcommands = CertificateStatusCommand.class)
final class StatusCommand {}
