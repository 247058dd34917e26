package dev.certkeeper.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class AcmeSolverCommandTest {
  @Test
  void listensOnPort8089OfEveryAddressByDefault() {
    AcmeSolverCommand command = new AcmeSolverCommand();
    new CommandLine(command).parseArgs("--domain=app.example.com", "--token=t", "--key=t.k");
    assertThat(command.listenPort).isEqualTo(8089);
    assertThat(command.listenAddress).isEqualTo("0.0.0.0");
  }

  @Test
  void refusesInvalidInputsBeforeListeningWithExitCode2() {
    StringWriter err = new StringWriter();
    int exit = new CommandLine(new AcmeSolverCommand())
        .setErr(new PrintWriter(err, true))
        .execute("--listen-port=0", "--domain=app.example.com", "--token=a/b", "--key=a/b.x");
    assertThat(exit).isEqualTo(2);
    assertThat(err.toString()).startsWith("acmesolver: token \"a/b\" has characters outside the base64url alphabet");
  }

  @Test
  void requiresDomainTokenAndKey() {
    StringWriter err = new StringWriter();
    int exit = new CommandLine(new AcmeSolverCommand()).setErr(new PrintWriter(err, true)).execute("--domain=app.example.com");
    assertThat(exit).isEqualTo(2);
    assertThat(err.toString()).contains("Missing required options: '--token=<token>', '--key=<key>'");
  }
}
