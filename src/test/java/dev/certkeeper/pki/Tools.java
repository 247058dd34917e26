package dev.certkeeper.pki;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** openssl and keytool, run as independent readers of what the pki package writes. */
final class Tools {
  private Tools() {}

  /** The command's combined output; the test fails if it is missing or exits non-zero. */
  static String run(String... command) {
    Result result = tryRun(command);
    if (result.exitCode() != 0) {
      fail(String.join(" ", command) + " exited " + result.exitCode() + ":\n" + result.output());
    }
    return result.output();
  }

  /** The command's exit code and combined output; the test fails only if the command is missing. */
  static Result tryRun(String... command) {
    Process process;
    try {
      process = new ProcessBuilder(command).redirectErrorStream(true).start();
    } catch (IOException e) {
      return fail(command[0] + " is needed by this test but cannot be run (" + e.getMessage() + "); install it and put it on PATH");
    }
    try {
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        fail(String.join(" ", command) + " did not finish within 60 s");
      }
      return new Result(process.exitValue(), output);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Writes the text to a file in the directory and returns its path as a string. */
  static String write(Path directory, String name, String text) {
    return write(directory, name, text.getBytes(StandardCharsets.UTF_8));
  }

  /** Writes the bytes to a file in the directory and returns its path as a string. */
  static String write(Path directory, String name, byte[] bytes) {
    try {
      return Files.write(directory.resolve(name), bytes).toString();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Reads a text file the test had a tool write. */
  static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The outcome of one command. */
  record Result(int exitCode, String output) {
    List<String> lines() {
      return output.lines().toList();
    }
  }
}
