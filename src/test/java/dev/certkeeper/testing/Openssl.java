package dev.certkeeper.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The openssl command line as an independent reader of what certkeeper issued. */
public final class Openssl {
  private Openssl() {}

  /** Runs openssl with the arguments; returns stdout+stderr, failing the test on a non-zero exit. */
  public static String run(String... args) {
    Result result = tryRun(args);
    if (result.exitCode() != 0) {
      throw new AssertionError("openssl " + String.join(" ", args) + " exited " + result.exitCode() + ":\n" + result.output());
    }
    return result.output();
  }

  /** Runs openssl and returns its exit code and output. */
  public static Result tryRun(String... args) {
    List<String> command = new ArrayList<>(List.of("openssl"));
    command.addAll(List.of(args));
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new AssertionError("openssl did not finish: " + command);
      }
      return new Result(process.exitValue(), output);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  /** Writes bytes to a temporary file that openssl can read. */
  public static Path file(String prefix, byte[] content) {
    try {
      Path file = Files.createTempFile(prefix, ".pem");
      file.toFile().deleteOnExit();
      Files.write(file, content);
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Exit code and combined output of one openssl run. */
  public record Result(int exitCode, String output) {}
}
