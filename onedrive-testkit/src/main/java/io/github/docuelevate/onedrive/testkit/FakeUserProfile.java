package io.github.docuelevate.onedrive.testkit;

import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What the fake Graph directory answers for a user at {@code /me} and {@code /users/{id | upn}}:
 * Graph's default user properties. Derived from the {@link FakeUser} unless a test changed it with
 * {@link FakeIdentity#updateProfile}: the given name and surname split from the display name at its
 * first space, {@code mail} the user principal name, {@code preferredLanguage} {@code en-US}, the
 * rest empty.
 *
 * @param id the object id (not changeable)
 * @param userPrincipalName the sign-in name (not changeable)
 * @param displayName the display name; also the id token's {@code name} and a drive owner's name
 * @param givenName the first name, or {@code null}
 * @param surname the last name, or {@code null}
 * @param mail the mail address, or {@code null}
 * @param jobTitle the job title, or {@code null}
 * @param officeLocation the office, or {@code null}
 * @param mobilePhone the mobile phone number, or {@code null}
 * @param businessPhones the business phone numbers (Graph shows at most one)
 * @param preferredLanguage e.g. {@code en-US}, or {@code null}
 */
public record FakeUserProfile(
    String id,
    String userPrincipalName,
    String displayName,
    @Nullable String givenName,
    @Nullable String surname,
    @Nullable String mail,
    @Nullable String jobTitle,
    @Nullable String officeLocation,
    @Nullable String mobilePhone,
    List<String> businessPhones,
    @Nullable String preferredLanguage) {

  /**
   * Validates and copies the fields.
   *
   * @throws IllegalArgumentException if the display name is blank
   */
  public FakeUserProfile {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(userPrincipalName, "userPrincipalName");
    Objects.requireNonNull(displayName, "displayName");
    if (displayName.isBlank()) {
      throw new IllegalArgumentException("displayName must not be blank");
    }
    businessPhones = List.copyOf(businessPhones);
  }

  /**
   * Returns the profile the fake starts a user with.
   *
   * @param user the user
   * @return names split from the display name, the UPN as mail, {@code en-US}
   */
  public static FakeUserProfile of(FakeUser user) {
    String name = user.displayName().trim();
    int space = name.indexOf(' ');
    return new FakeUserProfile(
        user.objectId(),
        user.userPrincipalName(),
        user.displayName(),
        space < 0 ? name : name.substring(0, space),
        space < 0 ? null : name.substring(space + 1).trim(),
        user.userPrincipalName(),
        null,
        null,
        null,
        List.of(),
        "en-US");
  }

  /**
   * Returns a copy with other names.
   *
   * @param displayName the display name
   * @param givenName the first name, or {@code null}
   * @param surname the last name, or {@code null}
   * @return the copy
   */
  public FakeUserProfile withNames(
      String displayName, @Nullable String givenName, @Nullable String surname) {
    return new FakeUserProfile(
        id,
        userPrincipalName,
        displayName,
        givenName,
        surname,
        mail,
        jobTitle,
        officeLocation,
        mobilePhone,
        businessPhones,
        preferredLanguage);
  }

  /**
   * Returns a copy with another mail address.
   *
   * @param mail the address, or {@code null}
   * @return the copy
   */
  public FakeUserProfile withMail(@Nullable String mail) {
    return new FakeUserProfile(
        id,
        userPrincipalName,
        displayName,
        givenName,
        surname,
        mail,
        jobTitle,
        officeLocation,
        mobilePhone,
        businessPhones,
        preferredLanguage);
  }

  /**
   * Returns a copy with other job details.
   *
   * @param jobTitle the job title, or {@code null}
   * @param officeLocation the office, or {@code null}
   * @return the copy
   */
  public FakeUserProfile withJob(@Nullable String jobTitle, @Nullable String officeLocation) {
    return new FakeUserProfile(
        id,
        userPrincipalName,
        displayName,
        givenName,
        surname,
        mail,
        jobTitle,
        officeLocation,
        mobilePhone,
        businessPhones,
        preferredLanguage);
  }

  /**
   * Returns a copy with other phone numbers and language.
   *
   * @param mobilePhone the mobile number, or {@code null}
   * @param businessPhones the business numbers
   * @param preferredLanguage e.g. {@code de-DE}, or {@code null}
   * @return the copy
   */
  public FakeUserProfile withContact(
      @Nullable String mobilePhone,
      List<String> businessPhones,
      @Nullable String preferredLanguage) {
    return new FakeUserProfile(
        id,
        userPrincipalName,
        displayName,
        givenName,
        surname,
        mail,
        jobTitle,
        officeLocation,
        mobilePhone,
        businessPhones,
        preferredLanguage);
  }
}
