package dev.certkeeper.acme.http01;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The arguments of {@code certkeeper acmesolver}, read without a command-line library: the solver
 * process starts once per challenge, and loading one costs about a third of its start-up CPU.
 * Options are {@code --name=value} or {@code --name value}.
 *
 * @param help whether {@code --help} (or {@code -h}) was given; the other fields are then unset
 */
public record SolverArguments(boolean help, String listenAddress, int listenPort, String domain, String token, String key) {
  /** What {@code --help} prints. */
  public static final String USAGE =
      """
      Usage: certkeeper acmesolver --domain=<domain> --token=<token> --key=<key> [--listen-address=<address>] [--listen-port=<port>]
      Serve one ACME HTTP-01 challenge response; run by the solver Pods certkeeper creates.
            --domain=<domain>     The DNS name or IP address being validated.
            --token=<token>       The challenge token.
            --key=<key>           The key authorization to serve.
            --listen-address=<address>
                                  Address to listen on; 0.0.0.0 or :: mean every address of both IP families (default: 0.0.0.0).
            --listen-port=<port>  Port to listen on (default: 8089).
        -h, --help                Show this help message and exit.
      """;

  private static final List<String> NAMES = List.of("--listen-address", "--listen-port", "--domain", "--token", "--key");
  private static final List<String> REQUIRED = List.of("--domain", "--token", "--key");

  /** Parses the arguments after {@code acmesolver}; throws IllegalArgumentException naming what is wrong. */
  public static SolverArguments parse(List<String> args) {
    Map<String, String> values = new LinkedHashMap<>();
    for (int i = 0; i < args.size(); i++) {
      String arg = args.get(i);
      if (arg.equals("--help") || arg.equals("-h")) {
        return new SolverArguments(true, null, 0, null, null, null);
      }
      int equals = arg.indexOf('=');
      String name = equals < 0 ? arg : arg.substring(0, equals);
      if (!NAMES.contains(name)) {
        throw new IllegalArgumentException("Unknown option: '" + arg + "'");
      }
      if (equals < 0 && i + 1 == args.size()) {
        throw new IllegalArgumentException("Missing value for option '" + name + "'");
      }
      String value = equals < 0 ? args.get(++i) : arg.substring(equals + 1);
      if (values.put(name, value) != null) {
        throw new IllegalArgumentException("Option '" + name + "' was given more than once");
      }
    }
    List<String> missing = REQUIRED.stream().filter(name -> !values.containsKey(name)).toList();
    if (!missing.isEmpty()) {
      throw new IllegalArgumentException("Missing required options: " + String.join(", ", missing.stream().map(n -> "'" + n + "'").toList()));
    }
    return new SolverArguments(
        false, values.getOrDefault("--listen-address", "0.0.0.0"), port(values.getOrDefault("--listen-port", "8089")), values.get("--domain"),
        values.get("--token"), values.get("--key"));
  }

  private static int port(String value) {
    try {
      int port = Integer.parseInt(value);
      if (port >= 0 && port <= 65535) {
        return port;
      }
    } catch (NumberFormatException e) {
      // Reported below with the value.
    }
    throw new IllegalArgumentException("--listen-port must be a port number from 0 to 65535, not '" + value + "'");
  }
}
