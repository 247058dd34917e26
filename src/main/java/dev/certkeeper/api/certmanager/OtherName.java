package dev.certkeeper.api.certmanager;

import dev.certkeeper.api.ApiType;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

/** An otherName subject alternative name, for example a Microsoft UPN (1.3.6.1.4.1.311.20.2.3). */
@ApiType
@ValidationRule(
    value = "has(self.oid) && self.oid.matches('^[0-2]([.][0-9]+)+$')",
    message = "otherNames[].oid must be a dotted object identifier such as 1.3.6.1.4.1.311.20.2.3")
@ValidationRule(
    value = "has(self.utf8Value) && self.utf8Value != ''",
    message = "otherNames[].utf8Value must not be empty")
public record OtherName(@Size(max = 128) String oid, @Size(max = 1024) String utf8Value) {}
