package dev.certkeeper.acme.dns;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The system resolver (/etc/hosts, the pod's resolv.conf), which Java cannot bound in time: the
 * lookup runs on a daemon thread and the caller stops waiting at the timeout, leaving the lookup
 * to finish or fail on its own.
 */
final class SystemResolver implements HostResolver {
  private final Executor lookups = runnable -> {
    Thread thread = new Thread(runnable, "dns-lookup");
    thread.setDaemon(true);
    thread.start();
  };

  @Override
  public List<InetAddress> resolve(String host, Duration timeout) throws UnknownHostException {
    CompletableFuture<InetAddress[]> lookup = CompletableFuture.supplyAsync(() -> {
      try {
        return InetAddress.getAllByName(host);
      } catch (UnknownHostException e) {
        throw new CompletionException(e);
      }
    }, lookups);
    try {
      InetAddress[] addresses = lookup.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      return Arrays.stream(addresses).sorted(ipv4First()).toList();
    } catch (TimeoutException e) {
      throw new UnknownHostException(host + ": the system resolver gave no answer within " + timeout.toMillis() + " ms");
    } catch (ExecutionException e) {
      throw new UnknownHostException(host + ": the system resolver found no address");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new UnknownHostException(host + ": interrupted while resolving");
    }
  }

  static Comparator<InetAddress> ipv4First() {
    return Comparator.comparingInt(address -> address.getAddress().length);
  }
}
