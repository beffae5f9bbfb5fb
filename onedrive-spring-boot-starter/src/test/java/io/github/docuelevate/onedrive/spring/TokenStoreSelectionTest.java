package io.github.docuelevate.onedrive.spring;

import static io.github.docuelevate.onedrive.spring.StarterTestSupport.KEYSET;
import static io.github.docuelevate.onedrive.spring.StarterTestSupport.rootCause;
import static io.github.docuelevate.onedrive.spring.StarterTestSupport.runner;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.docuelevate.onedrive.ConfigurationException;
import io.github.docuelevate.onedrive.OneDrive;
import io.github.docuelevate.onedrive.spi.TokenStore;
import io.github.docuelevate.onedrive.spi.TokenStoreException;
import io.github.docuelevate.onedrive.store.crypto.Keysets;
import io.github.docuelevate.onedrive.store.crypto.RecordEncryption;
import io.github.docuelevate.onedrive.store.file.FileTokenStore;
import io.github.docuelevate.onedrive.store.jdbc.JdbcTokenStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.UUID;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.FilteredClassLoader;

class TokenStoreSelectionTest {
  @TempDir Path temp;

  private static DataSource h2() {
    JdbcDataSource ds = new JdbcDataSource();
    ds.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    return ds;
  }

  @Test
  void dataSourceAndJdbcStore_giveJdbcTokenStore_schemaCreatedOnRequest() {
    DataSource ds = h2();
    runner()
        .withBean(DataSource.class, () -> ds)
        .withPropertyValues(
            "onedrive.store.keyset=" + KEYSET,
            "onedrive.store.jdbc.create-schema=true",
            "onedrive.store.jdbc.table-prefix=app_onedrive_",
            "onedrive.store.directory=" + temp)
        .run(
            context -> {
              assertThat(context).hasNotFailed();
              assertThat(context.getBean(TokenStore.class)).isInstanceOf(JdbcTokenStore.class);
              try (Connection c = ds.getConnection();
                  ResultSet tables =
                      c.getMetaData().getTables(null, null, "APP_ONEDRIVE_%", null)) {
                assertThat(tables.next()).isTrue();
              }
              assertThat(context.getBean(OneDrive.class).systemIntegration().key())
                  .isEqualTo(OneDrive.SYSTEM_INTEGRATION);
            });
  }

  @Test
  void jdbcStore_withoutSchemaCreation_failsWhenTablesAreMissing() {
    runner()
        .withBean(DataSource.class, TokenStoreSelectionTest::h2)
        .withPropertyValues("onedrive.store.keyset=" + KEYSET)
        .run(
            context -> {
              assertThat(context).hasFailed();
              assertThat(rootCause(context.getStartupFailure()))
                  .isInstanceOf(TokenStoreException.class);
            });
  }

  @Test
  void noDataSource_givesFileTokenStoreInTheDirectory() {
    Path dir = temp.resolve("store");
    runner()
        .withPropertyValues("onedrive.store.keyset=" + KEYSET, "onedrive.store.directory=" + dir)
        .run(
            context -> {
              assertThat(context).hasNotFailed();
              assertThat(context.getBean(TokenStore.class)).isInstanceOf(FileTokenStore.class);
              assertThat(dir.resolve("store.json")).exists();
            });
  }

  @Test
  void jdbcStoreNotOnClasspath_givesFileTokenStoreDespiteDataSource() {
    runner()
        .withClassLoader(new FilteredClassLoader(JdbcTokenStore.class))
        .withBean(DataSource.class, TokenStoreSelectionTest::h2)
        .withPropertyValues("onedrive.store.keyset=" + KEYSET, "onedrive.store.directory=" + temp)
        .run(
            context ->
                assertThat(context.getBean(TokenStore.class)).isInstanceOf(FileTokenStore.class));
  }

  @Test
  void storeTypeFile_winsOverADataSource() {
    runner()
        .withBean(DataSource.class, TokenStoreSelectionTest::h2)
        .withPropertyValues(
            "onedrive.store.type=file",
            "onedrive.store.keyset=" + KEYSET,
            "onedrive.store.directory=" + temp)
        .run(
            context ->
                assertThat(context.getBean(TokenStore.class)).isInstanceOf(FileTokenStore.class));
  }

