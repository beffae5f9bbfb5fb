package io.github.docuelevate.onedrive.internal.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.docuelevate.onedrive.AccountType;
import io.github.docuelevate.onedrive.DriveTarget;
import org.junit.jupiter.api.Test;

class AccountStrategyTest {
  private static final String GRAPH = "https://graph.microsoft.com/.default";

  @Test
  void delegatedStrategies_askForOfflineAccess() {
    for (AccountType type : new AccountType[] {AccountType.PERSONAL, AccountType.WORK_OR_SCHOOL}) {
      AccountStrategy strategy = AccountStrategy.of(type);
      assertThat(strategy.type()).isEqualTo(type);
      assertThat(strategy.delegated()).isTrue();
      assertThat(strategy.scopes(GRAPH)).containsExactlyInAnyOrder(GRAPH, "offline_access");
    }
  }

  @Test
  void appOnly_asksOnlyForDefaultScope() {
    AccountStrategy appOnly = AccountStrategy.of(AccountType.APP_ONLY);

    assertThat(appOnly.delegated()).isFalse();
    assertThat(appOnly.scopes(GRAPH)).containsExactly(GRAPH);
  }

  @Test
  void infer_choosesFromTheSettings() {
    DriveTarget site = new DriveTarget.Site("s");
    String tenantId = "72f988bf-86f1-41af-91ab-2d7cd011db47";

    assertThat(AccountStrategy.infer(tenantId, false, site, true)).isEqualTo(AccountType.APP_ONLY);
    assertThat(AccountStrategy.infer(tenantId, true, site, true))
        .isEqualTo(AccountType.WORK_OR_SCHOOL);
    assertThat(AccountStrategy.infer(tenantId, false, DriveTarget.me(), true))
        .isEqualTo(AccountType.WORK_OR_SCHOOL);
    assertThat(AccountStrategy.infer("consumers", false, null, false))
        .isEqualTo(AccountType.PERSONAL);
    assertThat(AccountStrategy.infer("common", true, null, true)).isEqualTo(AccountType.PERSONAL);
    assertThat(AccountStrategy.infer("organizations", true, null, true))
        .isEqualTo(AccountType.WORK_OR_SCHOOL);
  }
}
