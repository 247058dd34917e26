package dev.certkeeper.api.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.certkeeper.testing.LocalControlPlane;
import dev.certkeeper.testing.LocalEnvironment;
import dev.certkeeper.testing.PebbleTls;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Pebble serves its ACME directory over TLS that the CA bundle in .local/env, and only it, trusts. */
@ExtendWith(LocalControlPlane.class)
class PebbleIT {
  @Test
  void directoryAnswersOverTlsTrustedByTheBundleInEnv(LocalEnvironment environment) throws Exception {
    HttpResponse<String> response = get(environment.env("PEBBLE_DIRECTORY"), PebbleTls.trusting(environment.env("PEBBLE_CA_BUNDLE")));

    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode directory = new ObjectMapper().readTree(response.body());
    assertThat(directory.path("newNonce").asText()).startsWith("https://127.0.0.1:14000/");
    assertThat(directory.path("newAccount").asText()).startsWith("https://127.0.0.1:14000/");
    assertThat(directory.path("newOrder").asText()).startsWith("https://127.0.0.1:14000/");
    assertThat(directory.path("renewalInfo").asText()).as("ACME Renewal Information is offered").startsWith("https://127.0.0.1:14000/");
    assertThat(directory.at("/meta/profiles").has("shortlived")).as("a short-lived profile, as Let's Encrypt has").isTrue();
  }

  @Test
  void directoryIsNotTrustedWithoutTheBundle(LocalEnvironment environment) {
    assertThatThrownBy(() -> get(environment.env("PEBBLE_DIRECTORY"), SSLContext.getDefault()))
        .isInstanceOf(SSLHandshakeException.class)
        .hasMessageContaining("unable to find valid certification path");
  }

  private static HttpResponse<String> get(String url, SSLContext tls) throws Exception {
    HttpClient http = HttpClient.newBuilder().sslContext(tls).connectTimeout(Duration.ofSeconds(5)).build();
    return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
  }
}
