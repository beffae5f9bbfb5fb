package io.github.docuelevate.onedrive.testkit;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Objects;
import java.util.UUID;

/**
 * A user of the fake identity platform: a personal Microsoft account or a work or school account in
 * a tenant. Ids are derived from the user principal name unless given, so seeded data is the same
 * on every run.
 *
 * @param kind personal or work/school
 * @param objectId the user's object id ({@code oid} claim, Graph user id)
 * @param tenantId the home tenant ({@link #PERSONAL_TENANT_ID} for personal accounts)
 * @param userPrincipalName the sign-in name ({@code preferred_username}), e.g. {@code
 *     alice@contoso.com}
 * @param displayName the display name ({@code name} claim)
 */
public record FakeUser(
    Kind kind, String objectId, String tenantId, String userPrincipalName, String displayName) {

  /** The tenant id Microsoft uses for all personal Microsoft accounts. */
  public static final String PERSONAL_TENANT_ID = "9188040d-6c67-4c5b-b112-36a304b66dad";

  /** The kinds of accounts. */
  public enum Kind {
    /** A personal Microsoft account (outlook.com, live.com). */
    PERSONAL,
    /** A work or school account in a Microsoft Entra tenant. */
    WORK_OR_SCHOOL
  }

  /**
   * Validates the user.
   *
   * @throws IllegalArgumentException if a field is blank, the UPN has no {@code @}, or a personal
   *     user is not in {@link #PERSONAL_TENANT_ID} (or a work user is)
   */
  public FakeUser {
    Objects.requireNonNull(kind, "kind");
    requireText(objectId, "objectId");
    requireText(tenantId, "tenantId");
    requireText(userPrincipalName, "userPrincipalName");
    requireText(displayName, "displayName");
    if (userPrincipalName.indexOf('@') <= 0 || userPrincipalName.endsWith("@")) {
      throw new IllegalArgumentException(
          "userPrincipalName must look like name@domain: " + userPrincipalName);
    }
    if ((kind == Kind.PERSONAL) != tenantId.equals(PERSONAL_TENANT_ID)) {
      throw new IllegalArgumentException(
          "personal accounts live in tenant " + PERSONAL_TENANT_ID + " and only they do");
    }
  }

  /**
   * Creates a personal Microsoft account.
   *
   * @param userPrincipalName e.g. {@code alice@outlook.com}
   * @param displayName e.g. {@code Alice}
   * @return the user, with an object id derived from the UPN
   */
  public static FakeUser personal(String userPrincipalName, String displayName) {
    return new FakeUser(
        Kind.PERSONAL,
        derivedId("user:" + userPrincipalName),
        PERSONAL_TENANT_ID,
        userPrincipalName,
        displayName);
  }

  /**
   * Creates a work or school account in the tenant that owns the UPN's domain; the tenant id is
   * derived from the domain, so users of one domain share a tenant.
   *
   * @param userPrincipalName e.g. {@code bob@contoso.onmicrosoft.com}
   * @param displayName e.g. {@code Bob}
   * @return the user
   */
  public static FakeUser work(String userPrincipalName, String displayName) {
    requireText(userPrincipalName, "userPrincipalName");
    int at = userPrincipalName.indexOf('@');
    String domain = at < 0 ? userPrincipalName : userPrincipalName.substring(at + 1);
    return work(userPrincipalName, displayName, tenantIdForDomain(domain));
  }

  /**
   * Creates a work or school account in a given tenant.
   *
   * @param userPrincipalName e.g. {@code bob@contoso.com}
   * @param displayName e.g. {@code Bob}
   * @param tenantId the tenant's GUID
   * @return the user
   */
  public static FakeUser work(String userPrincipalName, String displayName, String tenantId) {
    return new FakeUser(
        Kind.WORK_OR_SCHOOL,
        derivedId("user:" + userPrincipalName),
        tenantId,
        userPrincipalName,
        displayName);
  }

  /**
   * Returns the tenant id {@link #work(String, String)} derives for a domain.
   *
   * @param domain e.g. {@code contoso.onmicrosoft.com}
   * @return a stable GUID for that domain
   */
  public static String tenantIdForDomain(String domain) {
    return derivedId("tenant:" + domain.toLowerCase(Locale.ROOT));
  }

  /** Returns the domain part of the user principal name, lower case. */
  public String domain() {
    return userPrincipalName.substring(userPrincipalName.indexOf('@') + 1).toLowerCase(Locale.ROOT);
  }

  /** Returns whether this is a personal Microsoft account. */
  public boolean personal() {
    return kind == Kind.PERSONAL;
  }

  private static String derivedId(String seed) {
    return UUID.nameUUIDFromBytes(seed.getBytes(StandardCharsets.UTF_8)).toString();
  }

  private static void requireText(String value, String name) {
    Objects.requireNonNull(value, name);
    if (value.isBlank()) {
      throw new IllegalArgumentException(name + " must not be blank");
    }
  }
}
