package dev.certkeeper.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.certkeeper.acme.AcmeSessions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A second Pebble of the test's own, on free ports, with fault settings the shared one must not
 * have (such as {@code PEBBLE_WFE_NONCEREJECT}). It uses the shared Pebble's configuration and
 * server certificate (so PEBBLE_CA_BUNDLE trusts it), challtestsrv for DNS, and validates HTTP-01
 * on port 80 like the shared one, through the local router; it has its own issuing CA and accounts.
 */
public final class PebbleProcess implements AutoCloseable {
  /** pebble-challtestsrv's DNS port (e2e/local/lib.sh CHALLTESTSRV_DNS_PORT). */
  private static final String CHALLTESTSRV_DNS = "127.0.0.1:8053";

  private final Process process;
  private final String directory;
  private final String management;
  private final HttpClient client;

  private PebbleProcess(Process process, String directory, String management, HttpClient client) {
    this.process = process;
    this.directory = directory;
    this.management = management;
    this.client = client;
  }

  /** Starts Pebble with the extra environment (e.g. PEBBLE_WFE_NONCEREJECT=50) and waits until its directory answers. */
  public static PebbleProcess start(LocalEnvironment environment, String name, Map<String, String> faults) {
    return start(environment, name, faults, settings -> {});
  }

  /**
   * Starts Pebble with the extra environment and its configuration's {@code pebble} object changed
   * by {@code settings} (e.g. externalAccountBindingRequired), and waits until its directory answers.
   */
  public static PebbleProcess start(LocalEnvironment environment, String name, Map<String, String> faults, Consumer<ObjectNode> settings) {
    Path project = environment.projectDir();
    Path dir = project.resolve("target").resolve(name);
    try {
      Files.createDirectories(dir);
      ObjectMapper json = new ObjectMapper();
      ObjectNode config = (ObjectNode) json.readTree(project.resolve(".local/pebble/config.json").toFile());
      int port = freePort();
      ObjectNode pebble = (ObjectNode) config.get("pebble");
      pebble.put("listenAddress", "127.0.0.1:" + port);
      int managementPort = freePort();
      pebble.put("managementListenAddress", "127.0.0.1:" + managementPort);
      settings.accept(pebble);
      Path configFile = dir.resolve("config.json");
      json.writerWithDefaultPrettyPrinter().writeValue(configFile.toFile(), config);
      ProcessBuilder builder =
          new ProcessBuilder(project.resolve(".tools/bin/pebble").toString(), "-config", configFile.toString(), "-dnsserver", CHALLTESTSRV_DNS)
              .redirectErrorStream(true)
              .redirectOutput(dir.resolve("pebble.log").toFile());
      // Validate at once instead of after a random 0-15 s delay, as the shared Pebble does.
      builder.environment().put("PEBBLE_VA_NOSLEEP", "1");
      builder.environment().putAll(faults);
      HttpClient client =
          HttpClient.newBuilder().sslContext(AcmeSessions.sslContext(environment.env("PEBBLE_CA_BUNDLE"), false)).connectTimeout(Duration.ofSeconds(2)).build();
      PebbleProcess started = new PebbleProcess(builder.start(), "https://127.0.0.1:" + port + "/dir", "https://127.0.0.1:" + managementPort, client);
      try {
        started.awaitDirectory(dir.resolve("pebble.log"));
      } catch (RuntimeException | AssertionError e) {
        // A Pebble that never answered is still stopped: the test's close() will not run.
        started.close();
        throw e;
      }
      return started;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The directory URL. */
  public String directory() {
    return directory;
  }

  /**
   * A PEM from the management API, such as {@code /roots/0} (the root of the default chain) or
   * {@code /intermediates/1} (the intermediate of the first alternate chain).
   */
  public String management(String path) {
    try {
      HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(management + path)).build(), HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        throw new AssertionError("Pebble's management API answered " + response.statusCode() + " for " + path + ": " + response.body());
      }
      return response.body();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  @Override
  public void close() {
    process.destroy();
  }

  private void awaitDirectory(Path log) {
    Await.until(
        Duration.ofSeconds(20),
        "Pebble at " + directory,
        () -> {
          if (!process.isAlive()) {
            throw new AssertionError("Pebble exited with " + process.exitValue() + "; see " + log);
          }
          try {
            return Optional.of(client.send(HttpRequest.newBuilder(URI.create(directory)).build(), HttpResponse.BodyHandlers.discarding()))
                .filter(r -> r.statusCode() == 200);
          } catch (IOException e) {
            return Optional.empty();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
          }
        },
        () -> "see " + log);
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
