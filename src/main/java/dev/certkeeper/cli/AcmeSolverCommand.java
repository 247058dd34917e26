package dev.certkeeper.cli;

import dev.certkeeper.acme.http01.ChallengeInputs;
import dev.certkeeper.acme.http01.SolverServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code certkeeper acmesolver}: the process in an HTTP-01 solver Pod, serving one key
 * authorization. Uses nothing of the Kubernetes client or the operator, so it starts in a moment.
 */
@Command(
    name = "acmesolver",
    mixinStandardHelpOptions = true,
    description = "Serve one ACME HTTP-01 challenge response; run by the solver Pods certkeeper creates.")
final class AcmeSolverCommand implements Callable<Integer> {
  private static final Logger LOG = LoggerFactory.getLogger(AcmeSolverCommand.class);

  @Spec CommandSpec spec;

  @Option(names = "--listen-port", description = "Port to listen on (default: ${DEFAULT-VALUE}).", defaultValue = "8089")
  int listenPort;

  @Option(
      names = "--listen-address",
      description = "Address to listen on; 0.0.0.0 or :: mean every address of both IP families (default: ${DEFAULT-VALUE}).",
      defaultValue = "0.0.0.0")
  String listenAddress;

  @Option(names = "--domain", required = true, description = "The DNS name or IP address being validated.")
  String domain;

  @Option(names = "--token", required = true, description = "The challenge token.")
  String token;

  @Option(names = "--key", required = true, description = "The key authorization to serve.")
  String key;

  @Override
  public Integer call() throws IOException, InterruptedException {
    Optional<String> problem = ChallengeInputs.problem(domain, token, key);
    if (problem.isPresent()) {
      spec.commandLine().getErr().println("acmesolver: " + problem.get());
      return 2;
    }
    SolverServer server = SolverServer.start(address(), new ChallengeInputs(domain, token, key));
    Runtime.getRuntime().addShutdownHook(new Thread(server::close));
    LOG.info("serving the HTTP-01 challenge for {} (token {}) on {}:{}", domain, token, listenAddress, server.port());
    new CountDownLatch(1).await();
    return 0;
  }

  /** A wildcard address binds the dual-stack socket, so the solver also answers on an IPv6-only cluster. */
  private InetSocketAddress address() throws IOException {
    InetAddress address = InetAddress.getByName(listenAddress);
    return address.isAnyLocalAddress() ? new InetSocketAddress(listenPort) : new InetSocketAddress(address, listenPort);
  }
}
