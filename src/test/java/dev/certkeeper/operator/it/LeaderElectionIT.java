package dev.certkeeper.operator.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.certkeeper.api.certmanager.Certificate;
import dev.certkeeper.api.certmanager.CertificateRequest;
import dev.certkeeper.api.certmanager.Issuer;
import dev.certkeeper.testing.Await;
import dev.certkeeper.testing.Fixture;
import dev.certkeeper.testing.LocalControlPlane;
import dev.certkeeper.testing.LocalEnvironment;
import dev.certkeeper.testing.MetricsScrape;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Operator processes with --leader-elect: of two, one holds the Lease and acts while the other
 * stands by (and is Ready); when the leader is killed the other takes over within the issue's
 * 30 s, and no certificate is issued twice; a leader shut down gives the Lease up to the standby;
 * a leader that loses its Lease exits. The shared operator is stopped for these tests and
 * restarted after them.
 */
@ExtendWith(LocalControlPlane.class)
class LeaderElectionIT {
  private static final Duration TAKEOVER_BOUND = Duration.ofSeconds(30);
  private static final Pattern IDENTITY = Pattern.compile("leader election: identity (\\S+),");
  private static final List<String> INSTANCES = List.of("a", "b", "c");
  private static LocalEnvironment environment;

  @BeforeAll
  static void stopSharedOperator(LocalEnvironment env) {
    environment = env;
    environment.operator("stop");
  }

  @AfterAll
  static void restoreSharedOperator() {
    try {
      for (String instance : INSTANCES) {
        environment.operator("stop-instance", instance);
      }
    } finally {
      environment.operator("start");
    }
  }

  /** One of the two operator processes: its instance name and metrics port. */
  private record Instance(String name, int port) {
    URI base() {
      return URI.create("http://127.0.0.1:" + port + "/");
    }

    /** What it logged since its last start. */
    String currentLog() {
      return environment.operatorLogSinceStart(name);
    }

    String identity() {
      Matcher matcher = IDENTITY.matcher(currentLog());
      if (!matcher.find()) {
        throw new AssertionError(name + " logged no leader-election identity; log:\n" + currentLog());
      }
      return matcher.group(1);
    }

    double certificateSyncs() {
      return MetricsScrape.of(base()).value("certmanager_controller_sync_call_count", Map.of("controller", "certificates")).orElse(0.0);
    }
  }

  private static Instance start(String name, int port, Fixture fixture, String lease, String... flags) {
    List<String> args = new ArrayList<>(List.of(
        "start-instance", name, "--leader-elect", "--leader-election-namespace", fixture.namespace, "--leader-election-id", lease,
        "--metrics-listen-address", "127.0.0.1:" + port));
    args.addAll(List.of(flags));
    environment.operator(args.toArray(String[]::new));
    return new Instance(name, port);
  }

  @Test
  void oneProcessActsAndTheOtherTakesOverWhenItDies() {
    Fixture fixture = new Fixture(environment, "leader");
    String lease = "certkeeper-leader-" + fixture.namespace;
    Instance a = start("a", 19402, fixture, lease);
    Instance b = start("b", 19403, fixture, lease);
    String holder = Await.until(
        Fixture.TIMEOUT, "a holder of Lease " + lease,
        () -> holder(fixture, lease), () -> String.valueOf(fixture.client.leases().inNamespace(fixture.namespace).withName(lease).get()));
    assertThat(holder).isIn(a.identity(), b.identity());
    Instance leader = holder.equals(a.identity()) ? a : b;
    Instance follower = leader == a ? b : a;
    assertThat(MetricsScrape.get(follower.base(), "/readyz").statusCode()).as("a follower is Ready").isEqualTo(200);

    fixture.create(Issuer.class, "apiVersion: cert-manager.io/v1\nkind: Issuer\nmetadata: {name: selfsigned}\nspec: {selfSigned: {}}");
    createCertificate(fixture, "before");
    fixture.awaitCertificate("before", "True");
    assertThat(leader.currentLog()).contains("Certificate " + fixture.namespace + "/before: issued revision 1");
    assertThat(follower.currentLog()).doesNotContain("Certificate " + fixture.namespace + "/", "CertificateRequest " + fixture.namespace + "/");
    assertThat(follower.certificateSyncs()).as("certificates reconciled by the follower").isZero();

    Instant killed = Instant.now();
    environment.operator("kill-instance", leader.name());
    createCertificate(fixture, "after");
    Await.until(
        TAKEOVER_BOUND, follower.name() + " holding Lease " + lease + " after the leader was killed",
        () -> holder(fixture, lease).filter(follower.identity()::equals), () -> "holder " + holder(fixture, lease));
    Duration takeover = Duration.between(killed, Instant.now());
    fixture.awaitCertificate("after", "True");
    Duration afterReady = Duration.between(killed, Instant.now());
    System.out.printf("leader election: %s took over %.1f s after %s was killed; a Certificate created then was Ready after %.1f s%n",
        follower.name(), takeover.toMillis() / 1000.0, leader.name(), afterReady.toMillis() / 1000.0);

    // The new leader has reconciled both Certificates (every cached one is reconciled when it starts acting).
    Await.until(Fixture.TIMEOUT, follower.name() + " reconciled both Certificates",
        () -> Optional.of(follower.certificateSyncs()).filter(n -> n >= 2), () -> "certificate syncs " + follower.certificateSyncs());
    for (String name : List.of("before", "after")) {
      assertThat(fixture.certificate(name).getStatus().revision()).as("revision of %s", name).isEqualTo(1);
      List<CertificateRequest> requests = fixture.requests().stream()
          .filter(r -> name.equals(r.getMetadata().getAnnotations().get("cert-manager.io/certificate-name")))
          .toList();
      assertThat(requests).as("CertificateRequests of %s", name).hasSize(1);
    }
  }

