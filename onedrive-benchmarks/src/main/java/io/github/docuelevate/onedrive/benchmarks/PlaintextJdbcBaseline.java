package io.github.docuelevate.onedrive.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.docuelevate.onedrive.IntegrationKey;
import io.github.docuelevate.onedrive.Secret;
import io.github.docuelevate.onedrive.spi.StoredIntegration;
import io.github.docuelevate.onedrive.spi.StoredIntegration.SecretField;
import io.github.docuelevate.onedrive.store.crypto.RecordCodec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * The baseline for the JDBC store: the same table, the same statements (one connection per call,
 * SELECT by key, UPDATE with the version check) and the same metadata JSON, but the secret columns
 * hold plain UTF-8. Exists only to measure what encryption costs; never use it to keep tokens.
 */
final class PlaintextJdbcBaseline implements BaselineStore {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final DataSource dataSource;
  private final String table;

  PlaintextJdbcBaseline(DataSource dataSource, String table) {
    this.dataSource = dataSource;
    this.table = table;
  }

  @Override
  public List<Object> read(IntegrationKey key) {
    String sql =
        "SELECT record_version, key_id, metadata, refresh_token, client_secret, code_verifier FROM "
            + table
            + " WHERE owner = ? AND integration_id = ?";
    try (Connection c = dataSource.getConnection();
        PreparedStatement s = c.prepareStatement(sql)) {
      s.setString(1, key.owner());
      s.setString(2, key.integrationId());
      try (ResultSet rs = s.executeQuery()) {
        List<Object> values = new ArrayList<>();
        if (rs.next()) {
          values.add(rs.getLong(1));
          JsonNode metadata = JSON.readTree(rs.getString(3));
          values.add(metadata);
          for (int i = 4; i <= 6; i++) {
            byte[] plain = rs.getBytes(i);
            if (plain != null) {
              values.add(Secret.of(new String(plain, StandardCharsets.UTF_8)));
            }
          }
        }
        return values;
      }
    } catch (SQLException | IOException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public boolean compareAndSet(long expectedVersion, StoredIntegration record) {
    String sql =
        "UPDATE "
            + table
            + " SET record_version = ?, key_id = ?, metadata = ?, refresh_token = ?,"
            + " client_secret = ?, code_verifier = ?"
            + " WHERE owner = ? AND integration_id = ? AND record_version = ?";
    try (Connection c = dataSource.getConnection();
        PreparedStatement s = c.prepareStatement(sql)) {
      s.setLong(1, record.version());
      s.setLong(2, 0);
      s.setString(3, RecordCodec.metadata(record));
      Map<SecretField, Secret> secrets = record.secrets();
      int i = 4;
      for (SecretField field : SecretField.values()) {
        Secret secret = secrets.get(field);
        if (secret == null) {
          s.setNull(i++, Types.VARBINARY);
        } else {
          s.setBytes(i++, secret.reveal().getBytes(StandardCharsets.UTF_8));
        }
      }
      s.setString(7, record.key().owner());
      s.setString(8, record.key().integrationId());
      s.setLong(9, expectedVersion);
      return s.executeUpdate() == 1;
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}
