package io.github.docuelevate.onedrive.internal.auth;

import io.github.docuelevate.onedrive.AccountType;
import io.github.docuelevate.onedrive.DriveTarget;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/** A work or school account, signing in as a user of an Entra tenant: refresh token. */
final class WorkOrSchoolAccountStrategy implements AccountStrategy {
  static final WorkOrSchoolAccountStrategy INSTANCE = new WorkOrSchoolAccountStrategy();

  private WorkOrSchoolAccountStrategy() {}

  @Override
  public AccountType type() {
    return AccountType.WORK_OR_SCHOOL;
  }

  @Override
  public void check(String tenant, @Nullable DriveTarget target, List<String> problems) {
    String lower = tenant.toLowerCase(Locale.ROOT);
    if (lower.equals(Tenants.CONSUMERS) || lower.equals(Tenants.PERSONAL_ACCOUNTS_TENANT_ID)) {
      problems.add(
          "work or school accounts cannot sign in through the personal-accounts tenant '"
              + tenant
              + "'; use the tenant id, a verified domain, 'organizations' or 'common'");
    }
  }

  @Override
  public String toString() {
    return "WorkOrSchoolAccountStrategy";
  }
}
