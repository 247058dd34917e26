package dev.certkeeper.cli.report;

import dev.certkeeper.cli.report.CertificateChainReport.CertificateSection;
import dev.certkeeper.cli.report.CertificateChainReport.ChallengeSection;
import dev.certkeeper.cli.report.CertificateChainReport.IssuerSection;
import dev.certkeeper.cli.report.CertificateChainReport.OrderSection;
import dev.certkeeper.cli.report.CertificateChainReport.RequestSection;
import dev.certkeeper.cli.report.CertificateChainReport.SecretSection;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** {@code certkeeper status certificate} as text: one screen, the chain from Certificate to Challenges. */
public final class ChainText {
  private ChainText() {}

  /** The report as text, ages counted up to {@code now}. */
  public static String render(CertificateChainReport report, Instant now) {
    TextWriter out = new TextWriter();
    certificate(out, report.certificate(), report.issuer(), now);
    secret(out, report.secret(), now);
    request(out, report.certificateRequest(), now);
    if (report.order() != null) {
      order(out, report.order(), now);
    }
    report.challenges().forEach(challenge -> challenge(out, challenge, now));
    return out.toString();
  }

  private static void certificate(TextWriter out, CertificateSection certificate, IssuerSection issuer, Instant now) {
    out.heading("Certificate " + certificate.name() + " in namespace " + certificate.namespace() + ", created " + ago(certificate.createdAt(), now))
        .field("Secret", certificate.secretName())
        .field("Issuer", issuer(issuer))
        .fieldIfPresent("Common name", certificate.commonName())
        .listIfPresent("DNS names", certificate.dnsNames())
        .listIfPresent("IP addresses", certificate.ipAddresses())
        .listIfPresent("URIs", certificate.uris())
        .field("Revision", certificate.revision() == null ? "none issued yet" : certificate.revision().toString())
        .fieldIfPresent("Not before", timed(certificate.notBefore(), now))
        .fieldIfPresent("Not after", timed(certificate.notAfter(), now))
        .fieldIfPresent("Renewal time", timed(certificate.renewalTime(), now));
    if (certificate.failedIssuanceAttempts() != null && certificate.failedIssuanceAttempts() > 0) {
      out.field("Failed attempts", certificate.failedIssuanceAttempts() + ", the last " + ago(certificate.lastFailureTime(), now));
    }
    conditions(out, certificate.conditions(), now);
    events(out, certificate.events(), now);
  }

  /** "Issuer ca: Ready True, KeyPairVerified: Signing CA verified", or why it cannot say. */
  static String issuer(IssuerSection issuer) {
    String named = issuer.kind() + " " + issuer.name();
    if (issuer.unreadable() != null) {
      return named + ": cannot read it: " + issuer.unreadable();
    }
    if (issuer.found() == null) {
      return named + " of group " + issuer.group() + " (an external issuer: not checked)";
    }
    if (!issuer.found()) {
      return named + ": not found";
    }
    return issuer.conditions().stream()
        .filter(c -> "Ready".equals(c.type()))
        .findFirst()
        .map(ready -> named + ": Ready " + ready.status() + reasonAndMessage(ready.reason(), ready.message()))
        .orElse(named + ": no Ready condition yet");
  }

  private static void secret(TextWriter out, SecretSection secret, Instant now) {
    if (!secret.exists()) {
      out.heading("Secret " + secret.name() + ": " + (secret.problem() == null ? "does not exist" : secret.problem()));
      return;
    }
    out.heading("Secret " + secret.name());
    if (secret.problem() != null) {
      out.field("Problem", secret.problem());
    }
    CertificateDetails leaf = secret.certificate();
    if (leaf != null) {
      out.field("Subject", leaf.subject())
          .field("Issuer", leaf.issuer())
          .listIfPresent("DNS names", leaf.dnsNames())
          .listIfPresent("IP addresses", leaf.ipAddresses())
          .listIfPresent("URIs", leaf.uris())
          .listIfPresent("Email addresses", leaf.emailAddresses())
          .field("Not before", timed(leaf.notBefore(), now))
          .field("Not after", timed(leaf.notAfter(), now))
          .field("Key", leaf.publicKey())
          .field("Serial number", leaf.serialNumber());
    }
    events(out, secret.events(), now);
  }

  private static void request(TextWriter out, RequestSection request, Instant now) {
    if (request == null) {
      out.heading("CertificateRequest: none for the current or next revision");
      return;
    }
    String revision = request.revision() == null ? "" : " (revision " + request.revision() + ")";
    out.heading("CertificateRequest " + request.name() + revision + ", created " + ago(request.createdAt(), now));
    conditions(out, request.conditions(), now);
    events(out, request.events(), now);
  }

  private static void order(TextWriter out, OrderSection order, Instant now) {
    out.heading("Order " + order.name())
        .field("State", order.state())
        .fieldIfPresent("Reason", order.reason())
        .field("URL", order.url())
        .fieldIfPresent("Failed at", timed(order.failureTime(), now));
    events(out, order.events(), now);
  }

  private static void challenge(TextWriter out, ChallengeSection challenge, Instant now) {
    out.heading("Challenge " + challenge.name() + " for " + challenge.domain())
        .field("Type", challenge.type())
        .field("State", challenge.state())
        .field("Presented", Objects.toString(challenge.presented(), "false"))
        .field("Processing", Objects.toString(challenge.processing(), "false"))
        .fieldIfPresent("Reason", challenge.reason());
    events(out, challenge.events(), now);
  }

  private static void conditions(TextWriter out, List<ConditionView> conditions, Instant now) {
    out.table(
        "Conditions",
        List.of("TYPE", "STATUS", "REASON", "AGE", "MESSAGE"),
        conditions.stream().map(c -> List.of(c.type(), c.status(), text(c.reason()), Ages.since(c.lastTransitionTime(), now), text(c.message()))).toList());
  }

  private static void events(TextWriter out, List<EventView> events, Instant now) {
    out.table(
        "Events",
        List.of("TYPE", "REASON", "AGE", "FROM", "MESSAGE"),
        events.stream().map(e -> List.of(text(e.type()), text(e.reason()), age(e, now), text(e.from()), text(e.message()))).toList());
  }

  /** The age of an Event, with "(x3)" when it was seen more than once. */
  private static String age(EventView event, Instant now) {
    return Ages.since(event.lastSeen(), now) + (event.count() != null && event.count() > 1 ? " (x" + event.count() + ")" : "");
  }

  private static String timed(String time, Instant now) {
    return time == null ? null : time + " (" + Ages.relative(time, now) + ")";
  }

  private static String ago(String time, Instant now) {
    return time == null ? "at an unknown time" : Ages.since(time, now) + " ago";
  }

  private static String reasonAndMessage(String reason, String message) {
    String joined = Stream.of(reason, message).filter(s -> s != null && !s.isBlank()).collect(Collectors.joining(": "));
    return joined.isEmpty() ? "" : ", " + joined;
  }

  private static String text(String value) {
    return value == null ? "" : value;
  }
}
