package dev.certkeeper.pki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.DERPrintableString;
import org.bouncycastle.asn1.DERUTF8String;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DistinguishedNamesTest {
  @Test
  void subjectFieldsAreEncodedInGosOrderWithOneRdnPerAttribute() {
    X500Name name = DistinguishedNames.of(Fixtures.spec(
        """
        commonName: app.example.com
        subject:
          organizations: [Example, Example Holding]
          organizationalUnits: [Web]
          countries: [DE]
          localities: [Berlin]
          provinces: [BE]
          streetAddresses: [Unter den Linden 1]
          postalCodes: ["10117"]
          serialNumber: "42"
        """));

    assertThat(rdns(name)).containsExactly(
        "C=DE", "ST=BE", "L=Berlin", "STREET=Unter den Linden 1", "PostalCode=10117", "O=Example+O=Example Holding", "OU=Web",
        "CN=app.example.com", "SERIALNUMBER=42");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
    "CN=app,OU=Web,O=Example,C=DE | C=DE;O=Example;OU=Web;CN=app",
    "O=Example,CN=app,C=DE,OU=Web | OU=Web;C=DE;CN=app;O=Example",
    "cn=app + uid=7, dc=example, dc=com | DC=com;DC=example;CN=app+UID=7",
    "commonName=app,organizationName=Example | O=Example;CN=app",
    "CN=a\\,b,O=x\\+y | O=x+y;CN=a,b",
    "SERIALNUMBER=1,STREET=Main 1,L=Town,ST=State | ST=State;L=Town;STREET=Main 1;SERIALNUMBER=1"
  })
  void literalSubjectsKeepTheirOrderReversedIntoAsn1AsRfc4514Says(String literal, String encodedOrder) {
    X500Name name = DistinguishedNames.fromLiteral(literal);

    assertThat(String.join(";", rdns(name)).replace("\\,", ",").replace("\\+", "+")).isEqualTo(encodedOrder);
  }

  @ParameterizedTest
  @ValueSource(strings = {"CN=app,EMAIL=a@example.com", "CN=app,postalCode=10117", "CN=app,2.5.4.3=x"})
  void literalSubjectsNameOnlyAttributesCertManagerKnows(String literal) {
    assertThatThrownBy(() -> DistinguishedNames.fromLiteral(literal))
        .isInstanceOf(PkiException.class)
        .hasMessageStartingWith("literalSubject: unknown attribute")
        .hasMessageEndingWith("use C, O, OU, CN, SERIALNUMBER, L, ST, STREET, DC or UID");
  }

  @ParameterizedTest
  @ValueSource(strings = {"CN=#ops-team,O=Example", "CN=#zz", "CN=#", "CN=#0", "O=Example, CN = #0403616263", "CN=app+OU=#00"})
  void refusesValuesWrittenAsHexRatherThanThrowingWhatTheParserThrows(String literal) {
    assertThatThrownBy(() -> DistinguishedNames.fromLiteral(literal))
        .isInstanceOf(PkiException.class)
        .hasMessageContaining("has a value written as #hex (BER): write the value as text, escaping a leading # as \\#");
  }

  @ParameterizedTest
  @ValueSource(strings = {"CN=\\#ops-team,O=Example", "CN=a#b", "CN=app,O=x\\,=#y"})
  void readsAnEscapedOrInnerHashAsText(String literal) {
    assertThat(DistinguishedNames.fromLiteral(literal).toString()).contains("#");
  }

  @Test
  void valuesArePrintableStringsWhenTheyCanBeElseUtf8AsGoWritesThem() {
    X500Name name = DistinguishedNames.fromLiteral("CN=app.example.com,O=Müller & Söhne,OU=a*b");

    assertThat(value(name, 0)).isInstanceOf(DERUTF8String.class);
    assertThat(value(name, 1)).isInstanceOf(DERUTF8String.class);
    assertThat(value(name, 2)).isInstanceOf(DERPrintableString.class);
  }

  @Test
  void goReadsTheLastCommonName() {
    X500Name name = DistinguishedNames.fromLiteral("CN=second,CN=first,O=Example");

    assertThat(DistinguishedNames.commonName(name)).isEqualTo("second");
    assertThat(DistinguishedNames.values(name, BCStyle.CN)).containsExactly("first", "second");
    assertThat(DistinguishedNames.commonName(new X500Name(new RDN[0]))).isEmpty();
  }

  private static List<String> rdns(X500Name name) {
    return Arrays.stream(name.getRDNs())
        .map(rdn -> Arrays.stream(rdn.getTypesAndValues())
            .map(value -> BCStyle.INSTANCE.oidToDisplayName(value.getType()) + "=" + IETFUtils.valueToString(value.getValue()))
            .collect(Collectors.joining("+")))
        .toList();
  }

  private static ASN1Encodable value(X500Name name, int index) {
    return name.getRDNs()[index].getFirst().getValue();
  }
}
