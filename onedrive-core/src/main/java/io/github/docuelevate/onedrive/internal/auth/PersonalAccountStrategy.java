package io.github.docuelevate.onedrive.internal.auth;

import io.github.docuelevate.onedrive.AccountType;
import io.github.docuelevate.onedrive.DriveTarget;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** A personal Microsoft account: tenant {@code common} or {@code consumers}, refresh token. */
final class PersonalAccountStrategy implements AccountStrategy {
  static final PersonalAccountStrategy INSTANCE = new PersonalAccountStrategy();

  private PersonalAccountStrategy() {}

  @Override
  public AccountType type() {
    return AccountType.PERSONAL;
  }

  @Override
  public void check(String tenant, @Nullable DriveTarget target, List<String> problems) {
    if (!Tenants.acceptsPersonalAccounts(tenant)) {
      problems.add(
          "personal Microsoft accounts sign in through tenant 'common' or 'consumers', not '"
              + tenant
              + "'");
    }
  }

  @Override
  public String toString() {
    return "PersonalAccountStrategy";
  }
}
