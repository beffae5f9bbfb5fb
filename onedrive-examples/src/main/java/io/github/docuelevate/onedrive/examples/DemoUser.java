package io.github.docuelevate.onedrive.examples;

import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A user of the example application. The list is fixed: the example shows the library, not a user
 * database.
 *
 * @param name the sign-in name, also the owner of the user's integrations
 * @param password the demo password
 * @param admin whether the user may run the system setup wizard
 * @param microsoftLogin the Microsoft account suggested at sign-in (the fake signs it in), or
 *     {@code null} to let Microsoft ask
 */
record DemoUser(String name, String password, boolean admin, @Nullable String microsoftLogin) {

  /** The demo users: an admin and two users. */
  static final List<DemoUser> ALL =
      List.of(
          new DemoUser("admin", "admin-password", true, "bob@contoso.onmicrosoft.com"),
          new DemoUser("alice", "alice-password", false, "alice@outlook.com"),
          new DemoUser("carol", "carol-password", false, "carol@outlook.com"));

  /** Finds the user with that name and password. */
  static Optional<DemoUser> signIn(String name, String password) {
    return ALL.stream()
        .filter(u -> u.name.equals(name) && Sessions.constantTimeEquals(u.password, password))
        .findFirst();
  }

  @Override
  public String toString() {
    return "DemoUser[" + name + "]";
  }
}
