package dev.certkeeper.certificates.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.certkeeper.api.certmanager.Certificate;
import dev.certkeeper.api.certmanager.Issuer;
import dev.certkeeper.testing.Await;
import dev.certkeeper.testing.Fixture;
import dev.certkeeper.testing.LocalControlPlane;
import dev.certkeeper.testing.LocalEnvironment;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** renewal.windows move the renewal time into a window, and a window that never fits is reported. */
@ExtendWith(LocalControlPlane.class)
class RenewalWindowsIT {
  private static Fixture fixture;

  @BeforeAll
  static void setUp(LocalEnvironment environment) {
    fixture = new Fixture(environment, "windows");
    fixture.create(Issuer.class, "apiVersion: cert-manager.io/v1\nkind: Issuer\nmetadata: {name: selfsigned}\nspec: {selfSigned: {}}");
  }

  @Test
  void renewalTimeIsTheFirstWindowStartAfterTheDesiredTime() {
    // The desired time is issuance + 32h, so its time of day is about now + 8h: a daily window
    // starting twelve hours after that can never contain it, whatever the hour this test runs.
    int windowHour = (Instant.now().atZone(ZoneOffset.UTC).getHour() + 20) % 24;
    fixture.create(Certificate.class, certificate("nightly", "{cron: '0 " + windowHour + " * * *', windowDuration: 30m}"));
    Certificate certificate = fixture.awaitCertificate("nightly", "True");

    Instant notAfter = Instant.parse(certificate.getStatus().notAfter());
    Instant desired = notAfter.minus(Duration.ofHours(16)); // a third of 48h
    Instant renewal = Instant.parse(certificate.getStatus().renewalTime());
    assertThat(renewal.atZone(ZoneOffset.UTC).toLocalTime()).isEqualTo(LocalTime.of(windowHour, 0));
    assertThat(renewal).isAfter(desired.minus(Duration.ofMinutes(30))).isBefore(desired.plus(Duration.ofDays(1)));
  }

  @Test
  void windowThatNeverFitsIsReportedAndTheDesiredTimeKept() {
    fixture.create(Certificate.class, certificate("never", "{cron: '0 0 30 2 *', windowDuration: 1h}"));
    Certificate certificate = fixture.awaitCertificate("never", "True");

    Instant notAfter = Instant.parse(certificate.getStatus().notAfter());
    assertThat(Instant.parse(certificate.getStatus().renewalTime())).isEqualTo(notAfter.minus(Duration.ofHours(16)));
    Await.until(Fixture.TIMEOUT, "a WindowError Event on Certificate never",
        () -> Optional.of(fixture.eventReasons(certificate)).filter(reasons -> reasons.contains("WindowError")), () -> "");
  }

  private static String certificate(String name, String window) {
    return "apiVersion: cert-manager.io/v1\nkind: Certificate\nmetadata: {name: " + name + "}\nspec:\n  secretName: " + name + "-tls\n"
        + "  dnsNames: [" + name + ".example.com]\n  duration: 48h\n  issuerRef: {name: selfsigned}\n  renewal: {windows: [" + window + "]}\n";
  }
}
