package dev.certkeeper.acme.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.certkeeper.api.acme.AcmeState;
import dev.certkeeper.api.acme.Challenge;
import dev.certkeeper.api.acme.Order;
import dev.certkeeper.api.certmanager.Certificate;
import dev.certkeeper.testing.AcmeFixture;
import dev.certkeeper.testing.Await;
import dev.certkeeper.testing.Fixture;
import dev.certkeeper.testing.LocalControlPlane;
import dev.certkeeper.testing.LocalEnvironment;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * SIGKILL of the operator at each step of an HTTP-01 issuance, then a restart: it resumes from
 * what the API server holds, with the one Order it had (never a second one at the CA), and ends
 * Ready with every solver object gone.
 */
@ExtendWith(LocalControlPlane.class)
class AcmeCrashIT {
  private static LocalEnvironment environment;
  private static Fixture fixture;
  private static AcmeFixture acme;
  /**
   * Every Challenge ever seen processing, from a watch: with Pebble validating at once, a Challenge
   * can be processing for less than a poll's interval, and a watch sees every state it passed.
   */
  private static final Set<String> processingSeen = ConcurrentHashMap.newKeySet();
  private static Watch challengeWatch;
  private static volatile WatcherException challengeWatchClosed;

  @BeforeAll
  static void setUp(LocalEnvironment env) {
    environment = env;
    fixture = new Fixture(env, "acme-crash");
    acme = new AcmeFixture(fixture, env);
    challengeWatch = fixture.client.resources(Challenge.class).inNamespace(fixture.namespace).watch(new Watcher<>() {
      @Override
      public void eventReceived(Action action, Challenge challenge) {
        if (challenge.getStatus() != null && Boolean.TRUE.equals(challenge.getStatus().processing())) {
          processingSeen.add(challenge.getMetadata().getName());
        }
      }

      @Override
      public void onClose(WatcherException cause) {
        challengeWatchClosed = cause;
      }
    });
    acme.createIssuer("pebble", AcmeFixture.NGINX_SOLVER);
  }

  @AfterAll
  static void operatorRunsAgain() {
    challengeWatch.close();
    environment.operator("ensure");
  }

  static Stream<Arguments> killPoints() {
    return Stream.of(
        Arguments.of("once the Order is sent to the CA", (Predicate<String>) name -> orders(name).stream().anyMatch(o -> o.getStatus() != null && o.getStatus().url() != null)),
        Arguments.of("once the Challenge is presented", (Predicate<String>) name -> challenges(name).stream().anyMatch(c -> c.getStatus() != null && Boolean.TRUE.equals(c.getStatus().presented()))),
        Arguments.of("while the CA validates the Challenge", (Predicate<String>) name -> {
          assertThat(challengeWatchClosed).as("the Challenge watch closed").isNull();
          return processingSeen.stream().anyMatch(challenge -> challenge.startsWith(name + "-"));
        }));
  }

  @ParameterizedTest(name = "killed {0}")
  @MethodSource("killPoints")
  void resumesWithTheSameOrderAndCleansUp(String point, Predicate<String> reached) {
    String name = "crash-" + Integer.toHexString(point.hashCode() & 0xfffff);
    acme.createCertificate(name, "pebble");
    Await.until(AcmeFixture.ACME_TIMEOUT, "kill point: " + point, () -> Optional.of(name).filter(reached), () -> acme.describe(name));
    String orderUrl = Await.until(Duration.ofSeconds(30), "the Order's URL at the CA", () -> orders(name).stream().map(o -> o.getStatus() == null ? null : o.getStatus().url()).filter(u -> u != null).findFirst(), () -> acme.describe(name));
    environment.operator("kill");
    environment.operator("start");

    Certificate ready = acme.awaitReady(name);
    assertThat(ready.getStatus().revision()).isEqualTo(1);
    assertThat(orders(name)).as("one Order, the one sent before the kill").singleElement().satisfies(o -> {
      assertThat(o.getStatus().url()).isEqualTo(orderUrl);
      assertThat(o.getStatus().state()).isEqualTo(AcmeState.VALID);
    });
    acme.awaitNoSolverObjects();
  }

  private static List<Order> orders(String certificate) {
    return acme.orders().stream().filter(o -> o.getMetadata().getName().startsWith(certificate + "-")).toList();
  }

  private static List<Challenge> challenges(String certificate) {
    return acme.challenges().stream().filter(c -> c.getMetadata().getName().startsWith(certificate + "-")).toList();
  }
}
