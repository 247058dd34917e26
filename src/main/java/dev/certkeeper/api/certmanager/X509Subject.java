package dev.certkeeper.api.certmanager;

import dev.certkeeper.api.ApiType;
import java.util.List;

/** The subject fields of a certificate besides its common name. */
@ApiType
public record X509Subject(
    List<String> organizations,
    List<String> countries,
    List<String> organizationalUnits,
    List<String> localities,
    List<String> provinces,
    List<String> streetAddresses,
    List<String> postalCodes,
    String serialNumber) {}
