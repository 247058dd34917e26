package dev.certkeeper.cli;

import picocli.CommandLine.Command;

/** {@code certkeeper inspect}: decodes what an object holds; its subcommands name the kind. */
@Command(
    name = "inspect",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Decode the contents of an object.",
    subcommands = InspectSecretCommand.class)
final class InspectCommand {}
