package io.github.docuelevate.onedrive.internal.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.docuelevate.onedrive.Secret;
import java.security.SecureRandom;
import org.junit.jupiter.api.Test;

class PkceTest {
  @Test
  void challenge_matchesRfc7636AppendixB() {
    // RFC 7636, Appendix B: the S256 example.
    Secret verifier = Secret.of("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk");

    assertThat(Pkce.challenge(verifier)).isEqualTo("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM");
  }

  @Test
  void newVerifier_hasFortyThreeUnreservedCharactersAndVaries() {
    SecureRandom random = new SecureRandom();
    Secret first = Pkce.newVerifier(random);

    assertThat(first.reveal()).matches("[A-Za-z0-9_-]{43}");
    assertThat(Pkce.newVerifier(random)).isNotEqualTo(first);
  }
}
