package dev.certkeeper.certificates.policy;

/** The condition reasons the policy checks report, spelled as cert-manager spells them. */
public final class Reasons {
  public static final String MANUALLY_TRIGGERED = "ManuallyTriggered";
  public static final String DOES_NOT_EXIST = "DoesNotExist";
  public static final String MISSING_DATA = "MissingData";
  public static final String INVALID_KEY_PAIR = "InvalidKeyPair";
  public static final String INVALID_CERTIFICATE = "InvalidCertificate";
  public static final String INCORRECT_ISSUER = "IncorrectIssuer";
  public static final String INCORRECT_CERTIFICATE = "IncorrectCertificate";
  public static final String SECRET_MISMATCH = "SecretMismatch";
  public static final String INVALID_CERTIFICATE_REQUEST = "InvalidCertificateRequest";
  public static final String REQUEST_CHANGED = "RequestChanged";
  public static final String RENEWING = "Renewing";
  public static final String EXPIRED = "Expired";

  private Reasons() {}
}
