package dev.certkeeper.acme;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URL;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.shredzone.acme4j.Certificate;
import org.shredzone.acme4j.Problem;
import org.shredzone.acme4j.exception.AcmeException;
import org.shredzone.acme4j.exception.AcmeLazyLoadingException;
import org.shredzone.acme4j.exception.AcmeNetworkException;
import org.shredzone.acme4j.exception.AcmeProtocolException;
import org.shredzone.acme4j.exception.AcmeRateLimitedException;
import org.shredzone.acme4j.toolbox.JSON;

/** acme4j's runtime failures become the CA errors they stand for, worded as the CA or the network put it. */
class AcmeErrorsTest {
  private static final URL CA = url("https://ca/cert/1");
  private static final AcmeRateLimitedException RATE_LIMITED =
      new AcmeRateLimitedException(
          new Problem(JSON.parse("{\"type\":\"urn:ietf:params:acme:error:rateLimited\",\"detail\":\"too many\"}"), CA), Instant.parse("2026-11-23T11:00:00Z"), List.of());
  private static final AcmeNetworkException UNREACHABLE = new AcmeNetworkException(new java.io.IOException("Connection refused"));

  private static URL url(String text) {
    try {
      return URI.create(text).toURL();
    } catch (java.net.MalformedURLException e) {
      throw new IllegalStateException(e);
    }
  }

  static Stream<Arguments> failures() {
    return Stream.of(
        Arguments.of("a lazily loaded resource that was rate limited", new AcmeLazyLoadingException(Certificate.class, CA, RATE_LIMITED), RATE_LIMITED,
            "rateLimited: too many"),
        Arguments.of("a lazily loaded resource the CA could not be reached for", new AcmeLazyLoadingException(Certificate.class, CA, UNREACHABLE), UNREACHABLE,
            "cannot reach the ACME server: Connection refused"),
        Arguments.of("a server that is not ACME", new AcmeProtocolException("Unexpected content type: text/html"), null,
            "Unexpected content type: text/html"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("failures")
  void runtimeFailuresBecomeTheCaErrorsBehindThem(String behaviour, RuntimeException failure, AcmeException behind, String described) {
    AcmeException checked = AcmeErrors.checked(failure);
    if (behind != null) {
      assertThat(checked).isSameAs(behind);
    }
    assertThat(AcmeErrors.describe(checked)).isEqualTo(described);
  }
}
