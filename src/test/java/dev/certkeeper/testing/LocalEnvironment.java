package dev.certkeeper.testing;

import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The running local environment, with certkeeper's operator running the jar just built: its
 * {@code .local/env} values and a client for its API server. Stops the environment at the end of
 * the run only if this run started it.
 */
public final class LocalEnvironment implements AutoCloseable {
  private static final SecureRandom RANDOM = new SecureRandom();

  private final Path projectDir;
  private final Map<String, String> env;
  private final KubernetesClient client;
  private final boolean startedHere;

  private LocalEnvironment(Path projectDir, Map<String, String> env, boolean startedHere) {
    this.projectDir = projectDir;
    this.env = env;
    this.startedHere = startedHere;
    this.client =
        new KubernetesClientBuilder().withConfig(Config.fromKubeconfig(null, read(Path.of(env.get("KUBECONFIG"))), null)).build();
  }

  static LocalEnvironment startOrReuse() {
    Path projectDir = Path.of(System.getProperty("certkeeper.projectDir", System.getProperty("user.dir")));
    Path envFile = projectDir.resolve(".local/env");
    boolean running = Files.exists(envFile) && run(projectDir, "e2e/local/status.sh") == 0;
    // Always `make up`: a no-op when all runs, except that it restarts the operator on a new build.
    if (run(projectDir, "make", "--no-print-directory", "up") != 0) {
      throw new IllegalStateException("`make up` failed; see " + projectDir.resolve(".local/logs"));
    }
    return new LocalEnvironment(projectDir, parseEnv(envFile), !running);
  }

  /** The API server client (cluster admin). */
  public KubernetesClient client() {
    return client;
  }

  /** A value from {@code .local/env}, such as PEBBLE_DIRECTORY. */
  public String env(String name) {
    String value = env.get(name);
    if (value == null) {
      throw new IllegalStateException(".local/env has no " + name);
    }
    return value;
  }

  /** The project's root directory. */
  public Path projectDir() {
    return projectDir;
  }

  /**
   * What an operator process logged since its last start ({@code e2e/local/operator.sh} marks each
   * start with a "===== " line): {@code operator} for the shared one, or an extra instance's name.
   */
  public String operatorLogSinceStart(String instance) {
    Path log = projectDir.resolve(".local/logs/" + (instance.equals("operator") ? "operator" : "operator-" + instance) + ".log");
    try {
      String text = Files.readString(log);
      return text.substring(Math.max(0, text.lastIndexOf("===== ")));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Runs {@code e2e/local/operator.sh} with an action such as kill or start (and, for start, extra
   * operator flags); fails if it fails.
   */
  public void operator(String... actionAndFlags) {
    String[] command = new String[actionAndFlags.length + 1];
    command[0] = "e2e/local/operator.sh";
    System.arraycopy(actionAndFlags, 0, command, 1, actionAndFlags.length);
    if (run(projectDir, command) != 0) {
      throw new IllegalStateException(String.join(" ", command) + " failed; see " + projectDir.resolve(".local/logs/operator.log"));
    }
  }

  /** Creates a namespace of its own for a test: the prefix plus a random suffix. */
  public String createNamespace(String prefix) {
    String name = prefix.toLowerCase(Locale.ROOT) + "-" + Long.toString(RANDOM.nextLong() >>> 1, 36).substring(0, 6);
    Namespace namespace = new NamespaceBuilder().withNewMetadata().withName(name).endMetadata().build();
    client.namespaces().resource(namespace).create();
    return name;
  }

  @Override
  public void close() {
    client.close();
    if (startedHere && System.getenv("KEEP") == null) {
      run(projectDir, "make", "--no-print-directory", "down");
    }
  }

  private static int run(Path projectDir, String... command) {
    try {
      Process process =
          new ProcessBuilder(command)
              .directory(projectDir.toFile())
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.INHERIT)
              .start();
      if (!process.waitFor(5, TimeUnit.MINUTES)) {
        process.destroyForcibly();
        throw new IllegalStateException(String.join(" ", command) + " did not finish in 5 minutes");
      }
      return process.exitValue();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Reads the {@code export NAME=value} lines of {@code .local/env}. */
  public static Map<String, String> parseEnv(Path file) {
    Map<String, String> values = new HashMap<>();
    for (String line : read(file).split("\n")) {
      String assignment = line.strip().replaceFirst("^export\\s+", "");
      int eq = assignment.indexOf('=');
      if (eq > 0 && !assignment.startsWith("#")) {
        values.put(assignment.substring(0, eq), unquote(assignment.substring(eq + 1)));
      }
    }
    return values;
  }

  private static String unquote(String value) {
    boolean quoted = value.length() >= 2 && (value.startsWith("\"") || value.startsWith("'")) && value.endsWith(value.substring(0, 1));
    return quoted ? value.substring(1, value.length() - 1) : value;
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