  @Test
  void storeTypeMemory_givesTheInMemoryStore() {
    runner()
        .withBean(DataSource.class, TokenStoreSelectionTest::h2)
        .withPropertyValues("onedrive.store.type=memory")
        .run(
            context ->
                assertThat(context.getBean(TokenStore.class).getClass().getSimpleName())
                    .isEqualTo("InMemoryTokenStore"));
  }

  @Test
  void fileStore_withoutKeysetOrDirectory_listsBothProblems() {
    runner()
        .run(
            context -> {
              assertThat(StarterTestSupport.startupProblems(context))
                  .hasSize(2)
                  .anySatisfy(p -> assertThat(p).contains("onedrive.store.directory"))
                  .anySatisfy(p -> assertThat(p).contains("no keyset"));
            });
  }

  @Test
  void jdbcStore_withoutKeyset_failsNamingTheKeysetSettings() {
    runner()
        .withBean(DataSource.class, TokenStoreSelectionTest::h2)
        .withPropertyValues("onedrive.store.jdbc.create-schema=true")
        .run(
            context -> {
              assertThat(context).hasFailed();
              assertThat(rootCause(context.getStartupFailure()))
                  .isInstanceOf(ConfigurationException.class)
                  .hasMessageContaining("onedrive.store.keyset")
                  .hasMessageContaining("onedrive.store.keyset-file")
                  .hasMessageContaining("onedrive.store.keyset-variable");
            });
  }

  @Test
  void keyset_fromFileOrVariable() throws Exception {
    Path file = Files.writeString(temp.resolve("keyset.json"), KEYSET);
    runner()
        .withPropertyValues(
            "onedrive.store.keyset-file=" + file, "onedrive.store.directory=" + temp.resolve("a"))
        .run(
            context ->
                assertThat(context.getBean(TokenStore.class)).isInstanceOf(FileTokenStore.class));
    runner()
        .withPropertyValues(
            "APP_KEYSET=" + KEYSET,
            "onedrive.store.keyset-variable=APP_KEYSET",
            "onedrive.store.directory=" + temp.resolve("b"))
        .run(
            context ->
                assertThat(context.getBean(TokenStore.class)).isInstanceOf(FileTokenStore.class));
  }

  @Test
  void keyset_setTwiceOrUnreadable_isAProblemWithoutKeyMaterial() throws Exception {
    Path file = Files.writeString(temp.resolve("keyset.json"), KEYSET);
    runner()
        .withPropertyValues(
            "onedrive.store.keyset=" + KEYSET,
            "onedrive.store.keyset-file=" + file,
            "onedrive.store.directory=" + temp)
        .run(
            context ->
                assertThat(rootCause(context.getStartupFailure()))
                    .hasMessageContaining("set more than once")
                    .hasMessageNotContaining(KEYSET));
    runner()
        .withPropertyValues(
            "onedrive.store.keyset={\"not\":\"a keyset\"}", "onedrive.store.directory=" + temp)
        .run(
            context ->
                assertThat(rootCause(context.getStartupFailure()))
                    .isInstanceOf(ConfigurationException.class)
                    .hasMessageContaining("onedrive.store.keyset")
                    .hasMessageContaining("unusable"));
  }

  @Test
  void noStoreModuleAtAll_failsWithWhatToAdd() {
    runner()
        .withClassLoader(new FilteredClassLoader(JdbcTokenStore.class, FileTokenStore.class))
        .run(
            context -> {
              assertThat(context).hasFailed();
              assertThat(rootCause(context.getStartupFailure()))
                  .isInstanceOf(ConfigurationException.class)
                  .hasMessageContaining("no token store")
                  .hasMessageContaining("onedrive-store-jdbc");
            });
  }

  @Test
  void applicationRecordEncryption_isUsedForTheStore() {
    RecordEncryption own = RecordEncryption.of(Keysets.generate());
    runner()
        .withBean(RecordEncryption.class, () -> own)
        .withPropertyValues("onedrive.store.directory=" + temp)
        .run(
            context -> {
              assertThat(context).hasNotFailed();
              assertThat(context.getBean(TokenStore.class)).isInstanceOf(FileTokenStore.class);
            });
  }
}
