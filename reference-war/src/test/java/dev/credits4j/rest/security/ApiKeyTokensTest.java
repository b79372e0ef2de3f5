package dev.credits4j.rest.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ApiKeyTokensTest {

  @Test
  void aGeneratedKeyParsesBackAndMatchesOnlyItsOwnHash() {
    ApiKeyTokens.Parts parts = ApiKeyTokens.generate();
    String token = parts.token();
    assertThat(token).hasSize(ApiKeyTokens.LENGTH).matches("c4j_[0-9a-f]{24}_[A-Za-z0-9_-]{43}");
    assertThat(ApiKeyTokens.parse(token)).isEqualTo(parts);
    String hash = ApiKeyTokens.hash(parts);
    assertThat(hash).matches("[0-9a-f]{64}").doesNotContain(parts.secret());
    assertThat(ApiKeyTokens.matches(parts, hash)).isTrue();
    ApiKeyTokens.Parts other = new ApiKeyTokens.Parts(parts.id(), flip(parts.secret()));
    assertThat(ApiKeyTokens.matches(other, hash)).isFalse();
    assertThat(parts.toString()).doesNotContain(parts.secret());
  }

  @Test
  void keysAreDistinct() {
    Set<String> ids = new HashSet<>();
    Set<String> secrets = new HashSet<>();
    for (int i = 0; i < 1000; i++) {
      ApiKeyTokens.Parts p = ApiKeyTokens.generate();
      ids.add(p.id());
      secrets.add(p.secret());
    }
    assertThat(ids).hasSize(1000);
    assertThat(secrets).hasSize(1000);
  }

  @Test
  void anythingNotOfTheFormatIsNoKey() {
    String token = ApiKeyTokens.generate().token();
    assertThat(ApiKeyTokens.parse(null)).isNull();
    assertThat(ApiKeyTokens.parse("")).isNull();
    assertThat(ApiKeyTokens.parse(token + "x")).isNull();
    assertThat(ApiKeyTokens.parse(token.substring(1))).isNull();
    assertThat(ApiKeyTokens.parse("x" + token.substring(1))).isNull();
    assertThat(ApiKeyTokens.parse(token.substring(0, 4) + "G" + token.substring(5))).isNull();
    assertThat(ApiKeyTokens.parse(token.substring(0, 28) + "-" + token.substring(29))).isNull();
    assertThat(ApiKeyTokens.parse(token.substring(0, 40) + "=" + token.substring(41))).isNull();
  }

  private static String flip(String s) {
    char c = s.charAt(0);
    return (c == 'A' ? 'B' : 'A') + s.substring(1);
  }
}
