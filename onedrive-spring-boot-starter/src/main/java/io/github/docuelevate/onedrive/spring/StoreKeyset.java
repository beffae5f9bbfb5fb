package io.github.docuelevate.onedrive.spring;

import io.github.docuelevate.onedrive.ConfigurationException;
import io.github.docuelevate.onedrive.store.crypto.CleartextKeyset;
import io.github.docuelevate.onedrive.store.crypto.Keysets;
import io.github.docuelevate.onedrive.store.crypto.RecordEncryption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.core.env.Environment;

/**
 * Reads the store's keyset from exactly one of {@code onedrive.store.keyset}, {@code
 * onedrive.store.keyset-file} or the variable named by {@code onedrive.store.keyset-variable}.
 * Applications with a keyset encrypted by a key-management service define their own {@link
 * RecordEncryption} bean instead ({@link Keysets#parseEncrypted}).
 */
final class StoreKeyset {
  private StoreKeyset() {}

  /**
   * Loads the keyset.
   *
   * @throws ConfigurationException naming every problem; never the keyset's text
   */
  static RecordEncryption load(OneDriveProperties.Store store, Environment environment) {
    List<String> sources = new ArrayList<>();
    String text = store.getKeyset();
    Path file = store.getKeysetFile();
    String variable = store.getKeysetVariable();
    if (text != null && !text.isBlank()) {
      sources.add("onedrive.store.keyset");
    }
    if (file != null) {
      sources.add("onedrive.store.keyset-file");
    }
    if (variable != null && !variable.isBlank()) {
      sources.add("onedrive.store.keyset-variable");
    }
    if (sources.isEmpty()) {
      throw new ConfigurationException(
          "the token store has no keyset: set onedrive.store.keyset (ONEDRIVE_STORE_KEYSET),"
              + " onedrive.store.keyset-file or onedrive.store.keyset-variable, or define a"
              + " RecordEncryption bean (`onedrive keys generate` creates a keyset)");
    }
    if (sources.size() > 1) {
      throw new ConfigurationException(
          "the token store's keyset is set more than once (" + String.join(", ", sources) + ")");
    }
    try {
      if (file != null) {
        return RecordEncryption.of(Keysets.readCleartext(file, CleartextKeyset.ACCEPT_UNPROTECTED));
      }
      String json = text != null && !text.isBlank() ? text : fromVariable(environment, variable);
      return RecordEncryption.of(Keysets.parseCleartext(json, CleartextKeyset.ACCEPT_UNPROTECTED));
    } catch (IllegalArgumentException e) {
      // Keysets' messages never contain key material.
      throw new ConfigurationException(
          "the token store's keyset (" + sources.get(0) + ") is unusable: " + e.getMessage());
    }
  }

  private static String fromVariable(Environment environment, @Nullable String variable) {
    String name = variable == null ? "" : variable.strip();
    String value = environment.getProperty(name);
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException("the variable " + name + " is not set");
    }
    return value;
  }
}
