package dev.certkeeper.acme.http01;

import static dev.certkeeper.acme.http01.Challenges.KEY;
import static dev.certkeeper.acme.http01.Challenges.TOKEN;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SolverServerTest {
  private static final String PATH = "/.well-known/acme-challenge/" + TOKEN;
  private SolverServer server;

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  private SolverServer serve(String dnsName) throws IOException {
    server = SolverServer.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), new ChallengeInputs(dnsName, TOKEN, KEY));
    return server;
  }

  /** One raw HTTP/1.1 exchange, because the JDK's clients do not let a caller set the Host header. */
  private String request(String method, String path, String host) throws IOException {
    try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
      socket.setSoTimeout(5000);
      OutputStream out = socket.getOutputStream();
      String hostLine = host == null ? "" : "Host: " + host + "\r\n";
      out.write((method + " " + path + " HTTP/1.1\r\n" + hostLine + "Connection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = socket.getInputStream();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static String status(String response) {
    return response.substring(0, response.indexOf("\r\n"));
  }

  private static String body(String response) {
    return response.substring(response.indexOf("\r\n\r\n") + 4);
  }

  @ParameterizedTest(name = "Host: {0}")
  @CsvSource({"app.example.com", "APP.Example.com", "app.example.com:80", "app.example.com.", "app.example.com:8089"})
  void servesTheKeyAsPlainTextForTheChallengesHost(String host) throws IOException {
    serve("app.example.com");
    String response = request("GET", PATH, host);
    assertThat(status(response)).isEqualTo("HTTP/1.1 200 OK");
    assertThat(response.toLowerCase()).contains("content-type: text/plain", "cache-control: no-cache, no-store, must-revalidate");
    assertThat(body(response)).isEqualTo(KEY);
  }

  @ParameterizedTest(name = "Host: {0}")
  @CsvSource({"192.0.2.10, 192.0.2.10", "192.0.2.10, 192.0.2.10:80", "2001:db8::1, [2001:db8::1]:80", "2001:db8::1, [2001:DB8:0::1]"})
  void servesAnIpAddressForItsHostHeaderInAnyNotation(String address, String host) throws IOException {
    serve(address);
    assertThat(body(request("GET", PATH, host))).isEqualTo(KEY);
  }

  @Test
  void answersHeadWithoutBody() throws IOException {
    serve("app.example.com");
    String response = request("HEAD", PATH, "app.example.com");
    assertThat(status(response)).isEqualTo("HTTP/1.1 200 OK");
    assertThat(body(response)).isEmpty();
  }

  @ParameterizedTest(name = "{0} {1} Host: {2}")
  @CsvSource({
    "GET, /.well-known/acme-challenge/other, app.example.com",
    "GET, /.well-known/acme-challenge/" + ChallengeInputsTest.TOKEN + "/x, app.example.com",
    "GET, /.well-known/acme-challenge/" + ChallengeInputsTest.TOKEN + ", other.example.com",
    "GET, /.well-known/acme-challenge/" + ChallengeInputsTest.TOKEN + ", app.example.com.evil",
    "GET, /.well-known/acme-challenge/" + ChallengeInputsTest.TOKEN + ", 192.0.2.10",
    "POST, /.well-known/acme-challenge/" + ChallengeInputsTest.TOKEN + ", app.example.com",
    "GET, /index.html, app.example.com",
  })
  void refusesAnythingElseWithItsOwn404(String method, String path, String host) throws IOException {
    serve("app.example.com");
    String response = request(method, path, host);
    assertThat(status(response)).isEqualTo("HTTP/1.1 404 Not Found");
    assertThat(body(response)).isEqualTo(SolverServer.NOT_FOUND_BODY).doesNotContain(KEY);
  }

  @Test
  void refusesARequestWithoutHost() throws IOException {
    serve("app.example.com");
    assertThat(status(request("GET", PATH, null))).isEqualTo("HTTP/1.1 404 Not Found");
  }

  @ParameterizedTest
  @CsvSource({"/", "/healthz"})
  void answersLoadBalancerHealthChecksWithAnEmpty200(String path) throws IOException {
    serve("app.example.com");
    String response = request("GET", path, "10.0.0.7:8089");
    assertThat(status(response)).isEqualTo("HTTP/1.1 200 OK");
    assertThat(body(response)).isEmpty();
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({"example.com, example.com", "example.com:80, example.com", "[2001:db8::1]:80, 2001:db8::1", "[2001:db8::1], 2001:db8::1",
      "2001:db8::1, 2001:db8::1"})
  void theHostIsComparedWithoutItsPort(String header, String host) {
    assertThat(SolverServer.withoutPort(header)).isEqualTo(host);
  }
}
