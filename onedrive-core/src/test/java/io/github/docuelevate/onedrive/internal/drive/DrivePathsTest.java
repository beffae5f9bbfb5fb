package io.github.docuelevate.onedrive.internal.drive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.docuelevate.onedrive.AccountType;
import io.github.docuelevate.onedrive.ConfigurationException;
import io.github.docuelevate.onedrive.DriveTarget;
import org.junit.jupiter.api.Test;

class DrivePathsTest {

  @Test
  void delegatedAccounts_defaultToMe() {
    assertThat(DrivePaths.of(null, AccountType.PERSONAL)).isEqualTo("/me/drive");
    assertThat(DrivePaths.of(null, AccountType.WORK_OR_SCHOOL)).isEqualTo("/me/drive");
  }

  @Test
  void drivePath_encodesEachKindOfTarget() {
    AccountType work = AccountType.WORK_OR_SCHOOL;

    assertThat(DrivePaths.of(new DriveTarget.User("alice@contoso.com"), work))
        .isEqualTo("/users/alice@contoso.com/drive");
    assertThat(DrivePaths.of(new DriveTarget.Drive("b!a/b c"), work))
        .isEqualTo("/drives/b!a%2Fb%20c");
    assertThat(DrivePaths.of(new DriveTarget.Site("contoso.sharepoint.com,1,2"), work))
        .isEqualTo("/sites/contoso.sharepoint.com,1,2/drive");
  }

  @Test
  void appOnly_refusesMeBeforeAnyRequest() {
    assertThatThrownBy(() -> DrivePaths.of(DriveTarget.me(), AccountType.APP_ONLY))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("/me");
    assertThatThrownBy(() -> DrivePaths.of(null, AccountType.APP_ONLY))
        .isInstanceOf(ConfigurationException.class);
    assertThat(DrivePaths.of(new DriveTarget.Drive("b!x"), AccountType.APP_ONLY))
        .isEqualTo("/drives/b!x");
  }
}
