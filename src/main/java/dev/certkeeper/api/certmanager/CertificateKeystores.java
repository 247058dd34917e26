package dev.certkeeper.api.certmanager;

import dev.certkeeper.api.ApiType;

/** Keystores to write into the Secret besides the PEM files. */
@ApiType
public record CertificateKeystores(JksKeystore jks, Pkcs12Keystore pkcs12) {}
