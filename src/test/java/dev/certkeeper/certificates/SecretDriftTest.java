package dev.certkeeper.certificates;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.fabric8.kubernetes.api.model.FieldsV1;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntry;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SecretDriftTest {
  private static final String MANAGER = "certkeeper";

  static Stream<Arguments> cases() {
    return Stream.of(
        Arguments.of("a Secret as certkeeper wrote it has not drifted", desired(), Set.of(), written(), List.of()),
        Arguments.of("the material is not compared: it is what the desired Secret is built from",
            desired(), Set.of(), edit(written(), s -> data(s, "tls.crt", "re-encoded")), List.of()),
        Arguments.of("a label added to secretTemplate", label(desired(), "team", "a"), Set.of(), written(), List.of("label \"team\"")),
        Arguments.of("a secretTemplate label changed", label(desired(), "team", "b"), Set.of(), label(written(), "team", "a"), List.of("label \"team\"")),
        Arguments.of("someone else's labels are left alone", desired(), Set.of(), label(written(), "theirs", "x"), List.of()),
        Arguments.of("a label dropped from secretTemplate that certkeeper applied",
            desired(), Set.of(), owns(label(written(), "team", "a"), "f:metadata", "f:labels", "f:team"), List.of("label \"team\" no longer wanted")),
        Arguments.of("an edited cert-manager annotation",
            desired(), Set.of(), edit(written(), s -> s.getMetadata().getAnnotations().put("cert-manager.io/issuer-name", "other")),
            List.of("annotation \"cert-manager.io/issuer-name\"")),
        Arguments.of("an output format turned on", data(desired(), "key.der", "der"), Set.of(), written(), List.of("key \"key.der\"")),
        Arguments.of("an output format whose content is stale", data(desired(), "tls-combined.pem", "new"), Set.of(), data(written(), "tls-combined.pem", "old"),
            List.of("key \"tls-combined.pem\"")),
        Arguments.of("an output format turned off", desired(), Set.of(), owns(data(written(), "key.der", "der"), "f:data", "f:key.der"),
            List.of("key \"key.der\" no longer wanted")),
        Arguments.of("a keystore turned on", desired(), Set.of("keystore.p12"), written(), List.of("key \"keystore.p12\"")),
        Arguments.of("a keystore there is not compared byte for byte (its salt is random)",
            desired(), Set.of("keystore.p12"), owns(data(written(), "keystore.p12", "salted"), "f:data", "f:keystore.p12"), List.of()),
        Arguments.of("a keystore turned off", desired(), Set.of(), owns(data(written(), "keystore.p12", "salted"), "f:data", "f:keystore.p12"),
            List.of("key \"keystore.p12\" no longer wanted")),
        Arguments.of("the owner reference turned on", owned(desired()), Set.of(), written(), List.of("owner reference to Certificate \"web\"")),
        Arguments.of("the owner reference turned off",
            desired(), Set.of(), owns(owned(written()), "f:metadata", "f:ownerReferences", "k:{\"uid\":\"uid-1\"}"), List.of("owner reference no longer wanted")),
        Arguments.of("an owner reference someone else set is left alone", desired(), Set.of(), owned(written()), List.of()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void findsWhatNoLongerMatchesTheSpec(String name, Secret desired, Set<String> keystores, Secret actual, List<String> drift) {
    assertEquals(drift, SecretDrift.between(desired, keystores, actual, MANAGER));
  }

  private static Secret desired() {
    return new SecretBuilder()
        .withNewMetadata().withName("web-tls").withNamespace("apps")
        .withLabels(new HashMap<>(Map.of("controller.cert-manager.io/fao", "true")))
        .withAnnotations(new HashMap<>(Map.of("cert-manager.io/issuer-name", "ca", "cert-manager.io/certificate-name", "web")))
        .endMetadata()
        .withData(new HashMap<>(Map.of("tls.crt", base64("chain"), "tls.key", base64("key"))))
        .build();
  }

  private static Secret written() {
    return desired();
  }

  private static Secret edit(Secret secret, Consumer<Secret> change) {
    change.accept(secret);
    return secret;
  }

  private static Secret label(Secret secret, String key, String value) {
    return edit(secret, s -> s.getMetadata().getLabels().put(key, value));
  }

  private static Secret data(Secret secret, String key, String value) {
    return edit(secret, s -> s.getData().put(key, base64(value)));
  }

  private static Secret owned(Secret secret) {
    return edit(secret, s -> s.getMetadata().getOwnerReferences().add(
        new OwnerReferenceBuilder().withApiVersion("cert-manager.io/v1").withKind("Certificate").withName("web").withUid("uid-1").withController(true).build()));
  }

  /** Records that certkeeper's applies own the field at the given path. */
  private static Secret owns(Secret secret, String... path) {
    Map<String, Object> leaf = new HashMap<>();
    Map<String, Object> root = leaf;
    for (int i = path.length - 1; i >= 0; i--) {
      root = new HashMap<>(Map.of(path[i], root));
    }
    FieldsV1 fields = new FieldsV1();
    root.forEach(fields::setAdditionalProperty);
    ManagedFieldsEntry entry = new ManagedFieldsEntry();
    entry.setManager(MANAGER);
    entry.setOperation("Apply");
    entry.setFieldsV1(fields);
    return edit(secret, s -> s.getMetadata().setManagedFields(List.of(entry)));
  }

  private static String base64(String text) {
    return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }
}
