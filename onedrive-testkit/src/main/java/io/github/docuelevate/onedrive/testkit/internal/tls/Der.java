package io.github.docuelevate.onedrive.testkit.internal.tls;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;

/** Just enough DER (ITU-T X.690) encoding to write an X.509 v3 certificate. */
final class Der {
  private Der() {}

  static byte[] tlv(int tag, byte[]... contents) {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    for (byte[] c : contents) {
      body.writeBytes(c);
    }
    byte[] value = body.toByteArray();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(tag);
    int length = value.length;
    if (length < 0x80) {
      out.write(length);
    } else {
      byte[] len = BigInteger.valueOf(length).toByteArray();
      int start = len[0] == 0 ? 1 : 0;
      out.write(0x80 | (len.length - start));
      out.write(len, start, len.length - start);
    }
    out.writeBytes(value);
    return out.toByteArray();
  }

  static byte[] sequence(byte[]... contents) {
    return tlv(0x30, contents);
  }

  static byte[] set(byte[]... contents) {
    return tlv(0x31, contents);
  }

  static byte[] integer(BigInteger value) {
    return tlv(0x02, value.toByteArray());
  }

  static byte[] nul() {
    return new byte[] {0x05, 0x00};
  }

  static byte[] bitString(byte[] bytes) {
    byte[] withUnused = new byte[bytes.length + 1];
    System.arraycopy(bytes, 0, withUnused, 1, bytes.length);
    return tlv(0x03, withUnused);
  }

  static byte[] octetString(byte[] bytes) {
    return tlv(0x04, bytes);
  }

  static byte[] utf8(String text) {
    return tlv(0x0c, text.getBytes(StandardCharsets.UTF_8));
  }

  static byte[] utcTime(String yymmddhhmmssz) {
    return tlv(0x17, yymmddhhmmssz.getBytes(StandardCharsets.US_ASCII));
  }

  static byte[] bool(boolean value) {
    return new byte[] {0x01, 0x01, (byte) (value ? 0xff : 0x00)};
  }

  /** Context-specific tag; constructed for explicit tagging, primitive for implicit. */
  static byte[] context(int number, boolean constructed, byte[]... contents) {
    return tlv(0x80 | (constructed ? 0x20 : 0) | number, contents);
  }

  static byte[] oid(String dotted) {
    String[] parts = dotted.split("\\.");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(Integer.parseInt(parts[0]) * 40 + Integer.parseInt(parts[1]));
    for (int i = 2; i < parts.length; i++) {
      long value = Long.parseLong(parts[i]);
      byte[] buffer = new byte[10];
      int n = 0;
      do {
        buffer[n++] = (byte) (value & 0x7f);
        value >>>= 7;
      } while (value != 0);
      for (int j = n - 1; j >= 0; j--) {
        out.write(buffer[j] | (j == 0 ? 0 : 0x80));
      }
    }
    return tlv(0x06, out.toByteArray());
  }
}
