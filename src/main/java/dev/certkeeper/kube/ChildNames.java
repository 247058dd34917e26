package dev.certkeeper.kube;

import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;

/**
 * Names for objects a controller creates on behalf of another: {@code <parent>-<checksum of key>},
 * the same after a restart, so a repeated step finds what the first one created.
 */
public final class ChildNames {
  private ChildNames() {}

  /** The parent's name, cut to {@code maxParentLength} (and to a whole DNS label), a dash and the CRC-32 of {@code key} in decimal. */
  public static String of(String parentName, int maxParentLength, String key) {
    CRC32 crc = new CRC32();
    crc.update(key.getBytes(StandardCharsets.UTF_8));
    String base = parentName.length() > maxParentLength ? parentName.substring(0, maxParentLength) : parentName;
    // A cut ending in a dot (or a dot and dashes) leaves a label that is not a DNS label; a cut ending in
    // dashes alone is valid and kept as it is, so objects named before are found again.
    if (base.matches(".*\\.-*")) {
      base = base.replaceAll("[-.]+$", "");
    }
    return base + "-" + crc.getValue();
  }
}
