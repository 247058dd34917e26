package dev.certkeeper.cli;

import picocli.CommandLine.IVersionProvider;

/** Reads certkeeper's version from the jar manifest ("dev" when run from classes). */
public final class VersionProvider implements IVersionProvider {
  /** The version of this build. */
  public static String version() {
    String version = Main.class.getPackage().getImplementationVersion();
    return version == null ? "dev" : version;
  }

  @Override
  public String[] getVersion() {
    return new String[] {"certkeeper " + version()};
  }
}
