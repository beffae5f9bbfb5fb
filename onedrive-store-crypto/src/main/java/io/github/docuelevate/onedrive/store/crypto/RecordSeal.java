package io.github.docuelevate.onedrive.store.crypto;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.docuelevate.onedrive.IntegrationKey;
import io.github.docuelevate.onedrive.spi.StoredIntegration.SecretField;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The canonical bytes a record's seal covers: owner, integration id, version and key id, the
 * metadata document as a tree (fields in code-unit order of their names, each value tagged with its
 * type, every string as its length and UTF-16 code units), and each ciphertext present with its
 * field name. Whatever a store keeps in clear, present or future fields alike, is in these bytes;
 * two different records never give the same bytes, and neither does one document written with other
 * whitespace or field order.
 */
final class RecordSeal {
  private RecordSeal() {}

  static byte[] encode(
      IntegrationKey key,
      long version,
      long keyId,
      JsonNode metadata,
      Map<SecretField, byte[]> secrets) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(512);
    DataOutputStream out = new DataOutputStream(bytes);
    try {
      string(out, key.owner());
      string(out, key.integrationId());
      out.writeLong(version);
      out.writeLong(keyId);
      value(out, metadata);
      // Only the fields present: a field added to SecretField later leaves older seals valid.
      out.writeInt(secrets.size());
      for (Map.Entry<SecretField, byte[]> e : secrets.entrySet()) {
        string(out, e.getKey().name());
        out.writeInt(e.getValue().length);
        out.write(e.getValue());
      }
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a ByteArrayOutputStream does not fail
    }
    return bytes.toByteArray();
  }

  private static void value(DataOutputStream out, JsonNode node) throws IOException {
    if (node.isObject()) {
      List<Map.Entry<String, JsonNode>> fields = new ArrayList<>(node.properties());
      fields.sort(Map.Entry.comparingByKey());
      out.writeByte('O');
      out.writeInt(fields.size());
      for (Map.Entry<String, JsonNode> field : fields) {
        string(out, field.getKey());
        value(out, field.getValue());
      }
    } else if (node.isArray()) {
      out.writeByte('A');
      out.writeInt(node.size());
      for (JsonNode element : node) {
        value(out, element);
      }
    } else if (node.isNull()) {
      out.writeByte('Z');
    } else if (node.isBoolean()) {
      out.writeByte(node.booleanValue() ? 'T' : 'F');
    } else if (node.isNumber()) {
      out.writeByte('N');
      string(out, node.asText());
    } else {
      out.writeByte('S');
      string(out, node.asText());
    }
  }

  private static void string(DataOutputStream out, String s) throws IOException {
    out.writeInt(s.length());
    out.writeChars(s);
  }
}
