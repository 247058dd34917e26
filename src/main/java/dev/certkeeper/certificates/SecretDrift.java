package dev.certkeeper.certificates;

import io.fabric8.kubernetes.api.model.ManagedFieldsEntry;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Secret;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What in an issued Certificate's Secret no longer matches what certkeeper would write for it now:
 * cert-manager's post-issuance checks (secretTemplate, additionalOutputFormats, keystores, owner
 * reference, its own annotations). Such a Secret is written again from the key and certificate it
 * holds, without re-issuing, so a spec change reaches the Secret at once and not at the next renewal.
 */
final class SecretDrift {
  // The material itself is where the desired Secret was built from.
  private static final Set<String> MATERIAL = Set.of("tls.crt", "tls.key", "ca.crt");
  private static final Pattern OWNER_UID = Pattern.compile("k:\\{.*\"uid\":\"([^\"]+)\".*\\}");

  private SecretDrift() {}

  /**
   * The differences between the Secret certkeeper would apply and the one there, each in a few
   * words; empty when they agree. {@code desired} holds no keystore: {@code keystores} names the
   * keystore keys wanted, whose presence alone is compared, for they are made with a random salt.
   * {@code fieldManager} names certkeeper's applies, whose fields that are no longer wanted (a
   * label dropped from secretTemplate, a keystore switched off) count too.
   */
  static List<String> between(Secret desired, Set<String> keystores, Secret actual, String fieldManager) {
    List<String> drift = new ArrayList<>();
    ObjectMeta want = desired.getMetadata();
    ObjectMeta have = actual.getMetadata();
    differing("label", want.getLabels(), have.getLabels(), drift);
    differing("annotation", want.getAnnotations(), have.getAnnotations(), drift);
    Map<String, String> wantData = new HashMap<>(Optional.ofNullable(desired.getData()).orElse(Map.of()));
    Map<String, String> haveData = Optional.ofNullable(actual.getData()).orElse(Map.of());
    wantData.forEach((key, value) -> {
      if (!MATERIAL.contains(key) && !(haveData.containsKey(key) && sameBytes(value, haveData.get(key)))) {
        drift.add("key \"" + key + "\"");
      }
    });
    keystores.stream().sorted().filter(key -> !haveData.containsKey(key)).forEach(key -> drift.add("key \"" + key + "\""));
    keystores.forEach(key -> wantData.put(key, ""));
    for (OwnerReference reference : want.getOwnerReferences()) {
      if (have.getOwnerReferences().stream().noneMatch(r -> reference.getUid().equals(r.getUid()))) {
        drift.add("owner reference to " + reference.getKind() + " \"" + reference.getName() + "\"");
      }
    }
    Owned owned = Owned.by(have, fieldManager);
    unwanted("label", owned.labels(), want.getLabels(), have.getLabels(), drift);
    unwanted("annotation", owned.annotations(), want.getAnnotations(), have.getAnnotations(), drift);
    unwanted("key", owned.dataKeys(), wantData, haveData, drift);
    owned.ownerUids().stream()
        .filter(uid -> want.getOwnerReferences().stream().noneMatch(r -> uid.equals(r.getUid())) && have.getOwnerReferences().stream().anyMatch(r -> uid.equals(r.getUid())))
        .forEach(uid -> drift.add("owner reference no longer wanted"));
    return drift;
  }

  private static void differing(String what, Map<String, String> want, Map<String, String> have, List<String> drift) {
    Map<String, String> present = have == null ? Map.of() : have;
    want.forEach((key, value) -> {
      if (!Objects.equals(value, present.get(key))) {
        drift.add(what + " \"" + key + "\"");
      }
    });
  }

  private static void unwanted(String what, Set<String> owned, Map<String, String> want, Map<String, String> have, List<String> drift) {
    Map<String, String> present = have == null ? Map.of() : have;
    owned.stream().filter(k -> !want.containsKey(k) && present.containsKey(k)).sorted().forEach(k -> drift.add(what + " \"" + k + "\" no longer wanted"));
  }

  private static boolean sameBytes(String base64, String otherBase64) {
    return Arrays.equals(Base64.getDecoder().decode(base64), Base64.getDecoder().decode(otherBase64));
  }

  /** The labels, annotations, data keys and owner references a field manager's applies own. */
  private record Owned(Set<String> labels, Set<String> annotations, Set<String> dataKeys, Set<String> ownerUids) {
    static Owned by(ObjectMeta meta, String fieldManager) {
      Set<String> labels = new HashSet<>();
      Set<String> annotations = new HashSet<>();
      Set<String> dataKeys = new HashSet<>();
      Set<String> ownerUids = new HashSet<>();
      for (ManagedFieldsEntry entry : Optional.ofNullable(meta.getManagedFields()).orElse(List.of())) {
        if (!fieldManager.equals(entry.getManager()) || !"Apply".equals(entry.getOperation()) || entry.getFieldsV1() == null) {
          continue;
        }
        Map<String, Object> fields = entry.getFieldsV1().getAdditionalProperties();
        Map<String, Object> metadata = child(fields, "f:metadata");
        labels.addAll(names(child(metadata, "f:labels")));
        annotations.addAll(names(child(metadata, "f:annotations")));
        dataKeys.addAll(names(child(fields, "f:data")));
        for (String key : child(metadata, "f:ownerReferences").keySet()) {
          Matcher uid = OWNER_UID.matcher(key);
          if (uid.matches()) {
            ownerUids.add(uid.group(1));
          }
        }
      }
      return new Owned(labels, annotations, dataKeys, ownerUids);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> child(Map<String, Object> fields, String name) {
      return fields.get(name) instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
    }

    private static List<String> names(Map<String, Object> fields) {
      return fields.keySet().stream().filter(k -> k.startsWith("f:")).map(k -> k.substring(2)).toList();
    }
  }
}
