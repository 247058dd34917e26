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

  private PebbleProcess(Process process, String directory) {
    this.process = process;
    this.directory = directory;
  }

  /** Starts Pebble with the extra environment (e.g. PEBBLE_WFE_NONCEREJECT=50) and waits until its directory answers. */
  public static PebbleProcess start(LocalEnvironment environment, String name, Map<String, String> faults) {
    Path project = environment.projectDir();
    Path dir = project.resolve("target").resolve(name);
    try {
      Files.createDirectories(dir);
      ObjectMapper json = new ObjectMapper();
      ObjectNode config = (ObjectNode) json.readTree(project.resolve(".local/pebble/config.json").toFile());
      int port = freePort();
      ObjectNode pebble = (ObjectNode) config.get("pebble");
      pebble.put("listenAddress", "127.0.0.1:" + port);
      pebble.put("managementListenAddress", "127.0.0.1:" + freePort());
      Path configFile = dir.resolve("config.json");
      json.writerWithDefaultPrettyPrinter().writeValue(configFile.toFile(), config);
      ProcessBuilder builder =
          new ProcessBuilder(project.resolve(".tools/bin/pebble").toString(), "-config", configFile.toString(), "-dnsserver", CHALLTESTSRV_DNS)
              .redirectErrorStream(true)
              .redirectOutput(dir.resolve("pebble.log").toFile());
      // Validate at once instead of after a random 0-15 s delay, as the shared Pebble does.
      builder.environment().put("PEBBLE_VA_NOSLEEP", "1");
      builder.environment().putAll(faults);
      PebbleProcess started = new PebbleProcess(builder.start(), "https://127.0.0.1:" + port + "/dir");
      started.awaitDirectory(environment.env("PEBBLE_CA_BUNDLE"), dir.resolve("pebble.log"));
      return started;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The directory URL. */
  public String directory() {
    return directory;
  }

  @Override
  public void close() {
    process.destroy();
  }

  private void awaitDirectory(String caBundle, Path log) {
    HttpClient client = HttpClient.newBuilder().sslContext(AcmeSessions.sslContext(caBundle, false)).connectTimeout(Duration.ofSeconds(2)).build();
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
