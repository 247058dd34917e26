package dev.certkeeper.operator;

import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderCallbacks;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfigurationBuilder;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Leader election on a coordination.k8s.io Lease, so that of several operator processes exactly
 * one reconciles. All of them watch and stay Ready; only the holder of the Lease acts. A process
 * that loses the Lease exits (Kubernetes restarts it as a follower) rather than risk acting
 * alongside the new leader. One that is shut down (SIGTERM, as in a rolling update) gives the Lease
 * up once it has stopped acting, so a standby takes over at its next retry, not a lease later.
 */
public final class LeaderElection {
  private static final Logger LOG = LoggerFactory.getLogger(LeaderElection.class);

  private final String namespace;
  private final String leaseName;
  private final Duration leaseDuration;
  private final Duration renewDeadline;
  private final Duration retryPeriod;
  private final String identity;
  private final AtomicBoolean leading = new AtomicBoolean();
  private final AtomicBoolean shuttingDown = new AtomicBoolean();

  /** Checks the timings as client-go does: the lease outlasts the renew deadline, which outlasts a retry. */
  public LeaderElection(String namespace, String leaseName, Duration leaseDuration, Duration renewDeadline, Duration retryPeriod) {
    if (leaseDuration.compareTo(renewDeadline) <= 0) {
      throw new IllegalArgumentException(
          "the leader election lease duration (" + leaseDuration + ") must be longer than the renew deadline (" + renewDeadline + ")");
    }
    if (renewDeadline.compareTo(retryPeriod) <= 0) {
      throw new IllegalArgumentException(
          "the leader election renew deadline (" + renewDeadline + ") must be longer than the retry period (" + retryPeriod + ")");
    }
    this.namespace = namespace;
    this.leaseName = leaseName;
    this.leaseDuration = leaseDuration;
    this.renewDeadline = renewDeadline;
    this.retryPeriod = retryPeriod;
    // Host name plus a random part, as client-go does: two processes on one host must differ.
    this.identity = hostName() + "_" + UUID.randomUUID();
    LOG.info("leader election: identity {}, Lease {}/{}", identity, namespace, leaseName);
  }

  /**
   * The Java Operator SDK's configuration: log each change of leader, and exit when leadership is
   * lost. The exit is this class's, not the SDK's: the SDK's would also fire when the process is
   * shut down, from inside the shutdown hook, where System.exit blocks for ever.
   */
  public LeaderElectionConfiguration configuration() {
    return LeaderElectionConfigurationBuilder.aLeaderElectionConfiguration(leaseName)
        .withLeaseNamespace(namespace)
        .withIdentity(identity)
        .withLeaseDuration(leaseDuration)
        .withRenewDeadline(renewDeadline)
        .withRetryPeriod(retryPeriod)
        .withExitOnStopLeading(false)
        .withLeaderCallbacks(new LeaderCallbacks(this::started, this::stopped, this::newLeader))
        .build();
  }

  /** Whether this process holds the Lease now. */
  public boolean isLeading() {
    return leading.get();
  }

  private void started() {
    leading.set(true);
    LOG.info("became the leader (Lease {}/{}, identity {}); reconciling", namespace, leaseName, identity);
  }

  private void stopped() {
    leading.set(false);
    if (shuttingDown.get()) {
      LOG.info("stopped leading (Lease {}/{}, identity {}): shutting down", namespace, leaseName, identity);
      return;
    }
    LOG.warn("lost leadership (Lease {}/{}, identity {}); exiting so that no two processes act at once", namespace, leaseName, identity);
    // At once, without a graceful stop: another process may be acting already.
    System.err.flush();
    Runtime.getRuntime().halt(1);
  }

  /** Called when the process is asked to stop, before its controllers stop: leadership then ends by choice. */
  public void shuttingDown() {
    shuttingDown.set(true);
  }

  /**
   * Gives the Lease up, once this process has stopped acting, as client-go's ReleaseOnCancel does
   * (the Java Operator SDK does not): no holder and a one-second duration, so a standby takes it
   * at its next retry. A Lease another process holds is left alone; a failure only means the
   * standby waits for the lease to expire, as after a crash.
   */
  public void release(KubernetesClient client) {
    try {
      Lease lease = client.leases().inNamespace(namespace).withName(leaseName).get();
      if (lease == null || lease.getSpec() == null || !identity.equals(lease.getSpec().getHolderIdentity())) {
        return;
      }
      ZonedDateTime now = ZonedDateTime.now(ZoneOffset.UTC);
      lease.getSpec().setHolderIdentity("");
      lease.getSpec().setLeaseDurationSeconds(1);
      lease.getSpec().setAcquireTime(now);
      lease.getSpec().setRenewTime(now);
      // Carries the resourceVersion read: a Lease taken over meanwhile is not overwritten.
      client.resource(lease).update();
      LOG.info("released the Lease {}/{} (identity {})", namespace, leaseName, identity);
    } catch (KubernetesClientException e) {
      LOG.warn("could not release the Lease {}/{}: {}; a standby takes over once it expires", namespace, leaseName, e.getMessage());
    }
  }

  private void newLeader(String holder) {
    if (!identity.equals(holder)) {
      LOG.info("the leader is {} (Lease {}/{}); standing by", holder, namespace, leaseName);
    }
  }

  private static String hostName() {
    String fromPod = System.getenv("HOSTNAME");
    if (fromPod != null && !fromPod.isBlank()) {
      return fromPod;
    }
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      return "certkeeper";
    }
  }
}
