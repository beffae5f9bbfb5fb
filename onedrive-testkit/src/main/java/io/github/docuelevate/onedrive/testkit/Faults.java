package io.github.docuelevate.onedrive.testkit;

import io.github.docuelevate.onedrive.testkit.internal.faults.FaultEngine;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * The fault rules in force. Rules are tried in the order added; the first that fires decides.
 * Cleared by {@link FakeMicrosoft#reset()}. Thread-safe.
 */
public final class Faults {
  private final FaultEngine engine;
  private final FakeIdentity identity;
  private final @Nullable Predicate<String> uploadSessionExpiry;

  Faults(
      FaultEngine engine, FakeIdentity identity, @Nullable Predicate<String> uploadSessionExpiry) {
    this.engine = engine;
    this.identity = identity;
    this.uploadSessionExpiry = uploadSessionExpiry;
  }

  /**
   * Adds a rule after the existing ones.
   *
   * @param rule the rule
   * @return the rule, to remove it or read its count later
   * @throws IllegalStateException if the rule was already added
   */
  public FaultRule add(FaultRule rule) {
    engine.add(rule);
    return rule;
  }

  /**
   * Removes a rule.
   *
   * @param rule the rule
   * @return whether it was in force
   */
  public boolean remove(FaultRule rule) {
    return engine.remove(rule);
  }

  /** Removes every rule. */
  public void clear() {
    engine.clear();
  }

  /** Returns the rules in force, in order. */
  public List<FaultRule> rules() {
    return engine.rules();
  }

  /**
   * Returns how often a rule fired (repeated throttling of early retries included).
   *
   * @param rule the rule
   * @return the count, 0 for a rule not in force
   */
  public int fired(FaultRule rule) {
    return engine.fired(rule);
  }

  /**
   * Takes the token endpoint down: every token request gets 503 {@code temporarily_unavailable}
   * until the returned rule is removed.
   *
   * @return the rule
   */
  public FaultRule tokenEndpointOutage() {
    return add(FaultRule.onTokenEndpoint().outage(Duration.ofSeconds(30)));
  }

  /**
   * Revokes every refresh token issued so far (same as {@link
   * FakeIdentity#revokeAllRefreshTokens()}).
   *
   * @return how many tokens were revoked
   */
  public int revokeRefreshTokens() {
    return identity.revokeAllRefreshTokens();
  }

  /**
   * Expires an upload session now: its upload URL answers 404 from then on.
   *
   * @param uploadUrl the session's {@code uploadUrl}
   * @return whether the session existed
   * @throws IllegalStateException if the fake serves no Graph drive API
   */
  public boolean expireUploadSession(String uploadUrl) {
    if (uploadSessionExpiry == null) {
      throw new IllegalStateException("this fake serves no Graph drive API");
    }
    return uploadSessionExpiry.test(uploadUrl);
  }

  @Override
  public String toString() {
    return "Faults" + rules();
  }
}
