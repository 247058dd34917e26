package dev.certkeeper.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code certkeeper version}: prints the version of this build. */
@Command(name = "version", description = "Print the version of certkeeper.")
final class VersionCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    System.out.println(new VersionProvider().getVersion()[0]);
    return 0;
  }
}
