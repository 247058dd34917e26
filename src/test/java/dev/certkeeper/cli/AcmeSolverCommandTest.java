package dev.certkeeper.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class AcmeSolverCommandTest {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(String... args) throws Exception {
    return AcmeSolverCommand.run(List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  @Test
  void refusesInvalidInputsBeforeListeningWithExitCode2() throws Exception {
    int exit = run("--listen-port=0", "--domain=app.example.com", "--token=a/b", "--key=a/b.x");
    assertThat(exit).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("acmesolver: token \"a/b\" has characters outside the base64url alphabet");
  }

  @Test
  void requiresDomainTokenAndKeyAndShowsTheUsage() throws Exception {
    int exit = run("--domain=app.example.com");
    assertThat(exit).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("acmesolver: Missing required options: '--token', '--key'", "Usage: certkeeper acmesolver");
  }

  @Test
  void printsItsUsageForHelp() throws Exception {
    assertThat(run("--help")).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("Usage: certkeeper acmesolver").contains("--listen-port=<port>");
  }

  @Test
  void mainHelpStillNamesTheSolver() {
    StringWriter help = new StringWriter();
    Main.commandLine().setOut(new PrintWriter(help, true)).execute("--help");
    assertThat(help.toString()).contains("acmesolver  Serve one ACME HTTP-01 challenge response");
  }
}
