package io.github.docuelevate.onedrive.internal.auth;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What a tenant may be: {@code common}, {@code organizations}, {@code consumers}, a GUID, a domain.
 */
public final class Tenants {
  /** Any Microsoft account, personal or work/school. */
  public static final String COMMON = "common";

  /** Work or school accounts only. */
  public static final String ORGANIZATIONS = "organizations";

  /** Personal Microsoft accounts only. */
  public static final String CONSUMERS = "consumers";

  /** The tenant id Microsoft uses for every personal account ({@code tid}/{@code utid}). */
  public static final String PERSONAL_ACCOUNTS_TENANT_ID = "9188040d-6c67-4c5b-b112-36a304b66dad";

  private static final Set<String> MULTI_TENANT = Set.of(COMMON, ORGANIZATIONS, CONSUMERS);
  private static final Pattern GUID =
      Pattern.compile(
          "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
  private static final Pattern DOMAIN =
      Pattern.compile(
          "(?=.{4,253}$)([a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?\\.)+[a-zA-Z]{2,63}");

  private Tenants() {}

  /**
   * Returns whether the text is a tenant Microsoft accepts in an authority.
   *
   * @param tenant the candidate
   * @return {@code true} for {@code common}, {@code organizations}, {@code consumers}, a GUID or a
   *     domain name
   */
  public static boolean isValid(String tenant) {
    return MULTI_TENANT.contains(tenant.toLowerCase(Locale.ROOT))
        || GUID.matcher(tenant).matches()
        || DOMAIN.matcher(tenant).matches();
  }

  /**
   * Returns whether the tenant names one directory (a GUID or a domain), as client credentials
   * need.
   *
   * @param tenant a valid tenant
   * @return {@code false} for {@code common}, {@code organizations} and {@code consumers}
   */
  public static boolean isSpecific(String tenant) {
    return !MULTI_TENANT.contains(tenant.toLowerCase(Locale.ROOT));
  }

  /**
   * Returns whether personal Microsoft accounts can sign in with the tenant.
   *
   * @param tenant a valid tenant
   * @return {@code true} for {@code common} and {@code consumers}
   */
  public static boolean acceptsPersonalAccounts(String tenant) {
    String lower = tenant.toLowerCase(Locale.ROOT);
    return lower.equals(COMMON)
        || lower.equals(CONSUMERS)
        || lower.equals(PERSONAL_ACCOUNTS_TENANT_ID);
  }
}