  @Test
  void aLeaderShutDownGivesTheLeaseUpSoTheStandbyTakesOver() {
    Fixture fixture = new Fixture(environment, "leader-handover");
    String lease = "certkeeper-leader-" + fixture.namespace;
    // A lease far longer than the wait below: the standby can only have it if the leader gives it up.
    String[] longLease = {"--leader-election-lease-duration=300s", "--leader-election-renew-deadline=200s"};
    Instance a = start("a", 19402, fixture, lease, longLease);
    Await.until(Fixture.TIMEOUT, "a holding Lease " + lease, () -> holder(fixture, lease).filter(a.identity()::equals), () -> "holder " + holder(fixture, lease));
    Instance b = start("b", 19403, fixture, lease, longLease);
    Await.until(Fixture.TIMEOUT, "b standing by", () -> Optional.of(b.currentLog()).filter(log -> log.contains("standing by")), b::currentLog);

    // SIGTERM, as Kubernetes sends a Pod it deletes (the script sends SIGKILL if the process is still there after 15 s).
    Instant stopped = Instant.now();
    environment.operator("stop-instance", "a");

    assertThat(a.currentLog()).contains("stopped leading", "released the Lease " + fixture.namespace + "/" + lease).doesNotContain("lost leadership");
    Await.until(
        Fixture.TIMEOUT, "b holding Lease " + lease + " after a was shut down",
        () -> holder(fixture, lease).filter(b.identity()::equals), () -> "holder " + holder(fixture, lease));
    System.out.printf("leader election: b took over %.1f s after a was sent SIGTERM (lease duration 300 s)%n", Duration.between(stopped, Instant.now()).toMillis() / 1000.0);
  }

  @Test
  void aLeaderThatLosesItsLeaseExits() {
    Fixture fixture = new Fixture(environment, "leader-lost");
    String lease = "certkeeper-leader-" + fixture.namespace;
    Instance c = start("c", 19404, fixture, lease);
    Await.until(Fixture.TIMEOUT, "c holding Lease " + lease, () -> holder(fixture, lease).filter(c.identity()::equals), () -> "holder " + holder(fixture, lease));

    // Another holder with a fresh renewal, as when this process was cut off long enough for a peer to take over.
    Fixture.edit(fixture.client.leases().inNamespace(fixture.namespace).withName(lease), l -> {
      l.getSpec().setHolderIdentity("another-process");
      l.getSpec().setRenewTime(ZonedDateTime.now(ZoneOffset.UTC));
      l.getSpec().setLeaseDurationSeconds(60);
      return l;
    });

    Await.until(Fixture.TIMEOUT, "c to log that it lost leadership and exit",
        () -> Optional.of(c.currentLog()).filter(log -> log.contains("lost leadership")).filter(log -> !answers(c.base())),
        () -> "answers on its metrics port: " + answers(c.base()) + "; log:\n" + c.currentLog());
  }

  private static boolean answers(URI base) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(base.getHost(), base.getPort()), 1000);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static void createCertificate(Fixture fixture, String name) {
    fixture.create(
        Certificate.class,
        "apiVersion: cert-manager.io/v1\nkind: Certificate\nmetadata: {name: " + name + "}\nspec: {secretName: " + name
            + "-tls, dnsNames: [" + name + ".example.com], issuerRef: {name: selfsigned}}");
  }

  private static Optional<String> holder(Fixture fixture, String lease) {
    return Optional.ofNullable(fixture.client.leases().inNamespace(fixture.namespace).withName(lease).get())
        .map(Lease::getSpec)
        .map(spec -> spec.getHolderIdentity())
        .filter(identity -> !identity.isEmpty());
  }
}
