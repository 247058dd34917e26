package dev.certkeeper.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** The pinned command-line tools in {@code .tools/bin} (helm, kubectl), built by {@code make tools}. */
public final class Tools {
  private Tools() {}

  /** The project's root: Maven's basedir, where the tests run. */
  public static Path projectDir() {
    return Path.of(System.getProperty("certkeeper.projectDir", System.getProperty("user.dir"))).toAbsolutePath();
  }

  /** Runs a tool and returns its standard output; fails the test on a non-zero exit, with its error output. */
  public static String run(String tool, Map<String, String> env, String stdin, String... args) {
    Result result = tryRun(tool, env, stdin, args);
    if (result.exitCode() != 0) {
      throw new AssertionError(tool + " " + String.join(" ", args) + " exited " + result.exitCode() + ":\n" + result.stderr() + result.stdout());
    }
    return result.stdout();
  }

  /** Runs a tool from {@code .tools/bin} in the project directory, with extra environment and optional standard input. */
  public static Result tryRun(String tool, Map<String, String> env, String stdin, String... args) {
    Path binary = projectDir().resolve(".tools/bin").resolve(tool);
    if (!Files.isExecutable(binary)) {
      throw new AssertionError(binary + " is missing: run `make tools`");
    }
    List<String> command = new ArrayList<>(List.of(binary.toString()));
    command.addAll(List.of(args));
    try {
      Path stderr = Files.createTempFile(tool, ".err");
      try {
        ProcessBuilder builder = new ProcessBuilder(command).directory(projectDir().toFile()).redirectError(stderr.toFile());
        builder.environment().putAll(env);
        if (stdin == null) {
          builder.redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
        }
        Process process = builder.start();
        if (stdin != null) {
          try (var in = process.getOutputStream()) {
            in.write(stdin.getBytes(StandardCharsets.UTF_8));
          }
        }
        String stdout = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(2, TimeUnit.MINUTES)) {
          process.destroyForcibly();
          throw new AssertionError(tool + " did not finish in 2 minutes: " + command);
        }
        return new Result(process.exitValue(), stdout, Files.readString(stderr));
      } finally {
        Files.deleteIfExists(stderr);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  /** Exit code and the two outputs of one run. */
  public record Result(int exitCode, String stdout, String stderr) {}
}
