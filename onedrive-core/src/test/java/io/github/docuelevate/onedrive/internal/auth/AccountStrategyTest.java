package io.github.docuelevate.onedrive.internal.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.docuelevate.onedrive.AccountType;
import io.github.docuelevate.onedrive.ConfigurationException;
import io.github.docuelevate.onedrive.DriveTarget;
import org.junit.jupiter.api.Test;

class AccountStrategyTest {
  private static final String GRAPH = "https://graph.microsoft.com/.default";

  @Test
  void delegatedStrategies_defaultToMeAndAskForOfflineAccess() {
    for (AccountType type : new AccountType[] {AccountType.PERSONAL, AccountType.WORK_OR_SCHOOL}) {
      AccountStrategy strategy = AccountStrategy.of(type);
      assertThat(strategy.type()).isEqualTo(type);
      assertThat(strategy.delegated()).isTrue();
      assertThat(strategy.drivePath(null)).isEqualTo("/me/drive");
      assertThat(strategy.scopes(GRAPH)).containsExactlyInAnyOrder(GRAPH, "offline_access");
    }
  }

  @Test
  void drivePath_encodesEachKindOfTarget() {
    AccountStrategy work = AccountStrategy.of(AccountType.WORK_OR_SCHOOL);

    assertThat(work.drivePath(new DriveTarget.User("alice@contoso.com")))
        .isEqualTo("/users/alice@contoso.com/drive");
    assertThat(work.drivePath(new DriveTarget.Drive("b!a/b c"))).isEqualTo("/drives/b!a%2Fb%20c");
    assertThat(work.drivePath(new DriveTarget.Site("contoso.sharepoint.com,1,2")))
        .isEqualTo("/sites/contoso.sharepoint.com,1,2/drive");
  }

  @Test
  void appOnly_refusesMeBeforeAnyRequestAndAsksOnlyForDefaultScope() {
    AccountStrategy appOnly = AccountStrategy.of(AccountType.APP_ONLY);

    assertThat(appOnly.delegated()).isFalse();
    assertThat(appOnly.scopes(GRAPH)).containsExactly(GRAPH);
    assertThatThrownBy(() -> appOnly.drivePath(DriveTarget.me()))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("/me");
    assertThatThrownBy(() -> appOnly.drivePath(null)).isInstanceOf(ConfigurationException.class);
    assertThat(appOnly.drivePath(new DriveTarget.Drive("b!x"))).isEqualTo("/drives/b!x");
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
