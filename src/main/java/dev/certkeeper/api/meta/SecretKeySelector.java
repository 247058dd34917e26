package dev.certkeeper.api.meta;

import dev.certkeeper.api.ApiType;
import io.fabric8.generator.annotation.Required;

/** A key in a Secret of the same namespace (for ClusterIssuers: the cluster resource namespace). */
@ApiType
public record SecretKeySelector(@Required String name, String key) {
  /** The key, or the given default when none was set. */
  public String keyOr(String defaultKey) {
    return key == null || key.isEmpty() ? defaultKey : key;
  }
}
