package dev.certkeeper.cli;

import dev.certkeeper.acme.http01.ChallengeInputs;
import dev.certkeeper.acme.http01.SolverArguments;
import dev.certkeeper.acme.http01.SolverServer;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code certkeeper acmesolver}: the process in an HTTP-01 solver Pod, serving one key
 * authorization. Uses nothing of the Kubernetes client, the operator or the command-line library,
 * so it starts in a moment: a busy node starts one per challenge.
 */
final class AcmeSolverCommand {
  private static final Logger LOG = LoggerFactory.getLogger(AcmeSolverCommand.class);

  private AcmeSolverCommand() {}

  /**
   * Serves until the process is stopped; returns at once with exit code 2 for a usage error or an
   * invalid input (named on {@code err}), 0 after {@code --help}.
   */
  static int run(List<String> args, PrintStream out, PrintStream err) throws IOException, InterruptedException {
    SolverArguments arguments;
    try {
      arguments = SolverArguments.parse(args);
    } catch (IllegalArgumentException e) {
      err.println("acmesolver: " + e.getMessage());
      err.print(SolverArguments.USAGE);
      return 2;
    }
    if (arguments.help()) {
      out.print(SolverArguments.USAGE);
      return 0;
    }
    Optional<String> problem = ChallengeInputs.problem(arguments.domain(), arguments.token(), arguments.key());
    if (problem.isPresent()) {
      err.println("acmesolver: " + problem.get());
      return 2;
    }
    SolverServer server = SolverServer.start(address(arguments), new ChallengeInputs(arguments.domain(), arguments.token(), arguments.key()));
    Runtime.getRuntime().addShutdownHook(new Thread(server::close));
    LOG.info("serving the HTTP-01 challenge for {} (token {}) on {}:{}", arguments.domain(), arguments.token(), arguments.listenAddress(), server.port());
    new CountDownLatch(1).await();
    return 0;
  }

  /** A wildcard address binds the dual-stack socket, so the solver also answers on an IPv6-only cluster. */
  private static InetSocketAddress address(SolverArguments arguments) throws IOException {
    InetAddress address = InetAddress.getByName(arguments.listenAddress());
    return address.isAnyLocalAddress() ? new InetSocketAddress(arguments.listenPort()) : new InetSocketAddress(address, arguments.listenPort());
  }
}
