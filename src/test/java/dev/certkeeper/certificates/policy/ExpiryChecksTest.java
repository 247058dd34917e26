package dev.certkeeper.certificates.policy;

import static dev.certkeeper.certificates.policy.Fixtures.NOT_AFTER;
import static dev.certkeeper.certificates.policy.Fixtures.certificate;
import static org.assertj.core.api.Assertions.assertThat;

import dev.certkeeper.api.certmanager.Certificate;
import dev.certkeeper.api.certmanager.CertificateAcmeStatus.RenewalInformation;
import dev.certkeeper.api.certmanager.CertificateAcmeStatus.SuggestedWindow;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** CurrentCertificateNearingExpiry (trigger) and CurrentCertificateHasExpired (readiness). */
class ExpiryChecksTest {
  // The 90-day test certificate renews 30 days before NOT_AFTER, at 2025-07-21T12:00:00Z.
  private static final Instant RENEWAL = Instant.parse("2025-07-21T12:00:00Z");

  private static PolicyInput at(Instant now, String... specLines) {
    Certificate certificate = certificate(Stream.concat(Stream.of("dnsNames: [web.example.com]"), Stream.of(specLines)).toArray(String[]::new));
    KeyPair keys = TestPki.key("RSA-2048");
    return new PolicyInput(
        certificate, Fixtures.issued(certificate, Fixtures.webCertificate(keys).build(), keys.getPrivate()), null, now);
  }

  static Stream<Arguments> renewal() {
    String renewing = "Renewing certificate as renewal was scheduled at ";
    return Stream.of(
        Arguments.of("a second before the renewal time", RENEWAL.minusSeconds(1), new String[] {}, null),
        Arguments.of("at the renewal time", RENEWAL, new String[] {}, renewing + "2025-07-21 12:00:00 +0000 UTC"),
        Arguments.of("renewBefore moves it", RENEWAL, new String[] {"renewBefore: 240h"}, null),
        Arguments.of("renewBefore reached", NOT_AFTER.minus(Duration.ofDays(10)), new String[] {"renewBefore: 240h"},
            renewing + "2025-08-10 12:00:00 +0000 UTC"),
        Arguments.of("renewal disabled, long past the renewal time", NOT_AFTER.plusSeconds(60),
            new String[] {"renewal: {policy: Disabled}"}, null),
        Arguments.of("policy RenewBefore is the default", RENEWAL, new String[] {"renewal: {policy: RenewBefore}"},
            renewing + "2025-07-21 12:00:00 +0000 UTC"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("renewal")
  void renewsFromTheRenewalTime(String description, Instant now, String[] specLines, String message) {
    assertThat(ExpiryChecks.currentCertificateNearingExpiry(at(now, specLines)))
        .isEqualTo(Optional.ofNullable(message).map(m -> new Violation("Renewing", m)));
  }

  private static PolicyInput withWindow(Instant now, Instant start, Instant end) {
    PolicyInput input = at(now);
    RenewalInformation ari = new RenewalInformation(new SuggestedWindow(start.toString(), end.toString()), null, now.toString(), now.plusSeconds(3600).toString(), null);
    return new PolicyInput(input.certificate(), input.secret(), null, ari, now);
  }

  @Test
  void renewsAtOnceWhenTheCasWindowHasMovedIntoThePast() {
    Instant now = RENEWAL.minus(Duration.ofDays(40));
    assertThat(ExpiryChecks.currentCertificateNearingExpiry(withWindow(now, now.minusSeconds(3600), now.minusSeconds(3599))))
        .map(Violation::reason)
        .contains("Renewing");
  }

  @Test
  void waitsForTheCasWindowPastTheDefaultRenewalTime() {
    assertThat(ExpiryChecks.currentCertificateNearingExpiry(withWindow(RENEWAL, RENEWAL.plus(Duration.ofDays(2)), RENEWAL.plus(Duration.ofDays(3))))).isEmpty();
  }

  static Stream<Arguments> expiry() {
    String expired = "Certificate expired on Wed, 20 Aug 2025 12:00:00 UTC";
    return Stream.of(
        Arguments.of("valid", NOT_AFTER.minusSeconds(1), new String[] {}, null),
        Arguments.of("at notAfter, not yet expired", NOT_AFTER, new String[] {}, null),
        Arguments.of("a second after notAfter", NOT_AFTER.plusSeconds(1), new String[] {}, expired),
        Arguments.of("expired although renewal is disabled", NOT_AFTER.plusSeconds(1), new String[] {"renewal: {policy: Disabled}"}, expired));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("expiry")
  void reportsExpiryAfterNotAfter(String description, Instant now, String[] specLines, String message) {
    assertThat(ExpiryChecks.currentCertificateHasExpired(at(now, specLines)))
        .isEqualTo(Optional.ofNullable(message).map(m -> new Violation("Expired", m)));
  }
}
