package dev.certkeeper.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

/** The user commands' arguments, checked before any cluster is contacted. */
class UserCommandsTest {
  private record Run(int exit, String out, String err) {}

  private static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine commandLine = Main.commandLine().setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true));
    int exit = commandLine.execute(args);
    return new Run(exit, out.toString(), err.toString());
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
    "renew                 | give the names of Certificates to renew, or --all (or -l SELECTOR)",
    "renew web --all       | give either Certificate names or --all/-l, not both",
    "renew web -A          | -A/--all-namespaces goes with --all or -l",
    "status                | Missing required subcommand",
    "status certificate    | Missing required parameter: 'NAME'",
    "inspect secret a b    | Unmatched argument at index 3: 'b'",
    "check api --wait=soon | Invalid value for option '--wait'",
    "status cert web -o xml | Invalid value for option '--output'"
  })
  void usageErrorsExitWith2AndSayWhatIsWrong(String args, String message) {
    Run run = run(args.split(" "));

    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err()).contains(message);
  }

  @Test
  void outputFormatsAreReadInAnyCase() {
    CertificateStatusCommand command = new CertificateStatusCommand();
    new CommandLine(command).setCaseInsensitiveEnumValuesAllowed(true).parseArgs("web", "-o", "yaml");
    assertThat(command.output).isEqualTo(dev.certkeeper.cli.report.OutputFormat.YAML);
  }

  @Test
  void helpDocumentsTheExitCodes() {
    for (String command : new String[] {"status certificate", "renew", "inspect secret", "check api"}) {
      Run run = run((command + " --help").split(" "));
      assertThat(run.exit()).isZero();
      assertThat(run.out()).contains("Exit codes:", "  0 ", "  1 ", "  2 ");
    }
  }

  @Test
  void anUnreadableKubeconfigIsAnErrorWithExitCode1() {
    Run run = run("status", "certificate", "web", "--kubeconfig", "/nonexistent/kubeconfig");

    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.err()).isEqualTo("error: cannot read the kubeconfig file /nonexistent/kubeconfig\n");
  }
}
